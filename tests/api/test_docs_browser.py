"""The API docs page in a real chromium: it renders under our CSP, from our own server only."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread

CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
def test_swagger_page_renders_without_csp_violations_or_foreign_requests(live_server: Any) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    foreign: list[str] = []
    console: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM),
                                     args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))

            def guard(route: Any) -> None:
                if route.request.url.startswith(live_server.url):
                    route.continue_()
                else:
                    foreign.append(route.request.url)
                    route.abort()

            page.route("**/*", guard)
            page.goto(f"{live_server.url}/api/docs")
            page.wait_for_selector("#swagger-ui .info .title", timeout=15_000)
            assert "backcare API" in page.inner_text("#swagger-ui .info .title")
            assert page.locator(".opblock").count() == 5  # one block per endpoint
        finally:
            browser.close()
    assert not foreign, f"third-party requests: {foreign}"
    assert not [c for c in console if "Content Security Policy" in c], console
