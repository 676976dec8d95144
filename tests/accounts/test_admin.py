"""The operators' admin: clinics with their clinicians, invitations, tokens (digest only),
reached through the site's own sign-in."""

from __future__ import annotations

import pytest
from django.test import Client

from backcare.accounts.models import ApiToken, Clinic, ClinicInvitation

from .helpers import make_person, sign_in

pytestmark = pytest.mark.django_db


def operator() -> Client:
    staff = make_person("ops@example.org")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    client = Client()
    sign_in(client, "ops@example.org")
    return client


def test_the_admin_sign_in_is_the_site_sign_in() -> None:
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    make_person()
    person = Client()
    sign_in(person)
    assert person.get("/admin/login/?next=/admin/").status_code == 403
    assert person.get("/admin/").status_code == 302


def test_clinics_clinicians_invitations_and_tokens_are_listed() -> None:
    ops = operator()
    lee = make_person("lee@example.org", clinic="North Clinic", admin=True)
    clinic = Clinic.objects.get()
    ClinicInvitation.objects.create(clinic=clinic, email="sam@example.org", digest="a" * 64)
    token = ApiToken.objects.create(user=lee, digest="b" * 64, label="script")
    assert ops.get("/admin/").status_code == 200
    change = ops.get(f"/admin/accounts/clinic/{clinic.pk}/change/")
    assert change.status_code == 200
    assert "clinicians-0-display_name" in change.text  # the clinicians, inline
    assert ops.get("/admin/accounts/clinician/").status_code == 200
    assert "sam@example.org" in ops.get("/admin/accounts/clinicinvitation/").text
    token_page = ops.get(f"/admin/accounts/apitoken/{token.pk}/change/")
    assert token_page.status_code == 200
    assert 'name="digest"' not in token_page.text and "b" * 64 in token_page.text  # read-only
    assert ops.get("/admin/accounts/apitoken/add/").status_code == 403
