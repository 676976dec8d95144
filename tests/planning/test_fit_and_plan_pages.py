"""/routines/<slug>/fit/ and /routines/<slug>/plan/: the profile form and the plan page."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from backcare.content import Library
from backcare.planning import views_plan

from .conftest import CRACK, FIVE, text_of

PLAN = f"/routines/{FIVE}/plan/"
QUERY = "floor=0&diagnosis=none&minutes=3&pain=4"
QUERY_HTML = QUERY.replace("&", "&amp;")


# --- the gate -----------------------------------------------------------------------------

@pytest.mark.parametrize("url", [f"/routines/{FIVE}/fit/", f"{PLAN}?{QUERY}&skip=bridge"])
def test_without_a_current_screen_both_pages_send_you_to_it(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == "/screen/"
    assert parse_qs(target.query)["next"] == [url]


@pytest.mark.parametrize("url", ["/routines/no-such-routine/fit/",
                                 f"/routines/no-such-routine/plan/?{QUERY}"])
def test_unknown_routines_are_404(screened: Client, url: str) -> None:
    assert screened.get(url).status_code == 404


# --- the profile form ---------------------------------------------------------------------

def test_the_form_asks_each_question_and_says_why(screened: Client, library: Library) -> None:
    response = screened.get(f"/routines/{FIVE}/fit/")
    assert response.status_code == 200
    page, text = response.content.decode(), text_of(response)
    assert f'action="{PLAN}"' in page and 'method="get"' in page
    assert page.count("<fieldset") == 3 and page.count("<legend>") == 3
    assert "floor" in text and "seated version" in text
    for example in ("osteoporosis", "spinal fusion", "recent back surgery", "spondylolisthesis"):
        assert example in text
    assert '<label for="fit-minutes">' in page and '<label for="fit-pain">' in page
    assert 'aria-describedby="fit-minutes-why"' in page and 'id="fit-minutes-why"' in page
    # every exercise of the routine, and each one's seated version, can be left out
    offered = re.findall(r'name="skip" value="([a-z0-9-]+)"', page)
    routine = library.routines[FIVE]
    expected = []
    for item in routine.items:
        alt = library.exercises[item.exercise].seated_alternative
        expected += [s for s in (item.exercise, alt) if s and s not in expected]
    assert offered == expected
    assert not re.search(r"<input[^>]*checked", page)  # nothing chosen for the person
    assert "<script" not in page and "style=" not in page


def test_change_my_answers_prefills_the_form(screened: Client) -> None:
    page = screened.get(f"/routines/{FIVE}/fit/?floor=0&diagnosis=disc&minutes=3&pain=4"
                        "&skip=cat-cow,pelvic-tilt").content.decode()
    checked = set(re.findall(r'<input[^>]*id="([^"]+)"[^>]*checked', page))
    assert checked == {"fit-floor-0", "fit-diagnosis-disc", "fit-skip-cat-cow",
                       "fit-skip-pelvic-tilt"}
    assert re.search(r'id="fit-minutes"[^>]*value="3"', page)
    assert re.search(r'id="fit-pain"[^>]*value="4"', page)


# --- the plan page ------------------------------------------------------------------------

def test_the_plan_page_shows_changes_total_and_steps(screened: Client, library: Library) -> None:
    response = screened.get(f"{PLAN}?{QUERY}")
    assert response.status_code == 200
    page, text = response.content.decode(), text_of(response)
    assert library.routines[FIVE].title in text
    assert "What changed and why" in text
    assert "Pelvic tilt → Seated pelvic tilt" in text  # swaps are named
    assert "Left out so the plan fits in your 3 min" in text
    total = re.search(r'class="plan-total">(\d+) min (\d+) s<', page)
    assert total and int(total.group(1)) * 60 + int(total.group(2)) <= 180
    assert "4 out of 10" in text
    steps = re.findall(r'<span class="step-number">\d+\.</span> <a href="/exercises/([a-z0-9-]+)/">',
                       page)
    assert steps == ["seated-pelvic-tilt", "seated-knee-to-chest", "seated-trunk-rotation",
                     "seated-cat-cow"]
    assert "Hold 30 s, once, each side" in text
    assert f'href="/routines/{FIVE}/play/?{QUERY_HTML}">Start</a>' in page
    assert f'href="/routines/{FIVE}/fit/?{QUERY_HTML}">Change my answers</a>' in page
    assert "general education" in text.lower()
    assert "no-store" in response["Cache-Control"]


def test_prone_props_only_with_a_disc_problem(screened: Client) -> None:
    for diagnosis in ("none", "disc", "other"):
        page = screened.get(f"/routines/{CRACK}/plan/?floor=1&diagnosis={diagnosis}")
        shown = 'href="/exercises/prone-props/"' in page.content.decode()
        assert shown == (diagnosis == "disc"), diagnosis


def test_form_answers_get_one_tidy_shareable_url(screened: Client) -> None:
    response = screened.get(f"{PLAN}?minutes=&pain=&floor=1&diagnosis=none"
                            "&skip=pelvic-tilt&skip=cat-cow")
    assert response.status_code == 302
    assert response["Location"] == f"{PLAN}?floor=1&diagnosis=none&skip=cat-cow,pelvic-tilt"
    page = screened.get(response["Location"]).content.decode()
    assert "Left out because you said it hurts." in page


@pytest.mark.parametrize(("query", "field", "allowed"), [
    ("floor=2&diagnosis=none", "Getting down to the floor", "1 (yes) or 0 (no)"),
    ("diagnosis=none", "Getting down to the floor", "is missing"),
    ("floor=1&diagnosis=maybe", "Diagnosis", "none, disc, other"),
    ("floor=1&diagnosis=none&minutes=0", "Minutes you have", "from 1 to 120"),
    ("floor=1&diagnosis=none&minutes=lots", "Minutes you have", "whole number"),
    ("floor=1&diagnosis=none&pain=11", "Pain today", "from 0 to 10"),
    ("floor=1&diagnosis=none&skip=no-such-exercise", "Exercises to leave out",
     "no-such-exercise"),
    ("floor=1&diagnosis=none&skip=Bad_Slug", "Exercises to leave out", "Bad_Slug"),
])
def test_bad_answers_are_a_400_naming_the_field(screened: Client, query: str, field: str,
                                                  allowed: str) -> None:
    response = screened.get(f"{PLAN}?{query}")
    assert response.status_code == 400
    summary = text_of(response).split("Some answers need another look")[1]
    assert field in summary and allowed in summary
    assert '<form id="fit-form"' in response.content.decode()  # the form, to put it right


def test_too_little_time_explains_and_offers_a_way_back(screened: Client) -> None:
    response = screened.get(f"/routines/{CRACK}/plan/?floor=0&diagnosis=none&minutes=1")
    assert response.status_code == 422
    text, page = text_of(response), response.content.decode()
    assert "needs at least 1 min 5 s" in text
    assert f'href="/routines/{CRACK}/plan/?floor=0&amp;diagnosis=none&amp;minutes=2"' in page
    assert f'href="/routines/{CRACK}/fit/?floor=0&amp;diagnosis=none&amp;minutes=1"' in page
    assert "Try it with 2 minutes" in text


def test_nothing_left_explains_what_was_left_out(screened: Client, library: Library) -> None:
    everything = ",".join(sorted(i.exercise for i in library.routines[FIVE].items))
    response = screened.get(f"{PLAN}?floor=1&diagnosis=none&skip={everything}")
    assert response.status_code == 422
    text = text_of(response)
    assert "Nothing in this routine suits you today" in text
    assert "Left out because you said it hurts." in text


def test_the_plan_page_links_its_own_worksheet(screened: Client) -> None:
    assert views_plan.worksheet_url(FIVE, QUERY) == f"/routines/{FIVE}/worksheet.pdf?{QUERY}"
    page = screened.get(f"{PLAN}?{QUERY}").content.decode()
    assert f'href="/routines/{FIVE}/worksheet.pdf?{QUERY_HTML}">Print worksheet</a>' in page


def test_the_routine_page_offers_fit_this_to_me(client: Client) -> None:
    page = client.get(f"/routines/{FIVE}/").content.decode()
    assert f'href="/routines/{FIVE}/fit/">Fit this to me</a>' in page
