"""/account/: who you are, your role, where your things are, your data and your tokens."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client

from backcare.accounts.models import Clinic
from backcare.programs.models import PatientProgram, Program, ProgramVersion

from .helpers import make_person, sign_in

pytestmark = pytest.mark.django_db


def page_of(email: str, url: str = "/account/") -> str:
    client = Client()
    sign_in(client, email)
    response = client.get(url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    return response.text


def test_a_person_sees_who_they_are_and_where_their_things_are() -> None:
    make_person()
    text = page_of("ana@example.org")
    assert "ana@example.org" in text and "Person" in text
    for link in ('href="/history/"', 'href="/account/export.json"', 'href="/account/delete/"',
                 'href="/accounts/email/"', 'href="/accounts/password/change/"',
                 'href="/accounts/2fa/"', 'action="/accounts/logout/"',
                 'action="/account/tokens/"'):
        assert link in text, link
    assert 'href="/account/invite/"' not in text
    assert 'aria-current="page">My account' in text


def test_a_clinician_and_an_admin_see_their_clinic() -> None:
    make_person("kim@example.org", clinic="North Clinic")
    make_person("lee@example.org", clinic="North Clinic", admin=True)
    kim = page_of("kim@example.org")
    assert "Clinician at North Clinic" in kim and 'href="/account/invite/"' not in kim
    lee = page_of("lee@example.org")
    assert "Clinician and admin at North Clinic" in lee and 'href="/account/invite/"' in lee


def test_a_site_administrator_is_named_so() -> None:
    admin = make_person("root@example.org")
    admin.is_staff = True
    admin.save()
    assert "Person; site administrator" in page_of("root@example.org")


def test_the_programs_opened_are_listed_with_their_sharing() -> None:
    ana = make_person()
    lee = make_person("lee@example.org", clinic="North Clinic")
    program = Program.objects.create(clinic=Clinic.objects.get(), created_by=lee,
                                     share_key="k" * 24, code="ACDEFGHJ")
    for number, title in ((1, "First title"), (2, "Gentle mornings")):
        ProgramVersion.objects.create(program=program, number=number, title=title,
                                      days_per_week=3, items=[], clinician_name="Lee")
    PatientProgram.objects.create(program=program, user=ana, accepted_at=datetime.now(UTC),
                                  sharing=False)
    text = page_of("ana@example.org")
    assert "Gentle mornings" in text and "First title" not in text
    assert "code ACDEFGHJ" in text and "not shared" in text


def test_the_account_page_in_spanish() -> None:
    make_person()
    text = page_of("ana@example.org", "/es/account/")
    assert '<html lang="es">' in text
    assert 'href="/es/history/"' in text and 'href="/es/account/delete/"' in text
