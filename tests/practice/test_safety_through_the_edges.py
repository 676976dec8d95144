"""The condition rules hold on every path a person can take, not only in the planner.

Hypothesis draws a routine and a profile (every set of conditions, with none told and
"other"; floor or not; 1-30 minutes or no limit) and each edge must show a plan that is
safe by the content alone (tests/safety_oracle.py): nothing a given condition excludes,
nothing meant only for a condition not given, every exclusion listed with its reason, no
hold shortened, no exercise below its minimum repetitions, within the time. The edges:

- ``GET /api/timeline`` (no answers: the safe default, no screen needed);
- the player page's embedded timeline (``/routines/<slug>/play/``);
- the terminal player's script (``backcare play``'s programme and its phases);
- the worksheet's text (``/routines/<slug>/worksheet.pdf``, read back with pypdf).

Plus the must-show examples: prone props only with ``conditions=disc``; with osteoporosis
no plan has rotation or flexion; with spondylolisthesis or stenosis none has extension.
"""

from __future__ import annotations

import io
import json
import re
from html import unescape
from typing import Any
from urllib.parse import urlencode

import pypdf
import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcare.catalogue.library import get_library
from backcare.cli.main import build_parser
from backcare.cli.programme import programme
from backcare.content import Library, load_library
from backcare.planning.screen_memory import COOKIE, signed_pass
from backcare.plans import SAFE_DEFAULT, Plan, PlanError, Profile, make_plan, profile_to_params
from backcare.playscript import build_script
from backcare.practice.device import COOKIE as DEVICE_COOKIE

from ..conftest import CONTENT
from ..safety_oracle import allowed, check_safe, conditions_strategy

# The plan and worksheet pages read this device's "hurt last time" marks.
pytestmark = pytest.mark.django_db

LIB = load_library(CONTENT)
DEVICE = "0b3f6a52-2c1e-4d6e-9a57-2f0c1d8e4b11"
CRACK = "dont-crack-your-back"
EDGE = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, Profile]:
    slug = draw(st.sampled_from(sorted(LIB.routines)))
    if draw(st.integers(0, 5)) == 0:
        return slug, SAFE_DEFAULT  # nothing told: the plain "follow along"
    return slug, Profile(
        floor=draw(st.booleans()),
        conditions=draw(conditions_strategy(LIB)),
        bending_worsens_leg_pain=draw(st.none() | st.booleans()),
        minutes=draw(st.none() | st.integers(1, 30)),
    )


def expected(slug: str, profile: Profile) -> Plan | None:
    """The plan the planner makes, or None when it makes none."""
    try:
        return make_plan(LIB, slug, profile)
    except PlanError:
        return None


def whole_doses(slug: str, profile: Profile) -> dict[str, tuple[int, int]]:
    """exercise -> (hold, reps) with no time limit: what a budget may only cut down to
    the exercise's minimum."""
    unlimited = Profile(floor=profile.floor, conditions=profile.conditions,
                        bending_worsens_leg_pain=profile.bending_worsens_leg_pain)
    return {i.exercise.slug: (i.dose.hold_seconds, i.dose.reps)
            for i in make_plan(LIB, slug, unlimited).items}


def check_steps(slug: str, profile: Profile, steps: list[dict[str, Any]],
                left_out: dict[str, str], total: int) -> None:
    """What an edge shows, step by step, is safe for the profile."""
    shown = list(dict.fromkeys(step["exercise"] for step in steps))
    check_safe(LIB, slug, profile, shown, left_out)
    whole = whole_doses(slug, profile)
    for step in steps:
        hold, reps = whole[step["exercise"]]
        assert step["hold_seconds"] == hold  # never shortened
        least = min(LIB.exercises[step["exercise"]].min_reps, reps)
        assert least <= step["reps"] <= reps, (slug, step["exercise"], step["reps"])
    if profile.budget_seconds is not None:
        assert total <= profile.budget_seconds


def screened() -> Client:
    client = Client()
    client.cookies[DEVICE_COOKIE] = DEVICE
    client.cookies[COOKIE] = signed_pass(DEVICE)
    return client


def query(profile: Profile) -> str:
    return "" if profile == SAFE_DEFAULT else urlencode(profile_to_params(profile), safe=",")


