"""Everything backcare holds about a person, as one JSON document they can take away.

``GET /api/me/export`` and the account page's "Download my data" both answer
:func:`export_of`. It holds the account (e-mail addresses, when it was made, its role),
every session (each as ``GET /api/sessions`` gives it), every "it hurt" mark, every
clinician program the person opened (its code, title, when accepted, whether they share
it), their outcomes (every measure taken with its answers and score, every weekly-review
decision, their weekly goal and reminder settings), the API tokens they made (never the
token itself: backcare does not keep it), and for a clinician the programs they made.
Nothing of anybody else's is in it. The same data in FHIR is ``GET /api/fhir/bundle``.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from uuid import UUID

from allauth.account.models import EmailAddress
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.utils import timezone
from ninja import Schema

from backcare.accounts.models import ApiToken
from backcare.accounts.roles import clinician_of
from backcare.practice.api import SessionOut, session_out
from backcare.practice.models import PainfulExercise, PracticeSession
from backcare.programs.models import PatientProgram, Program, ProgramVersion
from backcare.progress.models import MeasureResponse, ReminderFeed, ReviewDecision, WeeklyGoal

FORMAT = "backcare-export"
VERSION = 1


class ExportedEmail(Schema):
    email: str
    primary: bool
    verified: bool


class ExportedAccount(Schema):
    email: str
    joined: datetime
    last_sign_in: datetime | None
    role: str  # "person" or "clinician"
    clinic: str | None
    clinic_admin: bool
    email_addresses: list[ExportedEmail]


class ExportedMark(Schema):
    exercise: str
    hurt_at: datetime
    included_again_at: datetime | None
    session: UUID


class ExportedProgram(Schema):
    code: str
    title: str
    accepted_at: datetime
    sharing: bool
    stopped_sharing_at: datetime | None


class ExportedProgramMade(Schema):
    id: int
    code: str
    title: str
    created_at: datetime


class ExportedToken(Schema):
    label: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ExportedMeasure(Schema):
    id: UUID
    measure: str
    answers: dict[str, Any]
    score: float
    subscale: int | None
    stratum: str | None
    taken_at: datetime


class ExportedDecision(Schema):
    week: str
    change: str
    exercise: str
    why: str
    accepted: bool
    decided_at: datetime
    program: str | None  # the program's code, when the change was about one


class ExportedReminders(Schema):
    days: list[str]
    time: str
    tz: str
    created_at: datetime
    revoked_at: datetime | None


class PersonExport(Schema):
    format: str
    version: int
    exported_at: datetime
    account: ExportedAccount
    sessions: list[SessionOut]
    painful_marks: list[ExportedMark]
    programs: list[ExportedProgram]
    programs_made: list[ExportedProgramMade]
    api_tokens: list[ExportedToken]
    measures: list[ExportedMeasure]
    review_decisions: list[ExportedDecision]
    weekly_goal: int | None
    reminders: list[ExportedReminders]


def _latest_titles() -> Prefetch[Any]:
    return Prefetch("versions", queryset=ProgramVersion.objects.order_by("-number"),
                    to_attr="newest_first")


def _title(program: Program) -> str:
    versions = getattr(program, "newest_first", None) or list(
        program.versions.order_by("-number")[:1])
    return versions[0].title if versions else ""


def _account(user: Any) -> ExportedAccount:
    clinician = clinician_of(user)
    addresses = [ExportedEmail(email=a.email, primary=a.primary, verified=a.verified)
                 for a in EmailAddress.objects.filter(user=user).order_by("-primary", "email")]
    return ExportedAccount(email=user.email, joined=user.date_joined, last_sign_in=user.last_login,
                      role="clinician" if clinician else "person",
                      clinic=clinician.clinic.name if clinician else None,
                      clinic_admin=bool(clinician and clinician.is_admin),
                      email_addresses=addresses)


def person_export(user: Any) -> PersonExport:
    """The export of ``user`` as a schema (the API documents its shape)."""
    sessions = PracticeSession.objects.filter(user=user).order_by("-started_at", "-created_at")
    marks = PainfulExercise.objects.filter(user=user).order_by("exercise")
    opened = (PatientProgram.objects.filter(user=user).order_by("accepted_at")
              .select_related("program").prefetch_related(
                  Prefetch("program__versions", queryset=ProgramVersion.objects.order_by("-number"),
                           to_attr="newest_first")))
    made = (Program.objects.filter(created_by=user).order_by("created_at")
            .prefetch_related(_latest_titles()))
    tokens = ApiToken.objects.filter(user=user).order_by("created_at")
    return PersonExport(
        format=FORMAT, version=VERSION, exported_at=timezone.now(), account=_account(user),
        sessions=[session_out(row) for row in sessions.iterator(chunk_size=500)],
        painful_marks=[ExportedMark(exercise=m.exercise, hurt_at=m.hurt_at,
                               included_again_at=m.included_again_at, session=m.session_id)
                       for m in marks],
        programs=[ExportedProgram(code=p.program.code, title=_title(p.program),
                                    accepted_at=p.accepted_at, sharing=p.sharing,
                                    stopped_sharing_at=p.stopped_sharing_at) for p in opened],
        programs_made=[ExportedProgramMade(id=p.pk, code=p.code, title=_title(p),
                                      created_at=p.created_at) for p in made],
        api_tokens=[ExportedToken(label=t.label, created_at=t.created_at,
                             last_used_at=t.last_used_at, revoked_at=t.revoked_at)
                    for t in tokens],
        **_outcomes(user),
    )


def _outcomes(user: Any) -> dict[str, Any]:
    goal = WeeklyGoal.objects.filter(user=user).first()
    decisions = (ReviewDecision.objects.filter(user=user).order_by("decided_at")
                 .select_related("patient_program__program"))
    return {
        "measures": [ExportedMeasure(id=m.id, measure=m.measure, answers=m.answers,
                                     score=m.score, subscale=m.subscale,
                                     stratum=m.stratum or None, taken_at=m.taken_at)
                     for m in MeasureResponse.objects.filter(user=user).order_by("taken_at")],
        "review_decisions": [
            ExportedDecision(week=d.week.isoformat(), change=d.change, exercise=d.exercise,
                             why=d.why, accepted=d.accepted, decided_at=d.decided_at,
                             program=(d.patient_program.program.code
                                      if d.patient_program is not None else None))
            for d in decisions],
        "weekly_goal": goal.sessions_per_week if goal is not None else None,
        "reminders": [ExportedReminders(days=f.days.split(","), time=f"{f.time:%H:%M}", tz=f.tz,
                                        created_at=f.created_at, revoked_at=f.revoked_at)
                      for f in ReminderFeed.objects.filter(user=user).order_by("created_at")],
    }


def export_of(user: Any) -> dict[str, Any]:
    """Everything of ``user``, as JSON-ready data: dates and times written as the API
    writes them (Django's JSON encoder), so each session reads as GET /api/sessions gives it."""
    data: dict[str, Any] = json.loads(json.dumps(person_export(user).model_dump(),
                                                 cls=DjangoJSONEncoder))
    return data


def export_text(user: Any) -> str:
    """The export as the file "Download my data" saves."""
    return json.dumps(export_of(user), ensure_ascii=False, indent=2)


def export_filename(now: datetime | None = None) -> str:
    return f"backcare-my-data-{timezone.localdate(now or timezone.now()):%Y-%m-%d}.json"
