"""A person finds their way through the library in a real browser."""

from __future__ import annotations

from typing import Any

import pytest

from backcare.content import Library

from .conftest import serious_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIVE_MINUTE = "back-pain-relief-stretches-5-minute-real-time-routine"


def test_condition_page_to_routine_to_exercise(page: Any, library: Library) -> None:
    page.goto("/")
    page.get_by_role("link", name="Back Pain").first.click()
    page.wait_for_url("**/back-pain/")
    assert page.get_by_role("heading", level=1).inner_text() == "Back Pain"
    for routine in library.routines.values():
        assert page.get_by_role("link", name=routine.title, exact=True).count() >= 1, routine.title
    assert "general education" in page.locator("body").inner_text().lower()

    title = library.routines[FIVE_MINUTE].title
    page.get_by_role("heading", name=title).get_by_role("link").click()
    page.wait_for_url(f"**/routines/{FIVE_MINUTE}/")
    assert page.get_by_role("heading", level=1).inner_text() == title
    body = page.locator("main").inner_text()
    # The reference's order: pelvic tilts first, child's pose and cat/cow last.
    names = [library.exercises[i.exercise].name for i in library.routines[FIVE_MINUTE].items]
    positions = [body.index(n) for n in names]
    assert positions == sorted(positions), names

    page.get_by_role("link", name="Pelvic tilt", exact=True).first.click()
    page.wait_for_url("**/exercises/pelvic-tilt/")
    assert page.get_by_role("heading", level=1).inner_text() == "Pelvic tilt"
    main = page.locator("main").inner_text()
    assert "Seated pelvic tilt" in main  # its seated alternative
    assert title in main  # "used in" lists the routine we came from
    page.get_by_role("link", name="Read the full disclaimer").click()
    page.wait_for_url("**/disclaimer/")


def test_finder_with_no_floor_needed(page: Any, library: Library) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/exercises/")
    page.get_by_label("No floor needed").check()
    page.get_by_role("button", name="Show exercises").click()
    page.wait_for_url("**no_floor=1**")
    shown = {a.get_attribute("href").strip("/").split("/")[-1]
             for a in page.locator("main ol a, main ul a").all()
             if (a.get_attribute("href") or "").startswith("/exercises/")}
    floor_free = {s for s, e in library.exercises.items() if not e.needs_floor}
    assert floor_free and floor_free <= shown, floor_free - shown
    assert not {s for s, e in library.exercises.items() if e.needs_floor} & shown
    no_sideways_scroll = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_sideways_scroll

    page.get_by_label("Search by name or description").fill("prayer")
    page.get_by_label("No floor needed").uncheck()
    page.get_by_role("button", name="Show exercises").click()
    page.wait_for_url("**q=prayer**")
    assert page.get_by_role("link", name="Child's pose").count() == 1  # other names match


@pytest.mark.parametrize("path", [
    "/", "/back-pain/", f"/routines/{FIVE_MINUTE}/", "/routines/dont-crack-your-back/",
    "/exercises/pelvic-tilt/", "/exercises/prone-props/", "/exercises/?no_floor=1", "/disclaimer/",
    "/no-such-page/", "/exercises/demos/", "/history/",
])
@pytest.mark.parametrize("width", [360, 1280])
def test_main_pages_have_no_serious_accessibility_violations(page: Any, path: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path)
    assert page.locator("h1").count() == 1
    assert serious_axe_violations(page) == []
