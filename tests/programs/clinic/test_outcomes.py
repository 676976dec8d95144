"""The clinician's side of outcomes: the lock against weekly-review suggestions, each sharing
patient's STarT Back stratum, NPRS and PSFS change and accepted changes, and the per
patient-program FHIR download — for the named users of tests/access (carol made the
program; dave is a clinician of another clinic; alice follows it)."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from backcare.practice.owner import Owner
from backcare.programs.models import PatientProgram, Program
from backcare.progress.models import ReviewDecision
from backcare.progress.records import save_measure
from tests.access.named_users import World, make_world
from tests.web.conftest import read

WHO = ("anonymous", "alice", "bob", "carol", "dave")
LOW = {f"q{i}": 0 for i in range(1, 10)}
HIGH = {**LOW, "q1": 1, "q5": 1, "q6": 1, "q7": 1, "q8": 1}  # subscale 4: high


@pytest.fixture
def world(db: Any) -> World:
    return make_world()


def client_for(world: World, who: str, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    if who != "anonymous":
        client.force_login(getattr(world, who))
    return client


def alices(world: World) -> PatientProgram:
    return PatientProgram.objects.get(program=world.program, user=world.alice)


def psfs(*ratings: int) -> dict[str, Any]:
    return {f"activity-{i}": {"activity": f"Task {i}", "rating": r}
            for i, r in enumerate(ratings, 1)}


def decision(patient: PatientProgram, when: datetime, accepted: bool, change: str = "swap",
             exercise: str = "cat-cow", adjustment: dict[str, Any] | None = None,
             why: str = "Cat/cow hurt twice.") -> ReviewDecision:
    return ReviewDecision.objects.create(
        device=patient.device, user=patient.user, week=when.date(), rule="hurt-twice",
        change=change, exercise=exercise, key=f"{change}:{exercise}", why=why,
        adjustment={"change": "swap", "exercise": exercise, "to": "seated-cat-cow", "field": "reps",
                    "by": 0} if adjustment is None else adjustment,
        patient_program=patient, accepted=accepted, decided_at=when)


@pytest.fixture
def followed(world: World) -> PatientProgram:
    """Alice accepted the program 30 days ago; measures before and since, one of Bob's."""
    now = timezone.now()
    patient = alices(world)
    patient.accepted_at = now - timedelta(days=30)
    patient.save()
    alice = Owner(device=patient.device, user_id=world.alice.pk)
    save_measure(alice, "start-back", LOW, now - timedelta(days=40))  # before: not counted
    save_measure(alice, "nprs", {"pain": 1}, now - timedelta(days=38))  # before: not counted
    save_measure(alice, "start-back", HIGH, now - timedelta(days=20))
    save_measure(alice, "nprs", {"pain": 7}, now - timedelta(days=20))
    save_measure(alice, "nprs", {"pain": 6}, now - timedelta(days=10))
    save_measure(alice, "nprs", {"pain": 4}, now - timedelta(days=2))
    save_measure(alice, "psfs", psfs(3, 3), now - timedelta(days=20))
    save_measure(alice, "psfs", psfs(4, 4), now - timedelta(days=2))
    # Her device's own rows (not claimed) and Bob's are not hers.
    save_measure(Owner(device=patient.device), "nprs", {"pain": 0}, now - timedelta(days=1))
    save_measure(Owner(device=str(uuid.uuid4()), user_id=world.bob.pk), "start-back", LOW,
                 now - timedelta(days=1))
    decision(patient, now - timedelta(days=7), accepted=True)
    decision(patient, now - timedelta(days=6), accepted=False, change="step-up",
             exercise="pelvic-tilt", why="Declined one.",
             adjustment={"change": "step-up", "exercise": "pelvic-tilt", "field": "reps", "by": 1})
    decision(patient, now - timedelta(days=1), accepted=True, change="fewer-reps",
             exercise="bridge", why="It flared.",
             adjustment={"change": "fewer-reps", "exercise": "bridge", "field": "reps", "by": -1})
    return patient


