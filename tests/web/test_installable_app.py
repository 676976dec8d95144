"""backcare installs as a web app: a manifest, icons, a service worker served from the root
with the right types and caching, and an offline page in every language (issue #13)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from PIL import Image

from backcare.site import installable
from backcare.site.front_door import FrontDoor

from .test_front_door import Counted, get

pytestmark = pytest.mark.django_db
FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"


@pytest.fixture(autouse=True)
def _fresh_worker() -> Any:
    installable.forget_builds()
    yield
    installable.forget_builds()


def build_of(body: bytes) -> dict[str, Any]:
    line = next(line for line in body.decode().splitlines() if line.startswith("const BUILD = "))
    return dict(json.loads(line.removeprefix("const BUILD = ").removesuffix(";")))


def test_the_manifest_names_the_app_and_its_icons(client: Client) -> None:
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert (manifest["name"], manifest["short_name"]) == ("backcare", "backcare")
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == ("/", "/", "standalone")
    css = (Path(installable.__file__).parents[1] / "catalogue/static/catalogue/site.css").read_text()
    assert f"--accent: {manifest['theme_color']};" in css
    assert f"--bg: {manifest['background_color']};" in css
    purposes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= purposes
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.status_code == 200, icon["src"]
        assert image["Content-Type"] == icon["type"] == "image/png"
        with Image.open(io.BytesIO(b"".join(image.streaming_content))) as png:  # type: ignore[attr-defined]
            assert png.format == "PNG"
            assert f"{png.width}x{png.height}" == icon["sizes"]


def test_the_service_worker_is_served_from_the_root_and_never_kept_stale(client: Client) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == "text/javascript"
    assert response["Cache-Control"] == "no-cache"
    assert response["Service-Worker-Allowed"] == "/"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    build = build_of(response.content)
    assert re.fullmatch(r"[0-9a-f]{16}", build["version"])
    for url in ("/static/practice/player.js", "/static/practice/sessions.js",
                "/static/practice/session_queue.js", "/static/practice/player.css",
                "/static/catalogue/site.css"):
        assert url in build["static"], url
    assert build["offline"] == {"en": "/offline/", "es": "/es/offline/"}
    for url in build["static"]:
        assert client.get(url).status_code == 200, url
    # An unchanged worker is a 304 to the browser's check.
    again = client.get("/sw.js", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again["Cache-Control"] == "no-cache"


def test_new_content_is_a_new_worker_even_through_the_caches(
        monkeypatch: pytest.MonkeyPatch) -> None:
    door = FrontDoor(Counted(), 64 * 1024 * 1024)
    status, headers, first = get(door, "/sw.js")
    assert status == "200 OK" and headers["Cache-Control"] == "no-cache"
    assert get(door, "/sw.js")[2] == first
    monkeypatch.setattr(installable, "content_hash", lambda: "content-after-a-deploy")
    monkeypatch.setattr("backcare.site.response_cache.content_hash", lambda: "content-after-a-deploy")
    _, _, after = get(door, "/sw.js")
    assert build_of(after)["version"] != build_of(first)["version"]


def test_a_changed_player_file_is_a_new_worker(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    before = build_of(Client().get("/sw.js").content)["version"]
    files = installable.precached_files()
    changed = tmp_path / "player.js"
    changed.write_text("// another player\n")
    monkeypatch.setattr(installable, "precached_files",
                        lambda: [(name, changed if name == "practice/player.js" else path)
                                 for name, path in files])
    installable.forget_builds()
    assert build_of(Client().get("/sw.js").content)["version"] != before


def test_every_page_links_the_manifest_and_starts_the_worker(client: Client) -> None:
    html = client.get("/back-pain/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<meta name="theme-color" content="#0a615c">' in html
    assert 'rel="apple-touch-icon" href="/static/catalogue/icons/apple-touch-icon.png"' in html
    assert '<script type="module" src="/static/practice/offline.js"></script>' in html
    assert client.get("/static/catalogue/icons/apple-touch-icon.png").status_code == 200


@pytest.mark.parametrize(("url", "lang", "home"), [("/offline/", "en", "/"),
                                                   ("/es/offline/", "es", "/es/")])
def test_the_offline_page_is_in_the_page_language(client: Client, url: str, lang: str,
                                                  home: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert f'href="{home}"' in html
    assert "set-cookie" not in {name.lower() for name in response.headers}


@pytest.mark.parametrize(("prefix"), ["", "/es"])
def test_routines_carry_a_hidden_available_offline_mark(client: Client, prefix: str) -> None:
    play = f"{prefix}/routines/{FIVE}/play/"
    routine = client.get(f"{prefix}/routines/{FIVE}/").content.decode()
    assert re.search(rf'<p class="offline-mark" data-offline-url="{play}" hidden>', routine)
    listing = client.get(f"{prefix}/back-pain/").content.decode()
    assert f'data-offline-url="{play}" hidden>' in listing


def test_the_worker_source_has_its_build_line() -> None:
    assert installable.BUILD_LINE in installable.SOURCE.read_text()
