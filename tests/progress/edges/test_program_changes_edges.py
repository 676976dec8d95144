"""The clinician's word wins over the weekly review's changes to their program: while they
have it locked the patient plays exactly what they wrote, and a new version of the
program drops the changes accepted before it (those accepted after it apply). The
clinician still sees every change the patient accepted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from backcare.outcomes.adjusting import Adjustment
from backcare.programs.models import PatientProgram, Program, ProgramVersion
from backcare.progress.accepted import accepted_changes
from backcare.progress.models import ReviewDecision

from .test_adjusted_edges import doses, opened, program_for_test

pytestmark = pytest.mark.django_db

SWAP_CAT = Adjustment("swap", "cat-cow", to="seated-cat-cow")
EASIER_BRIDGE = Adjustment("fewer-reps", "bridge", by=-1)
AS_WRITTEN = {"pelvic-tilt": (3, 6), "bridge": (5, 8), "cat-cow": (5, 5)}


def accept(patient: PatientProgram, adjustment: Adjustment, when: datetime) -> ReviewDecision:
    return ReviewDecision.objects.create(
        device=patient.device, week=when.date(), rule="test", change=adjustment.change,
        exercise=adjustment.exercise, adjustment=adjustment.to_data(),
        key=f"{adjustment.change}:{adjustment.exercise}", why="Because.",
        patient_program=patient, accepted=True, decided_at=when)


def played(client: Client, program: Program) -> dict[str, tuple[int, int]]:
    response = client.get(f"/api/shared/{program.code}")
    assert response.status_code == 200, response.content
    return doses(response.json()["timeline"]["steps"])


def new_version(program: Program, saved: datetime) -> ProgramVersion:
    latest = program.versions.order_by("-number").first()
    assert latest is not None
    version = ProgramVersion.objects.create(
        program=program, number=latest.number + 1, title=latest.title, note=latest.note,
        days_per_week=latest.days_per_week, conditions=latest.conditions, items=latest.items,
        clinician_name=latest.clinician_name)
    ProgramVersion.objects.filter(pk=version.pk).update(created_at=saved)
    return version


def test_a_locked_program_is_played_exactly_as_the_clinician_wrote_it() -> None:
    program = program_for_test()
    client, mine = opened(program)
    accept(mine, SWAP_CAT, datetime.now(UTC) - timedelta(hours=2))
    changed = played(client, program)
    assert "seated-cat-cow" in changed and "cat-cow" not in changed
    Program.objects.filter(pk=program.pk).update(locked=True)
    assert played(client, program) == AS_WRITTEN
    # the clinician still sees the change the patient accepted
    assert [d.change for d in accepted_changes(mine)] == ["swap"]
    Program.objects.filter(pk=program.pk).update(locked=False)
    assert played(client, program) == changed


def test_a_new_version_drops_the_changes_accepted_before_it() -> None:
    program = program_for_test()  # version 1, saved a day ago
    client, mine = opened(program)
    now = datetime.now(UTC)
    accept(mine, SWAP_CAT, now - timedelta(hours=3))
    assert "seated-cat-cow" in played(client, program)
    new_version(program, now - timedelta(hours=2))
    assert played(client, program) == AS_WRITTEN
    # a change accepted after the new version applies to it
    accept(mine, EASIER_BRIDGE, now - timedelta(hours=1))
    assert played(client, program) == {**AS_WRITTEN, "bridge": (5, 7)}
    # and the clinician sees both
    assert [d.change for d in accepted_changes(mine)] == ["swap", "fewer-reps"]

