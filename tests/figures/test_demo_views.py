"""The demo SVG endpoint and the gallery page (views_demos), in both languages."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from backcare.catalogue.library import get_library
from backcare.vocabulary import use

from .conftest import SLUGS


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


@pytest.mark.django_db
def test_the_spanish_gallery_links_the_spanish_pages(client: Client) -> None:
    response = client.get("/es/exercises/demos/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "<h1>Cómo se hace cada ejercicio</h1>" in html
    with use("es"):
        names = [get_library().exercises[slug].name for slug in SLUGS]
    for slug, name in zip(SLUGS, names, strict=True):
        assert f'src="/es/exercises/{slug}/demo.svg"' in html
        assert f'href="/es/exercises/{slug}/"' in html
        assert name in html
    assert client.get("/es/exercises/bridge/demo.svg").status_code == 200
