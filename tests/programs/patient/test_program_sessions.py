"""POST /api/sessions with a program's code instead of a routine: saved against this
owner's patient-program and the version followed, or a 422 naming the field."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from django.test import Client

from backcare.catalogue.library import get_library
from backcare.practice.models import PracticeSession
from backcare.prescribing import format_code, program_play
from backcare.programs.models import PatientProgram, Program
from backcare.programs.patient_access import draft_of, latest_version

FIVE_MINUTE = "back-pain-relief-stretches-5-minute-real-time-routine"


def steps_of(program: Program) -> int:
    return len(program_play(get_library(), draft_of(latest_version(program))).timeline.steps)


def body(of: Program, **changes: Any) -> dict[str, Any]:
    ended = datetime.now(UTC).replace(microsecond=0)
    steps = steps_of(of)
    out = {"id": str(uuid.uuid4()), "program": of.code,
           "started_at": (ended - timedelta(minutes=6)).isoformat(), "ended_at": ended.isoformat(),
           "pain_before": 5, "pain_after": 3, "feeling": "better", "steps_done": steps,
           "steps_total": steps, "stopped_for_pain": False}
    out.update(changes)
    return {k: v for k, v in out.items() if v is not ...}


def post(client: Client, payload: dict[str, Any]) -> tuple[int, Any]:
    response = client.post("/api/sessions", payload, content_type="application/json")
    return response.status_code, response.json()


def fields(answer: Any) -> list[str]:
    return [str(problem["loc"][-1]) for problem in answer["detail"]]


def opened(client: Client, program: Program) -> Client:
    assert client.get(f"/p/{program.share_key}/").status_code == 200
    return client


def test_a_session_of_an_opened_program_is_saved(program: Program, screened: Client) -> None:
    opened(screened, program)
    status, saved = post(screened, body(program))
    assert status == 201, saved
    assert saved["program"] == program.code and saved["routine"] == ""
    row = PracticeSession.objects.get(id=saved["id"])
    assert row.patient_program == PatientProgram.objects.get(program=program)
    assert row.program_version == 1 and row.routine == ""
    # the same id again: the same row (a retry never doubles it)
    again = post(screened, body(program, id=saved["id"]))
    assert again[0] == 200 and PracticeSession.objects.count() == 1


def test_the_code_may_be_typed_as_people_read_it(program: Program, screened: Client) -> None:
    opened(screened, program)
    status, saved = post(screened, body(program, program=format_code(program.code).lower(),
                                        routine=""))
    assert status == 201, saved


def test_the_version_saved_is_the_latest(program: Program, screened: Client) -> None:
    from .conftest import add_version, evening_draft

    opened(screened, program)
    add_version(program, evening_draft("Week two"))
    status, saved = post(screened, body(program))
    assert status == 201
    assert PracticeSession.objects.get(id=saved["id"]).program_version == 2


def test_an_unknown_code_is_422_on_program(program: Program, screened: Client) -> None:
    opened(screened, program)
    status, answer = post(screened, body(program, program="ACDEFGHJ" if program.code != "ACDEFGHJ"
                                         else "ACDEFGHK"))
    assert status == 422 and fields(answer) == ["program"]
    status, answer = post(screened, body(program, program="not a code"))
    assert status == 422 and fields(answer) == ["program"]


def test_a_program_not_opened_here_is_422(program: Program, screened: Client) -> None:
    status, answer = post(screened, body(program))
    assert status == 422 and fields(answer) == ["program"]
    assert "open the program's link first" in answer["detail"][0]["msg"]
    assert not PracticeSession.objects.exists()


def test_another_devices_acceptance_does_not_count(program: Program, screened: Client) -> None:
    opened(screened, program)
    other = Client()
    status, answer = post(other, body(program))
    assert status == 422 and fields(answer) == ["program"]


def test_steps_beyond_the_programs_are_422(program: Program, screened: Client) -> None:
    opened(screened, program)
    steps = steps_of(program)
    status, answer = post(screened, body(program, steps_total=steps + 1, steps_done=steps))
    assert status == 422 and fields(answer) == ["steps_total"]
    assert f"the {steps} steps this program has" in answer["detail"][0]["msg"]


def test_exactly_one_of_routine_and_program(program: Program, screened: Client) -> None:
    opened(screened, program)
    status, answer = post(screened, body(program, routine=FIVE_MINUTE))
    assert status == 422 and fields(answer) == ["program"]
    status, answer = post(screened, body(program, program=..., routine=...))
    assert status == 422 and fields(answer) == ["routine"]
    status, answer = post(screened, body(program, plan="floor=0"))
    assert status == 422 and fields(answer) == ["plan"]


def test_the_exercise_that_hurt_must_be_the_programs(program: Program, screened: Client) -> None:
    opened(screened, program)
    stop = {"stopped_for_pain": True, "steps_done": 3, "pain_after": None}
    status, answer = post(screened, body(program, painful_exercise="chin-tuck", **stop))
    assert status == 422 and fields(answer) == ["painful_exercise"]
    status, saved = post(screened, body(program, painful_exercise="bridge", **stop))
    assert status == 201 and saved["painful_exercise"] == "bridge"


def test_the_list_names_the_program(program: Program, screened: Client) -> None:
    opened(screened, program)
    post(screened, body(program))
    ended = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    routine = {"id": str(uuid.uuid4()), "routine": FIVE_MINUTE, "started_at":
               (ended - timedelta(minutes=5)).isoformat(), "ended_at": ended.isoformat(),
               "pain_before": 4, "steps_done": 1, "steps_total": 13}
    assert post(screened, routine)[0] == 201
    listed = screened.get("/api/sessions").json()
    assert [(row["program"], row["routine"]) for row in listed] == [(program.code, ""),
                                                                    (None, FIVE_MINUTE)]
