"""The planner speaks the language in force: every reason, error and answer, whole sentences
translated, with the condition and movement labels from the library and the vocabulary."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from backcare.content import load_library
from backcare.content.wording import dose_text, format_duration, times
from backcare.plans import NONE_KNOWN, InputError, PlanError, Profile, make_plan, profile_from_params
from backcare.plans.condition_rules import conditions_text
from backcare.vocabulary import use

LIB = load_library(Path(__file__).resolve().parents[2] / "content")
ES = LIB.in_language("es")
FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"
CRACK = "dont-crack-your-back"
SEATED = "seated-back-pain-relief-stretches"
#: Words of the English reasons that no Spanish reason may keep.
ENGLISH = ("Left out", "Swapped for", "Cut from", "Take care", "because", "so the plan fits")


def _plan(library, slug: str, **answers: object):  # noqa: ANN001, ANN202
    return make_plan(library, slug, Profile(**answers))  # type: ignore[arg-type]


def test_every_reason_is_spanish_with_spanish_labels() -> None:
    answers = {"floor": False, "conditions": frozenset({"disc", "pregnancy"}), "minutes": 3}
    with use("es"):
        plan = _plan(ES, FIVE, **answers)
        kinds = {c.kind for c in plan.changes}
        reasons = [c.reason for c in plan.changes] + list(plan.advice)
        told = conditions_text(ES.rules, plan.profile)
    assert {"condition", "swapped", "flagged"} <= kinds
    english = _plan(LIB, FIVE, **answers)
    assert [c.kind for c in english.changes] == [c.kind for c in plan.changes]  # same plan
    assert english.items == tuple(
        type(i)(LIB.exercises[i.exercise.slug], i.dose) for i in plan.items)
    for reason in reasons:
        assert not any(word in reason for word in ENGLISH), reason
    assert any(r.startswith("Se ha dejado fuera por embarazo: implica") for r in reasons)
    assert any(r.startswith("Cambiado por ") for r in reasons)
    assert told == "un problema de disco y embarazo"


def test_cuts_for_time_say_rounds_and_repetitions_in_spanish() -> None:
    with use("es"):
        sets = _plan(ES, CRACK, floor=True, conditions=frozenset({NONE_KNOWN}), minutes=4)
        reps = _plan(ES, SEATED, floor=True, conditions=frozenset({NONE_KNOWN}), minutes=12)
        dropped = _plan(ES, "10-best-lower-back-exercises", floor=True,
                        conditions=frozenset({NONE_KNOWN}), minutes=3)
    cut = next(c.reason for c in sets.changes if c.kind == "sets-reduced")
    assert cut.startswith("Reducido de 2 rondas a 1 para que el plan quepa en tus 4 min")
    fewer = [c.reason for c in reps.changes if c.kind == "reps-reduced"]
    assert fewer and all("repetici" in r and "12 min" in r for r in fewer)
    time = [c.reason for c in dropped.changes if c.kind == "time"]
    assert time and set(time) == {"Se ha dejado fuera para que el plan quepa en tus 3 min."}


def test_what_hurt_names_the_day_in_spanish() -> None:
    with use("es"):
        plan = make_plan(ES, FIVE, Profile(floor=True), {"cat-cow": date(2026, 3, 4)})
    (reason,) = [c.reason for c in plan.changes if c.kind == "hurt-last-time"]
    assert "el 4 de marzo" in reason
    english = make_plan(LIB, FIVE, Profile(floor=True), {"cat-cow": date(2026, 3, 4)})
    assert "hurt on 4 March" in next(c.reason for c in english.changes
                                     if c.kind == "hurt-last-time")


def test_errors_are_spanish() -> None:
    with use("es"):
        with pytest.raises(InputError) as bad:
            profile_from_params({"floor": "maybe", "minutes": "500", "pain": "x"})
        with pytest.raises(PlanError) as short:
            _plan(ES, SEATED, floor=True, conditions=frozenset({NONE_KNOWN}), minutes=1,
                  skip=tuple(i.exercise for i in ES.routines[SEATED].items
                             if i.exercise != "seated-trunk-rotation"))
        with pytest.raises(InputError) as unknown:
            _plan(ES, "no-such-routine", floor=True)
    assert set(bad.value.errors) == {"floor", "minutes", "pain"}
    assert bad.value.errors["floor"] == "debe ser 1 (sí) o 0 (no)"
    assert "de 1 a 120" in bad.value.errors["minutes"]
    assert bad.value.errors["pain"] == "debe ser un número entero"
    assert short.value.message.startswith("Esta rutina necesita al menos 1 min 15 s")
    assert "no hay ninguna rutina" in unknown.value.errors["routine"]


def test_doses_and_durations_in_spanish() -> None:
    routine = ES.routines["10-best-lower-back-exercises"]
    with use("es"):
        doses = [dose_text(d.dose, d.exercise) for d in ES.dosed(routine)]
        said = (times(1), times(2), times(3), format_duration(329), format_duration(45))
    assert "Mantén 30 s, 3 veces, a cada lado" in doses
    assert "10 veces, mantén 5 s" in doses
    assert said == ("una vez", "dos veces", "3 veces", "5 min 29 s", "45 s")
    crack = [dose_text(d.dose, d.exercise) for d in LIB.dosed(LIB.routines[CRACK])]
    assert any(text.endswith("2 rounds") for text in crack)  # a set is a round
    with use("es"):
        crack_es = [dose_text(d.dose, d.exercise) for d in ES.dosed(ES.routines[CRACK])]
    assert any(text.endswith("2 rondas") for text in crack_es)
