"""Who a signed-in account is: a person, or a clinician of one clinic (and maybe its admin)."""

from __future__ import annotations

from typing import Any

from backcare.accounts.models import Clinician


def clinician_of(user: Any) -> Clinician | None:
    """The user's clinician row (with its clinic), or None for a person or nobody."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        found: Clinician = Clinician.objects.select_related("clinic").get(user=user)
    except Clinician.DoesNotExist:
        return None
    return found
