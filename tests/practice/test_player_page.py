"""The follow-along player page, as the server sends it (the browser tests run it)."""

from __future__ import annotations

import json
import re
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.test import Client

from backcare.content import Library
from backcare.export.timeline_shapes import timeline_out
from backcare.planning.screen_memory import COOKIE, signed_pass
from backcare.plans import make_plan, profile_from_params
from backcare.practice.device import COOKIE as DEVICE_COOKIE

# The player page reads this device's "hurt last time" marks.
pytestmark = pytest.mark.django_db

FIVE_MINUTE = "back-pain-relief-stretches-5-minute-real-time-routine"
PLAY = f"/routines/{FIVE_MINUTE}/play/"

DEVICE = "0b3f6a52-2c1e-4d6e-9a57-2f0c1d8e4b11"  # this test browser's device id


@pytest.fixture
def screened(client: Client) -> Client:
    """A browser that has completed the red-flag screen."""
    client.cookies[DEVICE_COOKIE] = DEVICE
    client.cookies[COOKIE] = signed_pass(DEVICE)
    return client


def embedded(html: str) -> dict[str, Any]:
    found = re.search(r'<script id="timeline" type="application/json">(.*?)</script>', html, re.S)
    assert found, "the page has no embedded timeline"
    return json.loads(unescape(found.group(1)))


def test_without_the_screen_the_player_sends_you_to_it(client: Client) -> None:
    url = f"{PLAY}?floor=0&conditions=none-known&minutes=3"
    response = client.get(url)
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == "/screen/"
    assert parse_qs(target.query)["next"] == [url]


def test_an_expired_or_forged_screen_cookie_is_not_enough(client: Client) -> None:
    client.cookies[COOKIE] = "0:forged"
    assert client.get(PLAY).status_code == 302


def test_with_the_screen_the_player_page_loads(screened: Client, library: Library) -> None:
    response = screened.get(PLAY)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Stop — this hurts" in html
    assert '<script type="module" src="/static/practice/player.js">' in html
    assert "<script>" not in html and " onclick=" not in html and "style=" not in html
    assert library.routines[FIVE_MINUTE].title in html


def test_the_embedded_timeline_is_the_librarys(screened: Client, library: Library) -> None:
    data = embedded(screened.get(PLAY).content.decode())
    routine = library.routines[FIVE_MINUTE]
    expected = timeline_out(routine.slug, routine.title, library.timeline(FIVE_MINUTE)).model_dump()
    assert {k: data[k] for k in expected} == expected
    assert data["plan"] is None
    assert data["total_seconds"] == sum(p["seconds"] for p in data["phases"])
    assert data["phases"][-1]["kind"] == "done"
    assert set(data["exercises"]) == {s["exercise"] for s in data["steps"]}
    knee = data["exercises"]["single-knee-to-chest"]
    exercise = library.exercises["single-knee-to-chest"]
    assert knee["name"] == exercise.name and knee["cue"] == exercise.cues[0]
    assert knee["position"] == exercise.position_label and knee["summary"] == exercise.summary
    assert data["sessions_url"] == "/api/sessions"
    assert "get_ready_choices" not in data  # the get-ready is the script's, not a choice


def test_a_plan_is_played_as_make_plan_makes_it(screened: Client, library: Library) -> None:
    params = {"floor": "1", "conditions": "none-known", "minutes": "3", "skip": "cat-cow"}
    response = screened.get(f"{PLAY}?{urlencode(params)}")
    assert response.status_code == 200
    data = embedded(response.content.decode())
    plan = make_plan(library, FIVE_MINUTE, profile_from_params(params))
    assert data["steps"] == timeline_out(FIVE_MINUTE, plan.routine_title, plan.timeline).model_dump()["steps"]
    assert data["total_seconds"] == plan.total_seconds <= 180
    assert parse_qs(data["plan"]) == {k: [v] for k, v in params.items()}
    assert "cat-cow" not in {s["exercise"] for s in data["steps"]}
    assert {c["kind"] for c in data["changes"]} >= {"skipped"}


