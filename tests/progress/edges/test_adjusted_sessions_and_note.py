"""After a weekly-review change is accepted: a session of what the person now plays (a
swapped-in exercise, the extra steps of a step up) is saved, for the routine, a plan of it
and a clinician's program, and held to that timeline; and the device loses its note that
nothing changed, so neither the screen nor the front door hands it the player page
everyone gets."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from backcare.catalogue.library import get_library
from backcare.outcomes.adjusting import Adjustment
from backcare.plans import QUESTIONS, Profile, make_plan, safe_default_plan
from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.practice.owner import Owner
from backcare.practice.unmarked import COOKIE as UNMARKED_COOKIE
from backcare.prescribing import program_play
from backcare.programs.patient_access import draft_of
from backcare.progress import reviewing
from backcare.progress.models import MeasureResponse
from backcare.site.front_door import FRONT, FrontDoor
from backcare.vocabulary import use
from tests.web.test_cleared_player import cookies, note_for
from tests.web.test_front_door import Counted, get

from .test_adjusted_edges import (
    EASIER,
    PLAN_QUERY,
    ROUTINE,
    SWAP,
    accepted,
    doses,
    opened,
    program_for_test,
    screened,
    stop_on,
)

pytestmark = pytest.mark.django_db

FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"
PLAY = f"/routines/{FIVE}/play/"
STEP_UP_BRIDGE = Adjustment("step-up", "bridge", field="reps", by=1)


def save(client: Client, body: dict[str, Any]) -> Any:
    return client.post("/api/sessions", json.dumps(body), content_type="application/json")


def calm(steps: int, **followed: Any) -> dict[str, Any]:
    """A whole session, not stopped."""
    return {**stop_on("", steps, **followed), "stopped_for_pain": False,
            "painful_exercise": None, "pain_after": 2, "steps_done": steps}


def steps_of(client: Client, query: str = "") -> int:
    response = client.get(f"/api/timeline?routine={ROUTINE}{query}")
    assert response.status_code == 200, response.content
    return len(response.json()["steps"])


# --- sessions held to the timeline the person plays -------------------------------------------

def test_a_step_up_of_a_routine_saves_its_longer_session_and_no_longer_one() -> None:
    library = get_library()
    client, device = screened()
    published = len(safe_default_plan(library, ROUTINE).timeline.steps)
    accepted(device, STEP_UP_BRIDGE, routine=ROUTINE)
    longer = steps_of(client)
    assert longer == len(safe_default_plan(library, ROUTINE, adjustments=(STEP_UP_BRIDGE,))
                         .timeline.steps) > published
    assert save(client, calm(longer, routine=ROUTINE)).status_code == 201
    too_many = save(client, calm(longer + 1, routine=ROUTINE))
    assert too_many.status_code == 422
    assert too_many.json()["detail"][0]["loc"][-1] == "steps_total"
    # Another device, with no change, is still held to the routine as published.
    other, _ = screened()
    assert save(other, calm(longer, routine=ROUTINE)).status_code == 422
    assert save(other, calm(published, routine=ROUTINE)).status_code == 201


def test_a_stop_naming_an_exercise_not_played_is_still_refused() -> None:
    client, device = screened()
    accepted(device, SWAP, routine=ROUTINE)
    steps = steps_of(client)
    refused = save(client, stop_on("cat-cow", steps, routine=ROUTINE))  # not in the routine
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"][-1] == "painful_exercise"
    assert save(client, stop_on("seated-pelvic-tilt", steps, routine=ROUTINE)).status_code == 201


def test_a_session_played_before_the_change_and_sent_after_it_is_still_saved() -> None:
    """Queued offline, or a tab left open: the session followed the routine as it was."""
    library = get_library()
    client, device = screened()
    before = len(library.timeline(ROUTINE).steps)
    accepted(device, SWAP, EASIER, routine=ROUTINE)
    assert steps_of(client) < before  # one rep fewer of the bridge now
    # the swapped-out exercise, at the old length
    assert save(client, stop_on("pelvic-tilt", before, routine=ROUTINE)).status_code == 201
    assert save(client, calm(before, routine=ROUTINE)).status_code == 201
    assert save(client, calm(before + 1, routine=ROUTINE)).status_code == 422


def test_the_player_page_takes_back_a_note_given_before_a_change() -> None:
    device = str(uuid.uuid4())
    client = device_with_note(device)
    accepted(device, STEP_UP_BRIDGE, routine=ROUTINE)  # accepted elsewhere (say, the API)
    for routine in (ROUTINE, FIVE):  # changed or not, no page of this device keeps the note
        response = client.get(f"/routines/{routine}/play/")
        assert response.status_code == 200
        assert response.cookies[UNMARKED_COOKIE].value == "", routine
        client.cookies[UNMARKED_COOKIE] = note_for(device)


def test_a_plan_of_a_changed_routine_holds_its_sessions_to_the_changed_plan() -> None:
    library = get_library()
    client, device = screened()
    accepted(device, SWAP, STEP_UP_BRIDGE, routine=ROUTINE)
    steps = steps_of(client, f"&{PLAN_QUERY}")
    profile = Profile(floor=True, conditions=frozenset({"none-known"}))
    plan = make_plan(library, ROUTINE, profile, adjustments=(SWAP, STEP_UP_BRIDGE))
    assert steps == len(plan.timeline.steps)
    saved = save(client, stop_on("seated-pelvic-tilt", steps, routine=ROUTINE, plan=PLAN_QUERY))
    assert saved.status_code == 201, saved.content
    assert save(client, stop_on("cat-cow", steps, routine=ROUTINE,
                                plan=PLAN_QUERY)).status_code == 422  # in neither
    assert save(client, calm(steps + 1, routine=ROUTINE, plan=PLAN_QUERY)).status_code == 422


def test_a_step_up_of_a_program_saves_its_longer_session_for_that_patient_only() -> None:
    library = get_library()
    program = program_for_test()
    client, mine = opened(program)
    accepted(mine.device, STEP_UP_BRIDGE, patient_program=mine)
    version = program.versions.get()
    published = len(program_play(library, draft_of(version)).timeline.steps)
    shared = client.get(f"/api/shared/{program.code}").json()["timeline"]["steps"]
    longer = len(shared)
    assert longer == len(program_play(library, draft_of(version),
                                      adjustments=(STEP_UP_BRIDGE,)).timeline.steps) > published
    assert save(client, calm(longer, program=program.code)).status_code == 201
    other, _ = opened(program)
    assert save(other, calm(longer, program=program.code)).status_code == 422
    assert save(other, calm(published, program=program.code)).status_code == 201


# --- the note that nothing changed ------------------------------------------------------------

def device_with_note(device: str) -> Client:
    """A browser holding every cookie the front door reads, the note among them."""
    client, _ = screened(device)
    client.cookies["csrftoken"] = "t" * 32
    client.cookies[UNMARKED_COOKIE] = note_for(device)
    return client


def on_track_for_a_step_up(client: Client) -> None:
    """Two complete weeks on goal with the five-minute routine, weekly pain improving."""
    monday = reviewing.monday_of(timezone.localdate())
    for weeks_back in (2, 1):
        for day in range(3):
            ended = datetime.combine(monday - timedelta(weeks=weeks_back, days=-day), time(9),
                                     tzinfo=UTC)
            body = {**calm(13, routine=FIVE), "started_at": (ended - timedelta(minutes=5))
                    .isoformat(), "ended_at": ended.isoformat(), "pain_before": 4}
            assert save(client, body).status_code == 201
    for pain, back in ((5, 8), (4, 0)):
        taken = client.post("/api/measures/nprs", json.dumps({"answers": {"pain": pain}}),
                            content_type="application/json")
        assert taken.status_code == 201, taken.content
        MeasureResponse.objects.filter(id=taken.json()["id"]).update(
            taken_at=timezone.now() - timedelta(days=back))


def screen_passed(client: Client) -> Any:
    """The screen answered all "no" by this browser's device, without its note."""
    fresh = Client()
    fresh.cookies[DEVICE_COOKIE] = client.cookies[DEVICE_COOKIE].value
    passed = fresh.post("/screen/", {q.id: "no" for q in QUESTIONS})
    assert passed.status_code == 302
    return passed


