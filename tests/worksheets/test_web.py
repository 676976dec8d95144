"""/routines/<slug>/worksheet.pdf: the routine's worksheet, or the plan's behind the screen."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from backcare.catalogue.library import get_library
from backcare.planning.screen_memory import COOKIE, signed_pass
from backcare.plans import make_plan, profile_from_params
from backcare.practice.device import COOKIE as DEVICE_COOKIE

from .conftest import page_texts, reader
from .test_cli import exercise_headings

# The plan and worksheet pages read this device's "hurt last time" marks.
pytestmark = pytest.mark.django_db

FIVE_MINUTE = "back-pain-relief-stretches-5-minute-real-time-routine"
URL = f"/routines/{FIVE_MINUTE}/worksheet.pdf"
PLAN_QUERY = "floor=0&conditions=none-known&minutes=3"

DEVICE = "0b3f6a52-2c1e-4d6e-9a57-2f0c1d8e4b11"  # this test browser's device id


@pytest.fixture
def screened(client: Client) -> Client:
    """A device that has just passed the red-flag screen."""
    client.cookies[DEVICE_COOKIE] = DEVICE
    client.cookies[COOKIE] = signed_pass(DEVICE)
    return client


def test_the_url_has_its_name() -> None:
    assert reverse("worksheets:routine_pdf", args=[FIVE_MINUTE]) == URL


def test_a_routine_worksheet_needs_the_screen_like_the_player(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/screen/"


def test_routine_worksheet_is_an_inline_pdf(screened: Client) -> None:
    response = screened.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'inline; filename="{FIVE_MINUTE}-worksheet-a4.pdf"')
    assert response.content.startswith(b"%PDF-")
    assert int(response["Content-Length"]) == len(response.content)
    etag = response["ETag"]
    assert re.fullmatch(r'"ws\d+-en-[0-9a-f]{16}-' + FIVE_MINUTE + r'-a4"', etag)
    assert "private" in response["Cache-Control"]  # after the screen: this device's own
    library = get_library()
    text = " ".join(page_texts(response.content))
    for item in library.dosed(library.routines[FIVE_MINUTE]):
        assert item.exercise.name in text


def test_with_nothing_known_the_worksheet_is_the_safe_default(screened: Client) -> None:
    response = screened.get("/routines/dont-crack-your-back/worksheet.pdf")
    assert response.status_code == 200
    text = " ".join(page_texts(response.content))
    assert "1. Bridge" in text and "6. Prone props" not in text and "5. Prone props" not in text
    assert "Prone props: Left out because it is only for people who know they have a disc problem" in text


def test_the_pdf_has_no_csp_but_the_pages_keep_theirs(screened: Client) -> None:
    # Chrome's PDF viewer can show a blank page under default-src 'none'
    assert "Content-Security-Policy" not in screened.get(URL)
    assert "default-src 'none'" in screened.get(f"/routines/{FIVE_MINUTE}/")["Content-Security-Policy"]
    assert screened.get(URL)["X-Content-Type-Options"] == "nosniff"


def test_same_worksheet_same_etag_and_304(screened: Client) -> None:
    first = screened.get(URL)
    again = screened.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert again.content == b""


def test_letter_is_another_worksheet(screened: Client) -> None:
    a4 = screened.get(URL)
    letter = screened.get(URL + "?paper=letter")
    assert letter.status_code == 200
    assert letter["Content-Disposition"].endswith('-worksheet-letter.pdf"')
    assert letter["ETag"] != a4["ETag"]
    box_a4 = reader(a4.content).pages[0].mediabox
    box_letter = reader(letter.content).pages[0].mediabox
    assert (box_a4.width, box_a4.height) != (box_letter.width, box_letter.height)
    assert round(float(box_letter.width)) == 612


@pytest.mark.parametrize(("query", "field"), [
    ("paper=a3", "paper"),
    (f"{PLAN_QUERY}&minutes=lots", "minutes"),
    ("floor=2&conditions=none-known", "floor"),
    ("floor=1&diagnosis=back", "diagnosis"),
    ("conditions=none-known", "floor"),
    ("floor=1&conditions=none-known&pain=11", "pain"),
    ("floor=1&conditions=none-known&skip=made-up", "skip"),
])
def test_bad_parameters_are_400_naming_the_field(screened: Client, query: str, field: str) -> None:
    response = screened.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert f"{field}:" in response.content.decode()


def test_a_plan_with_nothing_left_is_400(screened: Client) -> None:
    library = get_library()
    routine = library.routines[FIVE_MINUTE]
    everything = {i.exercise for i in routine.items}
    everything |= {library.exercises[s].seated_alternative or s for s in everything}
    response = screened.get(f"{URL}?floor=1&conditions=none-known&skip={','.join(sorted(everything))}")
    assert response.status_code == 400
    assert "plan: Nothing in this routine suits you today" in response.content.decode()


def test_unknown_routine_is_404(client: Client) -> None:
    assert client.get("/routines/no-such-routine/worksheet.pdf").status_code == 404
    assert client.get("/routines/no-such-routine/worksheet.pdf?floor=1").status_code == 404


def test_post_is_not_allowed(client: Client) -> None:
    assert client.post(URL).status_code == 405


def test_plan_worksheet_without_the_screen_goes_to_the_screen(client: Client) -> None:
    response = client.get(f"{URL}?{PLAN_QUERY}")
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == "/screen/"
    assert parse_qs(target.query)["next"] == [f"{URL}?{PLAN_QUERY}"]


def test_a_forged_screen_cookie_is_not_enough(client: Client) -> None:
    client.cookies[DEVICE_COOKIE] = DEVICE
    client.cookies[COOKIE] = "unsigned:" + DEVICE
    assert client.get(f"{URL}?{PLAN_QUERY}").status_code == 302


def test_plan_worksheet_after_the_screen(screened: Client) -> None:
    response = screened.get(f"{URL}?{PLAN_QUERY}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'inline; filename="{FIVE_MINUTE}-plan-worksheet-a4.pdf"')
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert "-plan-" in response["ETag"]
    library = get_library()
    plan = make_plan(library, FIVE_MINUTE,
                     profile_from_params({"floor": "0", "conditions": "none-known", "minutes": "3"}))
    expected = [f"{n}. {item.exercise.name}" for n, item in enumerate(plan.items, start=1)]
    assert exercise_headings(response.content, library) == expected
    assert "Fitted for you" in " ".join(page_texts(response.content))


def test_skip_may_be_repeated_or_comma_separated(screened: Client) -> None:
    joined = screened.get(f"{URL}?floor=1&conditions=none-known&skip=cat-cow,childs-pose")
    repeated = screened.get(f"{URL}?floor=1&conditions=none-known&skip=childs-pose&skip=cat-cow")
    assert joined.status_code == repeated.status_code == 200
    assert joined["ETag"] == repeated["ETag"]
    text = " ".join(page_texts(joined.content))
    assert "Exercises to leave out: Cat/cow, Child's pose" in text


def test_the_routine_page_links_to_its_worksheet(client: Client) -> None:
    html = client.get(f"/routines/{FIVE_MINUTE}/").content.decode()
    assert f'href="{URL}">Print worksheet</a>' in html


@pytest.fixture
def back_to_english() -> Iterator[None]:
    """Django keeps the language a request activated for the rest of the thread: put it
    back, so later tests speak English."""
    yield
    translation.deactivate()


@pytest.mark.usefixtures("back_to_english")
def test_the_spanish_worksheet_is_spanish(screened: Client) -> None:
    response = screened.get(f"/es{URL}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{FIVE_MINUTE}-worksheet-a4.pdf"'
    assert re.fullmatch(r'"ws\d+-es-[0-9a-f]{16}-' + FIVE_MINUTE + r'-a4"', response["ETag"])
    assert response["ETag"] != screened.get(URL)["ETag"]
    text = " ".join(page_texts(response.content))
    spanish = get_library().in_language("es")
    assert spanish.routines[FIVE_MINUTE].title.split(":")[0] in text
    for phrase in ("hoja para imprimir", "Tiempo total 5 min 29 s · 6 ejercicios",
                   "Registro de dos semanas", "Pide ayuda ya si…", "Página 1 de"):
        assert phrase in text, phrase
    for phrase in ("Total time", "Two-week log", "Get help now if", "each side", "Page 1 of"):
        assert phrase not in text, phrase
    plan = screened.get(f"/es{URL}?{PLAN_QUERY}")
    assert plan.status_code == 200
    fitted = " ".join(page_texts(plan.content))
    assert "Adaptada para ti" in fitted and "Minutos que tienes: 3 min" in fitted
    assert "Fitted for you" not in fitted and "Left out" not in fitted
    bad = screened.get(f"/es{URL}?paper=a3")
    assert bad.status_code == 400
    assert bad.content.decode().startswith("No se puede preparar esta hoja. paper: debe ser uno de")
