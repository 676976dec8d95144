"""GET/POST /api/review: one suggestion a week, with its reason; accepting it changes what
the person plays (the routine's timeline, the program as /api/shared/<code> gives it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.practice.owner import Owner
from backcare.programs.models import Program
from backcare.progress import reviewing
from backcare.progress.models import ReviewDecision

from .conftest import FIVE_MINUTE, days_ago, device, open_program, post, save_session, take

pytestmark = pytest.mark.django_db


def owner_of_client(client: Client) -> Owner:
    return Owner.of_device(client.cookies[DEVICE_COOKIE].value)


def timeline(client: Client) -> dict[str, Any]:
    response = client.get(f"/api/timeline?routine={FIVE_MINUTE}")
    assert response.status_code == 200, response.content
    return response.json()  # type: ignore[no-any-return]


def flare_twice(client: Client) -> None:
    for back in (3, 1):
        save_session(client, days_ago(back), pain_before=3, pain_after=6)


def test_nothing_to_review_is_null_and_answering_it_is_409() -> None:
    phone = device()
    assert phone.get("/api/review").json() is None
    response = post(phone, "/api/review", {"accept": True})
    assert response.status_code == 409 and response.json()["detail"]
    save_session(phone)  # one calm session: still nothing to suggest
    assert phone.get("/api/review").json() is None


def test_pain_after_two_sessions_suggests_fewer_reps_and_accepting_it_shortens_the_routine() -> None:
    phone = device()
    before = timeline(phone)
    flare_twice(phone)
    response = phone.get("/api/review")
    assert "no-store" in response["Cache-Control"]
    suggestion = response.json()
    assert suggestion["change"] == "fewer-reps" and suggestion["exercise"] == "*"
    assert suggestion["key"] == "fewer-reps:*"
    assert "2 of your last 2" in suggestion["why"]
    decided = post(phone, "/api/review", {"accept": True})
    assert decided.status_code == 200, decided.content
    body = decided.json()
    assert (body["change"], body["accepted"], body["why"], body["exercise"], body["key"]) == (
        "fewer-reps", True, suggestion["why"], "*", "fewer-reps:*")
    after = timeline(phone)
    assert after["total_seconds"] < before["total_seconds"]
    assert len(after["steps"]) < len(before["steps"])
    # Decided this week: nothing more to decide.
    assert phone.get("/api/review").json() is None
    assert post(phone, "/api/review", {"accept": False}).status_code == 409
    # Another device follows the routine as published.
    assert timeline(device())["total_seconds"] == before["total_seconds"]


def test_declining_changes_nothing_and_is_not_asked_again_for_four_weeks() -> None:
    phone = device()
    before = timeline(phone)
    flare_twice(phone)
    assert post(phone, "/api/review", {"accept": False}).json()["accepted"] is False
    assert timeline(phone)["total_seconds"] == before["total_seconds"]
    owner = owner_of_client(phone)
    decision = ReviewDecision.objects.get()
    assert decision.key == "fewer-reps:*"
    # A week on, with two more flares: the same suggestion is not made again...
    last_monday = reviewing.monday_of(timezone.localdate()) - timedelta(weeks=1)
    ReviewDecision.objects.update(week=last_monday, decided_at=timezone.now() - timedelta(days=7))
    assert reviewing.suggestion_for(owner) is None
    # ...until four weeks have passed.
    ReviewDecision.objects.update(decided_at=timezone.now() - timedelta(weeks=4, days=1))
    again = reviewing.suggestion_for(owner)
    assert again is not None and again.key == "fewer-reps:*"


def test_worse_weekly_pain_says_talk_to_your_clinician_and_changes_nothing() -> None:
    phone = device()
    take(phone, "nprs", {"pain": 3}, days_back=14)
    take(phone, "nprs", {"pain": 6})
    save_session(phone)
    suggestion = phone.get("/api/review").json()
    assert suggestion["change"] == "talk-to-clinician" and suggestion["exercise"] is None
    assert "3" in suggestion["why"] and "6" in suggestion["why"]
    body = post(phone, "/api/review", {"accept": True}).json()
    assert body["change"] == "talk-to-clinician"
    assert reviewing.adjustments_for_routine(owner_of_client(phone), FIVE_MINUTE) == ()


def _session_days(weeks_back: int, count: int) -> list[datetime]:
    monday = reviewing.monday_of(timezone.localdate()) - timedelta(weeks=weeks_back)
    return [datetime.combine(monday + timedelta(days=i), time(9), tzinfo=UTC)
            for i in range(count)]


def test_on_goal_and_pain_improving_steps_up_within_bounds() -> None:
    phone = device()
    before = timeline(phone)
    for moment in [*_session_days(2, 3), *_session_days(1, 3)]:
        save_session(phone, moment, pain_before=4, pain_after=3)
    take(phone, "nprs", {"pain": 5}, days_back=8)
    take(phone, "nprs", {"pain": 4})
    suggestion = phone.get("/api/review").json()
    assert suggestion["change"] == "step-up", suggestion
    assert suggestion["exercise"]
    assert post(phone, "/api/review", {"accept": True}).status_code == 200
    after = timeline(phone)
    assert after["total_seconds"] > before["total_seconds"]
    (adjustment,) = reviewing.adjustments_for_routine(owner_of_client(phone), FIVE_MINUTE)
    assert (adjustment.change, adjustment.exercise, adjustment.by) == (
        "step-up", suggestion["exercise"], 1)


def _program_session(client: Client, program: Program, back: float, **changes: Any) -> None:
    save_session(client, days_ago(back), routine="", program=program.code, **changes)


def played(client: Client, program: Program) -> list[str]:
    """The exercises /api/shared/<code> gives this browser to play, in order."""
    steps = client.get(f"/api/shared/{program.code}").json()["timeline"]["steps"]
    return list(dict.fromkeys(step["exercise"] for step in steps))


def test_an_exercise_of_a_program_that_hurt_twice_is_swapped_for_its_seated_version(
        make_program: Callable[..., Program]) -> None:
    program = make_program()
    phone = device()
    open_program(phone, program)
    for back in (2, 1):
        _program_session(phone, program, back, stopped_for_pain=True, painful_exercise="cat-cow",
                         steps_done=2, pain_after=6)
    suggestion = phone.get("/api/review").json()
    assert (suggestion["change"], suggestion["exercise"]) == ("swap", "cat-cow")
    assert played(phone, program) == ["pelvic-tilt", "bridge"]  # cat-cow hurt: left out
    assert post(phone, "/api/review", {"accept": True}).status_code == 200
    assert played(phone, program) == ["pelvic-tilt", "bridge", "seated-cat-cow"]
    decision = ReviewDecision.objects.get()
    assert decision.patient_program is not None and decision.routine == ""
    assert reviewing.accepted_changes(decision.patient_program) == [decision]
    # Someone else who opened the same program plays it as written.
    other = device()
    open_program(other, program)
    assert played(other, program) == ["pelvic-tilt", "bridge", "cat-cow"]


def test_a_locked_program_gets_no_change_only_talk(make_program: Callable[..., Program]) -> None:
    program = make_program(locked=True)
    phone = device()
    open_program(phone, program)
    for back in (3, 1):
        _program_session(phone, program, back, pain_before=3, pain_after=6)
    assert phone.get("/api/review").json() is None
    assert post(phone, "/api/review", {"accept": True}).status_code == 409
    take(phone, "nprs", {"pain": 2}, days_back=14)
    take(phone, "nprs", {"pain": 5})
    assert phone.get("/api/review").json()["change"] == "talk-to-clinician"


def test_accept_must_be_true_or_false() -> None:
    phone = device()
    for body in ({"accept": "yes"}, {}, {"accept": 1}):
        response = post(phone, "/api/review", body)
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"][-1] == "accept"


def test_the_review_is_the_owner_s_own() -> None:
    phone = device()
    flare_twice(phone)
    assert device().get("/api/review").json() is None
    assert post(device(), "/api/review", {"accept": True}).status_code == 409
    assert phone.get("/api/review").json() is not None


# --- the answer is to the suggestion shown ----------------------------------------------------

def test_an_answer_to_a_suggestion_that_changed_since_is_a_409_and_changes_nothing() -> None:
    phone = device()
    before = timeline(phone)
    flare_twice(phone)
    shown = phone.get("/api/review").json()
    assert shown["key"] == "fewer-reps:*"
    # Meanwhile the weekly pain got worse: this week's suggestion is now another one.
    take(phone, "nprs", {"pain": 3}, days_back=14)
    take(phone, "nprs", {"pain": 6})
    response = post(phone, "/api/review", {"accept": True, "key": shown["key"]})
    assert response.status_code == 409
    assert "changed since you saw it" in response.json()["detail"]
    assert not ReviewDecision.objects.exists()
    assert timeline(phone)["total_seconds"] == before["total_seconds"]
    now = phone.get("/api/review").json()
    assert now["key"] == "talk-to-clinician"
    answered = post(phone, "/api/review", {"accept": True, "key": now["key"]})
    assert answered.status_code == 200 and answered.json()["key"] == "talk-to-clinician"


def test_the_key_is_optional_and_must_be_text() -> None:
    phone = device()
    flare_twice(phone)
    for body in ({"accept": True, "key": 5}, {"accept": True, "key": "x" * 201}):
        response = post(phone, "/api/review", body)
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"][-1] == "key"
    assert post(phone, "/api/review", {"accept": False, "key": None}).status_code == 200


# --- step ups: new signs of improvement, and every session's flares ---------------------------

def on_goal_with_pain_easing(client: Client, **session: Any) -> None:
    """Two complete weeks on goal; weekly pain 5 then 4, the latest taken 8 days ago."""
    for moment in [*_session_days(2, 3), *_session_days(1, 3)]:
        save_session(client, moment, pain_before=4, pain_after=3, **session)
    take(client, "nprs", {"pain": 5}, days_back=15)
    take(client, "nprs", {"pain": 4}, days_back=8)


def test_no_second_step_up_until_the_pain_eases_again() -> None:
    phone = device()
    on_goal_with_pain_easing(phone)
    first = phone.get("/api/review").json()
    assert first["change"] == "step-up"
    assert post(phone, "/api/review", {"accept": True}).status_code == 200
    # A week on, the same two scores are all there is: they were the reason for that one.
    last_monday = reviewing.monday_of(timezone.localdate()) - timedelta(weeks=1)
    ReviewDecision.objects.update(week=last_monday, decided_at=timezone.now() - timedelta(days=6))
    owner = owner_of_client(phone)
    assert reviewing.suggestion_for(owner) is None
    # A new, lower weekly score since the step up: ready for the next one.
    take(phone, "nprs", {"pain": 3})
    again = reviewing.suggestion_for(owner)
    assert again is not None and again.change == "step-up" and "from 4 to 3" in again.why


def test_a_flare_while_playing_something_else_holds_back_a_step_up(
        make_program: Callable[..., Program]) -> None:
    program = make_program()
    phone = device()
    open_program(phone, program)
    on_goal_with_pain_easing(phone, routine="", program=program.code)
    assert phone.get("/api/review").json()["change"] == "step-up"
    # Yesterday a routine (not the program) made the pain flare.
    save_session(phone, days_ago(1), pain_before=2, pain_after=5)
    assert phone.get("/api/review").json() is None
    assert post(phone, "/api/review", {"accept": True}).status_code == 409
