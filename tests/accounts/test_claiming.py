"""Signing in on a device makes what it saved the person's: sessions and "it hurt" marks
follow them, two devices claimed make no duplicates, and marks for one exercise merge."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from backcare.practice.models import PainfulExercise, PracticeSession

from .helpers import (
    device_client,
    exercises_of_five_minute,
    hurt_payload,
    make_person,
    save,
    session_payload,
    sign_in,
)

pytestmark = pytest.mark.django_db


def test_signing_in_claims_the_device_sessions_and_marks() -> None:
    person = make_person()
    phone = device_client()
    first = save(phone, session_payload())
    hurt = exercises_of_five_minute()[1]
    save(phone, hurt_payload(hurt))
    assert sign_in(phone).status_code == 302

    assert PracticeSession.objects.get(id=uuid.UUID(first["id"])).user == person
    assert PracticeSession.objects.filter(user=person).count() == 2
    assert PainfulExercise.objects.get(user=person).exercise == hurt
    listed = phone.get("/api/sessions").json()
    assert len(listed) == 2


def test_two_devices_claimed_make_no_duplicates_and_marks_merge() -> None:
    person = make_person()
    slug = exercises_of_five_minute()[0]
    now = datetime.now(UTC)
    phone, laptop = device_client(), device_client()
    shared = session_payload(now - timedelta(hours=3))
    save(phone, shared)
    save(phone, hurt_payload(slug, now - timedelta(hours=2)))
    save(laptop, session_payload(now - timedelta(hours=1)))
    later_hurt = save(laptop, hurt_payload(slug, now - timedelta(minutes=10)))

    sign_in(phone)
    sign_in(laptop)
    sign_in(phone)  # again: nothing more to claim, nothing doubled

    assert PracticeSession.objects.filter(user=person).count() == 4
    assert PracticeSession.objects.filter(user__isnull=True).count() == 0
    marks = PainfulExercise.objects.filter(user=person)
    assert marks.count() == 1  # one mark per exercise for a person
    mark = marks.get()
    assert mark.exercise == slug
    assert str(mark.session_id) == later_hurt["id"]  # the later hurt wins
    # Both devices now show the person's four sessions.
    assert len(phone.get("/api/sessions").json()) == 4
    assert len(laptop.get("/api/sessions").json()) == 4


def test_after_signing_out_the_device_no_longer_shows_the_person_sessions() -> None:
    make_person()
    phone = device_client()
    save(phone, session_payload())
    sign_in(phone)
    phone.post("/accounts/logout/")
    assert phone.get("/api/sessions").json() == []


def test_an_anonymous_device_keeps_working_as_before() -> None:
    make_person()
    phone, other = device_client(), device_client()
    save(phone, session_payload())
    save(other, session_payload())
    assert len(phone.get("/api/sessions").json()) == 1
    assert PracticeSession.objects.filter(user__isnull=False).count() == 0
