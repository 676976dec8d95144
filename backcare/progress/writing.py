"""Who a form on the progress pages writes for.

A signed-in person, else this browser's device; a browser that has neither yet (its first
answer) gets a device id, set on the response that answers the form. Reads use
``owner_of`` directly: a browser with no device owns nothing.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from backcare.practice.device import ensure_device
from backcare.practice.owner import Owner, owner_of


def writing_owner(request: HttpRequest, response: HttpResponse) -> Owner:
    owner = owner_of(request)
    if owner.known:
        return owner
    return Owner.of_device(ensure_device(request, response))
