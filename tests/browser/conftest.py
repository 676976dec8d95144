"""Real chromium, driven by Playwright against pytest-django's live server.

The session's chromium is the `browser` fixture in tests/conftest.py. Without Debian's
chromium the tests skip locally, and fail under CI=true.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest


@contextmanager
def guarded_page(browser: Any, live_server: Any, **options: Any) -> Iterator[Any]:
    """A fresh page in a new context (``options`` for ``browser.new_context``, a 1024x800
    viewport unless told); every request it makes to another origin fails the test."""
    options.setdefault("viewport", {"width": 1024, "height": 800})
    context = browser.new_context(base_url=live_server.url, **options)
    foreign: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith((live_server.url, "data:")):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert not foreign, f"third-party requests were made: {foreign}"


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A fresh page; every request it makes to another origin fails the test."""
    with guarded_page(browser, live_server) as fresh:
        yield fresh


def serious_axe_violations(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]
