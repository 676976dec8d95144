"""The player's "Stop — this hurts" screen is sent with the urgent-help box in it, hidden
until the person stops (tests/browser/test_urgent_help_in_player.py presses the button)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from backcare.content import Library
from backcare.planning.screen_memory import COOKIE, signed_pass
from backcare.plans import routine_urgent_help
from backcare.practice.device import COOKIE as DEVICE_COOKIE

# The player page reads this device's "hurt last time" marks.
pytestmark = pytest.mark.django_db

DEVICE = "0b3f6a52-2c1e-4d6e-9a57-2f0c1d8e4b11"


def test_the_stop_screen_of_every_player_has_the_routines_box(client: Client, library: Library) -> None:
    client.cookies[DEVICE_COOKIE] = DEVICE
    client.cookies[COOKIE] = signed_pass(DEVICE)
    for slug in library.routines:
        page = client.get(f"/routines/{slug}/play/").content.decode()
        stopped = re.search(r'<section id="stopped"[^>]*>(.*?)</section>', page, re.S)
        assert stopped and " hidden" in stopped.group(0).split(">")[0]
        assert 'class="urgent-help"' in stopped.group(1), slug
        for sign in routine_urgent_help(library, slug).signs:
            assert sign in stopped.group(1), (slug, sign)
