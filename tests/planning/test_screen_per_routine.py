"""The safety screen per routine: a routine is asked the questions for its body areas, on
the web page, in the API and on the terminal, and a remembered pass covers only the
question groups it was given for."""

from __future__ import annotations

import json
import re
import sys
from typing import Any

import pytest
from django.test import Client

from backcare.cli.main import main
from backcare.content import Library
from backcare.plans import QUESTIONS, routine_questions, run_screen

from .conftest import FIVE, text_of
from .test_plan_cli import FakeTerminal

UPPER = "upper-back-pain-exercises-stretches"
NECK = {q.id for q in QUESTIONS if q.area == "neck"}


def play(slug: str) -> str:
    return f"/routines/{slug}/play/"


def asked_on_page(response: Any) -> list[str]:
    return re.findall(r'<input type="radio" id="q-([a-z-]+)-yes"', response.content.decode())


# --- GET /api/screen?routine= -------------------------------------------------------------

def test_api_screen_for_the_upper_back_routine_includes_the_neck_questions(client: Client) -> None:
    body = client.get(f"/api/screen?routine={UPPER}").json()
    ids = [q["id"] for q in body["questions"]]
    assert NECK and set(ids) >= NECK
    assert body["routine"] == UPPER and "neck" in body["areas"]
    urgent = [q["urgent"] for q in body["questions"]]
    assert urgent == sorted(urgent, reverse=True)  # urgent first


def test_api_screen_for_the_five_minute_routine_has_no_neck_questions(
    client: Client, library: Library,
) -> None:
    body = client.get(f"/api/screen?routine={FIVE}").json()
    ids = {q["id"] for q in body["questions"]}
    assert not ids & NECK
    assert ids == {q.id for q in routine_questions(library, FIVE)}
    assert body["areas"] == ["low-back", "any"]


def test_api_screen_without_a_routine_lists_every_question_and_404s_an_unknown_one(
    client: Client,
) -> None:
    assert [q["id"] for q in client.get("/api/screen").json()["questions"]] == [
        q.id for q in QUESTIONS]
    response = client.get("/api/screen?routine=no-such-routine")
    assert response.status_code == 404 and "no-such-routine" in response.json()["detail"]


# --- The screen page asks the routine's questions -------------------------------------------

def test_the_screen_page_asks_the_questions_of_the_routine_in_next(
    client: Client, library: Library,
) -> None:
    upper = client.get("/screen/", {"next": play(UPPER)})
    assert asked_on_page(upper) == [q.id for q in routine_questions(library, UPPER)]
    assert "about your neck" in text_of(upper)
    five = client.get("/screen/", {"next": f"/routines/{FIVE}/plan/?floor=1"})
    assert asked_on_page(five) == [q.id for q in routine_questions(library, FIVE)]
    assert not set(asked_on_page(five)) & NECK
    urgent = sum(q.urgent for q in routine_questions(library, FIVE))
    assert f"The first {urgent} questions are about signs that need care straight away" in text_of(five)
    # not a routine's address: every question
    assert asked_on_page(client.get("/screen/", {"next": "/history/"})) == [q.id for q in QUESTIONS]


def test_a_yes_to_a_question_the_page_did_not_show_still_stops_the_plan(client: Client) -> None:
    answers = {q.id: "no" for q in QUESTIONS}
    answers[next(iter(sorted(NECK)))] = "yes"
    response = client.post("/screen/", {**answers, "next": play(FIVE)})
    assert response.status_code == 200 and "Please get medical care" in text_of(response)
    assert not response.cookies.get("backcare_screen") or not response.cookies["backcare_screen"].value


# --- A remembered pass covers the areas it was given for ----------------------------------

def _pass_for(client: Client, library: Library, slug: str) -> None:
    answers = {q.id: "no" for q in routine_questions(library, slug)}
    response = client.post("/screen/", {**answers, "next": play(slug)})
    assert response.status_code == 302 and response["Location"] == play(slug)


