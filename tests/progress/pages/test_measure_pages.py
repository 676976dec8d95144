"""/progress/measures/<id>/: the questionnaires as plain forms; bad answers are a 400 with
the problem beside the question and the answers kept; saved answers go to /progress/."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from backcare.progress.models import MeasureResponse

from .conftest import DISCLAIMER_EN, DISCLAIMER_ES, measure, visible, weeks_ago

pytestmark = pytest.mark.django_db

START_BACK_LOW = {f"q{n}": "0" for n in range(1, 9)} | {"q9": "1"}
START_BACK_HIGH = {"q1": "1", "q2": "0", "q3": "1", "q4": "0", "q5": "1", "q6": "1",
                   "q7": "1", "q8": "1", "q9": "3"}


@pytest.mark.parametrize("measure_id", ["nprs", "psfs", "start-back"])
@pytest.mark.parametrize(("prefix", "disclaimer"), [("", DISCLAIMER_EN), ("/es", DISCLAIMER_ES)])
def test_each_form_renders_with_its_source_and_licence(client: Client, measure_id: str,
                                                       prefix: str, disclaimer: str) -> None:
    response = client.get(f"{prefix}/progress/measures/{measure_id}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert disclaimer in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "<fieldset" in html and "<legend>" in html
    assert 'id="source-heading"' in html


def test_the_nprs_is_0_to_10_radio_buttons_with_the_end_labels(client: Client) -> None:
    html = client.get("/progress/measures/nprs/").content.decode()
    values = re.findall(r'<input type="radio" id="pain-(\d+)" name="pain"', html)
    assert values == [str(n) for n in range(11)]
    text = visible(html)
    assert "0 No pain at all" in text
    assert "10 The worst pain you can imagine" in text
    assert "public domain" in text


def test_an_nprs_answer_is_saved_and_shown(client: Client, device: str) -> None:
    response = client.post("/progress/measures/nprs/", {"pain": "6"})
    assert response.status_code == 302 and response["Location"] == "/progress/"
    saved = MeasureResponse.objects.get(device=device)
    assert (saved.measure, saved.score) == ("nprs", 6.0)
    text = visible(client.get("/progress/").content.decode())
    assert "Thank you: your answers to Pain over the last week are saved." in text


def test_a_missing_answer_is_a_400_beside_the_question(client: Client, device: str) -> None:
    response = client.post("/progress/measures/nprs/", {})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="pain-error"' in html and 'href="#question-pain"' in html
    assert "Choose an answer to this question." in visible(html)
    assert not MeasureResponse.objects.exists()


@pytest.mark.parametrize("value", ["11", "-1", "ten"])
def test_a_value_off_the_scale_is_a_400_naming_the_question(client: Client, value: str) -> None:
    response = client.post("/progress/measures/nprs/", {"pain": value})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="pain-error"' in html
    assert not MeasureResponse.objects.exists()


def test_a_second_nprs_in_a_week_is_refused(client: Client, device: str) -> None:
    measure(device, "nprs", 5, weeks_ago(0, 3))
    page = client.get("/progress/measures/nprs/").content.decode()
    assert "It is asked once a week: next on" in visible(page)
    assert 'name="pain"' not in page
    response = client.post("/progress/measures/nprs/", {"pain": "4"})
    assert response.status_code == 400
    assert MeasureResponse.objects.filter(device=device).count() == 1


def test_psfs_rerates_the_same_activities(client: Client, device: str) -> None:
    measure(device, "psfs", 3.5, weeks_ago(2), answers={
        "activity-1": {"activity": "Putting on socks", "rating": 3},
        "activity-2": {"activity": "Carrying shopping", "rating": 4}})
    html = client.get("/progress/measures/psfs/").content.decode()
    assert 'name="activity-1-activity" maxlength="80" value="Putting on socks"' in html
    assert 'name="activity-2-activity" maxlength="80" value="Carrying shopping"' in html
    assert 'name="activity-3-activity" maxlength="80" value=""' in html
    response = client.post("/progress/measures/psfs/", {
        "activity-1-activity": "Putting on socks", "activity-1-rating": "6",
        "activity-2-activity": "Carrying shopping", "activity-2-rating": "7",
        "activity-3-activity": "", })
    assert response.status_code == 302
    latest = MeasureResponse.objects.filter(device=device).order_by("-taken_at").first()
    assert latest.score == 6.5


def test_a_psfs_activity_without_a_rating_is_a_400_and_keeps_the_names(client: Client) -> None:
    response = client.post("/progress/measures/psfs/", {
        "activity-1-activity": "Tying shoes", "activity-1-rating": "2",
        "activity-2-activity": "Gardening"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="activity-2-error"' in html and 'id="activity-1-error"' not in html
    assert 'value="Tying shoes"' in html and 'value="Gardening"' in html
    assert re.search(r'id="activity-1-rating-2" name="activity-1-rating" value="2" checked', html)
    assert "Rate this activity from 0 to 10." in visible(html)


def test_psfs_needs_one_activity(client: Client) -> None:
    response = client.post("/progress/measures/psfs/", {})
    assert response.status_code == 400
    assert 'id="activity-1-error"' in response.content.decode()


def test_an_activity_name_too_long_is_named_by_the_core(client: Client) -> None:
    response = client.post("/progress/measures/psfs/", {
        "activity-1-activity": "x" * 81, "activity-1-rating": "2"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="activity-1-error"' in html and "80" in visible(html)


@pytest.mark.parametrize(("answers", "stratum"), [(START_BACK_LOW, "low"),
                                                   (START_BACK_HIGH, "high")])
def test_start_back_is_scored_and_said_plainly(client: Client, device: str,
                                               answers: dict[str, str], stratum: str) -> None:
    response = client.post("/progress/measures/start-back/", answers)
    assert response.status_code == 302
    assert MeasureResponse.objects.get(device=device).stratum == stratum
    page = client.get("/progress/").content.decode()
    section = re.search(r'<section class="start-back".*?</section>', page, re.S).group(0)
    assert "risk" not in visible(section).lower()


def test_start_back_keeps_its_english_items_in_spanish(client: Client) -> None:
    html = client.get("/es/progress/measures/start-back/").content.decode()
    assert html.count('<fieldset id="question-q') == 9
    assert html.count(' lang="en">') >= 9
    assert 'class="status-note wording-note"' in html
    assert "© Keele University 01/08/07" in html


def test_an_unknown_measure_is_a_404(client: Client) -> None:
    assert client.get("/progress/measures/oswestry/").status_code == 404
    assert client.post("/progress/measures/oswestry/", {"x": "1"}).status_code == 404


def test_a_new_browser_gets_a_device_with_its_first_answer() -> None:
    browser = Client()
    response = browser.post("/progress/measures/nprs/", {"pain": "4"})
    assert response.status_code == 302
    assert "backcare_device" in response.cookies
    assert MeasureResponse.objects.get().device == response.cookies["backcare_device"].value
