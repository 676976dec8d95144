"""A person's program, session pain and measures as one FHIR R4 ``Bundle`` (plain Python).

:func:`fhir_bundle` builds every resource with the ``fhir.resources`` R4B models, so the
bundle is validated as it is made, and returns its JSON shape (``application/fhir+json``):

- ``Patient``: only a pseudonymous identifier, never a name, e-mail or birth date;
- ``CarePlan``: one activity per exercise, its dose in plain words;
- ``Observation`` per session pain, before and after (LOINC 72514-3, 0–10, reported);
- the ``Questionnaire`` of each measure taken, a ``QuestionnaireResponse`` per time it was
  taken, and an ``Observation`` of its score derived from that response.

Every entry's ``fullUrl`` is a ``urn:uuid`` derived from what it records, so the same data
gives the same bundle, byte for byte.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from backcare.content.wording import rounds, times
from backcare.outcomes.questionnaires import (
    activity_link,
    answer_coding,
    questionnaire_model,
    questionnaire_url,
    rating_link,
)
from backcare.outcomes.scoring import stratum_label
from backcare.vocabulary import gettext

if TYPE_CHECKING:
    from backcare.outcomes.measures import Item, Measure

LOINC = "http://loinc.org"
PAIN_CODE = "72514-3"
PAIN_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
CATEGORIES = "http://terminology.hl7.org/CodeSystem/observation-category"
UCUM = "http://unitsofmeasure.org"


@dataclass(frozen=True)
class CarePlanActivity:
    """One exercise of the plan or program, with its dose."""

    exercise: str
    name: str
    hold_seconds: int
    reps: int
    sets: int
    per_side: bool
    note: str = ""
    #: The dose as the library words it (``wording.dose_text``); made from the numbers if empty.
    dose_text: str = ""


@dataclass(frozen=True)
class PainRecord:
    """One session's pain before and (when given) after, 0–10."""

    session_id: str
    started_at: datetime
    ended_at: datetime
    pain_before: int
    pain_after: int | None


@dataclass(frozen=True)
class MeasureRecord:
    """One time a measure was taken: its normalised answers and score."""

    id: str
    measure: Measure
    answers: Mapping[str, Any]
    score: float
    subscale: int | None
    stratum: str | None
    taken_at: datetime


def plain_dose(activity: CarePlanActivity) -> str:
    """``"3 times, hold 30 s, each side, 2 rounds"``: the dose in words any reader follows."""
    if activity.dose_text:
        return activity.dose_text
    parts = [times(activity.reps)]
    if activity.hold_seconds:
        parts.append(gettext("hold {seconds} s").format(seconds=activity.hold_seconds))
    if activity.per_side:
        parts.append(gettext("each side"))
    if activity.sets > 1:
        parts.append(rounds(activity.sets))
    first = parts[0]
    parts[0] = first[:1].upper() + first[1:]
    return ", ".join(parts)


def _instant(moment: datetime) -> str:
    """An aware moment as an ISO string in UTC, to the second (naive ones are refused)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment!r} has no time zone")
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class _Entries:
    """The bundle's entries, each with a stable ``urn:uuid`` from the patient and a key."""

    def __init__(self, base_url: str, patient_id: str) -> None:
        self.base_url = base_url
        self.patient_id = patient_id
        self.items: list[dict[str, Any]] = []

    def uuid_for(self, kind: str, key: str) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.base_url}/fhir/{self.patient_id}/{kind}/{key}"))

    def add(self, kind: str, key: str, resource: dict[str, Any]) -> str:
        """Adds a resource; returns the reference other resources use for it."""
        ident = self.uuid_for(kind, key)
        self.items.append({"fullUrl": f"urn:uuid:{ident}", "resource": {"resourceType": kind, "id": ident,
                                                                        **resource}})
        return f"urn:uuid:{ident}"


def _patient(base_url: str, patient_id: str) -> dict[str, Any]:
    return {"identifier": [{"system": f"{base_url}/patient", "value": patient_id}]}


def _care_plan(base_url: str, title: str, patient: str,
               activities: Sequence[CarePlanActivity]) -> dict[str, Any]:
    def activity(item: CarePlanActivity) -> dict[str, Any]:
        description = plain_dose(item)
        if item.note:
            description = f"{description}\n{item.note}"
        return {"detail": {
            "status": "in-progress",
            "code": {"coding": [{"system": f"{base_url}/exercises", "code": item.exercise,
                                 "display": item.name}], "text": item.name},
            "description": description,
        }}
    plan: dict[str, Any] = {"status": "active", "intent": "plan", "title": title,
                            "subject": {"reference": patient}}
    if activities:
        plan["activity"] = [activity(item) for item in activities]
    return plan


def _survey() -> list[dict[str, Any]]:
    return [{"coding": [{"system": CATEGORIES, "code": "survey", "display": "Survey"}]}]


def _pain(base_url: str, patient: str, record: PainRecord, when: str) -> dict[str, Any]:
    before = when == "before"
    return {
        "identifier": [{"system": f"{base_url}/sessions/pain", "value": f"{record.session_id}/{when}"}],
        "status": "final",
        "category": _survey(),
        "code": {"coding": [{"system": LOINC, "code": PAIN_CODE, "display": PAIN_DISPLAY}],
                 "text": gettext("Pain, 0 to 10")},
        "subject": {"reference": patient},
        "performer": [{"reference": patient}],
        "effectiveDateTime": _instant(record.started_at if before else record.ended_at),
        "valueInteger": record.pain_before if before else record.pain_after,
        "note": [{"text": gettext("Before the session") if before else gettext("After the session")}],
    }


