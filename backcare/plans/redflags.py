"""The safety screen asked before any plan: warning signs that need a doctor, not exercise.

The questions cover the recognised "red flags" for low back pain, as listed in:

- NICE guideline NG59, "Low back pain and sciatica in over 16s: assessment and
  management" (which asks clinicians to exclude specific causes first), and
- NICE Clinical Knowledge Summaries (CKS), "Back pain - low (without radiculopathy)",
  red flags for cauda equina syndrome, spinal fracture, cancer and infection.

The first three questions are signs of cauda equina syndrome (pressure on the nerves at
the base of the spine). It is an emergency, so a "yes" to any of them sends the person
to emergency care now. A "yes" to any other question means: see a doctor soon, before
exercising. Any "yes" at all means no plan is made.

The questions are data (:data:`QUESTIONS`), so the web pages, the API and the CLI all
show the same list. :func:`screen_version` changes whenever a question's id, wording or
urgency changes, so a remembered screen can be thrown away when the questions move on.
The wording is ours, kept short and plain for someone who is in pain right now.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from backcare.plans.errors import InputError

SOURCES: tuple[str, ...] = (
    'NICE guideline NG59, "Low back pain and sciatica in over 16s: assessment and management"',
    'NICE CKS, "Back pain - low (without radiculopathy)": red flags',
)


@dataclass(frozen=True)
class RedFlagQuestion:
    """One yes/no question. ``urgent``: a "yes" means emergency care, right now."""

    id: str
    text: str
    urgent: bool


QUESTIONS: tuple[RedFlagQuestion, ...] = (
    # Cauda equina syndrome (NG59 / CKS): urgent.
    RedFlagQuestion(
        "bladder-bowel",
        "Since this back pain began, have you had new trouble peeing, or trouble "
        "controlling your bladder or bowels?",
        urgent=True,
    ),
    RedFlagQuestion(
        "saddle-numbness",
        "Do you have numbness or pins and needles around your genitals, your bottom or "
        "the inside of your thighs?",
        urgent=True,
    ),
    RedFlagQuestion(
        "leg-weakness",
        "Is one leg getting weaker and weaker, or do both of your legs feel weak or numb?",
        urgent=True,
    ),
    # Spinal fracture (CKS).
    RedFlagQuestion(
        "trauma",
        "Did this pain start after a fall, a car crash or another hard knock or injury?",
        urgent=False,
    ),
    # Infection (CKS).
    RedFlagQuestion(
        "fever-unwell",
        "Do you have a fever, or feel ill all over, along with the back pain?",
        urgent=False,
    ),
    RedFlagQuestion(
        "weak-immune-system",
        "Is your immune system weakened (for example by long-term steroid tablets or "
        "cancer treatment), or do you inject drugs?",
        urgent=False,
    ),
    # Cancer (CKS).
    RedFlagQuestion(
        "cancer-history",
        "Have you ever had cancer, and is this back pain new since then?",
        urgent=False,
    ),
    RedFlagQuestion(
        "weight-loss",
        "Have you lost weight lately without trying to?",
        urgent=False,
    ),
    RedFlagQuestion(
        "night-pain",
        "Is the pain there all the time, night included, with no relief when you rest "
        "or lie down?",
        urgent=False,
    ),
    # Age at a first episode (CKS: over 50 for cancer) is a risk factor, not a warning
    # sign on its own: asking it alone would turn away most people over 50, so it is left out.
)

QUESTION_IDS: tuple[str, ...] = tuple(q.id for q in QUESTIONS)
_BY_ID: dict[str, RedFlagQuestion] = {q.id: q for q in QUESTIONS}

Level = Literal["clear", "see-doctor", "emergency"]

_HEADLINES: dict[str, str] = {
    "clear": "No warning signs: you can go on to your routine.",
    "see-doctor": "See a doctor today, or as soon as you can, before doing these exercises.",
    "emergency": "Get emergency care now: go to an emergency department or call "
                 "emergency services.",
}
_ADVICE: dict[str, str] = {
    "clear": "Go gently, and stop any exercise that makes your pain sharper or sends it "
             "down a leg. If any of these warning signs appear later, stop and get help.",
    "see-doctor": "One or more of your answers can point to a cause of back pain that a "
                  "doctor needs to check first. We will not make an exercise plan for you "
                  "until you have been seen.",
    "emergency": "One or more of your answers can be a sign that the nerves at the base "
                 "of your spine are being squeezed. That needs to be checked straight "
                 "away: do not wait to see if it passes, and do not do these exercises.",
}


@dataclass(frozen=True)
class ScreenResult:
    """The outcome of one screen.

    ``answers`` holds the (question id, answer) pairs given, in question order: every
    question, unless an emergency sign cut the screen short; ``flagged`` the ids answered
    "yes"; ``version`` the :func:`screen_version` the answers were given to.
    """

    answers: tuple[tuple[str, bool], ...]
    flagged: tuple[str, ...]
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
        return _HEADLINES[self.level]

    @property
    def advice(self) -> str:
        return _ADVICE[self.level]

    @property
    def flagged_questions(self) -> tuple[RedFlagQuestion, ...]:
        return tuple(_BY_ID[qid] for qid in self.flagged)


def screen_version() -> str:
    """A short fingerprint of the questions: changes when any id, text or urgency does."""
    data = json.dumps([[q.id, q.text, q.urgent] for q in QUESTIONS], ensure_ascii=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


SCREEN_VERSION: str = screen_version()


def _decided(given: Mapping[str, bool]) -> bool:
    """True when the answers so far already fix a "get care" outcome that no further
    answer could change: an emergency sign answered yes, or every emergency sign
    answered no and some other sign yes."""
    if any(yes and _BY_ID[qid].urgent for qid, yes in given.items()):
        return True
    urgent_all_no = all(q.id in given for q in QUESTIONS if q.urgent)
    return urgent_all_no and any(given.values())


def run_screen(answers: Mapping[str, bool]) -> ScreenResult:
    """Check the answers: every question, each exactly True or False.

    An outcome that the answers already decide is given at once, whatever is still
    unanswered: an emergency "yes" gets the emergency advice, not a list of questions to
    finish. Otherwise raises :class:`InputError` naming every missing, unknown or non-yes/no answer.
    """
    errors: dict[str, str] = {}
    for qid in answers:
        if qid not in _BY_ID:
            errors[str(qid)] = "is not a question in this safety check"
    given = {qid: value for qid, value in answers.items()
             if qid in _BY_ID and isinstance(value, bool)}
    if _decided(given):
        ordered = tuple((qid, given[qid]) for qid in QUESTION_IDS if qid in given)
        return ScreenResult(answers=ordered, flagged=tuple(q for q, yes in ordered if yes),
                            version=SCREEN_VERSION)
    for qid in QUESTION_IDS:
        if qid not in answers:
            errors[qid] = "has no answer: please answer yes or no"
        elif not isinstance(answers[qid], bool):
            errors[qid] = "must be answered yes (true) or no (false)"
    if errors:
        raise InputError(errors)
    ordered = tuple((qid, answers[qid]) for qid in QUESTION_IDS)
    return ScreenResult(
        answers=ordered,
        flagged=tuple(qid for qid, yes in ordered if yes),
        version=SCREEN_VERSION,
    )
