"""What a person follows now — a clinician's program or a routine (maybe a plan of it),
whichever they did most recently — and how they play it today: the exercises at their
doses, after the changes they accepted in the weekly review and every safety filter
(their conditions, what hurt).

The reminders feed names it, the weekly review reads it, the FHIR export writes it as a
CarePlan; all three ask :func:`current_target` and :func:`target_play`, so they tell the
same story as the player.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl

from django.urls import reverse
from django.utils import translation

from backcare.content import Library
from backcare.plans import InputError as PlanInputError
from backcare.plans import PlanError, Profile, make_plan, profile_from_params
from backcare.plans.condition_rules import exclusion
from backcare.plans.plan import LeftOut
from backcare.plans.profile import SAFE_DEFAULT
from backcare.practice.owner import Owner
from backcare.practice.painful_marks import hurt_days
from backcare.prescribing import program_play
from backcare.prescribing.program import profile_for
from backcare.programs.models import PatientProgram, ProgramVersion
from backcare.programs.patient_access import draft_of
from backcare.progress.accepted import adjustments_for_program, adjustments_for_routine
from backcare.timeline import Dosed, Timeline


@dataclass
class Target:
    """What the person follows: a patient-program, else a routine (``plan``: the plan's
    query string, "" for the routine as published)."""

    patient_program: PatientProgram | None
    routine: str
    plan: str
    title: str
    version: ProgramVersion | None = None


@dataclass(frozen=True)
class TargetPlay:
    """The target as played today."""

    items: tuple[Dosed, ...]
    timeline: Timeline | None
    left_out: tuple[LeftOut, ...]
    #: exercises the target's conditions exclude (the whole library, by the same rules)
    excluded: frozenset[str]
    #: left out because they hurt (marks on this device or person, or the plan's skip)
    hurt: frozenset[str]
    #: the adjustments applied, in the order they were accepted
    adjustments: tuple[Any, ...] = ()


def patient_programs(owner: Owner) -> Any:
    """This owner's patient-programs (the person's, else the device's), newest first."""
    if owner.user_id is not None:
        return PatientProgram.objects.filter(user_id=owner.user_id)
    if owner.device:
        return PatientProgram.objects.filter(device=owner.device, user__isnull=True)
    return PatientProgram.objects.none()


def _latest_version(patient_program: PatientProgram) -> ProgramVersion | None:
    return patient_program.program.versions.order_by("-number").first()


def program_target(patient_program: PatientProgram) -> Target | None:
    version = _latest_version(patient_program)
    if version is None:
        return None
    return Target(patient_program=patient_program, routine="", plan="", title=version.title,
                  version=version)


def current_target(owner: Owner, library: Library | None = None) -> Target | None:
    """What the person did most recently: a clinician's program (as of its latest session,
    or of the day it was opened) or the routine of their latest session of their own —
    the more recent wins; None when there is neither."""
    if not owner.known:
        return None
    found: list[tuple[datetime, Any]] = []
    played = (owner.sessions().filter(patient_program__isnull=False)
              .select_related("patient_program__program").order_by("-started_at").first())
    if played is not None and played.patient_program is not None:
        found.append((played.started_at, played.patient_program))
    opened = patient_programs(owner).select_related("program").order_by("-accepted_at").first()
    if opened is not None:
        found.append((opened.accepted_at, opened))
    latest = (owner.sessions().filter(patient_program__isnull=True).exclude(routine="")
              .order_by("-started_at").first())
    if latest is not None:
        found.append((latest.started_at, latest))
    for _, what in sorted(found, key=lambda pair: pair[0], reverse=True):
        target = (program_target(what) if isinstance(what, PatientProgram)
                  else _routine_target(what, library))
        if target is not None:
            return target
    return None


def _routine_target(session: Any, library: Library | None) -> Target | None:
    if library is None:
        from backcare.catalogue.library import get_library
        library = get_library()
    routine = library.routines.get(session.routine)
    if routine is None:
        return None
    return Target(patient_program=None, routine=routine.slug, plan=session.plan,
                  title=routine.title)


def target_sessions(owner: Owner, target: Target) -> Any:
    """The owner's sessions of this target, oldest first."""
    if target.patient_program is not None:
        mine = owner.sessions().filter(patient_program=target.patient_program)
    else:
        mine = owner.sessions().filter(routine=target.routine, patient_program__isnull=True)
    return mine.order_by("started_at", "created_at")


def _profile(plan: str) -> Profile:
    if not plan:
        return SAFE_DEFAULT
    try:
        return profile_from_params(dict(parse_qsl(plan, keep_blank_values=True)))
    except PlanInputError:
        return SAFE_DEFAULT


def _library_exclusions(library: Library, profile: Profile) -> set[str]:
    return {slug for slug, exercise in library.exercises.items()
            if exclusion(library.rules, exercise, profile) is not None}


def _hurt_left_out(left_out: Sequence[LeftOut]) -> set[str]:
    return {row.exercise for row in left_out if row.reason in ("hurt-last-time", "skipped")}


def target_play(owner: Owner, target: Target, library: Library) -> TargetPlay:
    """The target as this owner plays it today; ``timeline`` None when nothing is left."""
    hurt = hurt_days(owner)
    if target.patient_program is not None and target.version is not None:
        draft = draft_of(target.version)
        adjustments = adjustments_for_program(owner, target.patient_program)
        excluded = _library_exclusions(library, profile_for(library, draft.conditions))
        try:
            played = program_play(library, draft, hurt, adjustments=adjustments)
        except PlanError as exc:
            outs = tuple(LeftOut(c.exercise, c.kind, c.reason) for c in exc.changes)  # type: ignore[arg-type]
            return TargetPlay((), None, outs, frozenset(excluded),
                              frozenset(hurt) | _hurt_left_out(outs), adjustments)
        return TargetPlay(played.items, played.timeline, played.left_out, frozenset(excluded),
                          frozenset(hurt) | _hurt_left_out(played.left_out), adjustments)
    profile = _profile(target.plan)
    adjustments = adjustments_for_routine(owner, target.routine)
    excluded = _library_exclusions(library, profile)
    try:
        plan = make_plan(library, target.routine, profile, hurt, adjustments=adjustments)
    except (PlanError, PlanInputError) as exc:
        changes = getattr(exc, "changes", ())
        outs = tuple(LeftOut(c.exercise, c.kind, c.reason) for c in changes)
        return TargetPlay((), None, outs, frozenset(excluded),
                          frozenset(hurt) | _hurt_left_out(outs), adjustments)
    for row in plan.left_out:
        if row.reason in ("condition", "needs-known-condition", "no-floor"):
            excluded.add(row.exercise)
    return TargetPlay(plan.items, plan.timeline, plan.left_out, frozenset(excluded),
                      frozenset(hurt) | _hurt_left_out(plan.left_out), adjustments)


def play_path(target: Target) -> str:
    """Where the target is played, without a language prefix."""
    with translation.override(None):
        if target.patient_program is not None:
            return reverse("shared:play", args=[target.patient_program.program.share_key])
        path = reverse("practice:play_routine", args=[target.routine])
    return f"{path}?{target.plan}" if target.plan else path
