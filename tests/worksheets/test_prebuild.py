"""Every routine's worksheet is made in advance, once per process, and kept: asking for any
of them afterwards, in any language and on any paper, is a cache hit with the same bytes."""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import escape

import pytest
from django.test import Client

import backcare.worksheets as worksheets
from backcare.catalogue.library import get_library
from backcare.content import Library
from backcare.planning.screen_memory import COOKIE, signed_pass
from backcare.plans import make_plan, profile_from_params
from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.printouts import prebuilding
from backcare.vocabulary import LANGUAGES, use
from backcare.worksheets import CACHE, PAPERS, Worksheet, plan_worksheet
from backcare.worksheets.blocks import plain_text
from backcare.worksheets.cache import LRUCache
from backcare.worksheets.default_sheet import default_worksheet
from backcare.worksheets.pdf import _styles
from backcare.worksheets.prebuild import every_sheet, prebuild

SLUG = "10-best-lower-back-exercises"


def fresh_cache(pinned_bytes: int = 8 * 1024 * 1024, entries: int = 8) -> LRUCache[Worksheet]:
    return LRUCache(max_entries=entries, max_bytes=4 * 1024 * 1024,
                    size_of=lambda w: len(w.pdf), max_pinned_bytes=pinned_bytes)


def test_every_routine_in_every_language_and_paper_is_a_hit_with_fresh_bytes(
        library: Library) -> None:
    cache = fresh_cache()
    done = prebuild(library, cache=cache)
    sheets = list(every_sheet(library))
    assert len(sheets) == len(library.routines) * len(LANGUAGES) * len(PAPERS)
    assert done.pinned == len(sheets) and not done.no_sheet and not done.over_budget
    for language, paper, slug in sheets:
        hits, misses = cache.stats.hits, cache.stats.misses
        kept = default_worksheet(library, slug, paper, cache=cache, language=language)
        assert (cache.stats.hits, cache.stats.misses) == (hits + 1, misses), (language, paper,
                                                                              slug)
        fresh = default_worksheet(library, slug, paper, cache=None, language=language)
        assert kept.key == fresh.key and kept.pdf == fresh.pdf, (language, paper, slug)


def test_plans_worksheets_never_push_a_routines_out(library: Library) -> None:
    cache = fresh_cache(entries=2)
    prebuild(library, languages=["en"], papers=["a4"], cache=cache)
    for minutes in (4, 5, 6, 7, 8):  # more personal plans than the cache keeps
        plan = make_plan(library, SLUG, profile_from_params(
            {"floor": "1", "conditions": "none-known", "minutes": str(minutes)}))
        plan_worksheet(library, plan, cache=cache)
    misses = cache.stats.misses
    for slug in library.routines:
        default_worksheet(library, slug, cache=cache, language="en")
    assert cache.stats.misses == misses


def test_the_pinned_worksheets_stay_within_their_budget(library: Library,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    real = worksheets.render_pdf
    monkeypatch.setattr(worksheets, "render_pdf",
                        lambda sheet, paper, figure: made.append(sheet.slug) or real(sheet, paper,
                                                                                      figure))
    cache = fresh_cache(pinned_bytes=200 * 1024)  # room for three or four worksheets
    done = prebuild(library, languages=["en"], papers=["a4"], cache=cache)
    assert 1 <= done.pinned < len(library.routines)
    assert cache.pinned_bytes <= 200 * 1024
    assert done.pinned + len(done.over_budget) == len(library.routines)
    assert len(made) == done.pinned + 1  # nothing more is made once the budget is spent


def test_a_library_without_a_content_hash_prebuilds_nothing(library: Library) -> None:
    unhashed = Library.build(library.site, dict(library.exercises), dict(library.routines),
                             dict(library.conditions), rules=library.rules)
    cache = fresh_cache()
    assert prebuild(unhashed, cache=cache).pinned == 0
    assert len(cache) == 0


@pytest.fixture
def prebuilding_on(settings) -> Iterator[None]:  # noqa: ANN001 (pytest-django's)
    settings.BACKCARE_PREBUILD_WORKSHEETS = True
    prebuilding.forget()
    CACHE.clear()
    yield
    prebuilding.forget()
    CACHE.clear()


@pytest.mark.django_db
def test_the_first_worksheet_request_prebuilds_every_routines(client: Client,
                                                              prebuilding_on: None) -> None:
    device = "0b3f6a52-2c1e-4d6e-9a57-2f0c1d8e4b11"
    client.cookies[DEVICE_COOKIE] = device
    client.cookies[COOKIE] = signed_pass(device)
    library = get_library()
    first = client.get(f"/routines/{SLUG}/worksheet.pdf")
    assert first.status_code == 200
    thread = prebuilding._thread
    assert thread is not None
    thread.join(timeout=120)
    assert not thread.is_alive()
    assert prebuilding.start_once(library) is None  # once per process

    misses = CACHE.stats.misses
    for language, paper, slug in every_sheet(library):
        prefix = "" if language == "en" else f"/{language}"
        response = client.get(f"{prefix}/routines/{slug}/worksheet.pdf?paper={paper}")
        assert response.status_code == 200, (language, paper, slug)
        assert response["ETag"].startswith(f'"ws{worksheets.LAYOUT_VERSION}-{language}-')
    assert CACHE.stats.misses == misses
    assert len(CACHE.pinned()) == len(list(every_sheet(library)))


def test_nothing_is_prebuilt_when_it_is_turned_off(library: Library, settings) -> None:  # noqa: ANN001
    settings.BACKCARE_PREBUILD_WORKSHEETS = False
    prebuilding.forget()
    assert prebuilding.start_once(library) is None
    assert prebuilding._thread is None


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_plain_text_is_set_exactly_as_reportlab_parses_it(library: Library,
                                                          language: str) -> None:
    """The worksheet skips ReportLab's markup parser for plain text: every text the content
    gives it comes out in the very font, size and colour the parser would have given it (the
    parser cuts a text at each ``&amp;``, ``&lt;``, ``&gt;``; ours is one piece)."""
    from reportlab.platypus import Paragraph

    texts = ["a < b & c > d", "  spaced\n  over lines  ", "x"]
    with use(language):
        lib = library.in_language(language)
        texts.append(lib.site.disclaimer_short)
        for ex in lib.exercises.values():
            texts += [ex.name, ex.position_label, *ex.steps, *ex.precautions]
        for routine in lib.routines.values():
            texts += [routine.title, routine.suits, *(p.name for p in routine.phases)]
    for style in _styles().values():
        for text in texts:
            [ours] = plain_text(text, style).frags
            parsed = Paragraph(escape(text), style).frags
            assert ours.text == "".join(f.text for f in parsed), (style.name, text)
            for fragment in parsed:
                assert {**ours.__dict__, "text": ""} == {**fragment.__dict__, "text": ""}
