"""A patient opens their therapist's link in a fresh browser: the safety questions, the
program with its sharing notice, then the player with the first exercise — and a stop
saves a session of the program."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from backcare.practice.models import PracticeSession
from backcare.programs.models import PatientProgram, Program
from tests.browser.conftest import guarded_page, serious_axe_violations

pytestmark = pytest.mark.browser


def test_open_the_link_pass_the_screen_and_start(transactional_db: None, browser: Any, live_server: Any,
                                                 program: Program) -> None:
    with guarded_page(browser, live_server) as page:
        page.goto(f"/p/{program.share_key}/")
        assert "/screen/" in page.url
        for no in page.locator('input[type="radio"][value="no"]').all():
            no.check()
        page.get_by_role("button", name="Check my answers").click()
        page.wait_for_url(f"**/p/{program.share_key}/")

        assert page.locator("#program-title").inner_text() == "Evening back care"
        assert page.locator("#mine-notice").is_visible()
        notice = page.locator("#sharing-notice").inner_text()
        assert "Your sessions of this program are shared with Clinic North." in notice
        assert "You can stop sharing at any time." in notice
        assert page.locator("#sharing-button").inner_text() == "Stop sharing"
        assert page.locator(".program-exercise .chosen").count() == 1
        assert serious_axe_violations(page) == []

        page.locator("#start-program").click()
        page.wait_for_selector("#player[data-ready=true]")
        assert page.locator("#player").get_attribute("data-state") == "setup"
        page.locator('label.scale-choice:has(input[name="pain_before"][value="3"])').click()
        page.locator("#start").click()
        expect(page.locator("#now-name")).to_have_text("Pelvic tilt")

        page.locator("#stop").click()
        expect(page.locator("#save-status")).to_have_attribute("data-outcome", "saved")
    saved = PracticeSession.objects.get()
    assert saved.patient_program == PatientProgram.objects.get(program=program)
    assert saved.routine == "" and saved.stopped_for_pain and saved.program_version == 1


def test_the_code_page_in_a_browser(transactional_db: None, browser: Any, live_server: Any,
                                    program: Program) -> None:
    with guarded_page(browser, live_server) as page:
        page.goto("/p/")
        assert serious_axe_violations(page) == []
        page.get_by_label("Program code").fill(f"{program.code[:4].lower()}-{program.code[4:]}")
        page.get_by_role("button", name="Open the program").click()
        page.wait_for_url("**/screen/**")  # the program opens after the safety questions
