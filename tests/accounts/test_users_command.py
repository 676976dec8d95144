"""`backcare users add`: an account that can sign in at once; every problem one line."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client

from backcare.accounts.models import Clinic, Clinician
from backcare.cli.main import main

from .helpers import PASSWORD, make_person, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def password(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("BACKCARE_PASSWORD", PASSWORD)
    return PASSWORD


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    return err


def test_add_a_person_who_can_sign_in_at_once(password: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["users", "add", "Ana@Example.ORG"]) == 0
    assert "ana@example.org" in capsys.readouterr().out
    address = EmailAddress.objects.get()
    assert address.verified and address.primary and address.email == "ana@example.org"
    assert not Clinician.objects.exists()
    assert sign_in(Client(), "ana@example.org")["Location"] == "/account/"


def test_add_a_clinician_makes_the_clinic_when_it_is_missing(
        password: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["users", "add", "lee@example.org", "--clinician", "--clinic", "North  Clinic",
                 "--clinic-admin"]) == 0
    clinician = Clinician.objects.get()
    assert clinician.clinic.name == "North Clinic" and clinician.is_admin
    assert "North Clinic" in capsys.readouterr().out
    # A second clinician joins the same clinic, not a new one.
    assert main(["users", "add", "sam@example.org", "--clinician", "--clinic",
                 "North Clinic"]) == 0
    assert Clinic.objects.count() == 1
    assert not Clinician.objects.get(user__email="sam@example.org").is_admin


def test_a_duplicate_address_is_refused(password: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    make_person()
    assert main(["users", "add", "ANA@example.org"]) == 1
    assert "already an account" in one_line(capsys)
    assert get_user_model().objects.count() == 1


@pytest.mark.parametrize("address", ["not-an-address", "ana@", "@example.org", "a b@example.org"])
def test_a_bad_address_is_refused(password: str, capsys: pytest.CaptureFixture[str],
                                  address: str) -> None:
    assert main(["users", "add", address]) == 1
    assert "is not an e-mail address" in one_line(capsys)
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize(("words", "said"), [
    (["--clinic-admin"], "--clinic-admin needs --clinician"),
    (["--clinician"], "--clinician needs --clinic NAME"),
    (["--clinic", "North Clinic"], "--clinic needs --clinician"),
])
def test_options_that_do_not_go_together(password: str, capsys: pytest.CaptureFixture[str],
                                         words: list[str], said: str) -> None:
    assert main(["users", "add", "ana@example.org", *words]) == 2
    assert said in one_line(capsys)
    assert not get_user_model().objects.exists()


def test_no_password_and_no_terminal_to_ask_is_a_clear_error(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("BACKCARE_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["users", "add", "ana@example.org"]) == 1
    assert "No password: set BACKCARE_PASSWORD" in one_line(capsys)
    assert not get_user_model().objects.exists()


def test_the_password_is_asked_twice_at_a_terminal(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("BACKCARE_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers = iter([PASSWORD, PASSWORD])
    asked: list[str] = []

    def getpass(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", getpass)
    assert main(["users", "add", "ana@example.org"]) == 0
    assert len(asked) == 2
    assert get_user_model().objects.get().check_password(PASSWORD)


def test_two_different_passwords_make_nothing(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("BACKCARE_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers: Any = iter([PASSWORD, PASSWORD + "!"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    assert main(["users", "add", "ana@example.org"]) == 1
    assert "not the same" in one_line(capsys)
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize(("weak", "reason"), [
    ("short1", "too short"),
    ("password123", "too common"),
    ("ana@example.org", "too similar"),
])
def test_a_weak_password_is_refused_saying_why(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str],
                                               weak: str, reason: str) -> None:
    monkeypatch.setenv("BACKCARE_PASSWORD", weak)
    assert main(["users", "add", "ana@example.org"]) == 1
    line = one_line(capsys)
    assert "The password is refused" in line and reason in line
    assert not get_user_model().objects.exists()
