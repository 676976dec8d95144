"""The demo SVG endpoint and the gallery page (views_demos), behind a test URL conf
that adds the two patterns in front of the site's own."""

from __future__ import annotations

import sys
import types
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from django.test import Client, override_settings
from django.urls import clear_url_caches, include, path

from backcare.catalogue import views_demos

from .conftest import SLUGS

URLCONF = "tests_figures_demo_urls"


@pytest.fixture
def client() -> Iterator[Client]:
    module = types.ModuleType(URLCONF)
    module.urlpatterns = [  # type: ignore[attr-defined]
        path("exercises/demos/", views_demos.gallery, name="demo_gallery"),
        path("exercises/<slug:slug>/demo.svg", views_demos.demo_svg, name="exercise_demo"),
        path("", include("backcare.site.urls")),
    ]
    sys.modules[URLCONF] = module
    with override_settings(ROOT_URLCONF=URLCONF):
        clear_url_caches()
        yield Client()
    clear_url_caches()
    del sys.modules[URLCONF]


@pytest.mark.django_db
def test_demo_svg_is_an_image_with_caching(client: Client) -> None:
    response = client.get("/exercises/bridge/demo.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "max-age=" in response["Cache-Control"] and "public" in response["Cache-Control"]
    root = ET.fromstring(response.content)
    assert root.get("role") == "img" and "Bridge" in root.get("aria-label", "")
    csp = response.get("Content-Security-Policy", "")
    assert "script-src 'self'" in csp or "script-src" not in csp
    assert "'unsafe-inline'" in csp.split("style-src", 1)[1].split(";")[0]


@pytest.mark.django_db
def test_every_exercise_has_its_svg_and_unknown_slugs_are_404(client: Client) -> None:
    for slug in SLUGS:
        assert client.get(f"/exercises/{slug}/demo.svg").status_code == 200
    assert client.get("/exercises/no-such-thing/demo.svg").status_code == 404
    assert client.post("/exercises/bridge/demo.svg").status_code == 405


@pytest.mark.django_db
def test_gallery_shows_every_demo_with_a_description(client: Client) -> None:
    response = client.get("/exercises/demos/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>How each exercise looks</h1>" in html
    for slug in SLUGS:
        assert f'src="/exercises/{slug}/demo.svg"' in html
        assert f'href="/exercises/{slug}/"' in html
    assert html.count('<img class="demo"') == len(SLUGS)
    assert 'alt=""' not in html
