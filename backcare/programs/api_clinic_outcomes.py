"""The shapes of a patient's outcomes in the clinician's API (GET /api/programs/<id>/adherence):
the STarT Back stratum, NPRS and PSFS first → latest against their minimal clinically
important difference, and every change accepted from the weekly review
(:mod:`backcare.programs.outcome_rows`)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from ninja import Field, Schema

from backcare.programs.outcome_rows import AcceptedChange, PatientOutcomes, Trend


class ChangeOut(Schema):
    from_: float = Field(serialization_alias="from", description="the first score since they "
                                                                 "accepted the program")
    to: float = Field(description="the latest score")
    from_date: date
    to_date: date
    difference: float = Field(description="latest minus first")
    direction: Literal["better", "worse", "same"]
    meaningful: bool = Field(description="the difference reaches the measure's minimal "
                                         "clinically important difference (NPRS: 2 points or "
                                         "30 %; PSFS: 2 points on the average)")


class AcceptedChangeOut(Schema):
    date: date
    change: str = Field(description="swap | fewer-reps | step-up | talk-to-clinician")
    exercise: str | None = Field(description='the exercise\'s slug ("*" = every exercise); '
                                             "null when none")
    exercise_name: str | None
    to: str | None = Field(description="a swap's replacement (its slug)")
    words: str = Field(description="the change in words")
    why: str = Field(description="the reason the patient was given")


class OutcomesOut(Schema):
    stratum: Literal["low", "medium", "high"] | None = Field(
        description="the latest STarT Back stratum since they accepted the program")
    stratum_label: str | None = Field(description='"Low risk", "Medium risk" or "High risk"')
    stratum_date: date | None
    nprs_change: ChangeOut | None = Field(description="null before two weekly pain scores")
    psfs_change: ChangeOut | None
    accepted_changes: list[AcceptedChangeOut]


def _change(trend: Trend | None) -> ChangeOut | None:
    if trend is None or trend.change is None:
        return None
    return ChangeOut(from_=trend.first, to=trend.latest, from_date=trend.first_on,
                     to_date=trend.latest_on, difference=trend.change.difference,
                     direction=trend.change.direction, meaningful=trend.change.meaningful)


def _accepted(change: AcceptedChange) -> AcceptedChangeOut:
    return AcceptedChangeOut(date=change.day, change=change.change,
                             exercise=change.exercise or None,
                             exercise_name=change.exercise_name or None, to=change.to or None,
                             words=change.words, why=change.why)


def outcomes_out(outcomes: PatientOutcomes | None) -> dict[str, Any]:
    """The outcome fields of one patient (to spread into PatientOut)."""
    if outcomes is None:
        return {"stratum": None, "stratum_label": None, "stratum_date": None,
                "nprs_change": None, "psfs_change": None, "accepted_changes": []}
    return {"stratum": outcomes.stratum, "stratum_label": outcomes.stratum_label or None,
            "stratum_date": outcomes.stratum_on,
            "nprs_change": _change(outcomes.nprs), "psfs_change": _change(outcomes.psfs),
            "accepted_changes": [_accepted(c) for c in outcomes.accepted]}
