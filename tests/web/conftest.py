"""Web-page test helpers: fetch a page and read it the way a person would.

``page(url)`` (or ``read(response)``) returns a :class:`Page` with the status, the visible text (whitespace
collapsed), the links as (text, href) pairs and the h1 and h3 headings. ``mini_site`` points the
site at the small fixture library for the one test that asks for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from backcare.catalogue.library import library_or_problems

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
_HIDDEN = {"head", "script", "style", "title"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.h1: list[str] = []
        self.h3: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._hidden = 0
        self._link: tuple[str, list[str]] | None = None
        self._h1: list[str] | None = None
        self._h3: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag == "a":
            self._link = (attributes.get("href") or "", [])
        elif tag == "h1":
            self._h1 = []
        elif tag == "h3":
            self._h3 = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden -= 1
        elif tag == "a" and self._link:
            self.links.append((_squash("".join(self._link[1])), self._link[0]))
            self._link = None
        elif tag == "h1" and self._h1 is not None:
            self.h1.append(_squash("".join(self._h1)))
            self._h1 = None
        elif tag == "h3" and self._h3 is not None:
            self.h3.append(_squash("".join(self._h3)))
            self._h3 = None

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        self.text.append(data)
        if self._link:
            self._link[1].append(data)
        if self._h1 is not None:
            self._h1.append(data)
        if self._h3 is not None:
            self._h3.append(data)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Page:
    status: int
    html: str
    text: str
    links: list[tuple[str, str]]
    h1: list[str]
    h3: list[str]
    tags: list[tuple[str, dict[str, str | None]]] = field(repr=False)

    def hrefs(self) -> list[str]:
        return [href for _, href in self.links]

    def link_texts(self, href: str) -> list[str]:
        return [text for text, target in self.links if target == href]

    def link_to(self, href: str) -> str:
        """The text of the first link to ``href``; fails the test when there is none."""
        for text, target in self.links:
            if target == href:
                return text
        raise AssertionError(f"no link to {href}; links: {self.links}")


def read(response: Any) -> Page:
    """A response as a person reads it."""
    html = response.content.decode()
    reader = _Reader()
    reader.feed(html)
    return Page(response.status_code, html, _squash(" ".join(reader.text)),
                reader.links, reader.h1, reader.h3, reader.tags)


@pytest.fixture
def page(client: Client) -> Callable[[str], Page]:
    def fetch(url: str) -> Page:
        return read(client.get(url))

    return fetch


@pytest.fixture
def mini_site(settings: Any) -> Iterator[Path]:
    """Serve the small fixture library instead of content/ for one test."""
    settings.BACKCARE_CONTENT_DIR = MINI
    library_or_problems.cache_clear()
    yield MINI
    library_or_problems.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_library() -> Iterator[None]:
    """Each web test reads the library from the content dir its settings name."""
    library_or_problems.cache_clear()
    yield
    library_or_problems.cache_clear()
