"""GET /api/programs/<id>/adherence and its CSV: only sharing patients, only their sessions of
this program since they accepted it; flares and stops for pain named."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.programs.clinic.conftest import accept, session

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(make_program: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    return make_program()


def monday_this_week() -> datetime:
    now = timezone.localtime()
    return (now - timedelta(days=now.weekday())).replace(hour=9, minute=0, second=0,
                                                         microsecond=0)


def test_adherence_counts_sharing_patients_sessions(as_clinician: Client,
                                                     program: dict[str, Any]) -> None:
    monday = monday_this_week()
    accepted = monday - timedelta(days=7, hours=1)  # Monday last week, 08:00
    first = accept(program["id"], accepted)
    session(first, accepted - timedelta(days=1), 5, 5)  # before accepting: not counted
    session(first, monday - timedelta(days=7), 5, 3)
    session(first, monday - timedelta(days=5), 4, 7)  # a flare: 3 points worse
    session(first, monday - timedelta(days=3), 4, 4, stopped=True, exercise="cat-cow")
    session(None, monday - timedelta(days=2), 4, 4, device=first.device)  # not this program
    second = accept(program["id"], accepted + timedelta(hours=2))
    session(second, timezone.now() - timedelta(minutes=1), 2, 1, stopped=True)  # not said which

    response = as_clinician.get(f"/api/programs/{program['id']}/adherence")
    assert response.status_code == 200
    found = response.json()
    assert found["days_per_week"] == 3
    one, two = found["patients"]
    assert one["patient"] == "Patient 1" and two["patient"] == "Patient 2"
    assert one["sessions"] == 3 and two["sessions"] == 1
    weeks = one["sessions_per_week"]
    assert [w["sessions"] for w in weeks[:2]] == [3, 0] and weeks[0]["target"] == 3
    assert [(p["before"], p["after"]) for p in one["pain"]] == [(5, 3), (4, 7), (4, 4)]
    assert [(p["before"], p["after"]) for p in one["flares"]] == [(4, 7)]
    assert [(s["exercise"], s["exercise_name"]) for s in one["stopped_for_pain"]] == [
        ("cat-cow", "Cat/cow")]
    assert two["stopped_for_pain"][0]["exercise"] is None
    assert 0 < one["done_share"] <= 1
    assert "device" not in str(found) and first.device not in str(found)


def test_a_patient_who_stopped_sharing_is_not_counted(as_clinician: Client,
                                                      program: dict[str, Any]) -> None:
    monday = monday_this_week()
    gone = accept(program["id"], monday - timedelta(days=3), sharing=False)
    session(gone, monday - timedelta(days=2), 6, 8)
    staying = accept(program["id"], monday - timedelta(days=2))
    session(staying, monday - timedelta(days=1), 3, 2)
    patients = as_clinician.get(f"/api/programs/{program['id']}/adherence").json()["patients"]
    # The label stays with its patient: the second to accept is still Patient 2.
    assert [(p["patient"], p["sessions"]) for p in patients] == [("Patient 2", 1)]
    assert patients[0]["flares"] == []
    listed = as_clinician.get("/api/programs").json()
    assert listed[0]["patients_sharing"] == 1


def test_the_csv_has_a_header_and_one_row_per_session(as_clinician: Client,
                                                      program: dict[str, Any]) -> None:
    monday = monday_this_week()
    patient = accept(program["id"], monday - timedelta(days=6))
    session(patient, monday - timedelta(days=5), 4, 7)
    session(patient, monday - timedelta(days=4), 3, None, stopped=True, exercise="bridge")
    for url in (f"/api/programs/{program['id']}/adherence.csv",
                f"/clinic/programs/{program['id']}/adherence.csv"):
        response = as_clinician.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == ["patient", "date", "pain before", "pain after", "flare",
                           "stopped for pain", "exercise"]
        first_day = timezone.localtime(monday - timedelta(days=5)).date().isoformat()
        assert rows[1] == ["Patient 1", first_day, "4", "7", "yes", "no", ""]
        assert rows[2][2:] == ["3", "", "no", "yes", "Bridge"]
        assert len(rows) == 3
