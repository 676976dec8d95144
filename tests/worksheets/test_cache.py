"""Finished worksheets are kept by content hash + routine/plan + paper, and only as long
as the content is the same."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

import backcare.worksheets as worksheets
from backcare.content import Library, load_library
from backcare.plans import make_plan, profile_from_params
from backcare.vocabulary import use
from backcare.worksheets import cache_key, plan_worksheet, routine_worksheet
from backcare.worksheets.cache import LRUCache

from .conftest import page_texts

SLUG = "10-best-lower-back-exercises"  # the longest routine


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each PDF actually rendered, by title; the cache under test starts empty."""
    made: list[str] = []
    real = worksheets.render_pdf

    def counting(sheet, paper, figure):  # noqa: ANN001, ANN202
        made.append(f"{sheet.slug}/{paper}")
        return real(sheet, paper, figure)

    monkeypatch.setattr(worksheets, "render_pdf", counting)
    return made


def fresh_cache() -> LRUCache[worksheets.Worksheet]:
    return LRUCache(max_entries=8, max_bytes=4 * 1024 * 1024, size_of=lambda w: len(w.pdf))


def test_same_content_gives_the_same_object_without_rebuilding(library: Library,
                                                               builds: list[str]) -> None:
    cache = fresh_cache()
    started = time.perf_counter()
    first = routine_worksheet(library, SLUG, cache=cache)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    again = routine_worksheet(library, SLUG, cache=cache)
    warm = time.perf_counter() - started
    assert again is first
    assert builds == [f"{SLUG}/a4"]
    assert cache.stats.hits == 1 and cache.stats.misses == 1
    assert warm < 0.005, f"a cached worksheet took {warm * 1000:.2f} ms"
    assert warm * 20 < cold, f"cached {warm * 1000:.2f} ms vs cold {cold * 1000:.1f} ms"


def test_paper_and_plan_are_part_of_the_key(library: Library, builds: list[str]) -> None:
    cache = fresh_cache()
    a4 = routine_worksheet(library, SLUG, "a4", cache=cache)
    letter = routine_worksheet(library, SLUG, "letter", cache=cache)
    plan = make_plan(library, SLUG, profile_from_params({"floor": "0", "conditions": "none-known"}))
    fitted = plan_worksheet(library, plan, "a4", cache=cache)
    assert len({a4.key, letter.key, fitted.key}) == 3
    assert a4.pdf != letter.pdf != fitted.pdf
    assert plan_worksheet(library, plan, "a4", cache=cache) is fitted
    assert len(builds) == 3
    assert a4.key == cache_key(library, SLUG, "a4")
    assert a4.key.startswith(f"ws{worksheets.LAYOUT_VERSION}-en-{library.content_hash[:16]}-")


def test_the_language_is_part_of_the_key(library: Library, builds: list[str]) -> None:
    cache = fresh_cache()
    english = routine_worksheet(library, SLUG, cache=cache)
    spanish = routine_worksheet(library, SLUG, cache=cache, language="es")
    with use("es"):  # the language in force, when none is given
        assert routine_worksheet(library, SLUG, cache=cache) is spanish
        assert cache_key(library, SLUG, "a4") == spanish.key
    assert english.key != spanish.key and english.pdf != spanish.pdf
    assert spanish.key.startswith(f"ws{worksheets.LAYOUT_VERSION}-es-")
    assert routine_worksheet(library, SLUG, cache=cache) is english
    assert len(builds) == 2
    plan = make_plan(library, SLUG, profile_from_params({"floor": "1", "conditions": "disc"}))
    fitted = {lang: plan_worksheet(library, plan, cache=cache, language=lang)
              for lang in ("en", "es")}
    assert fitted["en"].key != fitted["es"].key
    assert "Fitted for you" in " ".join(page_texts(fitted["en"].pdf))
    assert "Adaptada para ti" in " ".join(page_texts(fitted["es"].pdf))


def test_changed_content_has_a_new_hash_and_is_rebuilt(library: Library, content_copy: Path,
                                                       builds: list[str]) -> None:
    cache = fresh_cache()
    before = load_library(content_copy)
    assert before.content_hash == library.content_hash  # same bytes, same hash
    old = routine_worksheet(before, SLUG, cache=cache)
    assert routine_worksheet(load_library(content_copy), SLUG, cache=cache) is old

    bridge = content_copy / "exercises" / "bridge.yaml"
    bridge.write_text(bridge.read_text(encoding="utf-8").replace(
        "name: Bridge", "name: Hip lift bridge"), encoding="utf-8")
    after = load_library(content_copy)
    assert after.content_hash != before.content_hash
    new = routine_worksheet(after, SLUG, cache=cache)
    assert new is not old and new.key != old.key
    assert builds == [f"{SLUG}/a4", f"{SLUG}/a4"]
    assert "Hip lift bridge" in " ".join(page_texts(new.pdf))
    assert "Hip lift bridge" not in " ".join(page_texts(old.pdf))


def test_content_hash_is_stable_and_sees_every_file(content_copy: Path) -> None:
    first = load_library(content_copy).content_hash
    assert first == load_library(content_copy).content_hash
    assert len(first) == 64
    site = content_copy / "site.yaml"
    site.write_bytes(site.read_bytes() + b"\n# a comment changes the bytes\n")
    assert load_library(content_copy).content_hash != first


def test_a_library_built_in_memory_is_never_cached(library: Library, builds: list[str]) -> None:
    unhashed = Library.build(library.site, dict(library.exercises), dict(library.routines),
                             dict(library.conditions), rules=library.rules)
    assert unhashed.content_hash == ""
    cache = fresh_cache()
    routine_worksheet(unhashed, SLUG, cache=cache)
    routine_worksheet(unhashed, SLUG, cache=cache)
    assert len(builds) == 2 and len(cache) == 0


def test_the_cache_is_bounded_by_entries_and_bytes() -> None:
    cache: LRUCache[bytes] = LRUCache(max_entries=3, max_bytes=100, size_of=len)
    for key in "abcd":
        cache.put(key, b"x" * 10)
    assert len(cache) == 3 and "a" not in cache  # the least recently used went first
    assert cache.get("b") == b"x" * 10            # b is now the most recent
    cache.put("e", b"y" * 10)
    assert "c" not in cache and "b" in cache
    cache.put("big", b"z" * 90)                   # over the byte bound: old ones go
    assert cache.total_bytes <= 100 and "big" in cache
    cache.put("huge", b"z" * 101)                 # bigger than the whole cache: not kept
    assert "huge" not in cache and "big" in cache
    cache.clear()
    assert len(cache) == 0 and cache.total_bytes == 0


def test_the_process_cache_is_bounded(library: Library) -> None:
    assert worksheets.CACHE.max_entries <= 128
    assert worksheets.CACHE.max_bytes <= 32 * 1024 * 1024


def test_worksheets_do_not_import_django(tmp_path: Path) -> None:
    code = (
        "import sys, backcare.worksheets as w;"
        "from backcare.content import load_library;"
        "lib = load_library('content');"
        "assert w.routine_worksheet(lib, 'dont-crack-your-back').pdf.startswith(b'%PDF');"
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')];"
        "assert not bad, bad"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)
