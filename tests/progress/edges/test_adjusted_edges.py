"""Once a weekly-review change is accepted, every edge plays the changed routine or program,
for that owner only: the player page, GET /api/timeline, the plan page, the worksheet, and
for a clinician's program its page, its player, GET /api/shared/<code> and its worksheet.
They agree with the core (make_plan / program_play with the adjustments) and with each other;
another device still gets the routine as published; and no change brings back what hurt or
what the rules leave out."""

from __future__ import annotations

import io
import json
import re
import uuid
from datetime import UTC, date, datetime, timedelta
from html import unescape
from typing import Any

import pypdf
import pytest
from django.test import Client

from backcare.catalogue.library import get_library
from backcare.content.wording import dose_text
from backcare.outcomes.adjusting import Adjustment
from backcare.planning.screen_memory import COOKIE as SCREEN_COOKIE
from backcare.planning.screen_memory import signed_pass
from backcare.plans import SAFE_DEFAULT, Profile, make_plan, safe_default_plan
from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.practice.models import PracticeSession
from backcare.practice.painful_marks import remember_hurt
from backcare.practice.unmarked import COOKIE as UNMARKED_COOKIE
from backcare.prescribing import ProgramDraft, item_with_defaults, new_code, new_share_key, program_play
from backcare.programs.models import PatientProgram, Program, ProgramVersion
from backcare.progress.models import ReviewDecision
from backcare.site.response_cache import BODIES
from backcare.worksheets.wording import dose_text as sheet_dose

pytestmark = pytest.mark.django_db

ROUTINE = "back-pain-relief-exercises-stretches"
CRACK = "dont-crack-your-back"
SWAP = Adjustment("swap", "pelvic-tilt", to="seated-pelvic-tilt")
EASIER = Adjustment("fewer-reps", "bridge", field="reps", by=-1)
PLAN_QUERY = "floor=1&conditions=none-known"


def screened(device: str | None = None) -> tuple[Client, str]:
    device = device or str(uuid.uuid4())
    client = Client()
    client.cookies[DEVICE_COOKIE] = device
    client.cookies[SCREEN_COOKIE] = signed_pass(device)
    return client, device


def accepted(device: str, *adjustments: Adjustment, routine: str = "",
             patient_program: PatientProgram | None = None) -> None:
    for i, adjustment in enumerate(adjustments):
        ReviewDecision.objects.create(
            device=device, week=date.today(), rule="test", change=adjustment.change,
            exercise=adjustment.exercise, adjustment=adjustment.to_data(),
            key=f"{adjustment.change}:{adjustment.exercise}", why="Because.",
            routine="" if patient_program else routine, patient_program=patient_program,
            accepted=True, decided_at=datetime.now(UTC) - timedelta(minutes=10 - i))


def hurt(device: str, exercise: str) -> None:
    ended = datetime.now(UTC).replace(microsecond=0)
    row = PracticeSession.objects.create(
        id=uuid.uuid4(), device=device, routine=ROUTINE, started_at=ended - timedelta(minutes=2),
        ended_at=ended, pain_before=3, pain_after=6, steps_done=3, steps_total=13,
        stopped_for_pain=True, painful_exercise=exercise)
    remember_hurt(row)


def embedded(html: str) -> dict[str, Any]:
    found = re.search(r'<script id="timeline" type="application/json">(.*?)</script>', html, re.S)
    assert found, "the page has no embedded timeline"
    return dict(json.loads(unescape(found.group(1))))


def doses(steps: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """exercise -> (hold, reps) of a timeline's steps, in order of first appearance."""
    return {step["exercise"]: (step["hold_seconds"], step["reps"]) for step in steps}


def core_doses(items: Any) -> dict[str, tuple[int, int]]:
    return {item.exercise.slug: (item.dose.hold_seconds, item.dose.reps) for item in items}


def pdf_text(pdf: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages)).strip()


def printed(text: str) -> list[str]:
    """The exercise names a worksheet numbers ("1. Bridge"), in order."""
    names = sorted({ex.name for ex in get_library().exercises.values()}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])\d{1,2}\. (" + "|".join(map(re.escape, names)) + r")(?![\w/])")
    return [m.group(1) for m in pattern.finditer(text)]


def names(slugs: Any) -> list[str]:
    library = get_library()
    return [library.exercises[slug].name for slug in slugs]


# --- a routine --------------------------------------------------------------------------------