# --- the timeline API ----------------------------------------------------------------------

@EDGE
@given(cases())
def test_the_timeline_api_is_safe_for_every_profile(case: tuple[str, Profile]) -> None:
    slug, profile = case
    params = query(profile)
    client = Client() if not params else screened()  # the safe default needs no screen
    response = client.get(f"/api/timeline?routine={slug}" + (f"&{params}" if params else ""))
    plan = expected(slug, profile)
    if plan is None:
        assert response.status_code == 422
        return
    assert response.status_code == 200, response.content[:300]
    body = response.json()
    assert body["plan"] == (params or None)
    left = {item["exercise"]: item["reason"] for item in body["left_out"]}
    check_steps(slug, profile, body["steps"], left, body["total_seconds"])


# --- the player page -----------------------------------------------------------------------

def embedded(html: str) -> dict[str, Any]:
    found = re.search(r'<script id="timeline" type="application/json">(.*?)</script>', html, re.S)
    assert found, "the page has no embedded timeline"
    return json.loads(unescape(found.group(1)))


@EDGE
@given(cases())
def test_the_player_page_plays_only_what_is_safe(case: tuple[str, Profile]) -> None:
    slug, profile = case
    params = query(profile)
    response = screened().get(f"/routines/{slug}/play/" + (f"?{params}" if params else ""))
    plan = expected(slug, profile)
    if plan is None:
        assert response.status_code == 422
        return
    assert response.status_code == 200
    data = embedded(response.content.decode())
    left = {item["exercise"]: item["reason"] for item in data["left_out"]}
    check_steps(slug, profile, data["steps"], left, data["total_seconds"])
    assert set(data["exercises"]) == {step["exercise"] for step in data["steps"]}


# --- the terminal player -------------------------------------------------------------------

def play_options(profile: Profile) -> list[str]:
    options: list[str] = []
    if profile.minutes is not None:
        options += ["--minutes", str(profile.minutes)]
    if not profile.floor:
        options.append("--no-floor")
    for name in sorted(profile.conditions or ()):
        options += ["--condition", name]
    if profile.bending_worsens_leg_pain is not None:
        options.append("--bending-worsens-leg-pain" if profile.bending_worsens_leg_pain
                       else "--no-bending-worsens-leg-pain")
    return options


@EDGE
@given(cases())
def test_the_terminal_player_script_is_safe(case: tuple[str, Profile]) -> None:
    slug, profile = case
    args = build_parser().parse_args(["play", slug, *play_options(profile)])
    plan = expected(slug, profile)
    if plan is None:
        with pytest.raises(Exception, match="suits you|needs at least"):
            programme(LIB, args)
        return
    prog = programme(LIB, args)
    steps = [{"exercise": s.exercise, "hold_seconds": s.hold_seconds, "reps": s.reps}
             for s in prog.timeline.steps]
    # what it says it left out, before starting: each left-out exercise, with why
    said = " ".join(prog.changes)
    left = {item.exercise: item.reason for item in plan.left_out}
    for item in plan.left_out:
        assert item.why in said and (item.exercise in said
                                     or LIB.exercises[item.exercise].name in said)
    check_steps(slug, profile, steps, left, prog.timeline.total_seconds)
    # the phases the person lives through (the one play script) hold or move each step for
    # its full time, and add up to the total the plan states
    script = build_script(prog.timeline)
    holds = [p.seconds for p in script.phases if p.kind in ("hold", "move")]
    assert holds == [s.hold_seconds for s in prog.timeline.steps]
    assert script.total_seconds == prog.timeline.total_seconds == plan.total_seconds


# --- the worksheet -------------------------------------------------------------------------

def pdf_text(pdf: bytes) -> str:
    """Every page's text, whitespace collapsed (a phrase wrapped over two lines matches)."""
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages)).strip()


def headings(text: str, library: Library) -> list[str]:
    names = sorted({ex.name for ex in library.exercises.values()}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])\d{1,2}\. (" + "|".join(map(re.escape, names)) + r")(?![\w/])")
    return [m.group(1) for m in pattern.finditer(text)]