# --- Lock ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("who", "status"), [("anonymous", 302), ("alice", 404), ("bob", 404),
                                             ("carol", 302), ("dave", 404)])
def test_only_the_programs_clinic_can_lock_it_with_the_form(world: World, who: str,
                                                            status: int) -> None:
    response = client_for(world, who).post(f"/clinic/programs/{world.program.pk}/lock/",
                                           {"locked": "1"})
    assert response.status_code == status
    locked = Program.objects.get(pk=world.program.pk).locked
    assert locked is (who == "carol")
    if who == "anonymous":
        assert response["Location"].startswith("/accounts/login/")


def test_the_lock_form_locks_and_unlocks_and_the_page_says_so(world: World) -> None:
    carol = client_for(world, "carol")
    url = f"/clinic/programs/{world.program.pk}/"
    page = carol.get(url).content.decode()
    assert 'id="lock-form"' in page and "csrfmiddlewaretoken" in page
    assert "Lock against suggestions" in page
    done = carol.post(url + "lock/", {"locked": "1"})
    assert done["Location"] == url + "?locked=1#suggestions"
    shown = read(carol.get(done["Location"]))
    assert "Locked: no suggestions will change this program." in shown.text
    assert "Allow suggestions again" in shown.text
    carol.post(url + "lock/", {"locked": "0"})
    assert Program.objects.get(pk=world.program.pk).locked is False
    assert carol.get(url + "lock/").status_code == 405


def test_the_lock_form_needs_the_csrf_token(world: World) -> None:
    response = client_for(world, "carol", csrf=True).post(
        f"/clinic/programs/{world.program.pk}/lock/", {"locked": "1"})
    assert response.status_code == 403
    assert Program.objects.get(pk=world.program.pk).locked is False


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("alice", 404), ("bob", 404),
                                             ("carol", 200), ("dave", 404)])
def test_the_lock_endpoint_has_the_programs_access_rules(world: World, who: str,
                                                         status: int) -> None:
    response = client_for(world, who).post(f"/api/programs/{world.program.pk}/lock",
                                           {"locked": True}, content_type="application/json")
    assert response.status_code == status, response.content
    if status == 200:
        assert response.json()["locked"] is True and response.json()["id"] == world.program.pk
    assert Program.objects.get(pk=world.program.pk).locked is (who == "carol")


def test_the_lock_endpoint_names_a_bad_field_and_needs_csrf(world: World) -> None:
    carol = client_for(world, "carol")
    url = f"/api/programs/{world.program.pk}/lock"
    for body in ({"locked": "yes"}, {}):
        bad = carol.post(url, body, content_type="application/json")
        assert bad.status_code == 422
        assert bad.json()["detail"][0]["loc"][-1] == "locked"
    refused = client_for(world, "carol", csrf=True).post(url, {"locked": True},
                                                         content_type="application/json")
    assert refused.status_code == 403
    assert carol.get(f"/api/programs/{world.program.pk}").json()["locked"] is False
    assert carol.post(url, {"locked": True}, content_type="application/json").json()["locked"]
    assert carol.get(f"/api/programs/{world.program.pk}").json()["locked"] is True


# --- Outcomes per patient -----------------------------------------------------------------

def test_the_page_shows_stratum_change_and_accepted_changes(world: World,
                                                            followed: PatientProgram) -> None:
    page = client_for(world, "carol").get(f"/clinic/programs/{world.program.pk}/")
    html = page.content.decode()
    text = read(page).text
    assert "STarT Back: High risk" in text  # the latest since accepting, not the one before
    assert "Low risk" not in text
    nprs = html.split('class="measure-nprs"')[1].split("</tr>")[0]
    assert "7" in nprs and "4" in nprs and "-3" in nprs and "meaningful improvement" in nprs
    psfs_row = html.split('class="measure-psfs"')[1].split("</tr>")[0]
    assert "+1" in psfs_row and "not a meaningful change yet" in psfs_row
    changes = html.split('id="changes-1"')[1].split("</table>")[0]
    assert changes.count('class="accepted-change"') == 2
    assert "Cat/cow hurt twice." in changes and "It flared." in changes
    assert "Declined one." not in html
    assert "Cat/cow" in changes and "Swapped for Seated cat/cow" in changes
    assert "Bridge" in changes and "repetitions -1" in changes
    assert "patients/1/fhir.json" in html


