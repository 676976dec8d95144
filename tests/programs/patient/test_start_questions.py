"""A clinician's program asks the STarT Back questions at its start: its page offers them
until the person has answered them since opening the program, and the answer shows the
person plain words (never a risk label)."""

from __future__ import annotations

import re

from django.test import Client

from backcare.programs.models import Program


def test_the_program_page_offers_the_start_questions_until_they_are_answered(
        screened: Client, program: Program) -> None:
    page = screened.get(f"/p/{program.share_key}/").content.decode()
    assert 'id="start-questions"' in page
    link = re.search(r'id="start-questions".*?href="([^"]+)"', page, re.S)
    assert link is not None and link[1] == "/progress/measures/start-back/"

    answers = {f"q{n}": 0 for n in range(1, 9)} | {"q9": 1}
    form = screened.get(link[1])
    assert form.status_code == 200 and "Keele University" in form.content.decode()
    saved = screened.post(link[1], answers)
    assert saved.status_code == 302

    again = screened.get(f"/p/{program.share_key}/").content.decode()
    assert 'id="start-questions"' not in again
    progress = screened.get("/progress/").content.decode()
    assert "risk" not in progress.lower()


def test_a_browser_that_has_not_opened_the_program_is_not_asked(
        program: Program, db: object) -> None:
    # without the screen the page is not shown at all: the questions come after it
    response = Client().get(f"/p/{program.share_key}/")
    assert response.status_code == 302
