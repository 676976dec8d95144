"""check_program: every rule a clinician's program must keep, each said at its field."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from backcare.content import Library, load_library
from backcare.prescribing import (
    ProgramDraft,
    ProgramItem,
    check_program,
    dose_bounds,
    draft_from_data,
    draft_to_data,
    excluded_by,
    item_with_defaults,
)
from backcare.vocabulary import use

LIB = load_library(Path(__file__).resolve().parents[2] / "content")


def draft(*slugs: str, conditions: tuple[str, ...] = (), **changes: object) -> ProgramDraft:
    items = tuple(item_with_defaults(LIB, slug) for slug in slugs or ("seated-pelvic-tilt",))
    made = ProgramDraft(title="Morning back care", note="Go gently.", days_per_week=3,
                        conditions=conditions, items=items)
    return replace(made, **changes)  # type: ignore[arg-type]


def test_a_program_with_the_exercises_own_doses_is_fine() -> None:
    assert check_program(LIB, draft("cat-cow", "bridge", "seated-ql-stretch")) == {}


def test_missing_dose_fields_take_the_exercises_own_dose() -> None:
    item = item_with_defaults(LIB, "bridge", reps=8, note="Slowly")
    own = LIB.exercises["bridge"].dose
    assert (item.hold_seconds, item.reps, item.sets) == (own.hold_seconds, 8, own.sets)
    assert item.note == "Slowly" and item.override is False


@pytest.mark.parametrize(("title", "ok"), [("", False), ("   ", False), ("A", True),
                                           ("x" * 120, True), ("x" * 121, False),
                                           ("  " + "x" * 120 + "  ", True)])
def test_the_title_has_1_to_120_characters(title: str, ok: bool) -> None:
    problems = check_program(LIB, draft(title=title))
    assert ("title" not in problems) is ok, problems


def test_the_note_is_at_most_2000_characters() -> None:
    assert check_program(LIB, draft(note="x" * 2000)) == {}
    assert "2000" in check_program(LIB, draft(note="x" * 2001))["note"]


@pytest.mark.parametrize("days", [0, 8, -1, True, "3", 2.5])
def test_days_per_week_is_a_whole_number_from_1_to_7(days: object) -> None:
    problem = check_program(LIB, draft(days_per_week=days))["days_per_week"]
    assert "1" in problem and "7" in problem


@pytest.mark.parametrize("days", [1, 4, 7])
def test_any_day_count_from_1_to_7_is_fine(days: int) -> None:
    assert check_program(LIB, draft(days_per_week=days)) == {}


def test_a_program_needs_1_to_20_exercises() -> None:
    assert "at least one" in check_program(LIB, draft(items=()))["items"]
    many = tuple(item_with_defaults(LIB, "chin-tuck") for _ in range(21))
    assert "20" in check_program(LIB, draft(items=many))["items"]
    assert check_program(LIB, draft(items=many[:20])) == {}


def test_an_unknown_exercise_is_named_at_its_item() -> None:
    problems = check_program(LIB, draft("chin-tuck", "moon-walk"))
    assert list(problems) == ["items.1.exercise"]
    assert "moon-walk" in problems["items.1.exercise"]


@pytest.mark.parametrize("field", ["hold_seconds", "reps", "sets"])
def test_each_dose_field_must_lie_within_the_exercises_bounds(field: str) -> None:
    low, high = getattr(dose_bounds(LIB, "bridge"), field)
    base = item_with_defaults(LIB, "bridge")
    for value, ok in ((low, True), (high, True), (low - 1, False), (high + 1, False)):
        item = replace(base, **{field: value})
        problems = check_program(LIB, draft(items=(item,)))
        assert (f"items.0.{field}" not in problems) is ok, (field, value, problems)
        if not ok:
            message = problems[f"items.0.{field}"]
            assert str(low) in message and str(high) in message and "Bridge" in message


def test_a_dose_that_is_not_a_whole_number_is_refused() -> None:
    item = replace(item_with_defaults(LIB, "bridge"), reps="ten")  # type: ignore[arg-type]
    assert "whole number" in check_program(LIB, draft(items=(item,)))["items.0.reps"]


def test_an_exercises_note_is_at_most_500_characters() -> None:
    item = item_with_defaults(LIB, "bridge", note="x" * 501)
    assert "500" in check_program(LIB, draft(items=(item,)))["items.0.note"]
    assert check_program(LIB, draft(items=(replace(item, note="x" * 500),))) == {}


def test_conditions_must_be_known_names() -> None:
    problem = check_program(LIB, draft(conditions=("disc", "gout")))["conditions"]
    assert "gout" in problem and "osteoporosis" in problem
    for fine in ((), ("none-known",), ("other",), ("disc", "pregnancy")):
        assert "conditions" not in check_program(LIB, draft(conditions=fine)), fine


def test_none_known_cannot_stand_beside_a_condition() -> None:
    assert "none-known" in check_program(LIB, draft(conditions=("none-known", "disc")))[
        "conditions"]


def test_an_excluded_exercise_must_be_chosen_on_purpose() -> None:
    why = excluded_by(LIB, ["osteoporosis"])["cat-cow"]
    problems = check_program(LIB, draft("chin-tuck", "cat-cow", conditions=("osteoporosis",)))
    assert list(problems) == ["items.1.override"]
    assert problems["items.1.override"].startswith(why)
    assert "override" in problems["items.1.override"]
    chosen = replace(item_with_defaults(LIB, "cat-cow"), override=True)
    assert check_program(LIB, draft(items=(chosen,), conditions=("osteoporosis",))) == {}


def test_excluded_by_gives_the_planners_reasons() -> None:
    # None known: only what is meant for a known condition (prone props, for a disc problem).
    assert set(excluded_by(LIB, ())) == {"prone-props"}
    assert excluded_by(LIB, ()) == excluded_by(LIB, ["none-known"])
    pregnancy = excluded_by(LIB, ["pregnancy"])
    assert "bridge" in pregnancy and "prone-props" in pregnancy
    assert "lying flat on your back" in pregnancy["bridge"]
    assert "chin-tuck" not in pregnancy
    # "other" applies every condition's rules: a superset of each condition's exclusions.
    every = set(excluded_by(LIB, ["other"]))
    for name in LIB.rules.names:
        assert set(excluded_by(LIB, [name])) - {"prone-props"} <= every


def test_excluded_by_speaks_the_language_in_force() -> None:
    english = excluded_by(LIB, ["pregnancy"])["bridge"]
    with use("es"):
        spanish = excluded_by(LIB.in_language("es"), ["pregnancy"])["bridge"]
    assert spanish != english


def test_messages_are_said_in_the_language_in_force() -> None:
    bad = replace(item_with_defaults(LIB, "bridge"), reps="ten")  # type: ignore[arg-type]
    with use("es"):
        problems = check_program(LIB, draft(items=(bad,), conditions=("gout",)))
    assert problems["items.0.reps"] == "debe ser un número entero"
    assert problems["conditions"].startswith("nombra problemas de salud que no conocemos")


def test_every_problem_is_reported_at_once() -> None:
    bad = ProgramDraft(title="", note="x" * 3000, days_per_week=9, conditions=("gout",),
                       items=(ProgramItem("bridge", 500, 0, 9, note="x" * 600),))
    assert set(check_program(LIB, bad)) == {
        "title", "note", "days_per_week", "conditions", "items.0.hold_seconds",
        "items.0.reps", "items.0.sets", "items.0.note"}


def test_data_round_trips() -> None:
    made = draft("bridge", "cat-cow", conditions=("osteoporosis",))
    made = replace(made, items=(made.items[0], replace(made.items[1], override=True,
                                                      note="Small range only")))
    data = draft_to_data(made)
    assert data["conditions"] == ["osteoporosis"]
    assert data["items"][1] == {"exercise": "cat-cow", "hold_seconds": 5, "reps": 10,
                                "sets": 1, "note": "Small range only", "override": True}
    assert draft_from_data(data) == made


def test_older_data_without_optional_keys_reads() -> None:
    got = draft_from_data({"title": "T", "days_per_week": 2, "items": [
        {"exercise": "bridge", "hold_seconds": 5, "reps": 10, "sets": 1}]})
    assert got.note == "" and got.conditions == () and got.items[0].override is False


def test_data_that_is_not_a_program_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="not a program"):
        draft_from_data({"title": "T"})


def test_the_library_fixture_is_the_same_content(library: Library) -> None:
    assert library.content_hash == LIB.content_hash
