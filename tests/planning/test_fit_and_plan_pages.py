"""/routines/<slug>/fit/ and /routines/<slug>/plan/: the profile form and the plan page."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
from django.test import Client

from backcare.content import Library
from backcare.planning import views_plan
from backcare.plans import PlanError, format_duration, make_plan, profile_from_params
from backcare.playscript import build_script
from tests.page_scripts import only_our_scripts

from .conftest import CRACK, FIVE, text_of

# The plan and worksheet pages read this device's "hurt last time" marks.
pytestmark = pytest.mark.django_db

PLAN = f"/routines/{FIVE}/plan/"
QUERY = "floor=0&conditions=none-known&minutes=3&pain=4"
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
    assert page.count("<fieldset") == 4 and page.count("<legend>") == 4
    assert "floor" in text and "seated version" in text
    for example in ("Osteoporosis", "spinal fusion", "Back surgery", "Spondylolisthesis",
                    "hip replacement", "Pregnancy", "None that I know of"):
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
    assert only_our_scripts(page) and "style=" not in page


def test_change_my_answers_prefills_the_form(screened: Client) -> None:
    page = screened.get(f"/routines/{FIVE}/fit/?floor=0&conditions=disc&minutes=3&pain=4"
                        "&skip=cat-cow,pelvic-tilt").content.decode()
    checked = set(re.findall(r'<input[^>]*id="([^"]+)"[^>]*checked', page))
    assert checked == {"fit-floor-0", "fit-condition-disc", "fit-skip-cat-cow",
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
    # the total is the play script's: every get-ready, hold, move and rest the player plays
    plan = make_plan(library, FIVE, profile_from_params(dict(parse_qsl(QUERY))))
    stated = int(total.group(1)) * 60 + int(total.group(2))
    assert stated == plan.total_seconds == build_script(plan.timeline).total_seconds
    assert f'class="plan-total">{format_duration(stated)}<' in page
    assert "4 out of 10" in text
    steps = re.findall(r'<span class="step-number">\d+\.</span> <a href="/exercises/([a-z0-9-]+)/">',
                       page)
    assert steps == ["seated-pelvic-tilt", "seated-knee-to-chest", "seated-forward-bend",
                     "seated-cat-cow"]
    assert "Hold 30 s, once, each side" in text
    assert f'href="/routines/{FIVE}/play/?{QUERY_HTML}">Start</a>' in page
    assert f'href="/routines/{FIVE}/fit/?{QUERY_HTML}">Change my answers</a>' in page
    assert "general education" in text.lower()
    assert "no-store" in response["Cache-Control"]


def test_prone_props_only_with_a_disc_problem(screened: Client) -> None:
    for conditions in ("", "&conditions=none-known", "&conditions=disc",
                       "&conditions=disc,hip-replacement", "&conditions=osteoporosis"):
        page = screened.get(f"/routines/{CRACK}/plan/?floor=1{conditions}")
        assert page.status_code == 200, conditions
        listed = re.findall(r'<span class="step-number">\d+\.</span> <a href="/exercises/([a-z0-9-]+)/">',
                            page.content.decode())
        assert ("prone-props" in listed) == ("disc" in conditions), conditions


def test_the_older_diagnosis_is_read_and_tidied_into_conditions(screened: Client) -> None:
    for diagnosis, conditions in (("none", "none-known"), ("disc", "disc"), ("other", "other")):
        response = screened.get(f"{PLAN}?floor=1&diagnosis={diagnosis}")
        assert response.status_code == 302
        assert response["Location"] == f"{PLAN}?floor=1&conditions={conditions}"


def test_the_form_asks_every_condition_and_the_bending_question(screened: Client,
                                                                 library: Library) -> None:
    page = screened.get(f"/routines/{FIVE}/fit/").content.decode()
    ticks = re.findall(r'<input type="checkbox" id="fit-condition-([a-z-]+)" name="conditions"', page)
    assert ticks == [*library.rules.names, "other", "none-known"]
    for condition in library.rules.conditions:
        assert condition.label in page
    assert "does sitting or bending forward make your leg pain worse?" in page
    assert re.findall(r'name="bending_worsens_leg_pain" value="([01]?)"', page) == ["1", "0", ""]


def test_every_left_out_exercise_is_shown_with_its_reason(screened: Client) -> None:
    nothing_known = text_of(screened.get(f"/routines/{CRACK}/plan/?floor=1"))
    assert "Health conditions Not given" in " ".join(nothing_known.split())
    assert "Left out because it is only for people who know they have a disc problem" in nothing_known
    page = screened.get(f"/routines/{CRACK}/plan/?floor=1").content.decode()
    assert f'<a href="/routines/{CRACK}/fit/?floor=1">Change your answers</a>' in page
    response = screened.get("/routines/10-best-lower-back-exercises/plan/"
                            "?floor=1&conditions=osteoporosis,spinal-surgery")
    assert response.status_code == 200
    text = text_of(response)
    assert text.count("Left out for osteoporosis") + text.count("Left out for back surgery") >= 5
    assert "Ask your surgeon or physical therapist before doing more" in text  # its advice


def test_form_answers_get_one_tidy_shareable_url(screened: Client) -> None:
    response = screened.get(f"{PLAN}?minutes=&pain=&floor=1&conditions=none-known"
                            "&skip=pelvic-tilt&skip=cat-cow")
    assert response.status_code == 302
    assert response["Location"] == f"{PLAN}?floor=1&conditions=none-known&skip=cat-cow,pelvic-tilt"
    page = screened.get(response["Location"]).content.decode()
    assert "Left out because you said it hurts." in page


@pytest.mark.parametrize(("query", "field", "allowed"), [
    ("floor=2&conditions=none-known", "Getting down to the floor", "1 (yes) or 0 (no)"),
    ("conditions=none-known", "Getting down to the floor", "is missing"),
    ("floor=1&diagnosis=maybe", "Diagnosis", "none, disc, other"),
    ("floor=1&conditions=flu", "Health conditions", "flu"),
    ("floor=1&conditions=none-known,disc", "Health conditions", "one or the other"),
    ("floor=1&conditions=none-known&minutes=0", "Minutes you have", "from 1 to 120"),
    ("floor=1&conditions=none-known&minutes=lots", "Minutes you have", "whole number"),
    ("floor=1&conditions=none-known&pain=11", "Pain today", "from 0 to 10"),
    ("floor=1&conditions=none-known&skip=no-such-exercise", "Exercises to leave out",
     "no-such-exercise"),
    ("floor=1&conditions=none-known&skip=Bad_Slug", "Exercises to leave out", "Bad_Slug"),
])
def test_bad_answers_are_a_400_naming_the_field(screened: Client, query: str, field: str,
                                                  allowed: str) -> None:
    response = screened.get(f"{PLAN}?{query}")
    assert response.status_code == 400
    summary = text_of(response).split("Some answers need another look")[1]
    assert field in summary and allowed in summary
    assert '<form id="fit-form"' in response.content.decode()  # the form, to put it right


def test_too_little_time_explains_and_offers_a_way_back(screened: Client, library: Library) -> None:
    profile = profile_from_params({"floor": "0", "conditions": "none-known", "minutes": "1"})
    with pytest.raises(PlanError) as made:
        make_plan(library, CRACK, profile)
    minimum = made.value.minimum_seconds
    assert minimum is not None and 60 < minimum <= 120  # the script's seconds, get-ready and all
    response = screened.get(f"/routines/{CRACK}/plan/?floor=0&conditions=none-known&minutes=1")
    assert response.status_code == 422
    text, page = text_of(response), response.content.decode()
    assert f"needs at least {format_duration(minimum)}" in text
    assert f'href="/routines/{CRACK}/plan/?floor=0&amp;conditions=none-known&amp;minutes=2"' in page
    assert f'href="/routines/{CRACK}/fit/?floor=0&amp;conditions=none-known&amp;minutes=1"' in page
    assert "Try it with 2 minutes" in text


def test_nothing_left_explains_what_was_left_out(screened: Client, library: Library) -> None:
    everything = ",".join(sorted(i.exercise for i in library.routines[FIVE].items))
    response = screened.get(f"{PLAN}?floor=1&conditions=none-known&skip={everything}")
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