def flared_twice(client: Client) -> None:
    for back in (3, 1):
        ended = datetime.now(UTC) - timedelta(days=back)
        body = {**calm(13, routine=FIVE), "started_at": (ended - timedelta(minutes=5))
                .isoformat(), "ended_at": ended.isoformat(), "pain_before": 3, "pain_after": 6}
        assert save(client, body).status_code == 201


def embedded_steps(body: bytes) -> list[dict[str, Any]]:
    data = body.split(b'id="timeline" type="application/json">')[1].split(b"</script>")[0]
    return list(json.loads(data)["steps"])


def test_accepting_a_step_up_takes_the_note_back_at_the_front_door_too() -> None:
    FRONT.clear()
    app = FrontDoor(inner := Counted(), 64 * 1024 * 1024)
    device = str(uuid.uuid4())
    shared = get(app, PLAY, COOKIE=cookies(device))
    assert shared[0] == "200 OK"
    calls = inner.calls
    assert get(app, PLAY, COOKIE=cookies(device))[2] == shared[2]
    assert inner.calls == calls, "cleared: handed the page everyone gets, without Django"

    client = device_with_note(device)
    on_track_for_a_step_up(client)
    suggestion = client.get("/api/review").json()
    assert suggestion and suggestion["change"] == "step-up", suggestion
    decided = client.post("/api/review", json.dumps({"accept": True}),
                          content_type="application/json")
    assert decided.status_code == 200, decided.content
    taken_back = decided.cookies[UNMARKED_COOKIE]
    assert taken_back.value == "" and taken_back["max-age"] == 0

    # The browser drops the note: the door sends the next player page to Django, which
    # makes it for this device, at the stepped-up dose, and gives no note again.
    status, headers, body = get(app, PLAY, COOKIE=cookies(device, note=None))
    assert status == "200 OK" and inner.calls == calls + 1
    assert body != shared[2] and UNMARKED_COOKIE not in headers.get("Set-Cookie", "")
    library = get_library()
    owner = Owner.of_device(device)
    changes = reviewing.adjustments_for_routine(owner, FIVE)
    assert [a.change for a in changes] == ["step-up"]
    want = safe_default_plan(library, FIVE, adjustments=changes).items
    assert doses(embedded_steps(body)) == {
        item.exercise.slug: (item.dose.hold_seconds, item.dose.reps) for item in want}
    assert doses(embedded_steps(body)) != doses(embedded_steps(shared[2]))
    again = get(app, PLAY, COOKIE=cookies(device, note=None))
    assert inner.calls == calls + 2 and again[2] == body

    # Passing the screen again gives no note either.
    assert UNMARKED_COOKIE not in screen_passed(client).cookies


