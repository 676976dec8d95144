"""The timeline is the one source of durations: its total is exactly its holds and rests."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from backcare.content import load_library
from backcare.content.schema import Dose
from backcare.timeline import SIDE_SWITCH_SECONDS, Dosed, build_timeline

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
LIB = load_library(MINI)


def test_steps_follow_sides_reps_and_rests() -> None:
    t = LIB.timeline("floor-routine")
    first = [(s.exercise, s.side, s.rep, s.hold_seconds, s.rest_seconds) for s in t.steps[:3]]
    assert first == [
        ("lying-stretch", "left", 1, 30, SIDE_SWITCH_SECONDS),  # switch sides
        ("lying-stretch", "right", 1, 30, 10),  # the routine's transition
        ("belly-prop", None, 1, 10, 2),  # the dose's rest between reps
    ]
    assert t.steps[-1].rest_seconds == 0
    assert t.total_seconds == 30 + 5 + 30 + 10 + 5 * 10 + 4 * 2
    assert LIB.estimated_seconds("floor-routine") == t.total_seconds


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
    assert t.total_seconds == sum(s.hold_seconds + s.rest_seconds for s in t.steps)
    # The rest after each step follows the rules, worked out here from the items alone.
    where = [(n, side, set_no) for n, d in enumerate(dosed) for set_no in range(1, d.dose.sets + 1)
             for side in (("left", "right") if d.exercise.per_side else (None,))
             for _ in range(d.dose.reps)]
    for i, step in enumerate(t.steps[:-1]):
        here, after = where[i], where[i + 1]
        rest = dosed[here[0]].dose.rest_seconds
        if after[0] != here[0]:
            assert step.rest_seconds == transition, "next exercise: the routine's transition"
        elif after[1:] != here[1:]:
            assert step.rest_seconds == max(rest, SIDE_SWITCH_SECONDS), "switching side or set"
        else:
            assert step.rest_seconds == rest, "between repetitions: the dose's rest"
        assert step.side == here[1] and step.set == here[2]
    assert t.steps[-1].rest_seconds == 0


def test_the_same_dosed_exercise_twice_in_a_row_gets_the_transition() -> None:
    once = Dosed(LIB.exercises["chair-stretch"], Dose(hold_seconds=10, reps=1, rest_seconds=2))
    assert [s.rest_seconds for s in build_timeline([once, once], 7).steps] == [7, 0]
