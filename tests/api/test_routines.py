"""/api/routines and /api/routines/{slug}: what a person or app sees of each routine."""

from __future__ import annotations

from typing import Any

from backcare.plans import safe_default_plan
from backcare.playscript import build_script
from backcare.timeline import FIRST_GET_READY_SECONDS, POSITION_CHANGE_SECONDS, SIDE_SWITCH_SECONDS

from .conftest import FIVE_MINUTE

ROUTINES = [
    "back-pain-relief-exercises-stretches",
    FIVE_MINUTE,
    "seated-back-pain-relief-stretches",
    "dont-crack-your-back",
    "lower-back-pain-back-flexion-stretches",
    "10-best-lower-back-exercises",
    "upper-back-pain-exercises-stretches",
]
EXERCISE_KEYS = {"slug", "name", "position", "position_label", "needs_floor", "hold_seconds",
                 "reps", "sets", "per_side", "rest_seconds"}


def recompute_seconds(routine: dict[str, Any]) -> int:
    """The duration worked out here from the listed doses, independently of the timeline code,
    for the exercises the safe default keeps (not those in ``left_out``): the first
    get-ready, every hold, the rest between reps, max(rest, 5 s) when switching side or set,
    the routine's transition between exercises (plus the extra get-ready when the position
    changes), and nothing after the very last hold."""
    left_out = {item["exercise"] for item in routine["left_out"]}
    kept = [ex for ex in routine["exercises"] if ex["slug"] not in left_out]
    steps = []
    for index, ex in enumerate(kept):
        for set_no in range(ex["sets"]):
            for side in range(2 if ex["per_side"] else 1):
                steps += [(index, set_no, side, ex)] * ex["reps"]
    total = FIRST_GET_READY_SECONDS if steps else 0
    for k, (index, set_no, side, ex) in enumerate(steps):
        total += ex["hold_seconds"]
        if k + 1 == len(steps):
            break
        next_index, next_set, next_side, nxt = steps[k + 1]
        if next_index != index:
            total += routine["transition_seconds"]
            if nxt["position"] != ex["position"]:
                total += POSITION_CHANGE_SECONDS
        elif (next_set, next_side) != (set_no, side):
            total += max(ex["rest_seconds"], SIDE_SWITCH_SECONDS)
        else:
            total += ex["rest_seconds"]
    return total


def test_list_has_every_routine_with_a_duration(api, library) -> None:
    status, body = api("/api/routines")
    assert status == 200
    slugs = [r["slug"] for r in body]
    assert set(ROUTINES) <= set(slugs)
    assert len(slugs) == len(library.routines)
    for item in body:
        assert set(item) == {"slug", "title", "summary", "source", "estimated_seconds"}
        expected = safe_default_plan(library, item["slug"]).total_seconds
        assert item["estimated_seconds"] == expected > 0
        assert item["source"] in {"reference", "authored"}


def test_five_minute_routine_order_and_doses(api, library) -> None:
    status, body = api(f"/api/routines/{FIVE_MINUTE}")
    assert status == 200
    slugs = [ex["slug"] for ex in body["exercises"]]
    assert slugs[0] == "pelvic-tilt"
    assert slugs[-2:] == ["childs-pose", "cat-cow"]
    for ex in body["exercises"]:
        assert set(ex) == EXERCISE_KEYS
        if library.exercises[ex["slug"]].kind == "stretch":
            assert ex["hold_seconds"] == 30, ex["slug"]
    stretches = [e for e in body["exercises"] if library.exercises[e["slug"]].kind == "stretch"]
    assert stretches, "the stretches routine has no stretch in it"


def test_five_minute_routine_duration_adds_up(api, library) -> None:
    _, body = api(f"/api/routines/{FIVE_MINUTE}")
    timeline = library.timeline(FIVE_MINUTE)
    assert body["left_out"] == []
    assert body["estimated_seconds"] == timeline.total_seconds == build_script(timeline).total_seconds
    assert body["estimated_seconds"] == recompute_seconds(body)


def test_every_routine_duration_adds_up_and_matches_the_list(api, library) -> None:
    _, listing = api("/api/routines")
    listed = {r["slug"]: r["estimated_seconds"] for r in listing}
    for slug in library.routines:
        status, body = api(f"/api/routines/{slug}")
        assert status == 200
        assert body["estimated_seconds"] == recompute_seconds(body) == listed[slug], slug


def test_a_routine_with_a_known_condition_exercise_states_the_safe_defaults_time(api, library) -> None:
    # Prone props are only for a known disc problem: the safe default leaves them out, and
    # the routine's time is the time of what is played, not of the published list.
    _, body = api("/api/routines/dont-crack-your-back")
    assert [(i["exercise"], i["reason"]) for i in body["left_out"]] == [
        ("prone-props", "needs-known-condition")]
    assert all(item["why"] for item in body["left_out"])
    assert "prone-props" in [e["slug"] for e in body["exercises"]]
    published = library.estimated_seconds("dont-crack-your-back")
    assert body["estimated_seconds"] == recompute_seconds(body) < published


def test_routine_detail_fields(api, library) -> None:
    for slug in ROUTINES:
        status, body = api(f"/api/routines/{slug}")
        assert status == 200, slug
        routine = library.routines[slug]
        assert body["slug"] == slug and body["title"] == routine.title
        assert body["summary"] and body["suits"]
        assert body["related"] == list(routine.related)
        assert all(r in library.routines for r in body["related"])
        # the phases name the same exercises, in the same order, as the flat list
        in_phases = [s for phase in body["phases"] for s in phase["exercises"]]
        assert in_phases == [e["slug"] for e in body["exercises"]]
        assert all(phase["name"] for phase in body["phases"])
        for ex in body["exercises"]:
            assert ex["needs_floor"] == library.exercises[ex["slug"]].needs_floor


def test_doses_are_the_routines_overrides(api, library) -> None:
    _, body = api(f"/api/routines/{FIVE_MINUTE}")
    dosed = library.dosed(library.routines[FIVE_MINUTE])
    assert [(e["hold_seconds"], e["reps"], e["sets"], e["rest_seconds"]) for e in body["exercises"]] \
        == [(d.dose.hold_seconds, d.dose.reps, d.dose.sets, d.dose.rest_seconds) for d in dosed]
    # The override really applies: in a hurry, the 30 s stretches are done once, not 3 times.
    knee = next(e for e in body["exercises"] if e["slug"] == "single-knee-to-chest")
    assert (knee["hold_seconds"], knee["reps"]) == (30, 1)
    assert library.exercises["single-knee-to-chest"].dose.reps == 3


def test_seated_routine_needs_no_floor(api) -> None:
    _, body = api("/api/routines/seated-back-pain-relief-stretches")
    assert body["exercises"]
    assert not any(ex["needs_floor"] for ex in body["exercises"])


def test_unknown_routine_is_a_json_404_naming_it(api) -> None:
    status, body = api("/api/routines/xyz")
    assert status == 404
    assert body == {"detail": "No routine called 'xyz'. See /api/routines for the list."}
