"""The safety screen asked before any plan: warning signs that need a doctor, not exercise.

The questions (:mod:`backcare.plans.redflag_questions`) cover the recognised "red flags"
for back and neck pain, as listed in:

- NICE guideline NG59, "Low back pain and sciatica in over 16s: assessment and
  management" (which asks clinicians to exclude specific causes first),
- NICE Clinical Knowledge Summaries (CKS), "Back pain - low (without radiculopathy)",
  red flags for cauda equina syndrome, spinal fracture, cancer and infection, and
- NICE CKS, "Neck pain - non-specific", red flags for spinal cord compression in the
  neck, a neck injury and the blood supply to the brain.

The urgent questions come first in every list asked. Most are signs of cauda equina
syndrome (pressure on the nerves at the base of the spine); the others are a neck injury,
pressure on the spinal cord in the neck, and chest pain with feeling unwell. A "yes" to
any of them sends the person to emergency care now. A "yes" to any other question means:
see a doctor soon, before exercising. Any "yes" at all means no plan is made.

The questions are grouped by body area: every routine is screened with the "any" and
"low-back" questions, and a routine for the neck or upper back with the "neck" questions
too (:func:`~backcare.plans.redflag_questions.questions_for`). :func:`run_screen` checks
the answers against the questions asked. :func:`screen_version` changes whenever a
question's id, urgency or group changes, but not its wording, so a remembered screen is
thrown away when the questions move on while a translation keeps it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from backcare.plans.errors import InputError
from backcare.plans.redflag_questions import (
    AREAS,
    QUESTIONS,
    SOURCES,
    Area,
    RedFlagQuestion,
    areas_covered,
    areas_for,
    questions_for,
    questions_in,
)
from backcare.vocabulary import Labels, gettext, gettext_noop

__all__ = [
    "AREAS", "QUESTIONS", "SCREEN_VERSION", "SOURCES", "Area", "Level", "RedFlagQuestion",
    "ScreenResult", "UrgentHelp", "areas_covered", "areas_for", "questions_for",
    "questions_in", "run_screen", "screen_version", "urgent_help",
]

_BY_ID: dict[str, RedFlagQuestion] = {q.id: q for q in QUESTIONS}

Level = Literal["clear", "see-doctor", "emergency"]

#: What the screen says for each outcome, read in the language in force.
HEADLINES = Labels({
    "clear": gettext_noop("No warning signs: you can go on to your routine."),
    "see-doctor": gettext_noop(
        "See a doctor today, or as soon as you can, before doing these exercises."),
    "emergency": gettext_noop(
        "Get emergency care now: go to an emergency department or call emergency services."),
})
ADVICE = Labels({
    "clear": gettext_noop(
        "Go gently, and stop any exercise that makes your pain sharper or sends it down a "
        "leg. If any of these warning signs appear later, stop and get help."),
    "see-doctor": gettext_noop(
        "One or more of your answers can point to a cause of pain that a doctor needs to "
        "check first. We will not make an exercise plan for you until you have been seen."),
    "emergency": gettext_noop(
        "One or more of your answers can be a sign of a problem that needs checking "
        "straight away, such as pressure on the nerves in your spine. Do not wait to see "
        "if it passes, and do not do these exercises."),
})


@dataclass(frozen=True)
class ScreenResult:
    """The outcome of one screen.

    ``answers`` holds the (question id, answer) pairs given, in question order: every
    question asked, unless an emergency sign cut the screen short; ``flagged`` the ids
    answered "yes"; ``areas`` the question groups the asked questions cover in full;
    ``version`` the :func:`screen_version` the answers were given to.
    """

    answers: tuple[tuple[str, bool], ...]
    flagged: tuple[str, ...]
    areas: tuple[Area, ...]
    version: str

    @property
    def urgent(self) -> bool:
        return any(_BY_ID[qid].urgent for qid in self.flagged)

    @property
    def plan_allowed(self) -> bool:
        return not self.flagged

    @property
    def level(self) -> Level:
        if not self.flagged:
            return "clear"
        return "emergency" if self.urgent else "see-doctor"

    @property
    def headline(self) -> str:
        return HEADLINES[self.level]

    @property
    def advice(self) -> str:
        return ADVICE[self.level]

    @property
    def flagged_questions(self) -> tuple[RedFlagQuestion, ...]:
        return tuple(_BY_ID[qid] for qid in self.flagged)


def screen_version() -> str:
    """A short fingerprint of the questions: changes when any id, urgency or group does,
    not when the wording does (a translation or a clearer sentence keeps it)."""
    data = json.dumps(sorted([q.id, q.urgent, q.area] for q in QUESTIONS), ensure_ascii=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


SCREEN_VERSION: str = screen_version()


def _decided(given: Mapping[str, bool], asked: tuple[RedFlagQuestion, ...]) -> bool:
    """True when the answers so far already fix a "get care" outcome that no further
    answer could change: an emergency sign answered yes, or every emergency sign asked
    answered no and some other sign yes."""
    if any(yes and _BY_ID[qid].urgent for qid, yes in given.items()):
        return True
    urgent_all_no = all(q.id in given for q in asked if q.urgent)
    return urgent_all_no and any(given.values())


def run_screen(answers: Mapping[str, bool],
               questions: Iterable[RedFlagQuestion] = QUESTIONS) -> ScreenResult:
    """Check the answers to the questions asked (every question unless ``questions`` says
    which): each exactly True or False.

    An outcome that the answers already decide is given at once, whatever is still
    unanswered: an emergency "yes" gets the emergency advice, not a list of questions to
    finish. An answer to a known question that was not asked still counts: a "yes" to any
    warning sign means no plan. Otherwise raises :class:`InputError` naming every missing,
    unknown or non-yes/no answer.
    """
    asked = tuple(questions)
    errors: dict[str, str] = {}
    for qid, value in answers.items():
        if qid not in _BY_ID:
            errors[str(qid)] = gettext("is not a question in this safety check")
        elif not isinstance(value, bool):
            errors[qid] = gettext("must be answered yes (true) or no (false)")
    given = {qid: value for qid, value in answers.items()
             if qid in _BY_ID and isinstance(value, bool)}
    if not _decided(given, asked):
        for q in asked:
            if q.id not in answers:
                errors[q.id] = gettext("has no answer: please answer yes or no")
        if errors:
            raise InputError(errors)
    ordered = tuple((q.id, given[q.id]) for q in QUESTIONS if q.id in given)
    return ScreenResult(
        answers=ordered,
        flagged=tuple(qid for qid, yes in ordered if yes),
        areas=tuple(area for area in AREAS if area in areas_covered(asked)),
        version=SCREEN_VERSION,
    )


@dataclass(frozen=True)
class UrgentHelp:
    """The "Get help now if…" box: the emergency signs in plain words, and what to do."""

    title: str
    signs: tuple[str, ...]
    action: str


URGENT_HELP_TITLE = gettext_noop("Get help now if…")
URGENT_HELP_ACTION = gettext_noop(
    "Call your local emergency number (for example 911 in the US and Canada, 999 in the "
    "UK, 112 across Europe) or go to an emergency department. Do not wait to see if it "
    "passes, and stop these exercises."
)


def urgent_help(questions: Iterable[RedFlagQuestion] = QUESTIONS) -> UrgentHelp:
    """The box for these questions (a routine's): the sign of each urgent one, in order,
    in the language in force."""
    return UrgentHelp(title=gettext(URGENT_HELP_TITLE),
                      signs=tuple(q.sign for q in questions if q.urgent),
                      action=gettext(URGENT_HELP_ACTION))
