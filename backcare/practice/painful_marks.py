"""""It hurt last time": which exercises this device (or person) said hurt, and putting one back.

After a stop for pain the person says which exercise hurt (or "not sure"). That exercise
is then left out of the owner's next plans of any routine (the device's, or the signed-in
person's on any device: :mod:`backcare.practice.owner`) — the plan says so, with the
day it hurt — until the person includes it again. The session API, the history page and
the include endpoint all come here; the planner only receives the list of slugs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from backcare.practice.models import PainfulExercise, PracticeSession
from backcare.practice.owner import Owner

_TABLE = PainfulExercise._meta.db_table
_STILL_HURTING_ON_DEVICE = (
    f"SELECT id, exercise, hurt_at FROM {_TABLE} "  # noqa: S608 (no input in it)
    "WHERE device = %s AND user_id IS NULL AND included_again_at IS NULL ORDER BY hurt_at, exercise")
_STILL_HURTING_PERSON = (
    f"SELECT id, exercise, hurt_at FROM {_TABLE} "  # noqa: S608 (no input in it)
    "WHERE user_id = %s AND included_again_at IS NULL ORDER BY hurt_at, exercise")


@dataclass(frozen=True)
class HurtLastTime:
    exercise: str
    hurt_at: datetime


def remember_hurt(session: PracticeSession) -> None:
    """Record the session's painful exercise for its owner — the person who saved it, else
    its device (nothing when none was said)."""
    if not (session.stopped_for_pain and session.painful_exercise):
        return
    owner = Owner(device=session.device, user_id=session.user_id)
    with transaction.atomic():
        mark, created = owner.marks().select_for_update().get_or_create(
            exercise=session.painful_exercise,
            defaults={"session": session, "hurt_at": session.ended_at, "device": session.device,
                      "user_id": session.user_id},
        )
        if not created and (mark.included_again_at is not None or session.ended_at > mark.hurt_at):
            mark.session, mark.hurt_at, mark.included_again_at = session, session.ended_at, None
            mark.save(update_fields=["session", "hurt_at", "included_again_at"])


def hurt_last_time(owner: Owner) -> tuple[HurtLastTime, ...]:
    """The exercises this owner has said hurt and not included again, oldest first."""
    # Asked on every player page and plan: one fixed query, written out (a sixth of the
    # ORM's time to build it); the fields still come back as the model reads them.
    if owner.user_id is not None:
        marks = PainfulExercise.objects.raw(_STILL_HURTING_PERSON, [owner.user_id])
    elif owner.device is not None:
        marks = PainfulExercise.objects.raw(_STILL_HURTING_ON_DEVICE, [owner.device])
    else:
        return ()
    return tuple(HurtLastTime(m.exercise, m.hurt_at) for m in marks)


def hurt_days(owner: Owner) -> dict[str, date]:
    """What the planner takes: exercise -> the day (local time) it hurt."""
    return {m.exercise: timezone.localtime(m.hurt_at).date() for m in hurt_last_time(owner)}


def include_again(owner: Owner, exercise: str) -> bool:
    """Put the exercise back into this owner's plans; False when it was not left out."""
    updated = owner.marks().filter(
        exercise=exercise, included_again_at__isnull=True,
    ).update(included_again_at=timezone.now())
    return updated > 0
