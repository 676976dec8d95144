"""The whole clinician loop of issue #14, in two real browsers.

A clinician (made with `backcare users add`) signs in on the sign-in page, writes a
three-exercise program in the builder and hands it over (link, code, QR code). A patient
in a fresh browser opens the link, answers the safety questions, sees who their sessions
are shared with, plays into the second exercise and stops because it hurts, saying which
exercise and how strong the pain is now. The clinician sees that session, the flare and
the stop on the program's page and in its CSV, then edits the program; the patient's
link shows the new version.
"""

from __future__ import annotations

import csv
import io
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from django.utils.timezone import localtime

from backcare.cli.main import main
from backcare.programs.models import PatientProgram, Program

from .conftest import guarded_page
from .player_helpers import STOP, script_phases, sessions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "ana@riverside.example"
PASSWORD = "correct horse battery staple"
CLINIC = "Riverside Physio"
ORDER = ["pelvic-tilt", "cat-cow", "bridge"]  # as the clinician adds them
SEARCH = {"pelvic-tilt": "pelvic tilt", "cat-cow": "cat", "bridge": "bridge"}
FIRST_NOTE = "Gently, every other day. Stop if it hurts."
NEW_NOTE = "Fewer tilts this week, and go slowly."
PAIN_BEFORE, PAIN_NOW = 2, 5  # a flare: 2 or more points higher


@pytest.fixture
def clinician_account(monkeypatch: pytest.MonkeyPatch) -> str:
    """A clinician as an operator makes one: `backcare users add … --clinician`."""
    monkeypatch.setenv("BACKCARE_PASSWORD", PASSWORD)
    assert main(["users", "add", EMAIL, "--clinician", "--clinic", CLINIC]) == 0
    return EMAIL


def answer_saved(response: Any) -> bool:
    """The stop screen's answer reaching the session log. (Waiting for this rather than
    asking GET /api/sessions meanwhile: the live server's in-memory SQLite refuses a
    write while another thread reads the same table.)"""
    return response.request.method == "POST" and response.url.endswith("/api/sessions")


def sign_in(page: Any, email: str) -> None:
    """Through the real sign-in page, as a person would."""
    page.goto("/accounts/login/")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("input[name=password]").press("Enter")  # the form's own submit button
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def item(page: Any, slug: str) -> Any:
    return page.locator(f'ol#builder-items > li.builder-item[data-exercise="{slug}"]')


def build_program(page: Any) -> int:
    """Write the program in the builder and save it; its id."""
    page.goto("/clinic/")
    page.locator("a#new-program").click()
    page.wait_for_selector("form#builder-form")
    page.locator("#f-title").fill("Back care at home")
    page.locator("#f-note").fill(FIRST_NOTE)
    page.locator("#f-days").fill("3")
    for slug in ORDER:
        page.locator("#builder-q").fill(SEARCH[slug])
        page.locator(f'li.library-exercise[data-slug="{slug}"] button.add-exercise').click()
        item(page, slug).wait_for()
    rows = page.locator("ol#builder-items > li.builder-item")
    assert rows.evaluate_all("rows => rows.map(r => r.dataset.exercise)") == ORDER
    item(page, "pelvic-tilt").locator(".dose-reps").fill("6")  # a shorter first exercise
    item(page, "cat-cow").locator(".item-note").fill("Only the small range we practised.")
    page.locator("#builder-save").click()
    page.wait_for_url("**/clinic/programs/*/?saved=1")
    return int(page.url.split("/clinic/programs/")[1].split("/")[0])


def answer_no_to_everything(page: Any) -> None:
    assert "/screen/" in page.url  # the link opens the safety questions first
    for no in page.locator('input[type="radio"][value="no"]').all():
        no.check()
    page.get_by_role("button", name="Check my answers").click()


def play_into_the_second_exercise(page: Any) -> dict[str, Any]:
    """Start the player from the program page under a controlled clock and play on until
    the second exercise is on screen; the page's timeline."""
    page.clock.install(time=datetime.now(UTC))  # sessions count from when the program was opened
    page.locator("a#start-program").click()
    page.wait_for_selector("#player[data-ready=true]")
    page.clock.pause_at(datetime.fromtimestamp(page.evaluate("Date.now()") / 1000 + 0.01, UTC))
    data: dict[str, Any] = page.evaluate("JSON.parse(document.getElementById('timeline').textContent)")
    page.locator(f'label.scale-choice:has(input[name="pain_before"][value="{PAIN_BEFORE}"])').click()
    page.locator("#start").click()
    second = next(phase for phase in script_phases(data)
                  if data["steps"][phase.step]["exercise"] == ORDER[1])
    page.clock.run_for(second.start + 1_000)
    name = data["exercises"][ORDER[1]]["name"]
    assert page.locator("#now-name").inner_text().strip() == name
    return data


