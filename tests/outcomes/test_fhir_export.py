"""The FHIR export: one Bundle a clinic's system can read, validated with fhir.resources (R4B).

What a reader of the file would notice: each session's pain as a LOINC 72514-3 Observation
(before and after, none for an after that was never given), the program as a CarePlan with
every exercise and its dose, each measure as a QuestionnaireResponse against the
Questionnaire backcare publishes, its score as an Observation, the same bundle for the same
data, and nothing about the person beyond a pseudonymous id.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire

from backcare.outcomes.fhir_export import (
    CarePlanActivity,
    MeasureRecord,
    PainRecord,
    fhir_bundle,
)
from backcare.outcomes.measures import Measure, measures
from backcare.outcomes.questionnaires import questionnaire
from backcare.outcomes.scoring import score

BASE = "https://backcare.example"
PATIENT = "7f3c2a-device"
START = datetime(2025, 3, 3, 8, 30, tzinfo=UTC)
LOINC_PAIN = ("http://loinc.org", "72514-3")

ACTIVITIES = (
    CarePlanActivity("knee-to-chest", "Knee to chest", hold_seconds=30, reps=3, sets=1, per_side=True),
    CarePlanActivity("bridge", "Bridge", hold_seconds=5, reps=10, sets=2, per_side=False,
                     note="Keep it slow."),
    CarePlanActivity("cat-cow", "Cat–cow", hold_seconds=3, reps=8, sets=1, per_side=False,
                     dose_text="8 times, about 3 s each"),
)
SESSIONS = (
    PainRecord("s-1", START, START + timedelta(minutes=12), pain_before=6, pain_after=4),
    PainRecord("s-2", START + timedelta(days=2), START + timedelta(days=2, minutes=11),
               pain_before=5, pain_after=None),
)
START_BACK_HIGH = {"q1": 1, "q2": 0, "q3": 1, "q4": 0, "q5": 1, "q6": 1, "q7": 1, "q8": 0, "q9": 3}
PSFS = {"activity-1": {"activity": "Putting on socks", "rating": 3},
        "activity-2": {"activity": "Sitting through a film", "rating": 6}}


def record(key: str, measure: Measure, answers: dict[str, Any], days: int) -> MeasureRecord:
    scored = score(measure, answers)
    return MeasureRecord(id=key, measure=measure, answers=scored.answers, score=scored.score,
                         subscale=scored.subscale, stratum=scored.stratum,
                         taken_at=START + timedelta(days=days))


def make_bundle(patient_id: str = PATIENT) -> dict[str, Any]:
    found = measures("en")
    return fhir_bundle(
        base_url=BASE + "/", patient_id=patient_id, title="Morning back routine",
        activities=ACTIVITIES, sessions=SESSIONS,
        measures=(
            record("r-1", found["start-back"], START_BACK_HIGH, 0),
            record("r-2", found["nprs"], {"pain": 6}, 0),
            record("r-3", found["psfs"], PSFS, 0),
            record("r-4", found["nprs"], {"pain": 4}, 7),
        ),
        made_at=START + timedelta(days=8),
    )


@pytest.fixture(scope="module")
def bundle() -> dict[str, Any]:
    return make_bundle()


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [entry["resource"] for entry in bundle["entry"] if entry["resource"]["resourceType"] == kind]


def codings(concept: dict[str, Any]) -> set[tuple[str, str]]:
    return {(c.get("system", ""), c.get("code", "")) for c in concept.get("coding", [])}


def pain_observations(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    return [o for o in resources(bundle, "Observation") if LOINC_PAIN in codings(o["code"])]


def walk(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for item in items:
        yield item
        yield from walk(item.get("item", []))
        for answer in item.get("answer", []):
            yield from walk(answer.get("item", []))


def test_the_bundle_validates_with_fhir_resources_and_is_plain_json(bundle: dict[str, Any]) -> None:
    text = json.dumps(bundle)
    parsed = Bundle.model_validate(json.loads(text))
    assert parsed.type == "collection"
    assert bundle["timestamp"] == "2025-03-11T08:30:00Z"
    for entry in bundle["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    kinds = [entry["resource"]["resourceType"] for entry in bundle["entry"]]
    assert kinds.count("Patient") == 1
    assert kinds.count("CarePlan") == 1
    assert kinds.count("QuestionnaireResponse") == 4
    assert sorted(r["id"] for r in resources(bundle, "Questionnaire")) == ["nprs", "psfs", "start-back"]


def test_each_sessions_pain_is_a_loinc_observation_before_and_after(bundle: dict[str, Any]) -> None:
    patient = f"urn:uuid:{resources(bundle, 'Patient')[0]['id']}"
    seen = {o["identifier"][0]["value"]: o for o in pain_observations(bundle)}
    assert set(seen) == {"s-1/before", "s-1/after", "s-2/before"}   # s-2 has no "after"
    assert (seen["s-1/before"]["valueInteger"], seen["s-1/after"]["valueInteger"]) == (6, 4)
    assert seen["s-2/before"]["valueInteger"] == 5
    assert seen["s-1/before"]["effectiveDateTime"] == "2025-03-03T08:30:00Z"
    assert seen["s-1/after"]["effectiveDateTime"] == "2025-03-03T08:42:00Z"
    for observation in seen.values():
        assert observation["status"] == "final"
        assert observation["subject"] == {"reference": patient}
        assert ("http://terminology.hl7.org/CodeSystem/observation-category", "survey") in codings(
            observation["category"][0])
    assert seen["s-1/before"]["note"][0]["text"] != seen["s-1/after"]["note"][0]["text"]


def test_the_care_plan_has_every_exercise_with_its_dose(bundle: dict[str, Any]) -> None:
    (plan,) = resources(bundle, "CarePlan")
    assert (plan["status"], plan["intent"], plan["title"]) == ("active", "plan", "Morning back routine")
    details = [activity["detail"] for activity in plan["activity"]]
    assert [d["code"]["text"] for d in details] == ["Knee to chest", "Bridge", "Cat–cow"]
    assert [d["code"]["coding"][0]["code"] for d in details] == ["knee-to-chest", "bridge", "cat-cow"]
    assert {d["code"]["coding"][0]["system"] for d in details} == {f"{BASE}/exercises"}
    assert details[0]["description"] == "3 times, hold 30 s, each side"
    assert details[1]["description"] == "10 times, hold 5 s, 2 rounds\nKeep it slow."
    assert details[2]["description"] == "8 times, about 3 s each"


def test_responses_answer_the_questionnaire_backcare_publishes(bundle: dict[str, Any]) -> None:
    published = {q["url"]: q for q in resources(bundle, "Questionnaire")}
    full_urls = {e["resource"]["url"]: e["fullUrl"] for e in bundle["entry"]
                 if e["resource"]["resourceType"] == "Questionnaire"}
    assert all(url == full_urls[url] for url in published)
    for response in resources(bundle, "QuestionnaireResponse"):
        assert response["status"] == "completed"
        assert response["questionnaire"].startswith(f"{BASE}/api/fhir/Questionnaire/")
        asked = {item["linkId"]: item for item in walk(published[response["questionnaire"]]["item"])}
        for item in walk(response["item"]):
            question = asked[item["linkId"]]
            for answer in item.get("answer", []):
                if question["type"] == "integer":
                    assert question["extension"][0]["valueInteger"] <= answer["valueInteger"] \
                        <= question["extension"][1]["valueInteger"]
                elif question["type"] == "choice":
                    options = [option["valueCoding"]["code"] for option in question["answerOption"]]
                    assert answer["valueCoding"]["code"] in options
                else:
                    assert question["type"] == "string"
                    assert answer["valueString"]


def test_psfs_activities_and_start_back_answers_read_back(bundle: dict[str, Any]) -> None:
    by_measure = {r["questionnaire"].rsplit("/", 1)[1]: r for r in resources(bundle, "QuestionnaireResponse")}
    psfs = {item["linkId"]: item["answer"][0]
            for item in walk(by_measure["psfs"]["item"]) if "answer" in item}
    assert psfs == {
        "activity-1.activity": {"valueString": "Putting on socks"},
        "activity-1.rating": {"valueInteger": 3},
        "activity-2.activity": {"valueString": "Sitting through a film"},
        "activity-2.rating": {"valueInteger": 6},
    }
    q9 = next(i for i in by_measure["start-back"]["item"] if i["linkId"] == "q9")
    assert q9["answer"][0]["valueCoding"]["display"] == "Very much"


def test_each_score_is_an_observation_derived_from_its_response(bundle: dict[str, Any]) -> None:
    full_url = {e["resource"]["id"]: e["fullUrl"] for e in bundle["entry"]}
    responses = {r["identifier"]["value"]: full_url[r["id"]]
                 for r in resources(bundle, "QuestionnaireResponse")}
    scores = {o["identifier"][0]["value"]: o for o in resources(bundle, "Observation")
              if "derivedFrom" in o}
    assert set(scores) == {"r-1", "r-2", "r-3", "r-4"}
    for key, observation in scores.items():
        assert observation["derivedFrom"] == [{"reference": responses[key]}]
        assert LOINC_PAIN not in codings(observation["code"])
    start_back = scores["r-1"]
    assert start_back["valueInteger"] == 6
    assert start_back["component"][0]["valueInteger"] == 4
    assert start_back["interpretation"][0]["coding"][0]["code"] == "high"
    assert [scores["r-2"]["valueInteger"], scores["r-4"]["valueInteger"]] == [6, 4]
    assert scores["r-3"]["valueQuantity"]["value"] == 4.5


def test_the_same_data_gives_the_same_bundle() -> None:
    first, again = make_bundle(), make_bundle()
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)
    urls = [entry["fullUrl"] for entry in first["entry"]]
    assert len(set(urls)) == len(urls)
    other = {entry["fullUrl"] for entry in make_bundle("another-device")["entry"]}
    assert not {u for u in urls if u.startswith("urn:uuid:")} & other


def test_nothing_identifies_the_person_but_the_pseudonymous_id(bundle: dict[str, Any]) -> None:
    (patient,) = resources(bundle, "Patient")
    assert set(patient) == {"resourceType", "id", "identifier"}
    assert patient["identifier"] == [{"system": f"{BASE}/patient", "value": PATIENT}]
    personal = {"name", "telecom", "birthDate", "address", "gender", "photo", "contact"}
    for entry in bundle["entry"]:
        if entry["resource"]["resourceType"] != "Questionnaire":   # a Questionnaire's "name" is its own
            assert not personal & set(json.dumps(entry["resource"]).split('"')[1::2])
    assert "@" not in json.dumps(bundle)


def test_each_published_questionnaire_validates_and_keeps_its_wording() -> None:
    for measure in measures("en").values():
        shape = questionnaire(measure, BASE)
        Questionnaire.model_validate(shape)
        assert shape["url"] == f"{BASE}/api/fhir/Questionnaire/{measure.id}"
        assert (shape["status"], shape["title"]) == ("active", measure.title)
        assert [item["linkId"] for item in shape["item"]] == [item.id for item in measure.items]
    start_back = questionnaire(measures("en")["start-back"], BASE)
    assert start_back["copyright"].startswith("© Keele University 01/08/07")
    q9 = start_back["item"][8]
    assert [o["valueCoding"]["display"] for o in q9["answerOption"]] == [
        "Not at all", "Slightly", "Moderately", "Very much", "Extremely"]
    nprs = questionnaire(measures("en")["nprs"], BASE)["item"][0]
    assert nprs["type"] == "integer"
    assert [(e["url"].rsplit("/", 1)[1], e["valueInteger"]) for e in nprs["extension"]] == [
        ("minValue", 0), ("maxValue", 10)]
    psfs = questionnaire(measures("en")["psfs"], BASE)["item"][0]
    assert psfs["type"] == "group"
    assert [(i["linkId"], i["type"]) for i in psfs["item"]] == [
        ("activity-1.activity", "string"), ("activity-1.rating", "integer")]


def test_a_moment_without_a_time_zone_is_refused() -> None:
    naive = PainRecord("s-9", datetime(2025, 3, 3, 8, 30), datetime(2025, 3, 3, 8, 40), 3, 2)  # noqa: DTZ001
    with pytest.raises(ValueError, match="time zone"):
        fhir_bundle(base_url=BASE, patient_id=PATIENT, title="t", activities=(), sessions=(naive,),
                    measures=(), made_at=START)


def test_the_export_does_not_import_django() -> None:
    code = (
        "import sys, backcare.outcomes.fhir_export, backcare.outcomes.questionnaires;"
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
