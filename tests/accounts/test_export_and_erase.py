"""A person's data is theirs: "Download my data" holds every session and mark of theirs;
"Delete my account" erases them and everything that refers to them, at once."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt, AccessLog
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import models
from django.test import Client
from django.utils import timezone

from backcare.accounts.models import ApiToken, ClinicInvitation
from backcare.practice.models import PainfulExercise, PracticeSession
from backcare.programs.models import PatientProgram, Program, ProgramVersion

from .helpers import (
    JSON,
    PASSWORD,
    device_client,
    exercises_of_five_minute,
    hurt_payload,
    make_person,
    save,
    session_payload,
    sign_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


def program(code: str, clinic_of: Any, title: str = "Morning back care") -> Program:
    made = Program.objects.create(clinic=clinic_of.clinician.clinic, created_by=clinic_of,
                                  share_key=f"key-{code}", code=code)
    ProgramVersion.objects.create(program=made, number=1, title=title, days_per_week=3,
                                  items=[], clinician_name="Dr Lee", made_by=clinic_of)
    return made


def everything_of_ana(now: datetime) -> tuple[Any, Client, str]:
    """Ana with sessions on two devices, a mark, a program, a token, a factor, a failed
    sign-in, an invitation; her clinician Lee made the program."""
    lee = make_person("lee@example.org", clinic="North Clinic", admin=True)
    ana = make_person()
    opened = program("ACDEFGHJ", lee)
    phone, laptop = device_client(), device_client()
    for hours in (5, 4, 3):
        save(phone, session_payload(now - timedelta(hours=hours)))
    save(laptop, hurt_payload(exercises_of_five_minute()[0], now - timedelta(hours=1)))
    sign_in(laptop, password="wrong password")  # a failed attempt on record
    sign_in(phone)
    sign_in(laptop)
    PatientProgram.objects.create(program=opened, user=ana, accepted_at=now, sharing=True)
    PracticeSession.objects.filter(user=ana).update(patient_program=PatientProgram.objects.get())
    token = laptop.post("/api/auth/token", json.dumps({"email": "ana@example.org",
                                                       "password": PASSWORD}),
                        content_type=JSON).json()["token"]
    Authenticator.objects.create(user=ana, type=Authenticator.Type.RECOVERY_CODES, data={})
    ClinicInvitation.objects.create(clinic=lee.clinician.clinic, email="ANA@example.org",
                                    digest="1" * 64)
    return ana, laptop, token


def test_the_export_holds_every_session_and_mark_of_the_person() -> None:
    now = datetime.now(UTC)
    ana, laptop, token = everything_of_ana(now)
    other = device_client()
    save(other, session_payload())  # somebody else's
    response = Client().get("/api/me/export", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="backcare-')
    assert response["Cache-Control"].startswith("private")
    data = response.json()
    assert data["account"]["email"] == "ana@example.org" and data["account"]["role"] == "person"
    mine = set(PracticeSession.objects.filter(user=ana).values_list("id", flat=True))
    assert {s["id"] for s in data["sessions"]} == {str(i) for i in mine} and len(mine) == 4
    listed = laptop.get("/api/sessions").json()
    assert sorted(data["sessions"], key=lambda s: s["id"]) == sorted(listed, key=lambda s: s["id"])
    assert [m["exercise"] for m in data["painful_marks"]] == [exercises_of_five_minute()[0]]
    assert data["programs"] == [{"code": "ACDEFGHJ", "title": "Morning back care",
                                 "accepted_at": data["programs"][0]["accepted_at"],
                                 "sharing": True, "stopped_sharing_at": None}]
    assert data["api_tokens"][0]["last_used_at"] is not None
    assert token not in response.text
    # The account page's download is the same document.
    page = laptop.get("/account/export.json")
    assert page.status_code == 200 and page["Content-Disposition"].startswith("attachment")
    assert {s["id"] for s in json.loads(page.content)["sessions"]} == {s["id"] for s in data["sessions"]}


def test_a_clinician_export_names_the_programs_they_made() -> None:
    lee = make_person("lee@example.org", clinic="North Clinic", admin=True)
    made = program("KMNPQRTU", lee)
    browser = Client()
    sign_in(browser, "lee@example.org")
    data = browser.get("/api/me/export").json()
    assert data["account"]["role"] == "clinician" and data["account"]["clinic"] == "North Clinic"
    assert data["account"]["clinic_admin"] is True
    assert [(p["id"], p["code"]) for p in data["programs_made"]] == [(made.pk, "KMNPQRTU")]


def test_export_and_delete_need_someone_signed_in() -> None:
    anonymous = device_client()
    assert anonymous.get("/api/me/export").status_code == 401
    response = Client().delete("/api/me")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="backcare"'
    assert anonymous.get("/account/export.json").status_code == 302
    assert anonymous.get("/account/delete/").status_code == 302


def references_to(user_id: int, emails: set[str], username: str) -> list[str]:
    """Every row of every table that still points at the user (by key or by address)."""
    found = []
    user_model = get_user_model()
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if (isinstance(field, models.ForeignKey | models.OneToOneField)
                    and field.related_model is user_model and field.concrete):
                count = model._default_manager.filter(**{field.attname: user_id}).count()
                if count:
                    found.append(f"{model._meta.label}.{field.name}: {count}")
    for email in emails | {username}:
        for model, field in ((EmailAddress, "email"), (AccessAttempt, "username"),
                             (AccessLog, "username"), (ClinicInvitation, "email")):
            if model._default_manager.filter(**{f"{field}__iexact": email}).exists():
                found.append(f"{model._meta.label}.{field} = {email}")
    if user_model.objects.filter(pk=user_id).exists():
        found.append("the user row")
    for session in Session.objects.all():
        if session.get_decoded().get("_auth_user_id") == str(user_id):
            found.append(f"django_session {session.session_key}")
    return found


def test_delete_on_the_api_erases_everything_and_says_what() -> None:
    now = datetime.now(UTC)
    ana, laptop, token = everything_of_ana(now)
    user_id, username = ana.pk, ana.get_username()
    assert references_to(user_id, {"ana@example.org"}, username)  # the test sees them
    lee = get_user_model().objects.get(email="lee@example.org")
    response = Client().delete("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.content
    erased = response.json()["erased"]
    assert erased["account"] == 1 and erased["sessions"] == 4 and erased["painful_marks"] == 1
    assert erased["programs"] == 1 and erased["api_tokens"] == 1
    assert erased["email_addresses"] == 1 and erased["sign_in_factors"] == 1
    assert erased["signed_in_browsers"] == 2 and erased["invitations"] == 1
    assert erased["sign_in_records"] >= 2  # the failed attempt, the sign-ins
    assert references_to(user_id, {"ana@example.org"}, username) == []
    # Nothing of anybody else went: the clinician, their program, their clinic.
    assert get_user_model().objects.filter(pk=lee.pk).exists()
    assert Program.objects.filter(code="ACDEFGHJ", created_by=lee).exists()
    # The browsers Ana was signed in on are nobody's now.
    assert laptop.get("/account/").status_code == 302
    assert laptop.get("/api/sessions").json() == []


def test_delete_from_the_account_page_asks_then_erases_and_says_what() -> None:
    now = datetime.now(UTC)
    ana, laptop, _ = everything_of_ana(now)
    user_id, username = ana.pk, ana.get_username()
    asked = laptop.get("/account/delete/")
    assert asked.status_code == 200
    assert "4 practice sessions" in asked.text and "1 “it hurt” mark" in asked.text
    assert get_user_model().objects.filter(pk=user_id).exists()  # asking erases nothing
    done = laptop.post("/account/delete/")
    assert done.status_code == 200
    assert "Your account is deleted" in done.text and "4 practice sessions" in done.text
    assert 'aria-label="Safety notice"' in done.text
    assert references_to(user_id, {"ana@example.org"}, username) == []
    assert laptop.get("/account/").status_code == 302


def test_a_clinician_who_leaves_keeps_the_program_for_the_patients() -> None:
    lee = make_person("lee@example.org", clinic="North Clinic")
    made = program("VWXY3467", lee)
    browser = Client()
    sign_in(browser, "lee@example.org")
    asked = browser.get("/account/delete/")
    assert "stays with your clinic" in asked.text
    erased = browser.delete("/api/me").json()["erased"]
    assert erased["clinician"] == 1 and erased["programs_made_kept"] == 1
    made.refresh_from_db()
    assert made.created_by is None and made.versions.get().made_by is None


def test_a_device_session_not_claimed_is_not_the_person_to_erase() -> None:
    make_person()
    phone = device_client()
    sign_in(phone)
    other = device_client()
    save(other, session_payload())
    phone.delete("/api/me")
    assert PracticeSession.objects.count() == 1
    assert PainfulExercise.objects.count() == 0
    assert ApiToken.objects.count() == 0 and timezone.now()
