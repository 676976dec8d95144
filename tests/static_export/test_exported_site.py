"""The static export holds every public page, demo, API read and static file, each byte for
byte what the server sends, and its links work from a plain file server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client

from backcare.content import Library
from backcare.static_export import MANIFEST, ExportReport, Manifest, file_for
from backcare.static_export.links import site_links
from backcare.static_export.nginx import http_block
from backcare.static_export.site_map import (
    API_READS,
    DYNAMIC,
    FILES,
    PAGES,
    dynamic_part,
    is_dynamic,
    url_names,
)
from backcare.vocabulary import DEFAULT_LANGUAGE, LANGUAGES, gettext, use

from .conftest import ORIGIN, files_under

#: The parts of the site exported pages link to that stay on the app servers (by URL name).
DYNAMIC_LINKS = {
    "choose_language",  # the language switcher: remembers the choice in a cookie
    "practice:history",  # "My sessions"
    "planning:fit",  # "Fit this to me"
    "practice:play_routine",  # "Follow along": behind the safety screen
    "worksheets:routine_pdf",  # "Print worksheet": behind the safety screen
    "accounts:home",  # "My account"
    "progress:progress",  # "My progress"
}


def prefix(language: str) -> str:
    return "" if language == DEFAULT_LANGUAGE else f"/{language}"


def _body(response: object) -> bytes:
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        response.close()  # type: ignore[attr-defined]
        return body
    return bytes(response.content)  # type: ignore[attr-defined]


def test_every_public_page_demo_api_read_and_static_file_is_written(
        exported: ExportReport, library: Library) -> None:
    urls = {entry.url for entry in exported.manifest.entries}
    for language in LANGUAGES:
        at = prefix(language)
        expected = {f"{at}/", f"{at}/exercises/", f"{at}/exercises/demos/", f"{at}/disclaimer/"}
        expected |= {f"{at}/{slug}/" for slug in library.conditions}
        expected |= {f"{at}/routines/{slug}/" for slug in library.routines}
        expected |= {f"{at}/exercises/{slug}/" for slug in library.exercises}
        expected |= {f"{at}/exercises/{slug}/demo.svg" for slug in library.exercises}
        # the lists are 10 exercises and 3 routines a page here: the later pages are found
        expected |= {f"{at}/exercises/?page=2", f"{at}/exercises/?page=3", f"{at}/back-pain/?page=3"}
        expected |= {f"/api/routines?lang={language}", f"/api/exercises?lang={language}",
                     f"/api/health-conditions?lang={language}", f"/api/screen?lang={language}"}
        expected |= {f"/api/routines/{slug}?lang={language}" for slug in library.routines}
        expected |= {f"/api/exercises/{slug}?lang={language}" for slug in library.exercises}
        expected |= {f"/api/screen?routine={slug}&lang={language}" for slug in library.routines}
        assert expected <= urls, sorted(expected - urls)[:10]
    assert {"/api/routines", "/api/exercises", "/static/catalogue/site.css",
            "/static/practice/player.js", "/404.html", "/es/404.html"} <= urls
    assert f"/exercises/?page={-(-len(library.exercises) // 10) + 1}" not in urls  # no page 4
    on_disk = files_under(exported.folder)
    assert {entry.file for entry in exported.manifest.entries} | {MANIFEST} == on_disk
    assert exported.manifest.complete


def test_each_exported_file_is_byte_for_byte_what_the_server_sends(
        exported: ExportReport, client: Client) -> None:
    different = []
    for entry in exported.manifest.entries:
        response = client.get(entry.url)
        body = _body(response)
        on_disk = (exported.folder / entry.file).read_bytes()
        if response.status_code != entry.status or body != on_disk:
            different.append((entry.url, response.status_code, len(body), len(on_disk)))
        assert response.get("Content-Type") == entry.content_type, entry.url
    assert not different, different[:5]
    assert len(exported.manifest.entries) > 250


def test_links_in_exported_pages_find_a_file_or_a_named_dynamic_part(
        exported: ExportReport) -> None:
    urls = {entry.url for entry in exported.manifest.entries}
    unresolved: list[tuple[str, str]] = []
    dynamic_seen: set[str] = set()
    checked = 0
    for entry in exported.manifest.entries:
        if not entry.file.endswith(".html"):
            continue
        for link in site_links((exported.folder / entry.file).read_bytes(), entry.url, ORIGIN):
            checked += 1
            if link in urls:
                assert (exported.folder / str(file_for(link))).is_file()
                continue
            name = dynamic_part(link)
            if name in DYNAMIC_LINKS:
                dynamic_seen.add(name)
            else:
                unresolved.append((entry.url, link))
    assert not unresolved, unresolved[:10]
    assert checked > 1000
    # the parts every routine page links to are among them (the list is not stale)
    assert {"planning:fit", "practice:play_routine", "worksheets:routine_pdf"} <= dynamic_seen


def test_spanish_pages_are_under_es_in_spanish(exported: ExportReport, library: Library) -> None:
    folder = exported.folder
    with use("es"):
        finder = gettext("Exercise finder")
    assert finder != "Exercise finder"
    for page in ("es/index.html", "es/back-pain/index.html", "es/exercises/index.html",
                 *(f"es/routines/{slug}/index.html" for slug in library.routines)):
        html = (folder / page).read_text(encoding="utf-8")
        assert '<html lang="es">' in html and finder in html, page
    english = (folder / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in english and finder not in english
    spanish = library.in_language("es")
    routines = json.loads((folder / "api/routines.lang=es.json").read_text(encoding="utf-8"))
    assert [r["title"] for r in routines] == [r.title for r in spanish.routines.values()]
    assert any(r.title != spanish.routines[r.slug].title for r in library.routines.values())


def test_every_url_name_is_either_exported_or_named_as_dynamic() -> None:
    names = set(url_names())
    exported_names = set(PAGES) | set(FILES) | set(API_READS)
    assert not exported_names & set(DYNAMIC)
    assert {n for n in names - exported_names if not is_dynamic(n)} == set(), \
        "classify the new URL names"
    assert exported_names | set(DYNAMIC) <= names  # no stale names either


@pytest.mark.parametrize(("url", "file"), [
    ("/", "index.html"),
    ("/es/routines/x/", "es/routines/x/index.html"),
    ("/exercises/?page=2", "exercises/index.page=2.html"),
    ("/exercises/x/demo.svg", "exercises/x/demo.svg"),
    ("/api/routines", "api/routines.json"),
    ("/api/routines/x?lang=es", "api/routines/x.lang=es.json"),
    ("/api/screen?routine=x&lang=es", "api/screen.routine=x&lang=es.json"),
    ("/static/catalogue/site.css", "static/catalogue/site.css"),
])
def test_each_url_has_one_file_a_file_server_can_find(url: str, file: str) -> None:
    assert str(file_for(url)) == file


@pytest.mark.parametrize("url", ["/exercises/?kind=a b", "/../x", "/x/.hidden", "/x.svg?v=1",
                                 "relative/"])
def test_urls_that_cannot_be_files_are_refused(url: str) -> None:
    with pytest.raises(ValueError):
        file_for(url)


def test_the_nginx_configuration_maps_each_query_the_export_holds(exported: ExportReport) -> None:
    manifest = Manifest.from_json((exported.folder / MANIFEST).read_text(encoding="utf-8"))
    config = http_block(Path(exported.folder), manifest, "127.0.0.1:8080", app="127.0.0.1:8000")
    assert '"page=2" "index.page=2.html";' in config
    assert '"lang=es" ".lang=es.json";' in config
    assert '"" ".json";' in config and '"" "index.html";' in config
    assert "image/svg+xml svg;" in config and "proxy_pass http://127.0.0.1:8000;" in config