def test_the_clinician_loop(browser: Any, live_server: Any, clinician_account: str) -> None:
    errors: list[str] = []
    with (guarded_page(browser, live_server, viewport={"width": 1280, "height": 2000}) as clinic,
          guarded_page(browser, live_server) as patient):
        for page in (clinic, patient):
            page.on("pageerror", lambda error: errors.append(str(error)))

        # The clinician signs in and writes a program.
        sign_in(clinic, clinician_account)
        program_id = build_program(clinic)
        assert clinic.locator("#program-title").inner_text() == "Back care at home"
        share_url = clinic.locator("#share-url").input_value()
        program = Program.objects.get(pk=program_id)
        assert share_url == f"{live_server.url}/p/{program.share_key}/"
        code = clinic.locator("#program-code").inner_text().strip()
        assert code.replace("-", "") == program.code
        assert clinic.locator(".qr svg.qr-code").count() == 1
        version = program.versions.get()
        assert [i["exercise"] for i in version.items] == ORDER and version.items[0]["reps"] == 6

        # The patient opens the link in a fresh browser.
        patient.goto(share_url)
        answer_no_to_everything(patient)
        patient.wait_for_url(f"**/p/{program.share_key}/")
        assert patient.locator("#program-title").inner_text() == "Back care at home"
        assert f"shared with {CLINIC}" in patient.locator("#sharing-notice").inner_text()
        assert FIRST_NOTE in patient.locator("#program-note").inner_text()
        assert PatientProgram.objects.get(program=program).sharing

        # …plays into the second exercise, and stops because it hurts.
        data = play_into_the_second_exercise(patient)
        hurt = data["exercises"][ORDER[1]]["name"]
        patient.get_by_role("button", name=STOP).click()
        patient.wait_for_selector("#save-status[data-outcome=saved]")
        form = patient.locator("#hurt-form")
        form.get_by_role("radio", name=hurt, exact=True).check()
        form.get_by_role("radio", name=str(PAIN_NOW), exact=True).check()
        with patient.expect_response(answer_saved) as sent:
            form.get_by_role("button", name="Save my answer").click()
        assert sent.value.status == 200  # added to the session saved at the stop
        [saved] = sessions(patient)
        assert saved["pain_after"] == PAIN_NOW
        assert saved["program"] == program.code and saved["routine"] == ""
        assert saved["stopped_for_pain"] is True and saved["painful_exercise"] == ORDER[1]
        assert saved["pain_before"] == PAIN_BEFORE

        # The clinician sees the session, the flare and the stop (once it has started by
        # the server's clock too: the page's paused clock can be a moment ahead).
        ahead = datetime.fromisoformat(saved["started_at"]) - datetime.now(UTC)
        time.sleep(max(ahead.total_seconds() + 0.05, 0))
        clinic.goto(f"/clinic/programs/{program_id}/")
        card = clinic.locator("article.patient")
        assert card.count() == 1
        assert card.locator(".patient-sessions").inner_text().strip() == "1"
        assert card.locator(".patient-flares").inner_text().strip() == "1"
        assert card.locator(".patient-stops").inner_text().strip() == "1"
        assert hurt in card.locator("li.stop-line").inner_text()

        # …and in the CSV.
        answer = clinic.request.get(f"/clinic/programs/{program_id}/adherence.csv")
        assert answer.ok and answer.headers["content-type"].startswith("text/csv")
        header, *rows = list(csv.reader(io.StringIO(answer.text())))
        assert header == ["patient", "date", "pain before", "pain after", "flare",
                          "stopped for pain", "exercise"]
        [row] = rows
        assert row[0] == "Patient 1" and row[2:] == [str(PAIN_BEFORE), str(PAIN_NOW), "yes",
                                                     "yes", hurt]

        # The clinician edits the program: a new note and a dose, as a new version.
        clinic.locator("#edit-program").click()
        clinic.wait_for_selector("form#builder-form")
        assert clinic.locator("#f-note").input_value() == FIRST_NOTE
        clinic.locator("#f-note").fill(NEW_NOTE)
        item(clinic, "pelvic-tilt").locator(".dose-reps").fill("8")
        clinic.get_by_role("button", name="Save a new version").click()
        clinic.wait_for_url("**/clinic/programs/*/?saved=2")
        assert "version 2" in clinic.locator("#saved-note").inner_text()
        assert program.versions.count() == 2

        # The patient's link shows the new version: same link, new note and dose.
        patient.goto(share_url)
        patient.wait_for_url(f"**/p/{program.share_key}/")
        assert NEW_NOTE in patient.locator("#program-note").inner_text()
        assert FIRST_NOTE not in patient.locator("main").inner_text()
        dose = patient.locator('li.program-exercise[data-exercise="pelvic-tilt"] .dose')
        assert "8" in dose.inner_text()
        updated = patient.locator("#program-by .updated").inner_text()
        latest = localtime(program.versions.get(number=2).created_at)
        assert updated == f"updated on {latest.day} {latest:%B %Y}"
        shared = patient.request.get(f"/api/shared/{program.code}").json()
        assert shared["version"] == 2 and shared["note"] == NEW_NOTE
    assert errors == []
