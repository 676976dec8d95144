"""The program builder in a real browser: search the library, add, reorder, change a dose,
see what a ticked condition leaves out and why, choose it anyway, save."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from backcare.programs.models import Program
from tests.browser.conftest import guarded_page, serious_axe_violations
from tests.browser.waiting import wait_until
from tests.programs.clinic.conftest import make_clinician

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in_page(browser: Any, live_server: Any, **options: Any) -> Any:
    user = make_clinician("ana@clinic.example", "Riverside Physio", "Ana Ruiz")
    client = Client()
    client.force_login(user)
    cookie = client.cookies["backcare_session"].value
    manager = guarded_page(browser, live_server, viewport={"width": 1280, "height": 2000},
                           **options)
    page = manager.__enter__()
    page.context.add_cookies([{"name": "backcare_session", "value": cookie,
                               "url": live_server.url}])
    return manager, page


def order(page: Any) -> list[str]:
    return page.locator("#builder-items > .builder-item").evaluate_all(
        "rows => rows.map(row => row.dataset.exercise)")


def add(page: Any, search: str, slug: str) -> None:
    page.get_by_label("Search by name or description").fill(search)
    entry = page.locator(f'.library-exercise[data-slug="{slug}"]')
    entry.get_by_role("button").click()


def drag(page: Any, handle: Any, target: Any) -> None:
    """Press on the handle and move to the target in small steps, as a hand would."""
    start, end = handle.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(start["x"] + 5, start["y"] + 5, steps=3)
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=10)
    page.mouse.up()


def test_build_a_program_in_the_browser(browser: Any, live_server: Any) -> None:
    manager, page = signed_in_page(browser, live_server)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto("/clinic/programs/new/")
        page.get_by_label("Title").fill("Back care at home")
        page.get_by_label("Days a week").fill("4")

        # The search narrows the list as one types; nothing is posted.
        page.get_by_label("Search by name or description").fill("bridge")
        assert page.locator(".library-exercise:visible").count() == 1
        add(page, "bridge", "bridge")
        add(page, "cat", "cat-cow")
        add(page, "pelvic tilt", "pelvic-tilt")
        assert order(page) == ["bridge", "cat-cow", "pelvic-tilt"]
        wait_until(page, "() => document.getElementById('builder-status').textContent")
        assert "added to the program" in page.locator("#builder-status").inner_text()

        # Move the last one up; names and buttons follow the new order.
        page.locator('.builder-item[data-exercise="pelvic-tilt"] .item-up').click()
        assert order(page) == ["bridge", "pelvic-tilt", "cat-cow"]
        assert page.locator('input[name="items-1-exercise"]').input_value() == "pelvic-tilt"

        # Drag the first to the end by its handle.
        drag(page, page.locator('.builder-item[data-exercise="bridge"] .item-drag'),
             page.locator('.builder-item[data-exercise="cat-cow"] .item-note'))
        assert order(page) == ["pelvic-tilt", "cat-cow", "bridge"]

        # Change a dose: the input keeps the exercise's bounds.
        reps = page.locator('.builder-item[data-exercise="bridge"] .dose-reps')
        assert reps.get_attribute("min") and reps.get_attribute("max")
        reps.fill("12")

        # Osteoporosis leaves cat/cow out: the builder says so, and why, at once.
        warning = page.locator('.builder-item[data-exercise="cat-cow"] .item-left-out')
        assert warning.is_hidden()
        page.get_by_label("Osteoporosis or long-term steroid use").check()
        assert warning.is_visible()
        assert "osteoporosis" in warning.inner_text()
        assert page.locator('.builder-item[data-exercise="bridge"] .item-left-out').is_hidden()
        assert serious_axe_violations(page) == []

        # Saving without choosing it is refused, with the reason beside the exercise.
        page.get_by_role("button", name="Save the program").click()
        page.wait_for_load_state()
        assert page.locator(".error-summary").is_visible()
        assert not Program.objects.exists()
        assert order(page) == ["pelvic-tilt", "cat-cow", "bridge"]

        page.locator('.builder-item[data-exercise="cat-cow"]').get_by_label(
            "I choose this for this patient").check()
        page.get_by_role("button", name="Save the program").click()
        page.wait_for_url("**/clinic/programs/*/?saved=1")
        assert "Back care at home" in page.get_by_role("heading", level=1).inner_text()
        assert page.locator(".qr svg").count() == 1
        assert serious_axe_violations(page) == []

        version = Program.objects.get().versions.get()
        assert [i["exercise"] for i in version.items] == ["pelvic-tilt", "cat-cow", "bridge"]
        assert version.items[2]["reps"] == 12 and version.items[1]["override"] is True
        assert version.days_per_week == 4 and version.conditions == ["osteoporosis"]
        assert errors == []
    finally:
        manager.__exit__(None, None, None)


def test_the_builder_works_without_script(browser: Any, live_server: Any) -> None:
    manager, page = signed_in_page(browser, live_server, java_script_enabled=False)
    try:
        page.goto("/clinic/programs/new/")
        page.get_by_label("Title").fill("No script needed")
        # Without script every button posts the form and a new page comes back: each click
        # waits for it, so the next step never acts on the page being replaced.
        page.get_by_label("Search by name or description").fill("bridge")
        with page.expect_navigation():
            page.get_by_role("button", name="Show exercises").click()
        assert page.locator(".library-exercise:visible").count() == 1
        with page.expect_navigation():
            page.locator('.library-exercise[data-slug="bridge"]').get_by_role("button").click()
        # The search stays as it was: the list still shows only what it matches.
        assert page.locator(".library-exercise:visible").count() == 1
        page.get_by_label("Search by name or description").fill("")
        with page.expect_navigation():
            page.get_by_role("button", name="Show exercises").click()
        with page.expect_navigation():
            page.locator('.library-exercise[data-slug="cat-cow"]').get_by_role("button").click()
        assert order(page) == ["bridge", "cat-cow"]
        with page.expect_navigation():
            page.locator('.builder-item[data-exercise="cat-cow"] .item-up').click()
        assert order(page) == ["cat-cow", "bridge"]
        assert page.get_by_label("Title").input_value() == "No script needed"
        page.get_by_role("button", name="Save the program").click()
        page.wait_for_url("**/clinic/programs/*/?saved=1")
        version = Program.objects.get().versions.get()
        assert [i["exercise"] for i in version.items] == ["cat-cow", "bridge"]
    finally:
        manager.__exit__(None, None, None)
