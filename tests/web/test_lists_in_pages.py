"""Lists that grow with the library come in pages: a condition's routines (as summaries)
and the exercise finder's results. Every page stays light at ten times the content, links
to the pages around it keeping the filters, and a page that does not exist is a 404 that
says which pages do."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from backcare.catalogue.paging import MAX_PAGE_DIGITS
from backcare.catalogue.templatetags.backcare import about, dose
from backcare.catalogue.views import FIRST_EXERCISES, ROUTINES_PER_PAGE
from backcare.catalogue.views_finder import RESULTS_PER_PAGE
from backcare.content import ExerciseFilter, Library
from backcare.plans import safe_default_plan

from ..content.grown_library import grown

CRACK = "dont-crack-your-back"


@pytest.fixture
def ten_times(library: Library, monkeypatch: pytest.MonkeyPatch) -> Library:
    """The site serves the real library grown ten times (70 routines, 280 exercises)."""
    bigger = grown(library, 10)
    monkeypatch.setattr("backcare.catalogue.library.library_or_problems", lambda: (bigger, ()))
    return bigger


def _cards(html: str) -> dict[str, str]:
    """Each routine summary's HTML, by the routine's slug, in page order."""
    return {m.group(1): m.group(0) for m in re.finditer(
        r'<article class="card routine-card" aria-labelledby="routine-([a-z0-9-]+)">.*?</article>',
        html, re.S)}


OFFLINE_JS = "/static/practice/offline.js"


def _pager_links(p: Any) -> dict[str, str]:
    """Each link's href by its text (the pager's "← Previous page" and "Next page →")."""
    return dict(p.links)


def _weight(client: Client, p: Any) -> int:
    """The page and everything it loads: one stylesheet and the small script that keeps it
    for offline use (no images, frames or other scripts)."""
    sheets = [a["href"] for t, a in p.tags if t == "link" and a.get("rel") == "stylesheet"]
    scripts = [a["src"] for t, a in p.tags if t == "script"]
    assert len(sheets) == 1 and not [a for t, a in p.tags if t in ("img", "iframe")]
    assert scripts == [OFFLINE_JS], scripts
    return len(p.html.encode()) + sum(len(b"".join(client.get(url).streaming_content))
                                      for url in sheets + scripts)


# --- A condition's routines, as summaries -----------------------------------------------------

def test_each_routine_is_summed_up_with_its_time_its_first_exercises_and_a_link(
        page: Callable[[str], Any], library: Library) -> None:
    p = page("/back-pain/")
    cards = _cards(p.html)
    assert list(cards) == list(library.conditions["back-pain"].routines)
    for slug, card in cards.items():
        routine, plan = library.routines[slug], safe_default_plan(library, slug)
        assert p.link_to(f"/routines/{slug}/") == routine.title
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", card))
        assert routine.summary.replace("'", "&#x27;") in text
        assert about(plan.total_seconds) in text  # the play script's total, as the routine's page
        dosed = library.dosed(routine)
        shown = re.findall(r'<li><a href="/exercises/([a-z0-9-]+)/">', card)
        assert shown == [item.exercise.slug for item in dosed[:FIRST_EXERCISES]]
        more = len(dosed) - FIRST_EXERCISES
        assert (f"…and {more} more." in text) == (more > 0)
        for item in dosed:  # a summary, not every dose of every exercise
            assert dose(item.dose, item.exercise) not in text


def test_a_left_out_exercise_further_down_is_counted_in_the_summary(
        page: Callable[[str], Any], library: Library) -> None:
    slugs = [item.exercise for item in library.routines[CRACK].items]
    assert slugs.index("prone-props") >= FIRST_EXERCISES  # it is not among those named
    card = _cards(page("/back-pain/").html)[CRACK]
    assert "Of the rest, 1 is left out unless you tell us more." in card


def test_the_condition_page_comes_in_pages_at_ten_times_the_content(
        client: Client, page: Callable[[str], Any], ten_times: Library) -> None:
    named = list(ten_times.conditions["back-pain"].routines)
    pages = -(-len(named) // ROUTINES_PER_PAGE)
    assert len(named) == 70 and pages == 7
    seen: list[str] = []
    for number in range(1, pages + 1):
        url = "/back-pain/" + (f"?page={number}" if number > 1 else "")
        p = page(url)
        assert p.status == 200
        assert ten_times.site.disclaimer_short in p.text
        assert f"Page {number} of {pages}" in p.text
        cards = list(_cards(p.html))
        assert cards == named[(number - 1) * ROUTINES_PER_PAGE:number * ROUTINES_PER_PAGE]
        seen += cards
        assert _weight(client, p) <= 50 * 1024
        links = _pager_links(p)
        assert links.get("Next page →") == (f"/back-pain/?page={number + 1}" if number < pages else None)
        previous = None if number == 1 else "/back-pain/" if number == 2 else f"/back-pain/?page={number - 1}"
        assert links.get("← Previous page") == previous
    assert seen == named


@pytest.mark.parametrize("value", ["0", "8", "-1", "two", "1.5", " 2", "9" * (MAX_PAGE_DIGITS + 1)])
def test_a_page_the_condition_does_not_have_is_a_404_naming_the_pages_it_has(
        page: Callable[[str], Any], ten_times: Library, value: str) -> None:
    p = page(f"/back-pain/?page={value}")
    assert p.status == 404
    assert "This list has no such page" in p.h1
    assert "this list has pages 1 to 7" in p.text
    assert p.link_to("/back-pain/") == "Go to the first page"
    assert ten_times.site.disclaimer_short in p.text


def test_an_empty_page_value_is_the_first_page(page: Callable[[str], Any]) -> None:
    assert page("/back-pain/?page=").h3 == page("/back-pain/").h3


def test_with_one_page_there_is_no_pager_and_page_2_is_a_404(page: Callable[[str], Any]) -> None:
    assert "Next page" not in page("/back-pain/").text
    p = page("/back-pain/?page=2")
    assert p.status == 404
    assert "this list has only one page" in p.text


def test_the_spanish_pages_page_too(page: Callable[[str], Any], ten_times: Library) -> None:
    p = page("/es/back-pain/?page=2")
    assert p.status == 200
    assert "Página 2 de 7" in p.text
    assert _pager_links(p)["Página siguiente →"] == "/es/back-pain/?page=3"
    missing = page("/es/back-pain/?page=9")
    assert missing.status == 404
    assert "esta lista tiene las páginas de la 1 a la 7" in missing.text


# --- The exercise finder -------------------------------------------------------------------

def _exercise_links(p: Any) -> list[str]:
    return [h for h in p.hrefs() if re.fullmatch(r"/exercises/[a-z0-9-]+/", h)]


def test_the_finder_lists_a_page_of_results_and_counts_them_all(
        page: Callable[[str], Any], ten_times: Library) -> None:
    everything = ten_times.find_exercises(ExerciseFilter())
    assert len(everything) == 280
    first, second = page("/exercises/"), page("/exercises/?page=2")
    assert "280 exercises match" in first.text and "280 exercises match" in second.text
    assert _exercise_links(first) == [f"/exercises/{e.slug}/" for e in everything[:RESULTS_PER_PAGE]]
    assert _exercise_links(second) == [
        f"/exercises/{e.slug}/" for e in everything[RESULTS_PER_PAGE:2 * RESULTS_PER_PAGE]]
    last = page("/exercises/?page=6")
    assert _exercise_links(last) == [f"/exercises/{e.slug}/" for e in everything[5 * RESULTS_PER_PAGE:]]
    assert "Page 6 of 6" in last.text and "Next page →" not in last.text


def test_the_finders_page_links_keep_the_filters(page: Callable[[str], Any],
                                                 ten_times: Library) -> None:
    found = ten_times.find_exercises(ExerciseFilter(no_floor=True, kind="stretch"))
    pages = -(-len(found) // RESULTS_PER_PAGE)
    assert pages >= 2
    p = page("/exercises/?kind=stretch&no_floor=1&page=2")
    assert p.status == 200
    assert f"{len(found)} exercises match" in p.text
    assert _exercise_links(p) == [
        f"/exercises/{e.slug}/" for e in found[RESULTS_PER_PAGE:2 * RESULTS_PER_PAGE]]
    links = _pager_links(p)
    assert links["← Previous page"] == "/exercises/?kind=stretch&no_floor=1"
    if pages > 2:
        assert links["Next page →"] == "/exercises/?kind=stretch&no_floor=1&page=3"
    searched = page("/exercises/?q=stretch&page=2")
    assert _pager_links(searched)["← Previous page"] == "/exercises/?q=stretch"


def test_a_page_past_the_finders_results_is_a_404(page: Callable[[str], Any],
                                                  ten_times: Library) -> None:
    p = page("/exercises/?position=seated&page=40")
    assert p.status == 404
    assert "This list has no such page" in p.h1
    assert p.link_to("/exercises/?position=seated") == "Go to the first page"
    assert page("/exercises/?page=abc").status == 404
    nothing = page("/exercises/?q=nothing+is+called+this")
    assert nothing.status == 200 and "No exercises match" in nothing.text
    assert page("/exercises/?q=nothing+is+called+this&page=2").status == 404


def test_every_finder_page_is_public_and_light(client: Client, page: Callable[[str], Any],
                                               ten_times: Library) -> None:
    for url in ("/exercises/", "/exercises/?page=3", "/exercises/?no_floor=1&page=2"):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, url  # the same for everyone: a shared cache may keep it
        assert not {"private", "no-store"} & set(re.split(r",\s*", response.get("Cache-Control", "")))
        assert _weight(client, page(url)) <= 50 * 1024
