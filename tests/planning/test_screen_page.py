"""/screen/: the red-flag questions on the web. No "yes" is ever remembered or planned past."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from backcare.plans import QUESTIONS, SOURCES
from tests.page_scripts import only_our_scripts

from .conftest import ALL_NO, CRACK, NOT_URGENT, URGENT, text_of

# The plan and worksheet pages read this device's "hurt last time" marks.
pytestmark = pytest.mark.django_db

PLAN_URL = f"/routines/{CRACK}/plan/?floor=1&conditions=none-known"


def test_every_question_is_a_fieldset_with_unchosen_yes_no_radios(client: Client) -> None:
    response = client.get("/screen/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<fieldset") == len(QUESTIONS)
    text = text_of(response)
    for q in QUESTIONS:
        assert q.text in text
        for answer in ("yes", "no"):
            radio = re.search(rf'<input type="radio" id="q-{q.id}-{answer}"[^>]*>', page)
            assert radio, (q.id, answer)
            # Not `required`: an emergency "yes" must be sendable with the rest blank.
            assert "required" not in radio.group(0) and "checked" not in radio.group(0)
            assert f'<label for="q-{q.id}-{answer}">' in page
    assert page.count("<legend>") == len(QUESTIONS)
    for source in SOURCES:
        assert source.split(",")[0] in text  # the guidelines are named in small print
    assert "general education" in text.lower()  # the disclaimer notice, as on every page
    assert "csrfmiddlewaretoken" in page
    assert only_our_scripts(page) and "style=" not in page


def test_a_missing_answer_re_shows_the_form_naming_the_questions(client: Client) -> None:
    answers = dict(ALL_NO)
    del answers[QUESTIONS[0].id], answers[QUESTIONS[4].id]
    answers[QUESTIONS[1].id] = "maybe"  # not yes or no: counts as unanswered
    response = client.post("/screen/", answers)
    assert response.status_code == 400
    assert "backcare_screen" not in response.cookies
    page = response.content.decode()
    summary = text_of(response).split("Please answer every question")[1]
    for q in (QUESTIONS[0], QUESTIONS[1], QUESTIONS[4]):
        assert q.text in summary
        assert f'href="#q-{q.id}-yes"' in page
        assert f'id="q-{q.id}-error"' in page
        assert page.count(f'aria-describedby="q-{q.id}-error"') == 2
    assert f'id="q-{QUESTIONS[2].id}-error"' not in page
    # answers already given stay chosen
    assert re.search(rf'id="q-{QUESTIONS[2].id}-no"[^>]*checked', page)


@pytest.mark.parametrize(("flag", "words"), [
    (NOT_URGENT, ["see a doctor", "before"]),
    (URGENT, ["emergency department", "emergency services"]),
])
def test_a_yes_gives_advice_and_no_plan(client: Client, flag: str, words: list[str]) -> None:
    response = client.post("/screen/", {**ALL_NO, flag: "yes", "next": PLAN_URL})
    assert response.status_code == 200
    assert "backcare_screen" not in response.cookies
    text = text_of(response)
    h1 = re.search(r"<h1>(.*?)</h1>", response.content.decode()).group(1)
    assert h1.startswith("Please get medical care")
    for word in words:
        assert word in text.lower()
    assert next(q.text for q in QUESTIONS if q.id == flag) in text
    page = response.content.decode()
    assert "/plan/" not in page and "/fit/" not in page and "/play/" not in page
    # and the plan still asks for the screen
    again = client.get(PLAN_URL)
    assert again.status_code == 302 and again["Location"].startswith("/screen/?next=")


def test_a_yes_after_an_earlier_all_clear_forgets_it(screened: Client) -> None:
    assert screened.get(PLAN_URL).status_code == 200
    response = screened.post("/screen/", {**ALL_NO, NOT_URGENT: "yes"})
    assert response.status_code == 200
    cookie = response.cookies["backcare_screen"]
    assert cookie.value == "" and cookie["max-age"] == 0
    assert screened.get(PLAN_URL).status_code == 302


def test_all_no_remembers_the_screen_and_goes_on(client: Client) -> None:
    response = client.post("/screen/", {**ALL_NO, "next": PLAN_URL})
    assert response.status_code == 302 and response["Location"] == PLAN_URL
    cookie = response.cookies["backcare_screen"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 24 * 3600
    assert client.get(PLAN_URL).status_code == 200


@pytest.mark.parametrize("bad", [
    "https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)",
    "evil.example", "/\nSet-Cookie:x", "",
])
def test_next_must_be_a_local_path(client: Client, bad: str) -> None:
    response = client.post("/screen/", {**ALL_NO, "next": bad})
    assert response.status_code == 302 and response["Location"] == "/"
    shown = client.get("/screen/", {"next": bad}).content.decode()
    assert 'name="next"' not in shown or bad == ""


def test_the_next_path_is_carried_through_the_form(client: Client) -> None:
    page = client.get("/screen/", {"next": PLAN_URL}).content.decode()
    next_field = ('<input type="hidden" name="next" '
                  'value="/routines/dont-crack-your-back/plan/?floor=1&amp;conditions=none-known">')
    assert next_field in page


def test_the_screen_is_csrf_protected() -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post("/screen/", ALL_NO).status_code == 403
    page = client.get("/screen/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post("/screen/", {**ALL_NO, "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_screen_pages_are_never_cached(client: Client) -> None:
    assert "no-store" in client.get("/screen/")["Cache-Control"]
