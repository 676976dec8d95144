"""Two-factor sign-in with an authenticator app (allauth's TOTP), in the site's layout."""

from __future__ import annotations

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.test import Client

from .helpers import PASSWORD, make_person, sign_in

pytestmark = pytest.mark.django_db

NOTICE = '<aside class="notice"'


def code_for(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_turn_on_the_authenticator_app_then_sign_in_with_it() -> None:
    person = make_person()
    client = Client()
    sign_in(client)
    asked = client.get("/accounts/2fa/totp/activate/")
    assert asked["Location"].startswith("/accounts/reauthenticate/")  # the password again
    again = client.get(asked["Location"])
    assert again.status_code == 200 and NOTICE in again.text
    client.post(asked["Location"], {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200 and NOTICE in page.text
    assert 'src="data:image/svg+xml' in page.text  # the QR code to scan, drawn here
    secret = client.session[SECRET_SESSION_KEY]
    activated = client.post("/accounts/2fa/totp/activate/", {"code": code_for(secret)})
    assert activated.status_code == 302
    assert Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()

    phone = Client()
    step = sign_in(phone)
    assert step["Location"] == "/accounts/2fa/authenticate/"
    assert phone.get("/account/").status_code == 302  # not signed in yet
    form = phone.get(step["Location"])
    assert form.status_code == 200 and NOTICE in form.text
    assert phone.post(step["Location"], {"code": "000000"}).status_code == 200  # wrong: again
    done = phone.post(step["Location"], {"code": code_for(secret)})
    assert done["Location"] == "/account/"
    assert phone.get("/account/").status_code == 200
