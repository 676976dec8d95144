"""Each measure as the FHIR R4 ``Questionnaire`` backcare publishes (plain Python, no Django).

``questionnaire(measure, base_url)`` builds it with the ``fhir.resources`` R4B models, so
it is validated as it is made, and returns its JSON shape. Its canonical URL,
``{base_url}/api/fhir/Questionnaire/{id}``, is what every ``QuestionnaireResponse`` in the
export points at (:mod:`backcare.outcomes.fhir_export`).

How each kind of item is written:

- ``scale`` → an ``integer`` item with its bounds in the standard ``minValue`` /
  ``maxValue`` extensions, and a ``display`` child naming what the two ends mean;
- ``choice`` → a ``choice`` item whose ``answerOption``\\ s are codings (code
  ``<item>-<value>``, the label as display) carrying the number they score in the
  standard ``ordinalValue`` extension;
- ``activity`` (PSFS) → a ``group`` of a ``string`` "activity" and an ``integer`` "rating".

The score is not a calculated item here: the export states it as an ``Observation``
derived from the response, which every FHIR reader understands without running an
expression language.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from backcare.vocabulary import gettext

if TYPE_CHECKING:
    from fhir.resources.R4B.questionnaire import Questionnaire

    from backcare.outcomes.measures import Item, Measure

MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
#: The longest activity the PSFS takes (the same limit the measure's scoring checks).
ACTIVITY_LENGTH = 80


def questionnaire_url(base_url: str, measure_id: str) -> str:
    """The canonical URL of a measure's Questionnaire (also where the API serves it)."""
    return f"{base_url.rstrip('/')}/api/fhir/Questionnaire/{measure_id}"


def answers_system(base_url: str, measure_id: str) -> str:
    """The code system of a measure's answer options."""
    return f"{base_url.rstrip('/')}/api/fhir/CodeSystem/{measure_id}"


def answer_coding(base_url: str, measure: Measure, item: Item, value: int) -> dict[str, Any]:
    """The coding a choice answer is written as, in the Questionnaire and in a response alike."""
    label = next((choice.label for choice in item.choices if choice.value == value), str(value))
    return {"system": answers_system(base_url, measure.id), "code": f"{item.id}-{value}", "display": label}


def activity_link(item_id: str) -> str:
    """linkId of the activity's name inside a PSFS group."""
    return f"{item_id}.activity"


def rating_link(item_id: str) -> str:
    """linkId of the activity's rating inside a PSFS group."""
    return f"{item_id}.rating"


def computable_name(measure_id: str) -> str:
    """``start-back`` -> ``StartBack``: the Questionnaire's machine-friendly ``name``."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", measure_id) if part)


def _bounds(item: Item) -> list[dict[str, Any]]:
    return [{"url": MIN_VALUE, "valueInteger": item.low}, {"url": MAX_VALUE, "valueInteger": item.high}]


def _ends(item: Item, link_id: str) -> list[dict[str, Any]]:
    """A display line naming the two ends of a scale, when the measure names them."""
    if not (item.low_label and item.high_label):
        return []
    text = gettext("{low} = {low_label}, {high} = {high_label}").format(
        low=item.low, low_label=item.low_label, high=item.high, high_label=item.high_label)
    return [{"linkId": f"{link_id}.ends", "type": "display", "text": text}]


def _scale_item(item: Item) -> dict[str, Any]:
    shape: dict[str, Any] = {
        "linkId": item.id, "type": "integer", "text": item.text, "required": item.required,
        "extension": _bounds(item),
    }
    if ends := _ends(item, item.id):
        shape["item"] = ends
    return shape


def _choice_item(base_url: str, measure: Measure, item: Item) -> dict[str, Any]:
    options = [
        {"valueCoding": {
            **answer_coding(base_url, measure, item, choice.value),
            "extension": [{"url": ORDINAL_VALUE, "valueDecimal": choice.value}],
        }}
        for choice in item.choices
    ]
    return {"linkId": item.id, "type": "choice", "text": item.text, "required": item.required,
            "answerOption": options}


def _activity_item(item: Item) -> dict[str, Any]:
    rating: dict[str, Any] = {
        "linkId": rating_link(item.id), "type": "integer", "required": True,
        "text": gettext("How well you can do it now"), "extension": _bounds(item),
    }
    if ends := _ends(item, rating_link(item.id)):
        rating["item"] = ends
    return {
        "linkId": item.id, "type": "group", "text": item.text, "required": item.required,
        "item": [
            {"linkId": activity_link(item.id), "type": "string", "required": True,
             "text": gettext("The activity"), "maxLength": ACTIVITY_LENGTH},
            rating,
        ],
    }


def questionnaire_item(base_url: str, measure: Measure, item: Item) -> dict[str, Any]:
    """One measure item as a Questionnaire item (see the module's notes)."""
    if item.kind == "choice":
        return _choice_item(base_url, measure, item)
    if item.kind == "activity":
        return _activity_item(item)
    return _scale_item(item)


def _rights(measure: Measure) -> str:
    return "\n\n".join(line for line in (measure.copyright, measure.licence) if line)


def questionnaire_model(measure: Measure, base_url: str) -> Questionnaire:
    """The validated ``fhir.resources`` model (the export puts it in its bundle)."""
    source = gettext("Source: {source}").format(source=measure.source) if measure.source else ""
    description = "\n\n".join(part for part in (measure.intro, measure.wording_note, source) if part)
    shape: dict[str, Any] = {
        "id": measure.id,
        "url": questionnaire_url(base_url, measure.id),
        "name": computable_name(measure.id),
        "title": measure.title,
        "status": "active",
        "subjectType": ["Patient"],
        "description": description or None,
        "copyright": _rights(measure) or None,
        "item": [questionnaire_item(base_url, measure, item) for item in measure.items],
    }
    from fhir.resources.R4B.questionnaire import Questionnaire  # here: slow to import

    return Questionnaire.model_validate({key: value for key, value in shape.items() if value is not None})


def questionnaire(measure: Measure, base_url: str) -> dict[str, Any]:
    """The measure as a FHIR R4 Questionnaire, validated, as JSON-ready data."""
    data: dict[str, Any] = questionnaire_model(measure, base_url).model_dump(mode="json")
    return data
