"""/progress/: each measure over time against its meaningful change, the STarT Back result
in plain words, sessions a week against the goal, the goal form, and privacy."""

from __future__ import annotations

import re
import uuid
from datetime import date
from types import SimpleNamespace

import pytest
from django.test import Client

from backcare.practice.owner import Owner
from backcare.progress import records
from backcare.progress.models import WeeklyGoal

from .conftest import (
    DISCLAIMER_EN,
    DISCLAIMER_ES,
    in_week,
    measure,
    session,
    visible,
    weeks_ago,
)

pytestmark = pytest.mark.django_db


def change_marks(html: str) -> dict[str, str]:
    """Each charted measure's data-meaningful mark, by measure id."""
    found = {}
    for section in re.findall(r'<section class="measure"[^>]*data-measure="([^"]+)"(.*?)</section>',
                              html, re.S):
        mark = re.search(r'data-meaningful="([^"]+)"', section[1])
        found[section[0]] = mark.group(1) if mark else ""
    return found


@pytest.mark.parametrize(("path", "language", "disclaimer"), [
    ("/progress/", "en", DISCLAIMER_EN), ("/es/progress/", "es", DISCLAIMER_ES)])
def test_the_page_renders_in_each_language_with_the_disclaimer(
        client: Client, device: str, path: str, language: str, disclaimer: str) -> None:
    measure(device, "nprs", 6, weeks_ago(2))
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert disclaimer in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert '<svg class="progress-chart score-chart" id="nprs-chart" role="img"' in html


