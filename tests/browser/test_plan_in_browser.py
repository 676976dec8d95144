"""A person fits a routine to themselves in a real browser: screen, profile, plan."""

from __future__ import annotations

import re
from typing import Any

import pytest

from backcare.content import Library

from .conftest import serious_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"
PLAN = f"/routines/{FIVE}/plan/?floor=0&conditions=none-known&minutes=3&pain=4"


def answer_screen(page: Any, yes: int | None = None) -> None:
    """Answer every safety question No (or Yes to question number ``yes``) and submit."""
    groups = page.locator("form fieldset")
    assert groups.count() >= 9
    for i in range(groups.count()):
        groups.nth(i).get_by_label("Yes" if i == yes else "No", exact=True).check()
    with page.expect_navigation():  # the answer is a new page: wait for it before looking
        page.get_by_role("button", name="Check my answers").click()


def total_seconds(text: str) -> int:
    match = re.fullmatch(r"(?:(\d+) min)?\s*(?:(\d+) s)?", text.strip())
    assert match and any(match.groups()), text
    return int(match.group(1) or 0) * 60 + int(match.group(2) or 0)


def test_routine_to_screen_to_profile_to_plan(page: Any, library: Library) -> None:
    page.goto(f"/routines/{FIVE}/")
    page.get_by_role("link", name="Fit this to me").click()
    page.wait_for_url("**/screen/?next=**")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Safety check")
    answer_screen(page)

    page.wait_for_url(f"**/routines/{FIVE}/fit/")
    page.get_by_role("group", name="Can you get down onto the floor").get_by_label("No").check()
    page.get_by_label("None that I know of").check()
    page.get_by_label("Minutes you have").fill("3")
    page.get_by_role("button", name="Show my plan").click()

    page.wait_for_url(f"**/routines/{FIVE}/plan/?floor=0&conditions=none-known&minutes=3")
    assert library.routines[FIVE].title in page.get_by_role("heading", level=1).inner_text()
    changes = page.locator("section", has=page.get_by_role("heading", name="What changed and why"))
    text = changes.inner_text()
    for original, seated in [("pelvic-tilt", "seated-pelvic-tilt"), ("cat-cow", "seated-cat-cow")]:
        assert f"{library.exercises[original].name} → {library.exercises[seated].name}" in text
    assert "Left out so the plan fits in your 3 min" in text
    assert total_seconds(page.locator(".plan-total").inner_text()) <= 180
    assert page.get_by_role("link", name="Start").get_attribute("href").endswith(
        "/play/?floor=0&conditions=none-known&minutes=3")

    # Change my answers: the form comes back as it was filled in.
    page.get_by_role("link", name="Change my answers").click()
    page.wait_for_url("**/fit/?floor=0&conditions=none-known&minutes=3")
    assert page.get_by_label("Minutes you have").input_value() == "3"
    assert page.get_by_role("group", name="Can you get down onto the floor").get_by_label("No").is_checked()


def test_a_yes_gives_advice_and_the_plan_stays_locked(page: Any) -> None:
    page.goto(f"/screen/?next=/routines/{FIVE}/fit/")
    answer_screen(page, yes=0)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Please get medical care")
    assert "emergency department" in page.locator("main").inner_text()
    assert not [c for c in page.context.cookies() if c["name"] == "backcare_screen"]
    page.goto(PLAN)
    page.wait_for_url("**/screen/?next=**")


@pytest.mark.parametrize("width", [360, 1280])
def test_planning_pages_have_no_serious_accessibility_violations(page: Any, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/screen/")
    assert serious_axe_violations(page) == []

    # the screen re-shown with errors (the browser's own required check switched off)
    page.evaluate("document.querySelector('form').noValidate = true")
    with page.expect_navigation():
        page.get_by_role("button", name="Check my answers").click()
    page.get_by_role("alert").wait_for()
    assert page.get_by_role("alert").count() == 1
    assert serious_axe_violations(page) == []

    answer_screen(page, yes=4)  # the advice page
    assert serious_axe_violations(page) == []

    page.goto("/screen/")
    answer_screen(page)
    for url in (PLAN, f"/routines/{FIVE}/fit/", f"/routines/{FIVE}/plan/?floor=2&diagnosis=x",
                "/routines/dont-crack-your-back/plan/?floor=0&conditions=none-known&minutes=1"):
        page.goto(url)
        assert page.locator("h1").count() == 1, url
        assert serious_axe_violations(page) == [], url
        no_sideways_scroll = page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth")
        assert no_sideways_scroll, url