def test_a_patient_with_nothing_measured_says_so(world: World) -> None:
    text = read(client_for(world, "carol").get(f"/clinic/programs/{world.program.pk}/")).text
    assert "STarT Back: not taken yet." in text
    assert "No weekly pain or activity scores yet." in text
    assert "No change accepted from the weekly review." in text


def test_a_patient_who_stopped_sharing_shows_nothing(world: World,
                                                     followed: PatientProgram) -> None:
    followed.sharing = False
    followed.save()
    carol = client_for(world, "carol")
    text = read(carol.get(f"/clinic/programs/{world.program.pk}/")).text
    assert "High risk" not in text and "Cat/cow hurt twice." not in text
    assert carol.get(f"/api/programs/{world.program.pk}/adherence").json()["patients"] == []
    assert carol.get(f"/clinic/programs/{world.program.pk}/patients/1/fhir.json").status_code == 404
    assert carol.get(f"/api/programs/{world.program.pk}/patients/1/fhir").status_code == 404


def test_the_adherence_api_gains_the_outcomes(world: World, followed: PatientProgram) -> None:
    found = client_for(world, "carol").get(f"/api/programs/{world.program.pk}/adherence").json()
    (patient,) = found["patients"]
    assert patient["patient"] == "Patient 1" and patient["sessions"] == 1  # kept as it was
    assert patient["stratum"] == "high" and patient["stratum_label"] == "High risk"
    change = patient["nprs_change"]
    assert (change["from"], change["to"], change["meaningful"]) == (7, 4, True)
    assert change["direction"] == "better"
    assert patient["psfs_change"]["meaningful"] is False
    accepted = patient["accepted_changes"]
    assert [(c["change"], c["exercise"], c["why"]) for c in accepted] == [
        ("swap", "cat-cow", "Cat/cow hurt twice."), ("fewer-reps", "bridge", "It flared.")]
    assert accepted[0]["to"] == "seated-cat-cow" and accepted[0]["exercise_name"] == "Cat/cow"
    assert followed.device not in json.dumps(found)


# --- FHIR per patient-program ----------------------------------------------------------------

@pytest.mark.parametrize(("who", "page", "api"), [
    ("anonymous", 302, 401), ("alice", 404, 404), ("bob", 404, 404), ("carol", 200, 200),
    ("dave", 404, 404)])
def test_the_fhir_download_has_the_programs_access_rules(world: World, who: str, page: int,
                                                         api: int) -> None:
    client = client_for(world, who)
    assert client.get(f"/clinic/programs/{world.program.pk}/patients/1/fhir.json"
                      ).status_code == page
    assert client.get(f"/api/programs/{world.program.pk}/patients/1/fhir").status_code == api


def test_the_fhir_bundle_is_the_patients_and_numbered_as_on_the_page(
        world: World, followed: PatientProgram) -> None:
    carol = client_for(world, "carol")
    for url in (f"/clinic/programs/{world.program.pk}/patients/1/fhir.json",
                f"/api/programs/{world.program.pk}/patients/1/fhir"):
        response = carol.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/fhir+json")
        assert "attachment" in response["Content-Disposition"]
        bundle = json.loads(response.content)
        assert bundle["resourceType"] == "Bundle"
        kinds = [entry["resource"]["resourceType"] for entry in bundle["entry"]]
        assert "CarePlan" in kinds and "QuestionnaireResponse" in kinds
        assert "72514-3" in response.content.decode()  # her session's pain
        assert followed.device not in response.content.decode()
        assert "alice" not in response.content.decode()
    for number in (0, 2, 99):
        assert carol.get(f"/clinic/programs/{world.program.pk}/patients/{number}/fhir.json"
                         ).status_code == 404
        assert carol.get(f"/api/programs/{world.program.pk}/patients/{number}/fhir"
                         ).status_code == 404
