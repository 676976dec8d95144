"""Programs made as the clinician's side saves them (rows, items as prescribing's data),
and browsers (Django test clients) that did or did not pass the red-flag screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from backcare.accounts.models import Clinic, Clinician
from backcare.catalogue.library import get_library
from backcare.plans import QUESTIONS
from backcare.prescribing import ProgramDraft, draft_to_data, item_with_defaults, new_code, new_share_key
from backcare.programs.models import Program, ProgramVersion

ALL_NO = {q.id: "no" for q in QUESTIONS}
NOTE = "Slow and easy. Stop if it pinches."


def add_version(program: Program, draft: ProgramDraft, clinician: str = "Carol Ames") -> ProgramVersion:
    data = draft_to_data(draft)
    number = program.versions.count() + 1
    return ProgramVersion.objects.create(
        program=program, number=number, title=data["title"], note=data["note"],
        days_per_week=data["days_per_week"], conditions=data["conditions"], items=data["items"],
        clinician_name=clinician)


def evening_draft(title: str = "Evening back care") -> ProgramDraft:
    library = get_library()
    return ProgramDraft(
        title=title, note=NOTE, days_per_week=3, conditions=("osteoporosis",),
        items=(item_with_defaults(library, "pelvic-tilt", hold_seconds=7, reps=6,
                                  note="Breathe out as you tilt."),
               item_with_defaults(library, "bridge", reps=8),
               item_with_defaults(library, "cat-cow", reps=5, override=True,
                                  note="Only the small range we practised.")))


@pytest.fixture
def make_program(db: Any) -> Callable[..., Program]:
    def make(draft: ProgramDraft | None = None, clinic: str = "Clinic North") -> Program:
        user = get_user_model().objects.create_user(
            username=f"carol-{new_code()}@example.org", password="a long enough password 42")
        place, _ = Clinic.objects.get_or_create(name=clinic)
        Clinician.objects.create(user=user, clinic=place, display_name="Carol Ames")
        program = Program.objects.create(clinic=place, created_by=user, share_key=new_share_key(),
                                         code=new_code())
        add_version(program, draft or evening_draft())
        return program
    return make


@pytest.fixture
def program(make_program: Callable[..., Program]) -> Program:
    return make_program()


def pass_screen(client: Client, next_path: str = "/") -> None:
    response = client.post("/screen/", {**ALL_NO, "next": next_path})
    assert response.status_code == 302, response.content[:300]


@pytest.fixture
def screened(db: Any) -> Client:
    """A browser that answered every safety question no."""
    client = Client()
    pass_screen(client)
    return client


@pytest.fixture(autouse=True)
def _fresh_rate_counts() -> None:
    """Each test starts with no code lookups counted (the counts live in Django's cache)."""
    from django.core.cache import cache

    cache.clear()