def test_every_routine_edge_plays_the_accepted_changes_for_that_device_only() -> None:
    library = get_library()
    client, device = screened()
    accepted(device, SWAP, EASIER, routine=ROUTINE)
    expected = safe_default_plan(library, ROUTINE, adjustments=(SWAP, EASIER))
    want = core_doses(expected.items)
    assert "seated-pelvic-tilt" in want and "pelvic-tilt" not in want
    assert want["bridge"][1] == core_doses(safe_default_plan(library, ROUTINE).items)["bridge"][1] - 1

    player = client.get(f"/routines/{ROUTINE}/play/")
    assert player.status_code == 200
    assert doses(embedded(player.content.decode())["steps"]) == want
    timeline = client.get(f"/api/timeline?routine={ROUTINE}")
    assert timeline.status_code == 200 and "no-store" in timeline["Cache-Control"]
    assert doses(timeline.json()["steps"]) == want

    # A plan of the routine (answers given) carries them too.
    profile = Profile(floor=True, conditions=frozenset({"none-known"}))
    plan = make_plan(library, ROUTINE, profile, adjustments=(SWAP, EASIER))
    planned = core_doses(plan.items)
    assert "seated-pelvic-tilt" in planned
    page = client.get(f"/routines/{ROUTINE}/plan/?{PLAN_QUERY}")
    assert page.status_code == 200
    html = unescape(page.content.decode())
    for item in plan.items:
        assert item.exercise.name in html and dose_text(item.dose, item.exercise) in html
    assert doses(embedded(client.get(f"/routines/{ROUTINE}/play/?{PLAN_QUERY}")
                          .content.decode())["steps"]) == planned
    assert doses(client.get(f"/api/timeline?routine={ROUTINE}&{PLAN_QUERY}").json()["steps"]) \
        == planned

    # Another device gets the routine as published, from every edge.
    other, _ = screened()
    published = core_doses(safe_default_plan(library, ROUTINE).items)
    assert doses(embedded(other.get(f"/routines/{ROUTINE}/play/").content.decode())["steps"]) \
        == published
    assert doses(other.get(f"/api/timeline?routine={ROUTINE}").json()["steps"]) == published
    assert printed(pdf_text(other.get(f"/routines/{ROUTINE}/worksheet.pdf").content)) \
        == names(published)
    assert printed(pdf_text(other.get(f"/routines/{ROUTINE}/worksheet.pdf?{PLAN_QUERY}")
                            .content)) == names(core_doses(make_plan(library, ROUTINE,
                                                                     profile).items))


#: The routine's worksheet is made again from the plan's answers, what hurt and its accepted
#: changes (worksheets/sheet.plan_sheet, Plan.adjustments), kept under a key naming all three.
def test_the_routine_worksheet_prints_the_accepted_changes() -> None:
    library = get_library()
    client, device = screened()
    accepted(device, SWAP, EASIER, routine=ROUTINE)
    want = core_doses(safe_default_plan(library, ROUTINE, adjustments=(SWAP, EASIER)).items)
    sheet = client.get(f"/routines/{ROUTINE}/worksheet.pdf")
    assert sheet.status_code == 200
    text = pdf_text(sheet.content)
    assert printed(text) == names(want)
    bridge = library.exercises["bridge"]
    fewer = next(item.dose for item in safe_default_plan(library, ROUTINE, adjustments=(EASIER,))
                 .items if item.exercise.slug == "bridge")
    published = next(item.dose for item in safe_default_plan(library, ROUTINE).items
                     if item.exercise.slug == "bridge")
    assert fewer.reps == published.reps - 1
    assert f"Bridge {sheet_dose(fewer, bridge)}" in text
    assert f"Bridge {sheet_dose(published, bridge)}" not in text
    profile = Profile(floor=True, conditions=frozenset({"none-known"}))
    planned = make_plan(library, ROUTINE, profile, adjustments=(SWAP, EASIER)).items
    text = pdf_text(client.get(f"/routines/{ROUTINE}/worksheet.pdf?{PLAN_QUERY}").content)
    assert printed(text) == names(core_doses(planned))
    assert all(f"{item.exercise.name} {sheet_dose(item.dose, item.exercise)}" in text
               for item in planned)


def test_the_worksheet_of_a_changed_plan_has_its_own_etag() -> None:
    changed, device = screened()
    accepted(device, SWAP, routine=ROUTINE)
    mine = changed.get(f"/routines/{ROUTINE}/worksheet.pdf?{PLAN_QUERY}")
    other, _ = screened()
    theirs = other.get(f"/routines/{ROUTINE}/worksheet.pdf?{PLAN_QUERY}")
    assert mine.status_code == theirs.status_code == 200
    assert mine["ETag"] != theirs["ETag"]
    assert "Seated pelvic tilt" not in printed(pdf_text(theirs.content))
    # asked with the other's ETag, the changed device is not told it has the sheet already
    again = changed.get(f"/routines/{ROUTINE}/worksheet.pdf?{PLAN_QUERY}",
                        headers={"If-None-Match": theirs["ETag"]})
    assert again.status_code == 200 and again["ETag"] == mine["ETag"]
    # and the other device still gets the sheet everyone with its answers gets
    assert other.get(f"/routines/{ROUTINE}/worksheet.pdf?{PLAN_QUERY}")["ETag"] == theirs["ETag"]


