"""GET /api/fhir/bundle and /api/fhir/Questionnaire/<id>: the person's record as FHIR R4,
valid by fhir.resources' R4B models, with the sessions' pain as LOINC 72514-3."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire

from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.programs.models import PatientProgram, Program
from backcare.progress.fhir_data import bundle_for_patient_program

from .conftest import days_ago, device, open_program, person, save_session, signed_in, start_back, take

pytestmark = pytest.mark.django_db

PAIN = "72514-3"


def bundle_of(client: Client) -> dict[str, Any]:
    response = client.get("/api/fhir/bundle")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/fhir+json")
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    data: dict[str, Any] = json.loads(response.content)
    Bundle.model_validate(data)  # raises when it is not a valid R4B Bundle
    return data


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def pain_observations(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in resources(bundle, "Observation")
            if any(c.get("code") == PAIN for c in r["code"].get("coding", []))]


def test_the_bundle_holds_the_plan_each_session_s_pain_and_the_measures() -> None:
    phone = device()
    save_session(phone, days_ago(2), pain_before=5, pain_after=3)
    save_session(phone, days_ago(1), pain_before=4, pain_after=None)
    take(phone, "nprs", {"pain": 4})
    take(phone, "start-back", start_back(1, 2))
    bundle = bundle_of(phone)
    assert bundle["type"] == "collection"
    pains = pain_observations(bundle)
    assert sorted(o["valueInteger"] if "valueInteger" in o else o["valueQuantity"]["value"]
                  for o in pains) == [3, 4, 5]
    assert all(o["code"]["coding"][0]["system"] == "http://loinc.org" for o in pains)
    (care_plan,) = resources(bundle, "CarePlan")
    assert len(care_plan["activity"]) >= 3  # one per exercise of the routine followed
    responses = resources(bundle, "QuestionnaireResponse")
    assert len(responses) == 2
    assert {r["questionnaire"].rsplit("/", 1)[-1] for r in responses} == {"nprs", "start-back"}
    (patient,) = resources(bundle, "Patient")
    device_id = phone.cookies[DEVICE_COOKIE].value
    assert device_id not in json.dumps(bundle)  # a pseudonym, never the device's id


def test_a_program_is_the_care_plan(make_program: Callable[..., Program]) -> None:
    phone = device()
    open_program(phone, make_program())
    (care_plan,) = resources(bundle_of(phone), "CarePlan")
    assert care_plan["title"] == "Morning back care"
    assert len(care_plan["activity"]) == 3


def test_an_empty_record_is_still_a_valid_bundle() -> None:
    bundle = bundle_of(device())
    assert pain_observations(bundle) == []


def test_a_browser_that_saved_nothing_gets_a_404_not_a_shared_bundle() -> None:
    response = Client().get("/api/fhir/bundle")
    assert response.status_code == 404
    assert "nothing saved" in response.json()["detail"].lower()
    assert "no-store" in response["Cache-Control"]


def test_the_bundle_is_the_owner_s_own() -> None:
    phone = device()
    save_session(phone)
    assert pain_observations(bundle_of(device())) == []
    ana = person()
    save_session(signed_in(ana, "phone"))
    assert len(pain_observations(bundle_of(signed_in(ana, "laptop")))) == 2
    assert pain_observations(bundle_of(device("laptop"))) == []


def test_the_clinician_s_bundle_holds_only_the_program_while_shared(
        make_program: Callable[..., Program]) -> None:
    program = make_program()
    phone = device()
    mine = open_program(phone, program, days_back=5)
    save_session(phone, days_ago(1), routine="", program=program.code)
    save_session(phone, days_ago(1))  # a routine of their own: not the clinician's to see
    take(phone, "nprs", {"pain": 5}, days_back=10)  # before the program: not shown
    take(phone, "nprs", {"pain": 3})
    bundle = bundle_for_patient_program(mine, "https://backcare.example")
    Bundle.model_validate(bundle)
    assert len(pain_observations(bundle)) == 2  # before and after of the one program session
    assert len(resources(bundle, "QuestionnaireResponse")) == 1
    PatientProgram.objects.filter(pk=mine.pk).update(sharing=False)
    mine.refresh_from_db()
    stopped = bundle_for_patient_program(mine, "https://backcare.example")
    assert pain_observations(stopped) == [] and resources(stopped, "QuestionnaireResponse") == []


@pytest.mark.parametrize("measure", ["nprs", "psfs", "start-back"])
def test_each_measure_is_published_as_a_questionnaire(measure: str) -> None:
    response = Client().get(f"/api/fhir/Questionnaire/{measure}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    data = json.loads(response.content)
    Questionnaire.model_validate(data)
    assert data["url"].endswith(f"/api/fhir/Questionnaire/{measure}")
