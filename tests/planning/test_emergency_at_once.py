"""An emergency "yes" is answered at once, whatever else is unanswered — on the web, in the
API and on the terminal — and the outcome is the same on all three."""

from __future__ import annotations

import re
import sys
from typing import Any

import pytest
from django.test import Client

from backcare.cli.main import main
from backcare.plans import QUESTIONS, InputError, run_screen
from backcare.plans.redflag_questions import questions_for

from .conftest import FIVE, text_of
from .test_plan_cli import FakeTerminal

URGENT = [q for q in QUESTIONS if q.urgent]
OTHER = [q for q in QUESTIONS if not q.urgent]
#: What the 5-minute (low-back) routine asks: no neck questions.
FIVE_QUESTIONS = questions_for(["low-back"])
FIVE_URGENT = [q for q in FIVE_QUESTIONS if q.urgent]


def test_the_emergency_questions_come_first() -> None:
    """The screen page tells people the first few are the urgent ones: keep it true, for
    every question and for the list each group of body areas asks."""
    assert QUESTIONS[: len(URGENT)] == tuple(URGENT)
    for areas in (["low-back"], ["upper-back"], ["neck"], []):
        asked = questions_for(areas)
        urgent = tuple(q for q in asked if q.urgent)
        assert asked[: len(urgent)] == urgent, areas


@pytest.mark.parametrize("question", URGENT, ids=lambda q: q.id)
def test_core_answers_an_emergency_yes_with_the_rest_blank(question: Any) -> None:
    result = run_screen({question.id: True})
    assert result.level == "emergency" and result.flagged == (question.id,)
    assert not result.plan_allowed


def test_core_still_needs_every_answer_while_the_outcome_is_open() -> None:
    with pytest.raises(InputError) as raised:
        run_screen({OTHER[0].id: True})  # an emergency sign could still be yes
    assert set(raised.value.errors) == {q.id for q in QUESTIONS} - {OTHER[0].id}
    with pytest.raises(InputError):
        run_screen({q.id: False for q in URGENT})  # all no so far: nothing is decided
    # Every emergency sign answered no and another sign yes: "see a doctor" is decided.
    decided = run_screen({**{q.id: False for q in URGENT}, OTHER[-1].id: True})
    assert decided.level == "see-doctor"


@pytest.mark.parametrize("question", URGENT, ids=lambda q: q.id)
def test_web_form_with_one_emergency_yes_shows_the_emergency_advice(question: Any) -> None:
    response = Client().post("/screen/", {question.id: "yes"})
    assert response.status_code == 200
    text = text_of(response)
    assert "Please get medical care now" in text
    assert run_screen({question.id: True}).headline in text
    assert question.text in text  # what they said yes to
    assert "Please choose yes or no" not in text
    assert "backcare_screen" not in response.cookies or not response.cookies["backcare_screen"].value


def test_web_form_with_only_a_non_urgent_yes_still_asks_the_emergency_questions() -> None:
    response = Client().post("/screen/", {OTHER[0].id: "yes"})
    assert response.status_code == 400
    text = text_of(response)
    assert "Please answer every question" in text
    for q in URGENT:
        assert q.text in text


@pytest.mark.django_db
@pytest.mark.parametrize("question", URGENT, ids=lambda q: q.id)
def test_api_with_one_emergency_yes_is_403_emergency(question: Any) -> None:
    # Nothing else given: no floor, no diagnosis, no other answer.
    response = Client().post("/api/plans", {"routine": FIVE, "red_flags": {question.id: True}},
                             content_type="application/json")
    assert response.status_code == 403, response.content
    body = response.json()
    assert body["level"] == "emergency" and body["flagged"] == [question.id]
    assert body["detail"] == run_screen({question.id: True}).headline


@pytest.mark.django_db
def test_api_without_the_emergency_answers_is_422_naming_them() -> None:
    response = Client().post("/api/plans", {"routine": FIVE, "red_flags": {OTHER[0].id: False}},
                             content_type="application/json")
    assert response.status_code == 422
    named = {p["loc"][-1] for p in response.json()["detail"]}
    assert {q.id for q in FIVE_URGENT} <= named  # the routine's emergency questions


@pytest.mark.parametrize("position", range(len(FIVE_URGENT)))
def test_terminal_stops_asking_at_the_first_emergency_yes(capsys, monkeypatch, position) -> None:
    # Answers: "no" until the urgent question at `position`, then "yes" — and nothing more.
    typed = "n\n" * position + "y\n"
    monkeypatch.setattr(sys, "stdin", FakeTerminal(typed))
    code = main(["plan", FIVE, "--json"])
    out, err = capsys.readouterr()
    assert code == 3
    assert "emergency" in err.lower()
    assert FIVE_QUESTIONS[position].text in err
    if position + 1 < len(FIVE_QUESTIONS):
        assert FIVE_QUESTIONS[position + 1].text not in err  # not asked: answered at once
    assert not out


def test_the_emergency_advice_numbers_are_tap_to_call_links() -> None:
    """Told to call for help at once, the numbers are links a phone dials with one tap."""
    response = Client().post("/screen/", {URGENT[0].id: "yes"})
    stop = re.search(r'<div class="stop stop-emergency">.*?</div>', response.content.decode(), re.S)
    assert stop
    links = re.findall(r'<a class="call" href="(tel:\d+)">(\d+)</a>', stop.group(0))
    assert links == [("tel:911", "911"), ("tel:999", "999"), ("tel:112", "112")]
