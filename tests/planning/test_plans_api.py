"""GET /api/screen and POST /api/plans."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from backcare.content import Library
from backcare.content.wording import format_duration
from backcare.plans import QUESTIONS, SCREEN_VERSION, SOURCES, PlanError, Profile, make_plan
from backcare.playscript import build_script

from .conftest import CRACK, FIVE, NOT_URGENT, URGENT

NO_FLAGS = {q.id: False for q in QUESTIONS}


def post(client: Client, **body: Any) -> tuple[int, Any]:
    answers = {} if "diagnosis" in body else {"conditions": ["none-known"]}
    payload = {"routine": FIVE, "floor": True, **answers, "red_flags": NO_FLAGS, **body}
    response = client.post("/api/plans", json.dumps(payload), content_type="application/json")
    assert response["Content-Type"].startswith("application/json")
    return response.status_code, response.json()


def fields(body: Any) -> list[list[str]]:
    return [problem["loc"] for problem in body["detail"]]


def test_the_screen_lists_every_question(client: Client) -> None:
    body = client.get("/api/screen").json()
    assert body["version"] == SCREEN_VERSION
    assert body["questions"] == [{"id": q.id, "text": q.text, "urgent": q.urgent, "area": q.area}
                                 for q in QUESTIONS]
    assert body["routine"] is None and body["areas"] == ["low-back", "any", "neck"]
    assert body["sources"] == list(SOURCES)


def test_a_plan_in_three_minutes_off_the_floor(client: Client, library: Library) -> None:
    status, body = post(client, minutes=3, floor=False, pain=4)
    assert status == 200
    assert set(body) == {"routine", "title", "total_seconds", "language", "plan", "phases",
                         "steps", "changes", "left_out", "advice"}
    assert body["routine"] == FIVE and body["title"] == library.routines[FIVE].title
    assert body["total_seconds"] <= 180
    # Every get-ready, hold and rest is counted once: the phases add up to the total, and
    # so do the first get-ready and the steps' holds and rests.
    assert body["total_seconds"] == sum(p["seconds"] for p in body["phases"])
    lead_in = body["phases"][0]["seconds"]
    assert body["phases"][0]["kind"] == "get-ready" and lead_in > 0
    assert body["total_seconds"] == lead_in + sum(s["hold_seconds"] + s["rest_seconds"]
                                                  for s in body["steps"])
    plan = make_plan(library, FIVE, Profile(floor=False, conditions=frozenset({"none-known"}),
                                            minutes=3, pain=4))
    assert body["phases"] == [p.as_dict() for p in build_script(plan.timeline).phases]
    assert body["plan"] == "floor=0&conditions=none-known&minutes=3&pain=4"
    left = {item["exercise"]: item["reason"] for item in body["left_out"]}
    assert left and set(left.values()) <= {"time", "no-floor"}
    for step in body["steps"]:
        exercise = library.exercises[step["exercise"]]
        assert not exercise.needs_floor
        assert {"side", "rep", "hold_seconds", "rest_seconds"} <= set(step)
        if exercise.kind == "stretch":
            assert step["hold_seconds"] == 30
    swaps = {c["exercise"]: c["replacement"] for c in body["changes"] if c["kind"] == "swapped"}
    assert swaps["pelvic-tilt"] == "seated-pelvic-tilt"
    assert all(c["reason"] for c in body["changes"])


@pytest.mark.parametrize("conditions", [None, ["none-known"], ["disc"], ["disc", "hip-replacement"],
                                        ["osteoporosis"]])
def test_prone_props_only_with_a_disc_problem(client: Client, conditions: list[str] | None) -> None:
    status, body = post(client, routine=CRACK, conditions=conditions)
    assert status == 200
    has_disc = conditions is not None and "disc" in conditions
    assert ("prone-props" in {s["exercise"] for s in body["steps"]}) == has_disc
    left = {item["exercise"]: item["reason"] for item in body["left_out"]}
    assert (left.get("prone-props") == "needs-known-condition") == (not has_disc)


@pytest.mark.parametrize(("diagnosis", "conditions"), [
    ("none", "none-known"), ("disc", "disc"), ("other", "other")])
def test_the_older_diagnosis_is_still_accepted(client: Client, diagnosis: str, conditions: str) -> None:
    status, body = post(client, routine="upper-back-pain-exercises-stretches", diagnosis=diagnosis)
    assert status == 200 and body["plan"] == f"floor=1&conditions={conditions}"


def test_conditions_with_the_bending_question(client: Client) -> None:
    status, body = post(client, routine=CRACK, conditions=["disc"], bending_worsens_leg_pain=True)
    assert status == 200
    assert body["plan"] == "floor=1&conditions=disc&bending_worsens_leg_pain=1"
    flagged = [c for c in body["changes"] if c["kind"] == "flagged"]
    assert flagged and all(c["condition"] == "disc" and c["movement"] == "flexion" for c in flagged)
    status, body = post(client, routine="10-best-lower-back-exercises",
                        conditions=["spinal-surgery"])
    assert status == 200 and any("surgeon" in said for said in body["advice"])


@pytest.mark.parametrize(("flag", "level"), [(NOT_URGENT, "see-doctor"), (URGENT, "emergency")])
def test_any_red_flag_is_403_with_advice_and_no_plan(client: Client, flag: str, level: str) -> None:
    status, body = post(client, red_flags={**NO_FLAGS, flag: True})
    assert status == 403
    assert set(body) == {"detail", "level", "advice", "flagged"}
    assert body["level"] == level and body["flagged"] == [flag]
    if level == "emergency":
        assert "emergency" in body["detail"].lower()
    else:
        assert "doctor" in body["detail"].lower()
    assert "steps" not in body


def test_red_flags_are_checked_before_anything_else(client: Client) -> None:
    status, _ = post(client, routine="no-such-routine", minutes=0, red_flags={**NO_FLAGS, URGENT: True})
    assert status == 403


@pytest.mark.parametrize(("red_flags", "named"), [
    ({k: v for k, v in NO_FLAGS.items() if k != NOT_URGENT}, NOT_URGENT),
    ({**NO_FLAGS, "made-up": False}, "made-up"),
    ({}, QUESTIONS[0].id),
])
def test_incomplete_or_unknown_red_flags_are_422(client: Client, red_flags: dict, named: str) -> None:
    status, body = post(client, red_flags=red_flags)
    assert status == 422
    assert ["body", "red_flags", named] in fields(body)


def test_red_flags_must_be_true_or_false(client: Client) -> None:
    status, body = post(client, red_flags={**NO_FLAGS, URGENT: "no"})
    assert status == 422
    assert any("red_flags" in loc and URGENT in loc for loc in fields(body))


def test_red_flags_are_required(client: Client) -> None:
    response = client.post("/api/plans", json.dumps({"routine": FIVE, "floor": True,
                                                     "conditions": ["none-known"]}),
                           content_type="application/json")
    assert response.status_code == 422
    assert any("red_flags" in p["loc"] for p in response.json()["detail"])


@pytest.mark.parametrize(("change", "field"), [
    ({"diagnosis": "maybe"}, "diagnosis"),
    ({"conditions": ["flu"]}, "conditions"),
    ({"conditions": []}, "conditions"),
    ({"conditions": ["none-known", "disc"]}, "conditions"),
    ({"conditions": "disc"}, "conditions"),
    ({"bending_worsens_leg_pain": "yes"}, "bending_worsens_leg_pain"),
    ({"minutes": 0}, "minutes"),
    ({"minutes": 121}, "minutes"),
    ({"minutes": "3"}, "minutes"),
    ({"pain": 11}, "pain"),
    ({"floor": "yes"}, "floor"),
    ({"skip": ["no-such-exercise"]}, "skip"),
    ({"skip": ["Not A Slug"]}, "skip"),
])
def test_bad_values_are_422_naming_the_field(client: Client, change: dict, field: str) -> None:
    status, body = post(client, **change)
    assert status == 422
    assert any(loc[-1] == field or field in loc for loc in fields(body)), body


def test_unknown_routine_is_404(client: Client) -> None:
    status, body = post(client, routine="no-such-routine")
    assert status == 404 and "no-such-routine" in body["detail"]


def test_too_little_time_is_422_with_the_minimum(client: Client, library: Library) -> None:
    status, body = post(client, routine=CRACK, floor=False, minutes=1)
    assert status == 422
    with pytest.raises(PlanError) as refused:
        make_plan(library, CRACK, Profile(floor=False, conditions=frozenset({"none-known"}),
                                          minutes=1))
    least = refused.value.minimum_seconds
    assert least is not None and 60 < least < 120  # the first get-ready is counted too
    assert body["minimum_seconds"] == least
    assert format_duration(least) in body["detail"]


def test_the_schemas_are_declared(client: Client) -> None:
    spec = client.get("/api/openapi.json").json()
    responses = spec["paths"]["/api/plans"]["post"]["responses"]
    assert {"200", "403", "404", "422"} <= set(responses)
    assert "/api/screen" in spec["paths"]
