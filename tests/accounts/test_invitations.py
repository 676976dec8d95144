"""A clinic's admin invites a clinician by e-mail; the one-time link makes the person with
that address a clinician of the clinic, and nobody else."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client

from backcare.accounts.models import Clinician, ClinicInvitation

from .helpers import make_person, sign_in

pytestmark = pytest.mark.django_db


def invite(email: str = "sam@example.org", as_admin: bool = False) -> str:
    """Lee, North Clinic's admin, invites ``email``; the link's path."""
    if not Clinician.objects.filter(user__email="lee@example.org").exists():
        make_person("lee@example.org", clinic="North Clinic", admin=True)
    lee = Client()
    sign_in(lee, "lee@example.org")
    data = {"email": email, **({"as_admin": "on"} if as_admin else {})}
    response = lee.post("/account/invite/", data)
    assert response.status_code == 302, response.content
    found = re.search(r"http://testserver(/account/join/[^/\s]+/)", mail.outbox[-1].body)
    assert found, mail.outbox[-1].body
    return found.group(1)


def test_the_invited_person_joins_the_clinic_once() -> None:
    link = invite(as_admin=True)
    message = mail.outbox[-1]
    assert message.to == ["sam@example.org"] and "North Clinic" in message.subject
    secret = link.rstrip("/").rsplit("/", 1)[1]
    invitation = ClinicInvitation.objects.get()
    assert invitation.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ClinicInvitation.objects.values_list())

    make_person("sam@example.org")
    sam = Client()
    assert sam.get(link)["Location"].startswith("/accounts/login/?next=/account/join/")
    sign_in(sam, "sam@example.org")
    page = sam.get(link)
    assert page.status_code == 200 and "North Clinic" in page.text
    assert sam.post(link)["Location"] == "/account/"
    clinician = Clinician.objects.get(user__email="sam@example.org")
    assert clinician.clinic.name == "North Clinic" and clinician.is_admin
    assert "Clinician and admin at North Clinic" in sam.get("/account/").text
    again = sam.post(link)
    assert again.status_code == 403 and "used already" in again.text


def test_someone_else_signed_in_cannot_use_the_link() -> None:
    link = invite()
    make_person("eve@example.org")
    eve = Client()
    sign_in(eve, "eve@example.org")
    refused = eve.post(link)
    assert refused.status_code == 403
    assert "another e-mail address" in refused.text
    assert not Clinician.objects.filter(user__email="eve@example.org").exists()


def test_an_expired_or_made_up_link_does_not_work() -> None:
    link = invite()
    ClinicInvitation.objects.update(created_at=ClinicInvitation.objects.get().created_at
                                    - timedelta(days=15))
    make_person("sam@example.org")
    sam = Client()
    sign_in(sam, "sam@example.org")
    assert "expired" in sam.post(link).text
    assert sam.get("/account/join/not-a-real-link/").status_code == 404
    assert not Clinician.objects.filter(user__email="sam@example.org").exists()


def test_only_a_clinic_admin_may_invite() -> None:
    make_person("kim@example.org", clinic="North Clinic", admin=False)
    make_person()
    for email in ("kim@example.org", "ana@example.org"):
        client = Client()
        sign_in(client, email)
        assert client.get("/account/invite/").status_code == 404
        assert client.post("/account/invite/", {"email": "x@example.org"}).status_code == 404
    assert ClinicInvitation.objects.count() == 0 and not mail.outbox


def test_a_bad_address_is_named_on_the_form() -> None:
    make_person("lee@example.org", clinic="North Clinic", admin=True)
    lee = Client()
    sign_in(lee, "lee@example.org")
    response = lee.post("/account/invite/", {"email": "not an address"})
    assert response.status_code == 422
    assert "valid email" in response.text
    assert ClinicInvitation.objects.count() == 0