@pytest.mark.django_db
def test_a_pass_for_the_low_back_routine_does_not_cover_the_upper_back_routine(
    client: Client, library: Library,
) -> None:
    _pass_for(client, library, FIVE)
    assert client.get(play(FIVE)).status_code == 200
    response = client.get(play(UPPER))
    assert response.status_code == 302
    assert response["Location"].startswith("/screen/?next=") and UPPER in response["Location"]
    # the personal timeline API checks the same pass
    assert client.get(f"/api/timeline?routine={FIVE}&floor=1&diagnosis=none").status_code == 200
    assert client.get(f"/api/timeline?routine={UPPER}&floor=1&diagnosis=none").status_code == 403
    # answering the upper-back questions covers both
    _pass_for(client, library, UPPER)
    assert client.get(play(UPPER)).status_code == 200
    assert client.get(play(FIVE)).status_code == 200


@pytest.mark.django_db
def test_a_pass_from_the_full_screen_covers_every_routine(client: Client, library: Library) -> None:
    response = client.post("/screen/", {q.id: "no" for q in QUESTIONS})
    assert response.status_code == 302
    for slug in library.routines:
        assert client.get(play(slug)).status_code == 200, slug


@pytest.mark.django_db  # passing asks whether anything hurt on the device (practice/unmarked.py)
def test_the_pass_names_the_areas_it_covers(client: Client, library: Library) -> None:
    from django.test import RequestFactory

    from backcare.planning.screen_memory import screened_areas

    def covered() -> frozenset[str]:
        request = RequestFactory().get("/")
        request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
        return screened_areas(request)

    assert covered() == frozenset()
    _pass_for(client, library, FIVE)
    assert covered() == {"low-back", "any"}
    _pass_for(client, library, UPPER)
    assert covered() == {"low-back", "any", "neck"}


# --- Web, API and CLI give the same outcome -----------------------------------------------

def _web(client: Client, slug: str, answers: dict[str, bool]) -> str:
    form = {qid: "yes" if yes else "no" for qid, yes in answers.items()}
    response = client.post("/screen/", {**form, "next": play(slug)})
    if response.status_code == 302:
        return "clear"
    text = text_of(response)
    assert response.status_code == 200, response.status_code
    return "emergency" if "Please get medical care now" in text else "see-doctor"


def _api(client: Client, slug: str, answers: dict[str, bool]) -> str:
    payload = {"routine": slug, "floor": True, "diagnosis": "none", "red_flags": answers}
    response = client.post("/api/plans", json.dumps(payload), content_type="application/json")
    if response.status_code == 200:
        return "clear"
    assert response.status_code == 403, response.content
    return str(response.json()["level"])


def _cli(capsys: Any, monkeypatch: Any, slug: str, answers: dict[str, bool],
         asked: list[str]) -> str:
    typed = "".join("y\n" if answers[qid] else "n\n" for qid in asked)
    monkeypatch.setattr(sys, "stdin", FakeTerminal(typed))
    code = main(["plan", slug, "--json"])
    _, err = capsys.readouterr()
    if code == 0:
        return "clear"
    assert code == 3, err
    return "emergency" if "Get emergency care now" in err else "see-doctor"


def _cases() -> list[tuple[str, str | None]]:
    upper = [(UPPER, q.id) for q in QUESTIONS]  # the upper-back routine asks every question
    five = [(FIVE, None), (FIVE, "bladder-bowel"), (FIVE, "chest-pain"), (FIVE, "trauma")]
    return [(UPPER, None), *upper, *five]


@pytest.mark.django_db
@pytest.mark.parametrize(("slug", "yes"), _cases())
def test_web_api_and_cli_agree(client: Client, capsys: Any, monkeypatch: Any, library: Library,
                               slug: str, yes: str | None) -> None:
    asked = [q.id for q in routine_questions(library, slug)]
    assert yes is None or yes in asked
    answers = {qid: qid == yes for qid in asked}
    expected = run_screen(answers, routine_questions(library, slug)).level
    assert _web(Client(), slug, answers) == expected
    assert _api(client, slug, answers) == expected
    assert _cli(capsys, monkeypatch, slug, answers, asked) == expected
