"""What signing in does besides signing in: the device's data becomes the person's."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from backcare.practice.claiming import claim_device
from backcare.practice.device import device_id


def claim_on_sign_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """``user_logged_in``: claim this browser's anonymous sessions, marks and programs."""
    if request is not None:
        claim_device(device_id(request), user.pk)
