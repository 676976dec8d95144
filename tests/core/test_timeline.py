"""The timeline is the one source of durations: its total is exactly its get-ready lead-in,
holds and rests; the pause before an exercise is its get-ready (10 s before the first, the
routine's transition before a later one, 10 s more when the position changes)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from backcare.content import load_library
from backcare.content.schema import Dose
from backcare.playscript import build_script
from backcare.timeline import (
    FIRST_GET_READY_SECONDS,
    POSITION_CHANGE_SECONDS,
    SIDE_SWITCH_SECONDS,
    Dosed,
    build_timeline,
    get_ready_seconds,
)

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
LIB = load_library(MINI)


def test_steps_follow_sides_reps_and_rests() -> None:
    t = LIB.timeline("floor-routine")
    first = [(s.exercise, s.side, s.rep, s.hold_seconds, s.rest_seconds) for s in t.steps[:3]]
    assert first == [
        ("lying-stretch", "left", 1, 30, SIDE_SWITCH_SECONDS),  # switch sides
        # the routine's transition, and 10 s more: from the back onto the stomach
        ("lying-stretch", "right", 1, 30, 10 + POSITION_CHANGE_SECONDS),
        ("belly-prop", None, 1, 10, 2),  # the dose's rest between reps
    ]
    assert t.steps[-1].rest_seconds == 0
    assert t.lead_in_seconds == FIRST_GET_READY_SECONDS == 10
    assert t.steps[0].starts_at == 10  # the first hold starts after the first get-ready
    assert t.total_seconds == 10 + 30 + 5 + 30 + 20 + 5 * 10 + 4 * 2
    assert LIB.estimated_seconds("floor-routine") == t.total_seconds
    assert build_script(t).total_seconds == t.total_seconds


def test_get_ready_seconds() -> None:
    lying, belly = LIB.exercises["lying-stretch"], LIB.exercises["belly-prop"]
    chair = LIB.exercises["chair-stretch"]
    assert get_ready_seconds(None, lying, 25) == FIRST_GET_READY_SECONDS == 10
    assert get_ready_seconds(None, chair, 0) == 10  # the first never depends on the routine
    assert get_ready_seconds(lying, belly, 7) == 7 + POSITION_CHANGE_SECONDS == 17
    assert get_ready_seconds(belly, chair, 0) == POSITION_CHANGE_SECONDS  # floor to chair
    assert get_ready_seconds(chair, chair, 7) == 7  # same position: the transition alone
    assert POSITION_CHANGE_SECONDS == 10


doses = st.builds(
    Dose,
    hold_seconds=st.integers(1, 120),
    reps=st.integers(1, 30),
    sets=st.integers(1, 5),
    rest_seconds=st.integers(0, 60),
)


@given(st.lists(st.tuples(st.sampled_from(sorted(LIB.exercises)), doses), min_size=1, max_size=6),
       st.integers(0, 60))
def test_total_is_the_sum_of_holds_and_rests(items: list[tuple[str, Dose]], transition: int) -> None:
    dosed = [Dosed(LIB.exercises[slug], dose) for slug, dose in items]
    t = build_timeline(dosed, transition)
    expected_steps = sum(d.dose.reps * d.dose.sets * (2 if d.exercise.per_side else 1) for d in dosed)
    assert len(t.steps) == expected_steps
    assert t.lead_in_seconds == FIRST_GET_READY_SECONDS
    assert t.total_seconds == t.lead_in_seconds + sum(s.hold_seconds + s.rest_seconds
                                                      for s in t.steps)
    assert build_script(t).total_seconds == t.total_seconds
    # The rest after each step follows the rules, worked out here from the items alone.
    where = [(n, side, set_no) for n, d in enumerate(dosed) for set_no in range(1, d.dose.sets + 1)
             for side in (("left", "right") if d.exercise.per_side else (None,))
             for _ in range(d.dose.reps)]
    for i, step in enumerate(t.steps[:-1]):
        here, after = where[i], where[i + 1]
        rest = dosed[here[0]].dose.rest_seconds
        if after[0] != here[0]:
            moved = dosed[here[0]].exercise.position != dosed[after[0]].exercise.position
            assert step.rest_seconds == transition + (POSITION_CHANGE_SECONDS if moved else 0), \
                "next exercise: its get-ready, the routine's transition (+10 s to change position)"
        elif after[1:] != here[1:]:
            assert step.rest_seconds == max(rest, SIDE_SWITCH_SECONDS), "switching side or set"
        else:
            assert step.rest_seconds == rest, "between repetitions: the dose's rest"
        assert step.side == here[1] and step.set == here[2]
    assert t.steps[-1].rest_seconds == 0


def test_the_same_dosed_exercise_twice_in_a_row_gets_the_transition() -> None:
    once = Dosed(LIB.exercises["chair-stretch"], Dose(hold_seconds=10, reps=1, rest_seconds=2))
    assert [s.rest_seconds for s in build_timeline([once, once], 7).steps] == [7, 0]