def test_a_new_browser_sees_an_empty_page_with_the_measures_to_take() -> None:
    response = Client().get("/progress/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/progress/measures/nprs/"' in html
    assert 'href="/progress/measures/psfs/"' in html
    assert 'href="/progress/measures/start-back/"' in html
    assert "score-chart" not in html
    assert "0 weeks in a row on your goal" in visible(html)


def test_pain_from_6_to_3_is_marked_as_a_meaningful_improvement(client: Client,
                                                                device: str) -> None:
    measure(device, "nprs", 6, weeks_ago(3))
    measure(device, "nprs", 3, weeks_ago(1))
    html = client.get("/progress/").content.decode()
    assert change_marks(html)["nprs"] == "better"
    text = visible(html)
    assert "Your weekly pain went from 6 to 3. That is a change large enough to matter." in text
    # The chart shows the first score, the band and the meaningful point by shape.
    chart = re.search(r'<svg[^>]*id="nprs-chart".*?</svg>', html, re.S).group(0)
    assert 'class="first-line"' in chart and 'class="mcid-band"' in chart
    assert chart.count('class="point meaningful"') == 1
    assert "<title" in chart and "<desc" in chart
    # The table behind it says the same.
    assert re.search(r"<td>3</td><td>Yes</td>", html)


def test_a_worsening_by_the_mcid_is_marked_worse(client: Client, device: str) -> None:
    measure(device, "nprs", 3, weeks_ago(3))
    measure(device, "nprs", 5, weeks_ago(1))
    html = client.get("/progress/").content.decode()
    assert change_marks(html)["nprs"] == "worse"
    assert "Talk to your clinician" in visible(html)


def test_a_small_change_is_not_marked(client: Client, device: str) -> None:
    measure(device, "nprs", 7, weeks_ago(3))
    measure(device, "nprs", 6, weeks_ago(1))
    html = client.get("/progress/").content.decode()
    assert change_marks(html)["nprs"] == "no"
    assert 'class="point meaningful"' not in html


def test_psfs_average_is_charted_with_its_2_point_change(client: Client, device: str) -> None:
    measure(device, "psfs", 3, weeks_ago(4),
            answers={"activity-1": {"activity": "Putting on socks", "rating": 3}})
    measure(device, "psfs", 5.5, weeks_ago(1),
            answers={"activity-1": {"activity": "Putting on socks", "rating": 5}})
    html = client.get("/progress/").content.decode()
    assert change_marks(html)["psfs"] == "better"
    assert 'id="psfs-chart"' in html
    assert "The same activities as last time: Putting on socks." in visible(html)


def test_a_device_sees_only_its_own_data(client: Client, device: str) -> None:
    other = str(uuid.uuid4())
    measure(other, "nprs", 9, weeks_ago(3))
    measure(other, "nprs", 2, weeks_ago(1))
    measure(other, "start-back", 7, weeks_ago(3), stratum="high", subscale=5)
    for week in range(3):
        for day in range(4):
            session(other, weeks_ago(week + 1, day))
    html = client.get("/progress/").content.decode()
    assert "score-chart" not in html
    assert 'data-meaningful="better"' not in html
    assert 'data-weeks="0"' in html
    assert "From your answers on" not in html


def test_the_nprs_link_waits_a_week(client: Client, device: str) -> None:
    measure(device, "nprs", 5, weeks_ago(0, 2))
    text = visible(client.get("/progress/").content.decode())
    assert "Rate your pain over the last week" not in text
    assert re.search(r"Pain over the last week: answered this week, next on \d+ \w+\.", text)


def test_start_back_is_said_in_plain_words_with_its_copyright(client: Client,
                                                             device: str) -> None:
    measure(device, "start-back", 5, weeks_ago(2), stratum="high", subscale=4)
    html = client.get("/progress/").content.decode()
    section = re.search(r'<section class="start-back".*?</section>', html, re.S).group(0)
    text = visible(section)
    assert "risk" not in text.lower()
    assert "© Keele University 01/08/07" in text
    assert "From your answers on" in text


def test_weeks_on_goal_counts_weeks_not_days(client: Client, device: str) -> None:
    for week in (1, 2, 3):
        for day in (0, 2, 4):
            session(device, in_week(week, day))
    html = client.get("/progress/").content.decode()
    assert 'data-weeks="3"' in html
    text = visible(html)
    assert "3 weeks in a row on your goal." in text
    assert "Rest days are part of the program" in text
    assert '<svg class="progress-chart weeks-chart"' in html
    assert html.count('class="bar on-goal') == 3


def test_the_goal_form_sets_the_goal(client: Client, device: str) -> None:
    response = client.post("/progress/goal/", {"sessions_per_week": "5"})
    assert response.status_code == 302 and response["Location"].startswith("/progress/")
    assert WeeklyGoal.objects.get(device=device).sessions_per_week == 5
    page = client.get("/progress/").content.decode()
    assert '<option value="5" selected>' in page
    assert "Your goal is saved: 5 sessions a week." in visible(page)


@pytest.mark.parametrize("value", ["0", "8", "three", "", "2.5"])
def test_a_bad_goal_is_a_400_naming_the_goal(client: Client, device: str, value: str) -> None:
    response = client.post("/progress/goal/", {"sessions_per_week": value})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="goal-error"' in html and 'aria-invalid="true"' in html
    assert "from 1 to 7" in visible(html)
    assert not WeeklyGoal.objects.filter(device=device).exists()


def test_the_first_goal_of_a_new_browser_gets_it_a_device() -> None:
    browser = Client()
    response = browser.post("/progress/goal/", {"sessions_per_week": "2"})
    assert response.status_code == 302
    assert WeeklyGoal.objects.get().sessions_per_week == 2
    assert "2 sessions a week" in visible(browser.get("/progress/").content.decode())


def test_a_clinicians_program_sets_the_goal_and_the_form_is_not_offered(
        client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    real = records.progress_for

    def following_a_program(owner: Owner, today: date | None = None) -> records.ProgressView:
        view = real(owner, today)
        view.goal, view.goal_source = 4, "program"
        return view

    monkeypatch.setattr(records, "progress_for", following_a_program)
    html = client.get("/progress/").content.decode()
    assert "Your clinician's program sets your goal: 4 days a week." in visible(html)
    assert 'action="/progress/goal/"' not in html


def test_the_forms_need_the_csrf_token(device: str) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.cookies["backcare_device"] = device
    assert browser.post("/progress/goal/", {"sessions_per_week": "3"}).status_code == 403
    assert browser.post("/progress/review/", {"accept": "yes"}).status_code == 403


def test_the_page_links_to_the_fhir_download_and_the_reminders(client: Client) -> None:
    html = client.get("/progress/").content.decode()
    assert 'href="/api/fhir/bundle"' in html and "Download my data (FHIR)" in html
    assert 'href="/progress/reminders/"' in html


def test_a_locked_program_says_the_clinician_makes_the_changes(
        client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    real = records.progress_for
    program = SimpleNamespace(program=SimpleNamespace(locked=True))

    def following_a_locked_program(owner: Owner, today: date | None = None
                                   ) -> records.ProgressView:
        view = real(owner, today)
        view.target = SimpleNamespace(patient_program=program,  # type: ignore[assignment]
                                      title="Morning back care")
        return view

    monkeypatch.setattr(records, "progress_for", following_a_locked_program)
    text = visible(client.get("/progress/").content.decode())
    assert "Your clinician looks after the changes to this program" in text
