"""The API docs page in a real chromium: it renders under our CSP, from our own server only."""

from __future__ import annotations

import json
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_page_renders_without_csp_violations_or_foreign_requests(
    browser: Any, live_server: Any
) -> None:
    context = browser.new_context()
    page = context.new_page()
    foreign: list[str] = []
    console: list[str] = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))

    def guard(route: Any) -> None:
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    try:
        page.route("**/*", guard)
        spec = json.loads(page.goto(f"{live_server.url}/api/openapi.json").text())
        operations = sum(len(methods) for methods in spec["paths"].values())
        page.goto(f"{live_server.url}/api/docs")
        page.wait_for_selector("#swagger-ui .info .title", timeout=15_000)
        assert "backcare API" in page.inner_text("#swagger-ui .info .title")
        assert page.locator(".opblock").count() == operations  # one block per operation
    finally:
        context.close()
    assert not foreign, f"third-party requests: {foreign}"
    assert not [c for c in console if "Content Security Policy" in c], console
