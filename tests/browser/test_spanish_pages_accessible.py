"""The Spanish pages: axe finds no serious or critical violation, <html lang="es">, and
the language switcher keeps the page."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import serious_axe_violations
from .player_helpers import FIVE_MINUTE, open_player, pass_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/es/", "/es/back-pain/", f"/es/routines/{FIVE_MINUTE}/", "/es/routines/dont-crack-your-back/",
    "/es/exercises/pelvic-tilt/", "/es/exercises/prone-props/", "/es/exercises/?no_floor=1",
    "/es/disclaimer/", "/es/no-such-page/", "/es/exercises/demos/", "/es/history/",
    "/es/screen/", f"/es/routines/{FIVE_MINUTE}/fit/",
]


@pytest.mark.parametrize("path", PAGES)
def test_spanish_pages_have_no_serious_accessibility_violations(page: Any, path: str) -> None:
    page.set_viewport_size({"width": 360, "height": 900})
    page.goto(path)
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").count() == 1
    assert serious_axe_violations(page) == []


def test_the_spanish_plan_and_player_have_no_serious_violations(page: Any,
                                                                live_server: Any) -> None:
    pass_the_screen(page, live_server)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"/es/routines/{FIVE_MINUTE}/plan/?floor=0&conditions=none-known&minutes=4")
    assert page.locator("html").get_attribute("lang") == "es"
    assert serious_axe_violations(page) == []
    open_player(page, f"/es/routines/{FIVE_MINUTE}/play/", clock=False)
    assert page.locator("html").get_attribute("lang") == "es"
    assert serious_axe_violations(page) == []


def test_the_switcher_keeps_the_page(page: Any) -> None:
    page.goto(f"/routines/{FIVE_MINUTE}/")
    page.locator("a[hreflang=es][href*='/language/es/']").first.click()
    page.wait_for_url(f"**/es/routines/{FIVE_MINUTE}/")
    assert page.locator("html").get_attribute("lang") == "es"
    page.locator("a[hreflang=en][href*='/language/en/']").first.click()
    page.wait_for_url(f"**/routines/{FIVE_MINUTE}/")
    assert "/es/" not in page.url
    assert page.locator("html").get_attribute("lang") == "en"