def test_the_worksheet_of_a_changed_plan_is_never_handed_to_another_device() -> None:
    changed, device = screened()
    accepted(device, SWAP, routine=ROUTINE)
    mine = changed.get(f"/routines/{ROUTINE}/worksheet.pdf?{PLAN_QUERY}")
    other, _ = screened()
    theirs = other.get(f"/routines/{ROUTINE}/worksheet.pdf?{PLAN_QUERY}")
    assert "Seated pelvic tilt" in printed(pdf_text(mine.content))
    assert "Seated pelvic tilt" not in printed(pdf_text(theirs.content))


def test_a_changed_device_never_gets_the_page_kept_for_everyone_nor_the_note() -> None:
    everyone, _ = screened()
    shared = everyone.get(f"/routines/{ROUTINE}/play/")
    assert UNMARKED_COOKIE in shared.cookies and len(BODIES) == 1
    client, device = screened()
    accepted(device, EASIER, routine=ROUTINE)
    own = client.get(f"/routines/{ROUTINE}/play/")
    assert own.templates, "rendered for this device"
    assert own.content != shared.content
    assert UNMARKED_COOKIE not in own.cookies
    assert len(BODIES) == 1, "the device's own page is not kept"
    # Nor on another routine's page: the note would let the front door hand it this one.
    other_routine = client.get(f"/routines/{CRACK}/play/")
    assert other_routine.status_code == 200
    assert UNMARKED_COOKIE not in other_routine.cookies
    # A change for another routine leaves this one as everyone's.
    assert doses(embedded(other_routine.content.decode())["steps"]) == core_doses(
        safe_default_plan(get_library(), CRACK).items)


def test_a_change_never_brings_back_what_hurt_or_what_the_rules_leave_out() -> None:
    client, device = screened()
    hurt(device, "seated-pelvic-tilt")
    accepted(device, SWAP, routine=ROUTINE)
    played = doses(embedded(client.get(f"/routines/{ROUTINE}/play/").content.decode())["steps"])
    assert "seated-pelvic-tilt" not in played and "pelvic-tilt" not in played
    assert doses(client.get(f"/api/timeline?routine={ROUTINE}").json()["steps"]) == played
    # prone props need a known condition: a swap to it leaves both out of the safe default
    accepted(device, Adjustment("swap", "bridge", to="prone-props"), routine=CRACK)
    steps = doses(client.get(f"/api/timeline?routine={CRACK}").json()["steps"])
    assert "prone-props" not in steps and "bridge" not in steps
    page = embedded(client.get(f"/routines/{CRACK}/play/").content.decode())
    assert "prone-props" not in doses(page["steps"]) and "bridge" not in doses(page["steps"])
    assert "Prone props" not in printed(pdf_text(
        client.get(f"/routines/{CRACK}/worksheet.pdf").content))
    assert SAFE_DEFAULT.conditions is None


# --- a clinician's program --------------------------------------------------------------------

def program_for_test() -> Program:
    from backcare.accounts.models import Clinic
    from backcare.prescribing import draft_to_data

    library = get_library()
    draft = ProgramDraft(title="Morning back care", note="Gently.", days_per_week=3,
                         conditions=(), items=(
                             item_with_defaults(library, "pelvic-tilt", reps=6),
                             item_with_defaults(library, "bridge", reps=8),
                             item_with_defaults(library, "cat-cow", reps=5)))
    data = draft_to_data(draft)
    program = Program.objects.create(clinic=Clinic.objects.create(name="Clinic North"),
                                     share_key=new_share_key(), code=new_code())
    version = ProgramVersion.objects.create(
        program=program, number=1, title=data["title"], note=data["note"], days_per_week=3,
        conditions=[], items=data["items"], clinician_name="Carol")
    # saved by the clinician a day before the patient accepts anything (only changes
    # accepted after the latest version apply: see test_program_changes_edges.py)
    ProgramVersion.objects.filter(pk=version.pk).update(
        created_at=datetime.now(UTC) - timedelta(days=1))
    return program


def opened(program: Program) -> tuple[Client, PatientProgram]:
    client, device = screened()
    assert client.get(f"/p/{program.share_key}/").status_code == 200
    return client, PatientProgram.objects.get(program=program, device=device)


