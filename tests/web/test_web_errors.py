"""Not found and server errors: helpful, and never a stack trace."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from backcare.catalogue import context, views


@pytest.mark.parametrize("url", [
    "/no-such-condition/", "/routines/no-such-routine/", "/exercises/no-such-exercise/",
    "/not/a/page/",
])
def test_unknown_pages_get_a_helpful_404(page, library, url: str) -> None:
    p = page(url)
    assert p.status == 404
    assert p.h1 == ["We couldn't find that page"]
    assert "See all conditions and their routines" in p.link_texts("/")
    assert "Open the exercise finder" in p.link_texts("/exercises/")
    assert '<form class="search" role="search" method="get" action="/exercises/#results">' in p.html
    assert library.site.disclaimer_short in p.text


def test_the_500_page_is_plain_and_needs_no_content(monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise AssertionError("the 500 page must not read the library")

    # Patch the names where the views and the context processor look them up.
    monkeypatch.setattr(views, "get_library", broken)
    monkeypatch.setattr(context, "library_or_problems", broken)
    response = views.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert 'href="/"' in html
