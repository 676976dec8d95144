"""What a saved session followed: a routine as published, a plan of it, or a clinician's
program — and its timeline, which the session log's checks hold the session to.

``POST /api/sessions`` names exactly one of ``routine`` (with an optional ``plan``, the
plan's query string) and ``program`` (a program's code). A program must be this owner's:
opened on this device, or by this person, after the red-flag screen
(:func:`backcare.programs.patient_access.patient_program_for`); its session is held to
the latest version's timeline and saved against it. Every refusal is a 422 naming the
field, in the request's language.

The timeline is the one the person plays: with the changes they accepted in their weekly
review (:mod:`backcare.progress.accepted`) for that routine or program, so a session of
a swapped-in exercise, or of the extra steps of a step up, is saved like any other. A
session played before the change and sent after it (queued offline, a tab left open) is
held to the timeline as it was then (``before_changes``), so it is not refused either.

A session stopped for pain is saved at once, before the person says which exercise hurt
and how strong the pain is now; :func:`add_stop_answers` adds those answers to it later.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qsl

from django.http import HttpRequest

from backcare.content import Library
from backcare.outcomes.adjusting import Adjustment
from backcare.planning.shapes import plan_query
from backcare.plans import (
    InputError,
    Plan,
    PlanError,
    make_plan,
    profile_from_params,
    safe_default_plan,
)
from backcare.practice.models import PracticeSession
from backcare.practice.owner import owner_of
from backcare.prescribing import program_play
from backcare.programs.models import PatientProgram
from backcare.programs.patient_access import draft_of, find_by_code, patient_program_for
from backcare.progress.accepted import adjustments_for_program, adjustments_for_routine
from backcare.site.api_errors import problems
from backcare.timeline import Timeline
from backcare.vocabulary import gettext

BODY = ("body", "payload")  # where ninja puts the fields of the JSON body


def plan_from_params(library: Library, routine: str, params: dict[str, str],
                     hurt: Mapping[str, date] | None = None,
                     adjustments: Sequence[Adjustment] = ()) -> Plan:
    """The plan for these query parameters (with the weekly-review changes accepted for
    the routine, ``adjustments``); InputError names a bad field.

    A plan that cannot be made (PlanError) is reported against ``minutes`` when time is
    the problem, else against ``plan``.
    """
    profile = profile_from_params(params)
    try:
        return make_plan(library, routine, profile, hurt, adjustments)
    except PlanError as exc:
        field = "minutes" if exc.minimum_seconds is not None else "plan"
        raise InputError({field: exc.message}) from None


@dataclass(frozen=True)
class Followed:
    """What a session followed: its timeline, the plan's canonical query string ('' if
    none) and, for a program, this owner's patient-program and the version's number."""

    timeline: Timeline
    plan: str = ""
    patient_program: PatientProgram | None = None
    version: int | None = None
    #: the same timeline without the person's accepted changes (None when they have none)
    before_changes: Timeline | None = None

    @property
    def timelines(self) -> tuple[Timeline, ...]:
        """Every timeline a session of this may have followed: now, and before the changes."""
        return (self.timeline,) if self.before_changes is None else (
            self.timeline, self.before_changes)


def _program(request: HttpRequest, library: Library, routine: str, plan: str,
             code: str) -> Followed:
    """The program a session names by its code, as this owner has it; 422 naming the field."""
    if routine:
        raise problems({"program": gettext("give either routine or program, not both")}, *BODY)
    if plan:
        raise problems({"plan": gettext("is only for a routine's session")}, *BODY)
    program = find_by_code(code)
    version = program.versions.order_by("-number").first() if program else None
    if program is None or version is None:
        raise problems({"program": gettext("no program has this code")}, *BODY)
    mine = patient_program_for(request, program)
    if mine is None:
        raise problems({"program": gettext("this device has not opened this program: open the "
                                           "program's link first")}, *BODY)
    adjustments = adjustments_for_program(owner_of(request), mine)  # as the person plays it
    try:
        timeline = program_play(library, draft_of(version), adjustments=adjustments).timeline
        before = program_play(library, draft_of(version)).timeline if adjustments else None
    except PlanError as exc:
        raise problems({"program": exc.message}, *BODY) from None
    return Followed(timeline, "", mine, version.number, before)


def _routine_timeline(library: Library, routine: str,
                      adjustments: Sequence[Adjustment]) -> Timeline:
    """The routine's timeline a session without a plan is held to: as published, or with
    the person's accepted changes the safe default as they play it (the routine as
    published when that leaves nothing: nothing of it could be played now)."""
    if adjustments:
        try:
            return safe_default_plan(library, routine, adjustments=adjustments).timeline
        except PlanError:
            pass
    return library.timeline(routine)


def followed_by(request: HttpRequest, library: Library, routine: str, plan: str | None,
                program: str | None) -> Followed:
    """What the session followed (see the module's docstring); a 422 naming the field."""
    raw = (plan or "").strip().lstrip("?")
    if program is not None:
        return _program(request, library, routine, raw, program)
    if not routine:
        raise problems({"routine": gettext("is required (or give program, a program's code)")},
                       *BODY)
    if routine not in library.routines:
        raise problems({"routine": gettext("there is no routine called {slug}").format(
            slug=repr(routine[:80]))}, *BODY)
    adjustments = adjustments_for_routine(owner_of(request), routine)  # as the person plays it
    if not raw:
        return Followed(_routine_timeline(library, routine, adjustments),
                        before_changes=library.timeline(routine) if adjustments else None)
    params = dict(parse_qsl(raw, keep_blank_values=True))
    try:
        made = plan_from_params(library, routine, params, adjustments=adjustments)
        before = plan_from_params(library, routine, params).timeline if adjustments else None
    except InputError as exc:
        detail = "; ".join(gettext("{field} {problem}").format(field=field, problem=message)
                           for field, message in exc.errors.items())
        raise problems({"plan": detail}, *BODY) from None
    return Followed(made.timeline, plan_query(made.profile), before_changes=before)


def add_stop_answers(row: PracticeSession, painful_exercise: str | None,
                     pain_after: int | None) -> list[str]:
    """Put the stop screen's answers on a session stopped for pain and return the fields
    that changed: the exercise that hurt and the pain now, each only when the session
    has none yet (what is saved is never overwritten, so a plain retry changes nothing).
    The caller saves them."""
    if not row.stopped_for_pain:
        return []
    added = []
    if painful_exercise and not row.painful_exercise:
        row.painful_exercise = painful_exercise
        added.append("painful_exercise")
    if pain_after is not None and row.pain_after is None:
        row.pain_after = pain_after
        added.append("pain_after")
    return added
