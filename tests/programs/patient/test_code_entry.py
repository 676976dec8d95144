"""/p/: typing the code the therapist gave opens the program; a wrong one says so, and
too many tries from one place are held off."""

from __future__ import annotations

from django.test import Client

from backcare.prescribing import format_code
from backcare.programs.models import Program


def test_the_code_form_is_there_for_anyone(db: object) -> None:
    response = Client().get("/p/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="code"' in page and "Open the program" in page
    assert "Read the full disclaimer" in page  # the site's base template, with its notice


def test_a_good_code_opens_the_program(program: Program) -> None:
    response = Client().post("/p/", {"code": program.code})
    assert response.status_code == 302
    assert response["Location"] == f"/p/{program.share_key}/"


def test_a_code_in_lower_case_with_dashes_and_spaces_works(program: Program) -> None:
    typed = " " + format_code(program.code).lower().replace("-", " - ") + " "
    response = Client().post("/p/", {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/p/{program.share_key}/"


def test_a_wrong_code_says_so_without_a_hint(program: Program) -> None:
    # One character off, and a code that cannot be one: the same answer for both.
    near = ("C" if program.code[0] != "C" else "D") + program.code[1:]
    answers = [Client().post("/p/", {"code": typed}) for typed in (near, "hello", "")]
    assert [a.status_code for a in answers] == [400, 400, 400]
    said = {a.content.decode().split('id="code-error"')[1].split("</p>")[0] for a in answers}
    assert len(said) == 1 and "No program has this code" in said.pop()


def test_too_many_tries_from_one_place_are_held_off(program: Program) -> None:
    client = Client()
    for _ in range(30):
        assert client.post("/p/", {"code": "ACDEFGHJ"}).status_code in (400, 302)
    held = client.post("/p/", {"code": program.code})
    assert held.status_code == 429
    assert int(held["Retry-After"]) >= 1
    assert "Too many tries" in held.content.decode()
    # another place is not held off
    other = Client(REMOTE_ADDR="10.0.0.9").post("/p/", {"code": program.code})
    assert other.status_code == 302
