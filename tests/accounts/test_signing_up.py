"""Signing up, confirming the e-mail address and signing in, in the site's own pages, in
English and in Spanish; the public pages stay exactly as they were for everyone else."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from backcare.accounts.models import SignedInSession

from .helpers import PASSWORD, make_person, sign_in

pytestmark = pytest.mark.django_db

NOTICE = 'aria-label="Safety notice"'


def link_in(message: str) -> str:
    found = re.search(r"https?://testserver(/\S+)", message)
    assert found, message
    return found.group(1)


def test_sign_up_confirm_the_address_then_sign_in() -> None:
    client = Client()
    page = client.get("/accounts/signup/")
    assert page.status_code == 200
    assert NOTICE in page.text and "<h1>" in page.text  # our layout: header, notice, footer
    response = client.post("/accounts/signup/", {
        "email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new@example.org"]
    assert mail.outbox[0].subject.startswith("backcare: ")
    # Not confirmed yet: signing in sends the confirmation again instead of signing in.
    other = Client()
    assert sign_in(other, "new@example.org")["Location"] == "/accounts/confirm-email/"
    assert other.get("/account/").status_code == 302

    confirm = link_in(mail.outbox[0].body)
    assert "confirm" in client.get(confirm).text.lower()
    confirmed = client.post(confirm)
    assert confirmed.status_code == 302
    home = client.get("/account/")
    assert home.status_code == 200
    assert "new@example.org" in home.text and NOTICE in home.text

    fresh = Client()
    response = sign_in(fresh, "new@example.org")
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert "new@example.org" in fresh.get("/account/").text
    assert SignedInSession.objects.filter(user__email="new@example.org").count() == 2


def test_a_wrong_password_says_so_on_the_page() -> None:
    make_person()
    response = sign_in(Client(), password="not the password")
    assert response.status_code == 200
    assert "not correct" in response.text
    assert NOTICE in response.text


@pytest.mark.parametrize("url", [
    "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/",
    "/accounts/confirm-email/",
])
def test_every_sign_in_page_is_in_the_site_layout(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, url
    assert NOTICE in response.text
    assert 'class="site-footer"' in response.text
    assert "<title>" in response.text and "· backcare</title>" in response.text


def test_spanish_sign_in_pages_speak_spanish(client: Client) -> None:
    response = client.get("/es/accounts/login/")
    assert response.status_code == 200
    assert 'lang="es"' in response.text
    assert "Iniciar sesión" in response.text  # allauth's own Spanish
    assert client.get("/es/accounts/signup/").status_code == 200


def test_password_reset_mails_a_link_that_works() -> None:
    make_person()
    client = Client()
    response = client.post("/accounts/password/reset/", {"email": "ana@example.org"})
    assert response.status_code == 302
    link = link_in(mail.outbox[-1].body)
    page = client.get(link, follow=True)
    assert page.status_code == 200 and NOTICE in page.text
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    new = "a brand new long passphrase"
    done = client.post(form_url, {"password1": new, "password2": new})
    assert done.status_code == 302
    assert sign_in(Client(), password=new)["Location"] == "/account/"


def test_signing_out_ends_the_session() -> None:
    make_person()
    client = Client()
    sign_in(client)
    assert client.get("/account/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/account/").status_code == 302
    assert SignedInSession.objects.count() == 0


def test_the_account_page_needs_signing_in(client: Client) -> None:
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/account/"
    spanish = client.get("/es/account/")
    assert spanish["Location"].startswith("/es/accounts/login/")


def test_public_pages_are_the_same_for_everyone(client: Client) -> None:
    """The menu's link to the account is the same for everybody: a public page neither
    reads nor sets a session, so it is still served from memory."""
    first = client.get("/")
    assert first.status_code == 200
    assert 'href="/account/"' in first.text
    assert "backcare_session" not in first.cookies
    assert first["Cache-Control"].startswith("public")


def notice_of(html: str) -> str:
    return html.split('<aside class="notice"')[1].split("</aside>")[0]


@pytest.mark.parametrize(("url", "home"), [
    ("/accounts/login/", "/"), ("/accounts/signup/", "/"), ("/es/accounts/login/", "/es/"),
    ("/es/accounts/signup/", "/es/"),
])
def test_the_sign_in_pages_carry_the_whole_safety_notice(client: Client, url: str,
                                                          home: str) -> None:
    """allauth's views name the Django site "site" too; the notice must keep its words."""
    notice = notice_of(client.get(url).text)
    assert notice == notice_of(client.get(home).text)
    assert len(notice.split("<a ")[0]) > 80
