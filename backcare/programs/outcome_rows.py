"""How the sharing patients of one program are doing on their measures, and which weekly-
review changes they accepted: what the clinician's program page and API show next to
adherence (:mod:`backcare.programs.adherence_rows`).

Counted like sessions: only patients who share, only measures taken since they accepted
the program, and only the patient-program's owner's (the person's once signed in, else the
device's rows no account has claimed). The STarT Back result is the stratum as clinicians
read it (:func:`backcare.outcomes.scoring.stratum_label`); NPRS and PSFS are first →
latest, with the change marked when it reaches the measure's minimal clinically important
difference (:func:`backcare.outcomes.change.meaningful_change`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from backcare.content import Library
from backcare.outcomes.change import MeaningfulChange, meaningful_change
from backcare.outcomes.measures import measures
from backcare.outcomes.scoring import stratum_label
from backcare.programs.models import PatientProgram
from backcare.progress.accepted import accepted_changes
from backcare.progress.models import MeasureResponse, ReviewDecision

NPRS, PSFS, START_BACK = "nprs", "psfs", "start-back"


@dataclass(frozen=True)
class Trend:
    """A measure's first and latest score since the program was accepted."""

    measure: str
    first: float
    first_on: date
    latest: float
    latest_on: date
    taken: int
    #: None with a single score: nothing to compare yet.
    change: MeaningfulChange | None


@dataclass(frozen=True)
class AcceptedChange:
    """One weekly-review change the patient accepted."""

    day: date
    change: str
    #: The change in the clinician's words ("Swapped for Seated twist", "Repetitions -1").
    words: str
    exercise: str
    exercise_name: str
    #: A swap's replacement (its slug), else "".
    to: str
    why: str


@dataclass(frozen=True)
class PatientOutcomes:
    stratum: str | None
    stratum_label: str
    stratum_on: date | None
    nprs: Trend | None
    psfs: Trend | None
    accepted: tuple[AcceptedChange, ...]


def _owns(patient: PatientProgram, row: MeasureResponse) -> bool:
    if patient.user_id is not None:
        return bool(row.user_id == patient.user_id)
    return row.user_id is None and row.device == patient.device


def _owner_filter(patient: PatientProgram) -> Q:
    mine = (Q(user_id=patient.user_id) if patient.user_id is not None
            else Q(device=patient.device, user__isnull=True))
    return mine & Q(taken_at__gte=patient.accepted_at)


def _trend(measure_id: str, rows: Sequence[MeasureResponse], zone: tzinfo) -> Trend | None:
    if not rows:
        return None
    measure = measures().get(measure_id)
    first, latest = rows[0], rows[-1]
    return Trend(
        measure=measure_id, first=first.score, latest=latest.score,
        first_on=timezone.localtime(first.taken_at, zone).date(),
        latest_on=timezone.localtime(latest.taken_at, zone).date(), taken=len(rows),
        change=meaningful_change(measure, [r.score for r in rows]) if measure else None)


def name_of(library: Library, slug: str) -> str:
    """An exercise's name: "every exercise" for "*", its slug if it left the library."""
    if slug == "*":
        return gettext("every exercise")
    found = library.exercises.get(slug) if slug else None
    return found.name if found else slug


def _field_words(field: str) -> str:
    if field == "sets":
        return gettext("sets")
    if field == "hold_seconds":
        return gettext("seconds held")
    return gettext("repetitions")


def change_words(library: Library, decision: ReviewDecision) -> str:
    """What the accepted change did, in the clinician's words."""
    data = decision.adjustment or {}
    if decision.change == "swap":
        return gettext("Swapped for {exercise}").format(
            exercise=name_of(library, str(data.get("to", ""))))
    if decision.change in ("fewer-reps", "step-up"):
        by = int(data.get("by", 0) or 0)
        words = (gettext("One step up: {field} {by}") if decision.change == "step-up"
                 else gettext("Eased: {field} {by}"))
        return words.format(field=_field_words(str(data.get("field", "reps"))), by=f"{by:+d}")
    return gettext("Advised to talk to you")


def _accepted(library: Library, patient: PatientProgram, zone: tzinfo) -> tuple[AcceptedChange, ...]:
    return tuple(
        AcceptedChange(day=timezone.localtime(d.decided_at, zone).date(), change=d.change,
                       words=change_words(library, d), exercise=d.exercise,
                       exercise_name=name_of(library, d.exercise),
                       to=str((d.adjustment or {}).get("to", "")) if d.change == "swap" else "",
                       why=d.why)
        for d in accepted_changes(patient) if d.accepted)


def program_outcomes(library: Library, patients: Sequence[PatientProgram],
                     tz: tzinfo | None = None) -> dict[int, PatientOutcomes]:
    """Each sharing patient-program's outcomes, by its id (one query for the measures)."""
    zone = tz or timezone.get_current_timezone()
    sharing = [p for p in patients if p.sharing]
    if not sharing:
        return {}
    taken = list(MeasureResponse.objects
                 .filter(reduce(or_, (_owner_filter(p) for p in sharing)),
                         measure__in=(NPRS, PSFS, START_BACK))
                 .order_by("taken_at", "id"))
    found = {}
    for patient in sharing:
        mine = [row for row in taken if _owns(patient, row) and row.taken_at >= patient.accepted_at]
        screens = [row for row in mine if row.measure == START_BACK and row.stratum]
        latest_screen = screens[-1] if screens else None
        found[patient.pk] = PatientOutcomes(
            stratum=latest_screen.stratum if latest_screen else None,
            stratum_label=stratum_label(latest_screen.stratum) if latest_screen else "",
            stratum_on=(timezone.localtime(latest_screen.taken_at, zone).date()
                        if latest_screen else None),
            nprs=_trend(NPRS, [row for row in mine if row.measure == NPRS], zone),
            psfs=_trend(PSFS, [row for row in mine if row.measure == PSFS], zone),
            accepted=_accepted(library, patient, zone))
    return found
