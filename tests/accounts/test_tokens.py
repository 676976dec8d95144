"""API tokens: made from an e-mail address and password, shown once, kept as a digest,
used as ``Authorization: Bearer``, revoked; wrong, revoked and too many are refused plainly."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from backcare.accounts.models import ApiToken
from backcare.practice.models import PracticeSession

from .helpers import JSON, PASSWORD, make_person, save, session_payload, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


def ask_token(client: Client | None = None, email: str = "ana@example.org",
              password: str = PASSWORD, **extra: Any) -> Any:
    body = json.dumps({"email": email, "password": password, **extra})
    return (client or Client()).post("/api/auth/token", body, content_type=JSON)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_token_is_made_shown_once_and_kept_as_its_digest() -> None:
    person = make_person()
    response = ask_token(label="my script")
    assert response.status_code == 201, response.content
    body = response.json()
    token = body["token"]
    assert len(token) >= 43 and body["label"] == "my script"
    row = ApiToken.objects.get(user=person)
    assert row.digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in json.dumps(list(ApiToken.objects.values()), default=str)
    assert response["Cache-Control"].startswith("private")


def test_a_program_reads_and_saves_the_person_sessions_with_the_token() -> None:
    person = make_person()
    token = ask_token().json()["token"]
    program = Client()
    saved = program.post("/api/sessions", json.dumps(session_payload()), content_type=JSON,
                         headers=bearer(token))
    assert saved.status_code == 201, saved.content  # no CSRF token, no cookie: a program
    assert PracticeSession.objects.get().user == person
    listed = program.get("/api/sessions", headers=bearer(token))
    assert [s["id"] for s in listed.json()] == [saved.json()["id"]]
    assert ApiToken.objects.get().last_used_at is not None
    # Without the token the same program is an anonymous device that owns nothing.
    assert Client().get("/api/sessions").json() == []


def test_a_browser_signed_in_sees_what_the_token_saved() -> None:
    make_person()
    token = ask_token().json()["token"]
    Client().post("/api/sessions", json.dumps(session_payload()), content_type=JSON,
                  headers=bearer(token))
    browser = Client()
    sign_in(browser)
    assert len(browser.get("/api/sessions").json()) == 1


def test_wrong_password_or_unknown_address_is_401_with_a_clear_message() -> None:
    make_person()
    wrong = ask_token(password="nope nope nope")
    assert wrong.status_code == 401
    assert "do not match" in wrong.json()["detail"]
    assert wrong["WWW-Authenticate"].startswith("Bearer")
    assert ask_token(email="nobody@example.org").status_code == 401
    assert ApiToken.objects.count() == 0


def test_an_unconfirmed_address_gets_no_token() -> None:
    make_person(verified=False)
    response = ask_token()
    assert response.status_code == 403
    assert "Confirm your e-mail" in response.json()["detail"]


def test_a_bad_or_revoked_token_is_401_with_www_authenticate() -> None:
    make_person()
    token = ask_token().json()["token"]
    for header in (bearer("not-a-token"), bearer(""), bearer("x" * 5000)):
        response = Client().get("/api/sessions", headers=header)
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == 'Bearer realm="backcare", error="invalid_token"'
        assert "POST /api/auth/token" in response.json()["detail"]

    revoked = Client().delete("/api/auth/token", headers=bearer(token))
    assert revoked.status_code == 204
    assert ApiToken.objects.get().revoked_at is not None
    after = Client().get("/api/sessions", headers=bearer(token))
    assert after.status_code == 401
    assert Client().delete("/api/auth/token", headers=bearer(token)).status_code == 401


def test_revoking_needs_the_token_itself() -> None:
    make_person()
    browser = Client()
    sign_in(browser)
    response = browser.delete("/api/auth/token")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="backcare"'


def test_another_scheme_is_ignored_not_refused() -> None:
    """A proxy's Basic credentials are not ours: the request is simply anonymous."""
    response = Client().get("/api/sessions", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert response.status_code == 200 and response.json() == []


def test_the_token_still_needs_json_and_a_sane_size() -> None:
    make_person()
    token = ask_token().json()["token"]
    response = Client().post("/api/sessions", "routine=x", content_type="text/plain",
                             headers=bearer(token))
    assert response.status_code == 415


def test_a_forged_browser_write_is_still_refused() -> None:
    """Without a token a browser write still needs the CSRF token (api_guard unchanged)."""
    make_person()
    signed_in = Client()
    sign_in(signed_in)
    browser = Client(enforce_csrf_checks=True)
    browser.cookies = signed_in.cookies
    response = browser.post("/api/sessions", json.dumps(session_payload()), content_type=JSON)
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert PracticeSession.objects.count() == 0


def test_too_many_token_requests_are_429_with_retry_after() -> None:
    make_person()
    statuses = [ask_token(password=f"guess {n}").status_code for n in range(10)]
    assert set(statuses) <= {401, 429}
    response = ask_token()
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "Too many" in response.json()["detail"]


def test_tokens_on_the_account_page_made_once_listed_and_revoked() -> None:
    person = make_person()
    browser = Client()
    sign_in(browser)
    made = browser.post("/account/tokens/", {"label": "phone app"})
    assert made.status_code == 200
    secret = made.context["new_token"]
    assert secret in made.text and "shown only this once" in made.text
    page = browser.get("/account/")
    assert "phone app" in page.text and secret not in page.text
    program = Client()
    assert program.get("/api/sessions", headers=bearer(secret)).status_code == 200
    token = ApiToken.objects.get(user=person)
    assert browser.post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    assert program.get("/api/sessions", headers=bearer(secret)).status_code == 401
    assert "phone app" not in browser.get("/account/").text


def test_nobody_revokes_another_person_token() -> None:
    make_person()
    other = make_person("ben@example.org")
    token = ApiToken.objects.create(user=other, digest="0" * 64)
    browser = Client()
    sign_in(browser)
    browser.post(f"/account/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is None


def test_saving_with_a_token_and_a_device_cookie_is_the_person_not_the_device() -> None:
    person = make_person()
    token = ask_token().json()["token"]
    device = Client()
    save(device, session_payload())  # anonymous on this device
    save(device, session_payload(), **bearer(token))
    assert PracticeSession.objects.filter(user=person).count() == 1
    assert PracticeSession.objects.filter(user__isnull=True).count() == 1