@EDGE
@given(cases())
def test_the_worksheet_prints_only_what_is_safe(case: tuple[str, Profile]) -> None:
    slug, profile = case
    params = query(profile)
    response = screened().get(f"/routines/{slug}/worksheet.pdf" + (f"?{params}" if params else ""))
    plan = expected(slug, profile)
    if plan is None:
        assert response.status_code == 400
        return
    assert response.status_code == 200
    text = pdf_text(response.content)
    printed = headings(text, LIB)
    assert printed == [item.exercise.name for item in plan.items]
    names = {ex.name: slug_ for slug_, ex in LIB.exercises.items()}
    assert all(allowed(LIB, names[name], profile) for name in printed)
    for item in plan.left_out:  # each left out, by name, with its reason
        assert f"{LIB.exercises[item.exercise].name}: {item.why}" in text


# --- must show -------------------------------------------------------------------------------

def test_the_plain_timeline_of_dont_crack_your_back_leaves_out_prone_props() -> None:
    body = Client().get(f"/api/timeline?routine={CRACK}").json()
    assert "prone-props" not in {step["exercise"] for step in body["steps"]}
    assert body["plan"] is None
    assert [(i["exercise"], i["reason"]) for i in body["left_out"]] == [
        ("prone-props", "needs-known-condition")]
    assert "disc problem" in body["left_out"][0]["why"]


def test_with_a_disc_problem_the_timeline_has_prone_props() -> None:
    assert Client().get(f"/api/timeline?routine={CRACK}&floor=1&conditions=disc").status_code == 403
    body = screened().get(f"/api/timeline?routine={CRACK}&floor=1&conditions=disc").json()
    assert "prone-props" in {step["exercise"] for step in body["steps"]}
    assert body["left_out"] == []
    body = screened().get(f"/api/timeline?routine={CRACK}&floor=1&diagnosis=disc").json()
    assert "prone-props" in {step["exercise"] for step in body["steps"]}  # the older form


@pytest.mark.parametrize(("condition", "families"), [
    ("osteoporosis", {"rotation", "flexion"}),
    ("spondylolisthesis-or-stenosis", {"extension"}),
])
def test_no_plan_of_any_routine_has_what_the_condition_rules_out(condition: str,
                                                                 families: set[str]) -> None:
    client, library = screened(), get_library()
    for slug in library.routines:
        for floor in ("0", "1"):
            for minutes in ("", "&minutes=2", "&minutes=10"):
                response = client.get(f"/api/timeline?routine={slug}&floor={floor}"
                                      f"&conditions={condition}{minutes}")
                if response.status_code == 422:  # nothing left, or no time: no plan at all
                    continue
                for step in response.json()["steps"]:
                    moves = set(library.exercises[step["exercise"]].movements)
                    assert not moves & families, (slug, step["exercise"])


def test_the_player_page_says_what_the_safe_default_left_out() -> None:
    html = screened().get(f"/routines/{CRACK}/play/").content.decode()
    data = embedded(html)
    assert "prone-props" not in {step["exercise"] for step in data["steps"]}
    assert [i["exercise"] for i in data["left_out"]] == ["prone-props"]
    assert "<strong>Prone props</strong>" in html
    assert f'<a href="/routines/{CRACK}/fit/">Fit this to me</a>' in html


def test_an_exercise_in_the_api_carries_its_movements_minimum_and_precautions() -> None:
    body = Client().get("/api/exercises/prone-props").json()
    assert body["movements"] == ["extension", "lying-on-stomach"]
    assert body["min_reps"] == 1 and body["precautions"]
    assert body["rules"] == {"only_with_conditions": ["disc"], "not_with_conditions": []}
    assert "spondylolisthesis-or-stenosis" in body["left_out_for"]
    bridge = Client().get("/api/exercises/bridge").json()
    assert bridge["min_reps"] == 5 and "loaded" in bridge["movements"]


def test_the_health_conditions_are_listed_with_their_rules_and_sources() -> None:
    body = Client().get("/api/health-conditions").json()
    assert [c["slug"] for c in body] == list(get_library().rules.names)
    for condition in body:
        assert condition["label"] and condition["description"]
        assert all(rule["source"] and rule["why"] for rule in condition["rules"])