def test_accepting_on_the_progress_page_takes_the_note_back_and_declining_keeps_it() -> None:
    accepting = device_with_note(str(uuid.uuid4()))
    flared_twice(accepting)
    response = accepting.post("/progress/review/", {"accept": "yes"})
    assert response.status_code == 302
    assert response.cookies[UNMARKED_COOKIE]["max-age"] == 0
    declining = device_with_note(str(uuid.uuid4()))
    flared_twice(declining)
    response = declining.post("/progress/review/", {"accept": "no"})
    assert response.status_code == 302 and UNMARKED_COOKIE not in response.cookies
    # Passing the screen (on a browser without the note): given to the one who declined,
    # nothing of theirs having changed, and not to the one who accepted.
    assert UNMARKED_COOKIE in screen_passed(declining).cookies
    assert UNMARKED_COOKIE not in screen_passed(accepting).cookies


def test_accepting_talk_to_your_clinician_keeps_the_note() -> None:
    client = device_with_note(str(uuid.uuid4()))
    for pain, back in ((3, 14), (6, 0)):
        taken = client.post("/api/measures/nprs", json.dumps({"answers": {"pain": pain}}),
                            content_type="application/json")
        MeasureResponse.objects.filter(id=taken.json()["id"]).update(
            taken_at=timezone.now() - timedelta(days=back))
    assert save(client, calm(13, routine=FIVE)).status_code == 201
    decided = client.post("/api/review", json.dumps({"accept": True}),
                          content_type="application/json")
    assert decided.json()["change"] == "talk-to-clinician"
    assert UNMARKED_COOKIE not in decided.cookies


# --- the plan carries its changes to the worksheet (plain Python) -----------------------------

def test_a_plans_changes_go_into_its_worksheet_in_every_language_and_into_its_key() -> None:
    from backcare.worksheets import cache_key, plan_worksheet
    from backcare.worksheets.wording import dose_text as sheet_dose

    from .test_adjusted_edges import pdf_text

    library = get_library()
    profile = Profile(floor=True, conditions=frozenset({"none-known"}))
    plain = make_plan(library, ROUTINE, profile)
    changed = make_plan(library, ROUTINE, profile, adjustments=(SWAP, STEP_UP_BRIDGE))
    assert changed.adjustments == (SWAP, STEP_UP_BRIDGE) and plain.adjustments == ()
    assert safe_default_plan(library, ROUTINE, adjustments=(SWAP,)).adjustments == (SWAP,)
    # the key of a plan without changes is what it always was; each set of changes has its own
    assert cache_key(library, ROUTINE, "a4", plain) == cache_key(
        library, ROUTINE, "a4", make_plan(library, ROUTINE, profile))
    keys = {cache_key(library, ROUTINE, "a4", plan) for plan in (
        plain, changed, make_plan(library, ROUTINE, profile, adjustments=(SWAP,)),
        make_plan(library, ROUTINE, profile, adjustments=(STEP_UP_BRIDGE, SWAP)))}
    assert len(keys) == 4
    spanish = library.in_language("es")
    text = pdf_text(plan_worksheet(library, changed, language="es", cache=None).pdf)
    assert spanish.exercises["seated-pelvic-tilt"].name in text
    bridge = next(item for item in changed.items if item.exercise.slug == "bridge")
    with use("es"):
        dose = sheet_dose(bridge.dose, spanish.exercises["bridge"])
    assert f"{spanish.exercises['bridge'].name} {dose}" in text
    assert bridge.dose.reps == next(item.dose.reps for item in plain.items
                                    if item.exercise.slug == "bridge") + 1