def _answer(base_url: str, measure: Measure, item: Item, value: Any) -> dict[str, Any] | None:
    """A response item for one answer, or None when the person left an optional item out."""
    if value is None:
        return None
    shape: dict[str, Any] = {"linkId": item.id, "text": item.text}
    if item.kind == "activity":
        if not isinstance(value, Mapping) or not value.get("activity"):
            return None
        parts = [{"linkId": activity_link(item.id), "answer": [{"valueString": str(value["activity"])}]}]
        if value.get("rating") is not None:
            parts.append({"linkId": rating_link(item.id), "answer": [{"valueInteger": int(value["rating"])}]})
        shape["item"] = parts
    elif item.kind == "choice":
        shape["answer"] = [{"valueCoding": answer_coding(base_url, measure, item, int(value))}]
    else:
        shape["answer"] = [{"valueInteger": int(value)}]
    return shape


def _response(base_url: str, patient: str, record: MeasureRecord) -> dict[str, Any]:
    measure = record.measure
    items = [_answer(base_url, measure, item, record.answers.get(item.id)) for item in measure.items]
    return {
        "identifier": {"system": f"{base_url}/measures/responses", "value": record.id},
        "questionnaire": questionnaire_url(base_url, measure.id),
        "status": "completed",
        "subject": {"reference": patient},
        "source": {"reference": patient},
        "authored": _instant(record.taken_at),
        "item": [item for item in items if item is not None],
    }


def _score_value(record: MeasureRecord) -> dict[str, Any]:
    """A whole-number score as an integer; an average (PSFS) as a quantity, two places."""
    averaged = any(item.kind == "activity" for item in record.measure.items)
    if not averaged and float(record.score).is_integer():
        return {"valueInteger": int(record.score)}
    return {"valueQuantity": {"value": round(float(record.score), 2), "unit": "score",
                              "system": UCUM, "code": "{score}"}}


def _score(base_url: str, patient: str, record: MeasureRecord, response: str) -> dict[str, Any]:
    measure = record.measure
    system = f"{base_url}/measures"
    observation: dict[str, Any] = {
        "identifier": [{"system": f"{base_url}/measures/scores", "value": record.id}],
        "status": "final",
        "category": _survey(),
        "code": {"coding": [{"system": system, "code": measure.id, "display": measure.title}],
                 "text": gettext("{title} score").format(title=measure.title)},
        "subject": {"reference": patient},
        "performer": [{"reference": patient}],
        "effectiveDateTime": _instant(record.taken_at),
        **_score_value(record),
        "derivedFrom": [{"reference": response}],
    }
    if record.subscale is not None:
        observation["component"] = [{
            "code": {"coding": [{"system": system, "code": f"{measure.id}-subscale"}],
                     "text": gettext("Psychosocial subscale")},
            "valueInteger": record.subscale,
        }]
    if record.stratum:
        label = stratum_label(record.stratum)
        observation["interpretation"] = [{
            "coding": [{"system": f"{system}/{measure.id}/strata", "code": record.stratum, "display": label}],
            "text": label,
        }]
    return observation


def fhir_bundle(*, base_url: str, patient_id: str, title: str, activities: Sequence[CarePlanActivity],
                sessions: Sequence[PainRecord], measures: Sequence[MeasureRecord],
                made_at: datetime) -> dict[str, Any]:
    """The collection ``Bundle`` (see the module's notes), validated, as JSON-ready data."""
    base_url = base_url.rstrip("/")
    entries = _Entries(base_url, patient_id)
    patient = entries.add("Patient", "patient", _patient(base_url, patient_id))
    entries.add("CarePlan", "plan", _care_plan(base_url, title, patient, activities))
    for session in sessions:
        for when in ("before", "after"):
            if when == "before" or session.pain_after is not None:
                entries.add("Observation", f"pain/{session.session_id}/{when}",
                            _pain(base_url, patient, session, when))
    published: dict[str, Measure] = {}
    for taken in measures:
        published.setdefault(taken.measure.id, taken.measure)
        response = entries.add("QuestionnaireResponse", f"measure/{taken.id}",
                               _response(base_url, patient, taken))
        entries.add("Observation", f"score/{taken.id}", _score(base_url, patient, taken, response))
    for measure_id, measure in published.items():
        shape = questionnaire_model(measure, base_url).model_dump(mode="json")
        entries.items.append({"fullUrl": questionnaire_url(base_url, measure_id), "resource": shape})
    from fhir.resources.R4B.bundle import Bundle  # here: the models take ~0.2 s to import

    bundle = Bundle.model_validate({
        "identifier": {"system": f"{base_url}/fhir/bundle",
                       "value": entries.uuid_for("Bundle", _instant(made_at))},
        "type": "collection",
        "timestamp": _instant(made_at),
        "entry": entries.items,
    })
    data: dict[str, Any] = bundle.model_dump(mode="json")
    return data
