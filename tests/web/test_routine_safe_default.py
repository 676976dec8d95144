"""A routine's page says what "Follow along" plays for someone who has told us nothing:
the safe default's time, and each exercise it leaves out, why, and how to include it."""

from __future__ import annotations

import re
from html import unescape

from backcare.catalogue.templatetags.backcare import about, seconds
from backcare.content import Library
from backcare.plans import safe_default_plan
from backcare.playscript import build_script

CRACK = "dont-crack-your-back"
FIVE_MINUTE = "back-pain-relief-stretches-5-minute-real-time-routine"


def _squash(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _note(html: str) -> str | None:
    """The "left out" note's HTML, or None when the page has none."""
    found = re.search(r'<section class="left-out-note".*?</section>', html, re.S)
    return found.group(0) if found else None


def _card_of(html: str, slug: str) -> str:
    """The routine list's card (the <li>) for one exercise."""
    found = re.search(rf'<li class="card[^"]*">\s*<h3><a href="/exercises/{slug}/">.*?</li>',
                      html, re.S)
    assert found, f"no card for {slug}"
    return found.group(0)


def test_the_routine_page_names_what_the_safe_default_leaves_out(page, library: Library) -> None:
    plan = safe_default_plan(library, CRACK)
    assert [item.exercise for item in plan.left_out] == ["prone-props"]
    p = page(f"/routines/{CRACK}/")
    assert p.status == 200
    note = _note(p.html)
    assert note is not None
    text = _squash(note)
    assert "Left out unless you tell us more" in text
    assert "Prone props" in text and plan.left_out[0].why in text
    assert 'href="/routines/dont-crack-your-back/fit/">Fit this to me</a>' in note
    # It comes before the exercise list, not after it.
    assert p.html.index('class="left-out-note"') < p.html.index('class="phases"')


def test_the_left_out_exercise_stays_in_the_list_marked_as_left_out(page, library: Library) -> None:
    p = page(f"/routines/{CRACK}/")
    props = _card_of(p.html, "prone-props")
    assert "left-out-item" in props
    assert "Not in “Follow along”" in _squash(props)
    assert library.exercises["prone-props"].summary in _squash(props)  # the facts stay
    bridge = _card_of(p.html, "bridge")
    assert "left-out-item" not in bridge and "Not in" not in bridge


def test_the_stated_time_is_the_safe_defaults(page, library: Library) -> None:
    plan = safe_default_plan(library, CRACK)
    assert plan.total_seconds < library.estimated_seconds(CRACK)
    p = page(f"/routines/{CRACK}/")
    facts = _squash(re.search(r'<dl class="facts">.*?</dl>', p.html, re.S).group(0))
    # the play script's total, get-ready phases and all: what "Follow along" takes
    assert plan.total_seconds == build_script(plan.timeline).total_seconds
    assert f"{about(plan.total_seconds)} ({seconds(plan.total_seconds)})" in facts
    assert seconds(library.estimated_seconds(CRACK)) not in facts
    assert f"{len(plan.exercise_slugs)} in “Follow along”" in facts


def test_the_condition_pages_card_gives_the_safe_defaults_time_too(page, library: Library) -> None:
    plan = safe_default_plan(library, CRACK)
    p = page("/back-pain/")
    card = re.search(rf'<article class="card routine-card" aria-labelledby="routine-{CRACK}">.*?</article>',
                     p.html, re.S)
    assert card
    text = _squash(card.group(0))
    assert about(plan.total_seconds) in text
    assert f"{len(plan.exercise_slugs)} exercises" in text
    assert "left out unless you tell us more" in text


def test_a_routine_with_nothing_left_out_has_no_note(page, library: Library) -> None:
    plan = safe_default_plan(library, FIVE_MINUTE)
    assert plan.left_out == ()
    p = page(f"/routines/{FIVE_MINUTE}/")
    assert p.status == 200
    assert _note(p.html) is None
    assert "left-out-item" not in p.html and "Left out unless" not in p.text
    assert seconds(plan.total_seconds) in p.text