def test_every_program_edge_plays_the_accepted_changes_for_that_patient_only() -> None:
    library = get_library()
    program = program_for_test()
    client, mine = opened(program)
    swap_cat = Adjustment("swap", "cat-cow", to="seated-cat-cow")
    accepted(mine.device, swap_cat, EASIER, patient_program=mine)
    # a change for a routine is not one for the program
    accepted(mine.device, Adjustment("fewer-reps", "pelvic-tilt", by=-1), routine=ROUTINE)
    draft = program.versions.get().items
    from backcare.programs.patient_access import draft_of
    expected = program_play(library, draft_of(program.versions.get()),
                            adjustments=(swap_cat, EASIER))
    want = core_doses(expected.items)
    assert list(want) == ["pelvic-tilt", "bridge", "seated-cat-cow"] and want["bridge"][1] == 7
    assert draft[1]["reps"] == 8

    page = client.get(f"/p/{program.share_key}/")
    text = unescape(page.content.decode())
    for item in expected.items:
        assert item.exercise.name in text and dose_text(item.dose, item.exercise) in text
    assert "Cat/cow" not in re.sub(r"Seated cat/cow", "", text)
    played = client.get(f"/p/{program.share_key}/play/")
    assert doses(embedded(played.content.decode())["steps"]) == want
    shared = client.get(f"/api/shared/{program.code}").json()
    assert doses(shared["timeline"]["steps"]) == want
    assert [(i["exercise"], i["reps"]) for i in shared["items"]] == [
        (slug, reps) for slug, (_, reps) in want.items()]
    sheet = client.get(f"/p/{program.share_key}/worksheet.pdf")
    assert sheet.status_code == 200
    assert printed(pdf_text(sheet.content)) == names(want)

    # Another patient of the same program gets it as the clinician wrote it.
    other, _ = opened(program)
    published = core_doses(program_play(library, draft_of(program.versions.get())).items)
    assert doses(embedded(other.get(f"/p/{program.share_key}/play/").content.decode())["steps"]) \
        == published
    assert doses(other.get(f"/api/shared/{program.code}").json()["timeline"]["steps"]) == published
    assert printed(pdf_text(other.get(f"/p/{program.share_key}/worksheet.pdf").content)) \
        == names(published)
    # and so does someone who only looks the code up
    anyone = Client().get(f"/api/shared/{program.code}").json()
    assert doses(anyone["timeline"]["steps"]) == published


def test_a_programs_swap_to_what_hurt_plays_neither() -> None:
    program = program_for_test()
    client, mine = opened(program)
    hurt(mine.device, "seated-cat-cow")
    accepted(mine.device, Adjustment("swap", "cat-cow", to="seated-cat-cow"), patient_program=mine)
    played = doses(embedded(client.get(f"/p/{program.share_key}/play/").content.decode())["steps"])
    assert "seated-cat-cow" not in played and "cat-cow" not in played
    assert doses(client.get(f"/api/shared/{program.code}").json()["timeline"]["steps"]) == played


# --- the session log holds a session to what was played --------------------------------------

def stop_on(exercise: str, steps: int, **followed: Any) -> dict[str, Any]:
    ended = datetime.now(UTC).replace(microsecond=0)
    return {"id": str(uuid.uuid4()), "plan": None, "started_at": (ended - timedelta(minutes=3))
            .isoformat(), "ended_at": ended.isoformat(), "pain_before": 3, "pain_after": 6,
            "steps_done": 1, "steps_total": steps, "stopped_for_pain": True,
            "painful_exercise": exercise, **followed}


#: practice/session_followed.py holds a session to the routine's or program's timeline as
#: the owner plays it, with their accepted changes.
def test_a_stop_on_a_swapped_in_exercise_of_a_routine_is_saved() -> None:
    client, device = screened()
    accepted(device, SWAP, routine=ROUTINE)
    steps = client.get(f"/api/timeline?routine={ROUTINE}").json()["steps"]
    response = client.post("/api/sessions", stop_on("seated-pelvic-tilt", len(steps),
                                                    routine=ROUTINE),
                           content_type="application/json")
    assert response.status_code == 201, response.content


def test_a_stop_on_a_swapped_in_exercise_of_a_program_is_saved() -> None:
    program = program_for_test()
    client, mine = opened(program)
    accepted(mine.device, Adjustment("swap", "cat-cow", to="seated-cat-cow"), patient_program=mine)
    steps = client.get(f"/api/shared/{program.code}").json()["timeline"]["steps"]
    response = client.post("/api/sessions", stop_on("seated-cat-cow", len(steps),
                                                    program=program.code),
                           content_type="application/json")
    assert response.status_code == 201, response.content
