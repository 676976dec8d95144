"""Helpers for the planning pages, API and CLI tests."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from django.test import Client

from backcare.catalogue.library import library_or_problems
from backcare.plans import QUESTIONS

FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"
CRACK = "dont-crack-your-back"
ALL_NO: dict[str, str] = {q.id: "no" for q in QUESTIONS}
URGENT = next(q.id for q in QUESTIONS if q.urgent)
NOT_URGENT = next(q.id for q in QUESTIONS if not q.urgent)


def text_of(response: object) -> str:
    """The page's visible text (tags, head, scripts dropped), whitespace collapsed."""
    body = response.content.decode()  # type: ignore[attr-defined]
    body = re.sub(r"<(head|script|style)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


@pytest.fixture(autouse=True)
def _fresh_library() -> Iterator[None]:
    library_or_problems.cache_clear()
    yield
    library_or_problems.cache_clear()


@pytest.fixture
def screened(client: Client) -> Client:
    """A client whose device has just passed the safety screen (every answer no)."""
    response = client.post("/screen/", ALL_NO)
    assert response.status_code == 302
    assert "backcare_screen" in response.cookies
    return client
