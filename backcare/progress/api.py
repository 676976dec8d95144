"""The outcomes API (mounted at /api/): measures, progress and the weekly review; the
reminders and the FHIR export are in :mod:`backcare.progress.api_reminders` (the same
router).

- ``GET /api/measures`` lists the questionnaires (the same for everyone).
- ``POST /api/measures/<id>`` scores and keeps one, for this device or person; a bad or
  missing answer is a 422 naming the item (``loc`` ends ``"answers", "<item>"``); the
  weekly pain question answered again within 7 days is a 422 on the path's
  ``measure_id`` (``loc`` ``"path", "measure_id"``) saying when it is next due.
- ``GET /api/progress``: each measure over time, the change against its minimal
  clinically important difference, sessions a week against the goal and the streak.
- ``GET /api/review`` / ``POST /api/review``: this week's one suggestion (with its
  ``key``), and the answer; an answer sent with a ``key`` that is no longer this week's
  suggestion is a 409 and changes nothing.

Everything but the list of measures is per owner (the signed-in person, a bearer token's
person, else the device cookie), private and never stored by a shared cache. Every
operation runs in the person's time zone (:func:`backcare.progress.zones.in_person_zone`),
so "this week" and the days of scores and sessions are theirs.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError, ValidationError
from pydantic import ConfigDict, StrictBool

from backcare.outcomes.change import change_sentence
from backcare.outcomes.measures import Measure, measures
from backcare.outcomes.scoring import stratum_words
from backcare.plans.errors import InputError
from backcare.practice.device import ensure_device
from backcare.practice.owner import Owner, owner_of
from backcare.practice.unmarked import withdraw
from backcare.progress import records, reviewing
from backcare.progress.accepted import ADJUSTING
from backcare.progress.api_reminders import measure_not_found
from backcare.progress.api_reminders import router as reminders_router
from backcare.progress.models import MeasureResponse, ReviewDecision
from backcare.progress.zones import in_person_zone
from backcare.site.api_errors import NOT_FOUND, READS, WRITES, Message, problems
from backcare.site.personal import mark_personal
from backcare.vocabulary import gettext

router = Router(tags=["progress"])
router.add_router("", reminders_router)

BODY = ("body", "payload")  # where ninja puts the fields of the JSON body


def known_owner(request: HttpRequest, response: HttpResponse) -> Owner:
    """The owner of a write: the person, else this device (its cookie set when new)."""
    owner = owner_of(request)
    device = ensure_device(request, response)
    return Owner(device=device, user_id=owner.user_id)


def answer_problems(errors: dict[str, str] | Any) -> ValidationError:
    """A 422 whose ``loc`` splits ``answers.<item>`` into ``"answers", "<item>"``."""
    return ValidationError([
        {"loc": [*BODY, *field.split(".", 1)], "msg": message, "type": "value_error"}
        for field, message in errors.items()
    ])


# --- Measures ----------------------------------------------------------------------------

class ChoiceOut(Schema):
    value: int
    label: str


class ItemOut(Schema):
    id: str
    text: str
    kind: str = Field(description="scale (a number from low to high), choice (one of "
                                  "choices' values) or activity (an activity named and "
                                  "rated from low to high)")
    low: int
    high: int
    low_label: str
    high_label: str
    choices: list[ChoiceOut]
    required: bool
    subscale: bool = Field(description="counted in the measure's subscale (STarT Back's "
                                       "psychosocial items)")


class MeasureOut(Schema):
    id: str
    title: str
    intro: str
    asked: str = Field(description="weekly, or program-start (once, as a program starts)")
    items: list[ItemOut]
    source: str
    licence: str
    copyright: str | None
    wording_note: str = Field(description="when the questions keep their validated English "
                                          "wording in other languages, a note saying so")


def measure_out(measure: Measure) -> MeasureOut:
    return MeasureOut(
        id=measure.id, title=measure.title, intro=measure.intro, asked=measure.asked,
        source=measure.source, licence=measure.licence, copyright=measure.copyright,
        wording_note=measure.wording_note,
        items=[ItemOut(id=item.id, text=item.text, kind=item.kind, low=item.low,
                       high=item.high, low_label=item.low_label, high_label=item.high_label,
                       choices=[ChoiceOut(value=c.value, label=c.label) for c in item.choices],
                       required=item.required, subscale=item.subscale)
               for item in measure.items])


@router.get("/measures", response={200: list[MeasureOut], **READS},
            summary="The questionnaires: weekly pain (NPRS), activities (PSFS), STarT Back")
@in_person_zone
def list_measures(request: HttpRequest) -> list[MeasureOut]:
    """Each measure with its questions, where it comes from and its licence. STarT Back's
    questions are in their validated English wording in every language."""
    return [measure_out(measure) for measure in measures().values()]


class AnswersIn(Schema):
    answers: dict[str, Any] = Field(
        description='each question\'s id and its answer: NPRS {"pain": 0-10}; PSFS '
                    '{"activity-1": {"activity": "Putting on socks", "rating": 0-10}, ...} '
                    '(1 to 3 activities); STarT Back {"q1": 0|1, ..., "q8": 0|1, "q9": 0-4}')


class TakenOut(Schema):
    id: str
    measure: str
    score: float
    subscale: int | None = Field(description="STarT Back's psychosocial subscale, 0-5")
    stratum: str | None = Field(description="STarT Back: low, medium or high")
    stratum_words: str | None = Field(description="what the STarT Back result means, in "
                                                  "plain words for the person")
    taken_at: datetime


def taken_out(row: MeasureResponse) -> TakenOut:
    return TakenOut(id=str(row.id), measure=row.measure, score=row.score,
                    subscale=row.subscale, stratum=row.stratum or None,
                    stratum_words=stratum_words(row.stratum) if row.stratum else None,
                    taken_at=row.taken_at)


@router.post("/measures/{measure_id}", response={201: TakenOut, **NOT_FOUND, **WRITES},
             summary="Answer a questionnaire: scored and kept for this device or person")
@in_person_zone
def take_measure(request: HttpRequest, response: HttpResponse, measure_id: str,
                 payload: AnswersIn) -> Status[TakenOut]:
    """201 with the score (and for STarT Back the subscale and stratum). 404 for a measure
    we do not have; 422 naming each answer at fault; 422 on `measure` when the weekly
    pain question was answered less than 7 days ago, on `measure_id` (the path's),
    saying when it is next due."""
    mark_personal(request)
    if measure_id not in measures():
        raise measure_not_found(measure_id)
    owner = known_owner(request, response)
    try:
        row = records.save_measure(owner, measure_id, payload.answers)
    except records.NotDue as exc:
        # the path parameter's name, as ninja names its own problems with it
        raise problems({"measure_id": exc.errors["measure"]}, "path") from None
    except InputError as exc:
        raise answer_problems(exc.errors) from None
    return Status(201, taken_out(row))


# --- Progress ----------------------------------------------------------------------------

class ScoreOut(Schema):
    date: date
    score: float


class ChangeOut(Schema):
    # built with "from"; read back by name when ProgressOut validates it
    model_config = ConfigDict(populate_by_name=True)

    from_: float = Field(alias="from", description="the first score")
    to: float = Field(description="the latest score")
    difference: float = Field(description="to - from")
    direction: str = Field(description="better, worse or same")
    meaningful: bool = Field(description="the change reaches the measure's minimal "
                                         "clinically important difference")
    sentence: str = Field(description="the change in plain words")


class WeekOut(Schema):
    week_start: date = Field(description="the Monday the week starts on")
    sessions: int
    goal: int
    on_goal: bool


class StartBackOut(Schema):
    stratum: str
    words: str = Field(description="what it means, in plain words")
    taken_at: datetime


class ProgressOut(Schema):
    measures: dict[str, list[ScoreOut]] = Field(
        description="measure id -> each score, oldest first (nprs: the latest of each week; "
                    "psfs: the current set of activities)")
    change: dict[str, ChangeOut | None] = Field(
        description="nprs and psfs: first -> latest, or null before a second score")
    sessions_per_week: list[WeekOut] = Field(description="the last 8 weeks, this week last")
    weeks_on_goal: int = Field(description="weeks on goal in a row, up to this week")
    goal: int = Field(description="sessions a week")
    goal_source: str = Field(description="program (its days a week), chosen, or default")
    nprs_due: bool = Field(description="the weekly pain question may be answered today")
    start_back: StartBackOut | None = Field(description="the latest STarT Back result")


@router.get("/progress", response={200: ProgressOut, **READS}, by_alias=True,
            summary="Your measures over time, meaningful change, sessions a week")
@in_person_zone
def get_progress(request: HttpRequest) -> ProgressOut:
    """Each measure's scores; for NPRS and PSFS the change from the first score to the
    latest against its minimal clinically important difference (NPRS: 2 points or 30 %;
    PSFS: 2 points); sessions in each of the last 8 weeks against the goal, and the
    streak of weeks on goal. Empty until this device or person has answered something."""
    mark_personal(request)
    owner = owner_of(request)
    view = records.progress_for(owner)
    known = measures()
    changes: dict[str, ChangeOut | None] = {}
    for measure_id, change in view.changes.items():
        if known[measure_id].mcid is None:
            continue
        changes[measure_id] = None if change is None else ChangeOut.model_validate({
            "from": change.first, "to": change.latest, "difference": change.difference,
            "direction": change.direction, "meaningful": change.meaningful,
            "sentence": change_sentence(known[measure_id], change)})
    latest = view.latest_start_back
    return ProgressOut(
        measures={measure_id: [ScoreOut(date=day, score=score) for day, score in taken]
                  for measure_id, taken in view.measures.items()},
        change=changes,
        sessions_per_week=[WeekOut(week_start=w.week_start, sessions=w.sessions, goal=w.goal,
                                   on_goal=w.on_goal) for w in view.weeks],
        weeks_on_goal=view.weeks_on_goal, goal=view.goal, goal_source=view.goal_source,
        nprs_due=records.nprs_due(owner, timezone.localdate()),
        start_back=None if latest is None or not latest.stratum else StartBackOut(
            stratum=latest.stratum, words=stratum_words(latest.stratum),
            taken_at=latest.taken_at))


# --- The weekly review -------------------------------------------------------------------

class SuggestionOut(Schema):
    change: str = Field(description="swap, fewer-reps, step-up or talk-to-clinician")
    why: str = Field(description="why, in plain words")
    exercise: str | None = Field(description='the exercise it is about ("*" for every one, '
                                             "null for none)")
    key: str = Field(description="names this suggestion; send it back with the answer")


class DecisionIn(Schema):
    accept: StrictBool
    key: str | None = Field(None, max_length=200,
                            description="the key GET /api/review gave; when given and the "
                                        "suggestion changed since, 409")


class DecisionOut(SuggestionOut):
    accepted: bool
    decided_at: datetime


def decision_out(row: ReviewDecision) -> DecisionOut:
    return DecisionOut(change=row.change, why=row.why, exercise=row.exercise or None,
                       key=row.key, accepted=row.accepted, decided_at=row.decided_at)


@router.get("/review", response={200: SuggestionOut | None, **READS},
            summary="This week's suggestion for your exercises, or null")
@in_person_zone
def get_review(request: HttpRequest) -> SuggestionOut | None:
    """At most one suggestion a week, with the reason: a gentler version of an exercise
    that hurt, one step up when things go well, or to talk to your clinician when the
    weekly pain has got worse. Null when there is nothing to suggest, or once this week's
    is answered."""
    mark_personal(request)
    found = reviewing.suggestion_for(owner_of(request))
    if found is None:
        return None
    return SuggestionOut(change=found.change, why=found.why, exercise=found.exercise,
                         key=found.key)


@router.post("/review", response={200: DecisionOut, 409: Message, **WRITES},
             summary="Accept or decline this week's suggestion")
@in_person_zone
def post_review(request: HttpRequest, response: HttpResponse,
                payload: DecisionIn) -> DecisionOut:
    """Accepted, the change applies to what you play from now on (a program the clinician
    locked gets no changes). Declined, it is not suggested again for four weeks (a declined
    step up holds back every step up). 409 when there is nothing to decide this week, or
    when `key` is given and this week's suggestion is no longer that one."""
    mark_personal(request)
    try:
        row = reviewing.decide(owner_of(request), payload.accept, key=payload.key)
    except reviewing.SuggestionChanged:
        raise HttpError(409, gettext("This week's suggestion has changed since you saw it. "
                                     "Look at it again before you answer.")) from None
    except LookupError:
        raise HttpError(409, gettext("There is no suggestion to answer this week.")) from None
    if row.accepted and row.change in ADJUSTING:
        # What this device plays has changed: take back its note that it plays the page
        # everyone gets, so the front door stops handing it that page.
        withdraw(response)
    return decision_out(row)
