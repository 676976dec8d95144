"""Accepted weekly-review changes applied to a program and to a routine's plan: what the
person then plays, at what dose, and that every safety filter still applies."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from backcare.content import load_library
from backcare.outcomes.adjusting import Adjustment, adjusted_draft, adjusted_routine
from backcare.plans import SAFE_DEFAULT, Profile, make_plan, safe_default_plan
from backcare.prescribing import ProgramDraft, ProgramItem, item_with_defaults, program_play

LIB = load_library(Path(__file__).resolve().parents[2] / "content")
SWAP_KNEE = Adjustment("swap", "single-knee-to-chest", to="seated-knee-to-chest")


def program(*items: ProgramItem, conditions: tuple[str, ...] = ()) -> ProgramDraft:
    return ProgramDraft(title="Back care", note="", days_per_week=3, conditions=conditions,
                        items=items)


def played(draft: ProgramDraft, *adjustments: Adjustment,
           hurt: dict[str, date] | None = None) -> dict[str, tuple[int, int, int]]:
    play = program_play(LIB, draft, hurt, adjustments)
    return {d.exercise.slug: (d.dose.hold_seconds, d.dose.reps, d.dose.sets) for d in play.items}


def test_a_swap_plays_the_seated_version_at_its_own_dose() -> None:
    draft = program(item_with_defaults(LIB, "bridge"),
                    item_with_defaults(LIB, "single-knee-to-chest", hold_seconds=45, reps=5,
                                       note="Go gently"))
    adjusted = adjusted_draft(LIB, draft, [SWAP_KNEE])
    assert [i.exercise for i in adjusted.items] == ["bridge", "seated-knee-to-chest"]
    swapped = adjusted.items[1]
    own = LIB.exercises["seated-knee-to-chest"].dose
    assert (swapped.hold_seconds, swapped.reps, swapped.sets) == (own.hold_seconds, own.reps,
                                                                  own.sets)
    assert swapped.note == "" and swapped.override is False
    assert list(played(draft, SWAP_KNEE)) == ["bridge", "seated-knee-to-chest"]


def test_a_swap_never_brings_in_what_the_conditions_exclude() -> None:
    # The clinician chose the lying stretch despite a hip replacement; its seated version
    # is excluded too, and a swap carries no override: it is left out with the reason.
    draft = program(item_with_defaults(LIB, "bridge"),
                    item_with_defaults(LIB, "supine-hamstring-stretch", override=True),
                    conditions=("hip-replacement",))
    swap = Adjustment("swap", "supine-hamstring-stretch", to="seated-hamstring-stretch")
    play = program_play(LIB, draft, None, [swap])
    assert [d.exercise.slug for d in play.items] == ["bridge"]
    assert [(o.exercise, o.reason) for o in play.left_out] == [
        ("seated-hamstring-stretch", "condition")]


def test_a_swap_never_brings_in_what_hurt() -> None:
    draft = program(item_with_defaults(LIB, "bridge"),
                    item_with_defaults(LIB, "single-knee-to-chest"))
    play = program_play(LIB, draft, {"seated-knee-to-chest": date(2025, 3, 3)}, [SWAP_KNEE])
    assert [d.exercise.slug for d in play.items] == ["bridge"]
    assert play.left_out[0].reason == "hurt-last-time"


def test_a_swap_to_an_exercise_already_there_drops_the_one_that_hurt() -> None:
    draft = program(item_with_defaults(LIB, "single-knee-to-chest"),
                    item_with_defaults(LIB, "seated-knee-to-chest"))
    assert list(played(draft, SWAP_KNEE)) == ["seated-knee-to-chest"]


def test_fewer_reps_stops_at_the_lowest_worth_doing() -> None:
    draft = program(item_with_defaults(LIB, "bridge", reps=7))  # min_reps 5
    fewer = Adjustment("fewer-reps", "bridge", by=-1)
    assert played(draft, fewer)["bridge"][1] == 6
    assert played(draft, fewer, fewer, fewer, fewer)["bridge"][1] == 5


def test_fewer_reps_of_every_exercise() -> None:
    draft = program(item_with_defaults(LIB, "bridge", reps=8),
                    item_with_defaults(LIB, "single-knee-to-chest", reps=3))
    doses = played(draft, Adjustment("fewer-reps", "*", by=-1))
    assert doses["bridge"][1] == 7 and doses["single-knee-to-chest"][1] == 2


def test_a_step_up_stays_within_the_dose_bounds() -> None:
    draft = program(item_with_defaults(LIB, "single-knee-to-chest", reps=9))  # hold: 1..10
    up = Adjustment("step-up", "single-knee-to-chest", by=1)
    assert played(draft, up)["single-knee-to-chest"][1] == 10
    assert played(draft, up, up, up)["single-knee-to-chest"][1] == 10
    sets = Adjustment("step-up", "single-knee-to-chest", field="sets", by=1)
    assert played(draft, sets, sets, sets, sets)["single-knee-to-chest"][2] == 3  # sets 1..3


def test_a_step_down_never_raises_a_dose_already_below_the_minimum() -> None:
    draft = program(item_with_defaults(LIB, "bridge", reps=3))  # bounds 3..20, min_reps 5
    assert played(draft, Adjustment("fewer-reps", "bridge", by=-1))["bridge"][1] == 3


def test_an_adjustment_for_an_exercise_not_there_changes_nothing() -> None:
    draft = program(item_with_defaults(LIB, "bridge"))
    assert adjusted_draft(LIB, draft, [SWAP_KNEE, Adjustment("step-up", "cat-cow", by=1),
                                       Adjustment("swap", "bridge", to="no-such-thing")]) == draft


def test_a_plan_shows_the_swap_and_why() -> None:
    plan = make_plan(LIB, "back-pain-relief-exercises-stretches", SAFE_DEFAULT, None,
                     [SWAP_KNEE])
    assert "seated-knee-to-chest" in plan.exercise_slugs
    assert "single-knee-to-chest" not in plan.exercise_slugs
    (change,) = [c for c in plan.changes if c.kind == "swapped"]
    assert (change.exercise, change.replacement) == ("single-knee-to-chest",
                                                      "seated-knee-to-chest")
    assert change.reason == ("Swapped for Seated knee to chest, as you chose in your weekly "
                             "review.")
    # the same routine, in the same place
    before = make_plan(LIB, "back-pain-relief-exercises-stretches", SAFE_DEFAULT)
    assert plan.exercise_slugs.index("seated-knee-to-chest") == before.exercise_slugs.index(
        "single-knee-to-chest")


def test_a_plan_keeps_every_filter_after_a_swap() -> None:
    osteoporosis = Profile(floor=True, conditions=frozenset({"osteoporosis"}))
    plan = make_plan(LIB, "back-pain-relief-exercises-stretches", osteoporosis, None,
                     [SWAP_KNEE])
    assert "seated-knee-to-chest" not in plan.exercise_slugs
    assert ("seated-knee-to-chest", "condition") in [(o.exercise, o.reason)
                                                      for o in plan.left_out]
    assert not [c for c in plan.changes if c.kind == "swapped"]
    hurt = safe_default_plan(LIB, "back-pain-relief-exercises-stretches",
                             {"seated-knee-to-chest": date(2025, 3, 3)}, [SWAP_KNEE])
    assert "seated-knee-to-chest" not in hurt.exercise_slugs


def test_a_plan_plays_the_stepped_up_dose() -> None:
    up = Adjustment("step-up", "bridge", by=1)
    before = {i.exercise.slug: i.dose for i in safe_default_plan(LIB, "dont-crack-your-back").items}
    after = {i.exercise.slug: i.dose
             for i in safe_default_plan(LIB, "dont-crack-your-back", None, [up]).items}
    assert after["bridge"].reps == before["bridge"].reps + 1
    assert {k: v for k, v in after.items() if k != "bridge"} == {
        k: v for k, v in before.items() if k != "bridge"}


def test_adjusted_routine_keeps_the_routine_and_its_other_doses() -> None:
    routine = LIB.routines["dont-crack-your-back"]
    adjusted = adjusted_routine(LIB, routine, [Adjustment("fewer-reps", "bridge", by=-1)])
    assert (adjusted.slug, adjusted.title) == (routine.slug, routine.title)
    doses = {d.exercise.slug: d.dose for d in LIB.dosed(adjusted)}
    original = {d.exercise.slug: d.dose for d in LIB.dosed(routine)}
    assert doses["bridge"].reps == original["bridge"].reps - 1
    assert {k: v for k, v in doses.items() if k != "bridge"} == {
        k: v for k, v in original.items() if k != "bridge"}


@pytest.mark.parametrize("adjustment", [
    SWAP_KNEE, Adjustment("fewer-reps", "*", by=-1),
    Adjustment("step-up", "bridge", field="sets", by=1)])
def test_an_adjustment_is_stored_and_read_back(adjustment: Adjustment) -> None:
    assert Adjustment.from_data(adjustment.to_data()) == adjustment


@pytest.mark.parametrize("data", [
    {"change": "grow", "exercise": "bridge"},
    {"change": "swap", "exercise": "bridge"},
    {"change": "swap", "exercise": "*", "to": "bridge"},
    {"change": "step-up", "exercise": "bridge", "by": -1},
    {"change": "step-up", "exercise": "bridge", "by": 50},
    {"change": "step-up", "exercise": "bridge", "field": "rest_seconds", "by": 1},
    {"change": "fewer-reps", "exercise": "", "by": -1},
    {"change": "fewer-reps", "exercise": "bridge", "by": True},
])
def test_bad_stored_data_is_refused(data: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Adjustment.from_data(data)