@pytest.mark.parametrize(("query", "field"), [
    ("floor=2&conditions=none-known", "floor"),
    ("conditions=none-known", "floor"),
    ("floor=1&diagnosis=flu", "diagnosis"),
    ("floor=1&conditions=none-known&minutes=ten", "minutes"),
    ("floor=1&conditions=none-known&minutes=500", "minutes"),
    ("floor=1&conditions=none-known&pain=11", "pain"),
    ("floor=1&conditions=none-known&skip=Not_A_Slug", "skip"),
    ("floor=1&conditions=none-known&skip=no-such-exercise", "skip"),
])
def test_bad_plan_parameters_get_a_400_naming_the_field(screened: Client, query: str, field: str) -> None:
    response = screened.get(f"{PLAY}?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert f"<code>{field}</code>" in html
    assert 'id="timeline"' not in html


def test_a_plan_that_cannot_be_made_gets_a_friendly_page(screened: Client) -> None:
    every = ("pelvic-tilt,single-knee-to-chest,supine-trunk-rotation,quadratus-lumborum-stretch,"
             "childs-pose,cat-cow")
    response = screened.get(f"{PLAY}?floor=1&conditions=none-known&skip={every}")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Nothing in this routine suits you today" in html
    assert 'id="timeline"' not in html


def test_an_unknown_routine_is_not_found(screened: Client) -> None:
    assert screened.get("/routines/no-such-routine/play/").status_code == 404


def test_each_exercise_has_its_demo_picture(screened: Client, library: Library) -> None:
    data = embedded(screened.get(PLAY).content.decode())
    assert data["exercises"]
    for slug, info in data["exercises"].items():
        assert info["demo"] == f"/exercises/{slug}/demo.svg?text=0"
        assert info["demo_held"] == f"/exercises/{slug}/demo.svg?pose=held&text=0"
        assert info["demo_start"] == f"/exercises/{slug}/demo.svg?pose=start&text=0"


def test_passing_the_screen_gives_the_browser_its_device_cookie(client: Client) -> None:
    from backcare.plans import QUESTIONS

    passed = client.post("/screen/", {q.id: "no" for q in QUESTIONS})
    assert passed.status_code == 302
    device = passed.cookies[DEVICE_COOKIE].value
    assert device and COOKIE in passed.cookies
    page = client.get(PLAY)
    assert page.status_code == 200
    assert DEVICE_COOKIE not in page.cookies  # kept, never replaced
    assert client.cookies[DEVICE_COOKIE].value == device


def embedded_words(html: str) -> dict[str, str]:
    found = re.search(r'<script id="player-words" type="application/json">(.*?)</script>',
                      html, re.S)
    assert found, "the page has no embedded player words"
    return json.loads(unescape(found.group(1)))


def test_the_players_words_come_from_the_vocabulary(screened: Client) -> None:
    from backcare.vocabulary import use
    from backcare.vocabulary.player_words import WORDS, player_words

    html = screened.get(PLAY).content.decode()
    data = embedded(html)
    count = len({s["exercise"] for s in data["steps"]})
    words = embedded_words(html)
    assert words == player_words(count)
    assert set(WORDS) <= set(words)
    assert words["finished_all"].endswith(f"{count} exercises.")  # exercises, never steps
    assert "steps" not in words["finished_all"] + words["finished_some"]

    spanish = screened.get(f"/es{PLAY}").content.decode()
    es_data, es_words = embedded(spanish), embedded_words(spanish)
    with use("es"):
        assert es_words == player_words(count)
    assert es_data["language"] == "es" and es_data["total_seconds"] == data["total_seconds"]
    assert es_words["pause"] != words["pause"]
    assert es_data["phases"][0]["text"] != data["phases"][0]["text"]
    assert "Empezar" in spanish and ">Start<" not in spanish
