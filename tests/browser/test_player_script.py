"""The web player plays the core's script: the same total as GET /api/timeline, to the
second, for every routine and for plans; and in Spanish it shows and speaks Spanish.

Nothing here computes a schedule: the expected numbers are the API's ``phases`` and
``total_seconds``, and the player's are read from the page under a controlled clock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from backcare.content import load_library
from backcare.vocabulary import gettext, use
from backcare.vocabulary.player_words import player_words

from .player_helpers import (
    FIVE_MINUTE,
    RECORD_SPEECH,
    api_timeline,
    open_player,
    pass_the_screen,
    script_phases,
    shown,
    snapshot,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROUTINES = sorted(load_library(Path(__file__).resolve().parents[2] / "content").routines)
PLANS = [
    (FIVE_MINUTE, "floor=1&conditions=none-known&minutes=3"),  # a 3-minute plan
    (FIVE_MINUTE, "floor=0&conditions=none-known"),              # no floor: seated swaps
    ("dont-crack-your-back", "floor=1&conditions=disc&minutes=4&pain=6"),
]
CASES = [(slug, "") for slug in ROUTINES] + PLANS


@pytest.mark.parametrize(("routine", "query"), CASES,
                         ids=[f"{slug}?{query}" if query else slug for slug, query in CASES])
def test_the_player_plays_the_apis_total_to_the_second(
    page: Any, live_server: Any, routine: str, query: str
) -> None:
    pass_the_screen(page, live_server)
    data = open_player(page, f"/routines/{routine}/play/" + (f"?{query}" if query else ""))
    api = api_timeline(page, routine, query)
    total = api["total_seconds"] * 1000
    assert data["phases"] == api["phases"]
    assert sum(p["seconds"] for p in api["phases"]) == api["total_seconds"]
    # The schedule the page built, before the start and after: the API's total, no more.
    assert page.evaluate("window.backcarePlayer.schedule.total") == total
    assert [(p["kind"], p["start"], p["end"]) for p in snapshot(page)["phases"]] == [
        (p.kind, p.start, p.end) for p in script_phases(api)]

    page.get_by_role("radio", name="3", exact=True).check()
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(total - 1)
    state = snapshot(page)
    assert state["state"] == "playing", state["elapsed"]
    assert state["total"] == total
    page.clock.run_for(1)
    state = snapshot(page)
    assert state["state"] == "finished"  # "done", at exactly total_seconds
    assert state["log"][-1]["at"] == pytest.approx(total, abs=1)
    assert state["phases"][state["log"][-1]["phase"]]["kind"] == "done"
    assert state["stepsDone"] == len(data["steps"])


def spanish(message: str) -> str:
    with use("es"):
        said = gettext(message)
    assert said != message, f"no Spanish for {message!r}"
    return said


def test_the_spanish_player_shows_and_speaks_spanish(page: Any, live_server: Any) -> None:
    pass_the_screen(page, live_server)
    page.add_init_script(RECORD_SPEECH)
    data = open_player(page, f"/es/routines/{FIVE_MINUTE}/play/")
    english = api_timeline(page, FIVE_MINUTE)
    api = api_timeline(page, FIVE_MINUTE, lang="es")
    assert data["phases"] == api["phases"] and data["language"] == "es"
    assert page.evaluate("document.documentElement.lang") == "es"
    with use("es"):
        words = player_words()

    start = page.get_by_role("button", name=spanish("Start"), exact=True)
    assert start.is_visible()
    page.get_by_role("radio", name="3", exact=True).check()
    start.click()
    assert page.get_by_role("button", name=spanish("Stop — this hurts")).is_visible()

    phases = script_phases(api)
    first = phases[0]
    assert first.text != english["phases"][0]["text"]  # the script's words are Spanish
    page.clock.run_for(250)
    assert shown(page)["label"] == first.text
    assert page.get_by_role("button", name=words["pause"], exact=True).is_visible()
    assert words["pause"] != "Pause"
    side = next(p for p in phases if p.side == "left")
    page.clock.run_for(side.start + 250 - 250)
    now = shown(page)
    assert now["label"] == side.text and now["side"] == words["side_left"] != "Left side"
    assert now["next"].startswith(words["next"].split("{")[0])

    said = page.evaluate("window.__said")
    langs = set(page.evaluate("window.__saidLang"))
    assert first.say in said and side.say in said
    assert langs == {"es"}, langs
