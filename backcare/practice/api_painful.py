"""Exercises that hurt on this device (mounted at /api/).

- ``GET /api/painful-exercises``: what this device has said hurt and not put back; each
  is left out of its next plans (``left_out`` reason ``hurt-last-time``).
- ``POST /api/painful-exercises/<slug>/include``: put one back.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from backcare.practice.owner import owner_of
from backcare.practice.painful_marks import hurt_last_time, include_again
from backcare.site.api_errors import NOT_FOUND, READS, WRITES
from backcare.site.personal import mark_personal
from backcare.vocabulary import gettext

router = Router(tags=["practice"])


class PainfulOut(Schema):
    exercise: str
    hurt_at: datetime


class IncludedOut(Schema):
    exercise: str
    included: bool


@router.get("/painful-exercises", response={200: list[PainfulOut], **READS},
            summary="Exercises this device said hurt, left out of its plans until included again")
def list_painful(request: HttpRequest) -> list[PainfulOut]:
    mark_personal(request)
    return [PainfulOut(exercise=m.exercise, hurt_at=m.hurt_at)
            for m in hurt_last_time(owner_of(request))]


@router.post("/painful-exercises/{slug}/include", response={**WRITES, 200: IncludedOut, **NOT_FOUND},
             summary="Include an exercise that hurt last time in this device's plans again")
def include_painful(request: HttpRequest, slug: str) -> IncludedOut:
    """404 when this device has not left that exercise out because it hurt."""
    mark_personal(request)
    if not include_again(owner_of(request), slug):
        raise HttpError(404, gettext("This device has not left out {slug} because it hurt.")
                        .format(slug=repr(slug[:80])))
    return IncludedOut(exercise=slug, included=True)
