"""Named test users, in the style of healthchecks' hc/test.py: who is who in every access test.

- alice: a person who opened Carol's program and saved a session of it
- bob: another person, with a session of his own
- carol: a clinician of Clinic North, who made the program
- dave: a clinician of Clinic South
- (anonymous: a browser with no account)
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from backcare.accounts.models import Clinic, Clinician
from backcare.catalogue.library import get_library
from backcare.practice.models import PracticeSession
from backcare.prescribing import ProgramDraft, draft_to_data, item_with_defaults, new_code, new_share_key
from backcare.programs.models import PatientProgram, Program, ProgramVersion

PASSWORD = "a long enough password 42"


@dataclass
class World:
    alice: Any
    bob: Any
    carol: Any
    dave: Any
    program: Program
    alice_session: PracticeSession
    bob_session: PracticeSession


def _user(email: str) -> Any:
    return get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)


def _session(user: Any, device: str, **extra: Any) -> PracticeSession:
    now = timezone.now()
    return PracticeSession.objects.create(
        id=uuid.uuid4(), device=device, user=user, routine=extra.pop("routine", "bridge-free"),
        started_at=now - timedelta(minutes=10), ended_at=now - timedelta(minutes=5),
        pain_before=4, pain_after=3, steps_done=3, steps_total=3, **extra)


def make_world() -> World:
    library = get_library()
    alice, bob = _user("alice@example.org"), _user("bob@example.org")
    carol, dave = _user("carol@example.org"), _user("dave@example.org")
    north, south = Clinic.objects.create(name="Clinic North"), Clinic.objects.create(name="Clinic South")
    Clinician.objects.create(user=carol, clinic=north, display_name="Carol", is_admin=True)
    Clinician.objects.create(user=dave, clinic=south, display_name="Dave", is_admin=True)
    draft = ProgramDraft(title="Morning back care", note="Gently.", days_per_week=3, conditions=(),
                         items=tuple(item_with_defaults(library, slug)
                                     for slug in ("pelvic-tilt", "bridge", "cat-cow")))
    data = draft_to_data(draft)
    program = Program.objects.create(clinic=north, created_by=carol, share_key=new_share_key(),
                                     code=new_code())
    ProgramVersion.objects.create(program=program, number=1, title=data["title"], note=data["note"],
                                  days_per_week=data["days_per_week"], conditions=data["conditions"],
                                  items=data["items"], clinician_name="Carol", made_by=carol)
    opened = PatientProgram.objects.create(program=program, device=str(uuid.uuid4()), user=alice,
                                           accepted_at=timezone.now() - timedelta(days=3))
    alice_session = _session(alice, opened.device, routine="", patient_program=opened,
                             program_version=1)
    bob_session = _session(bob, str(uuid.uuid4()),
                           routine="back-pain-relief-stretches-5-minute-real-time-routine")
    return World(alice, bob, carol, dave, program, alice_session, bob_session)
