"""A program as the patient plays it: the timeline, and what is left out and why.

:func:`program_play` follows the program as the clinician wrote it, in order and at its
doses, with the same timeline builder as every routine and plan
(:func:`backcare.timeline.build_timeline`) and a routine's default transition between
exercises. It leaves out, with the planner's reasons and wording:

- an exercise that hurt this patient (``hurt``: slug -> the day), reason
  ``hurt-last-time``, until they include it again (as every plan does);
- an exercise the program's conditions exclude that the clinician did not choose on
  purpose (``override``). :func:`check_program` refuses such a program, so this only
  happens when the content's rules changed after the program was written.

``adjustments`` (the changes the patient accepted in their weekly review,
:mod:`backcare.outcomes.adjusting`) are applied to the program first, so both filters above
apply to what they bring in.

An exercise the library no longer has is left out without a reason code (there is none
for it), and a dose outside the exercise's current bounds is brought within them.
``chosen`` lists the exercises the conditions exclude but the clinician chose for this
patient; ``cautions`` and ``advice`` are what a plan for these conditions says too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from backcare.content import Library
from backcare.content.schema import Routine
from backcare.outcomes.adjusting import Adjustment, adjusted_draft
from backcare.plans.condition_rules import advice as condition_advice
from backcare.plans.condition_rules import exclusion, flag
from backcare.plans.errors import PlanError
from backcare.plans.plan import Change, LeftOut, left_out
from backcare.plans.suitability import hurt_reason
from backcare.prescribing.bounds import dose_bounds
from backcare.prescribing.program import ProgramDraft, profile_for
from backcare.timeline import Dosed, Timeline, build_timeline
from backcare.vocabulary import gettext

#: The pause between two exercises: what a routine takes when its file says nothing.
TRANSITION_SECONDS: int = Routine.model_fields["transition_seconds"].default


@dataclass(frozen=True)
class ProgramPlay:
    timeline: Timeline
    #: Exercises of the program not played, each with the planner's reason code and why.
    left_out: tuple[LeftOut, ...]
    #: Exercises the conditions exclude that the clinician chose for this patient.
    chosen: tuple[str, ...]
    #: Cautions ("flagged" changes) the conditions put on exercises that are played.
    cautions: tuple[Change, ...] = ()
    #: What to keep in mind for these conditions, as every plan says it.
    advice: tuple[str, ...] = ()
    #: The exercises played, at their doses, in order.
    items: tuple[Dosed, ...] = ()


def chosen_text() -> str:
    """What the patient reads beside an exercise their clinician chose for them."""
    return gettext("Your therapist chose this for you.")


def program_play(library: Library, draft: ProgramDraft,
                 hurt: Mapping[str, date] | None = None,
                 adjustments: Sequence[Adjustment] = ()) -> ProgramPlay:
    """The program as this patient plays it today (see the module's docstring).

    Raises :class:`backcare.plans.PlanError` when nothing is left to play."""
    hurt = hurt or {}
    draft = adjusted_draft(library, draft, adjustments)
    profile = profile_for(library, draft.conditions)
    items: list[Dosed] = []
    changes: list[Change] = []
    chosen: list[str] = []
    seen_out: set[str] = set()
    for item in draft.items:
        exercise = library.exercises.get(item.exercise)
        if exercise is None:
            continue
        excluded = exclusion(library.rules, exercise, profile)
        if exercise.slug in hurt:
            change: Change | None = Change("hurt-last-time", exercise.slug, None,
                                           hurt_reason(hurt[exercise.slug]))
        elif excluded is not None and not item.override:
            change = excluded
        else:
            change = None
        if change is not None:
            if exercise.slug not in seen_out:
                seen_out.add(exercise.slug)
                changes.append(change)
            continue
        if excluded is not None and exercise.slug not in chosen:
            chosen.append(exercise.slug)
        bounds = dose_bounds(library, exercise.slug)
        dose = exercise.dose.model_copy(update={
            field: bounds.clamp(field, getattr(item, field))
            for field in ("hold_seconds", "reps", "sets")})
        items.append(Dosed(exercise, dose))
    if not items:
        raise PlanError(
            gettext("Nothing in this program can be played today: every exercise in it was "
                    "left out, most likely because it hurt last time. Include one again when "
                    "you feel ready, or ask your therapist."),
            changes=tuple(changes))
    cautions = tuple(dict.fromkeys(
        found for dosed in items
        if (found := flag(library.rules, dosed.exercise, profile)) is not None))
    return ProgramPlay(
        timeline=build_timeline(items, TRANSITION_SECONDS),
        left_out=left_out(tuple(changes)),
        chosen=tuple(chosen),
        cautions=cautions,
        advice=condition_advice(library.rules, profile),
        items=tuple(items),
    )
