"""The links an HTML page makes to its own site: every ``href``, ``src`` and ``action``.

The export follows a page's links to further pages of itself (``?page=2``), and the tests
check that every link of every exported page finds a file in the export or points at a
part of the site that stays dynamic.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

LINK_ATTRIBUTES = frozenset({"href", "src", "action"})


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in LINK_ATTRIBUTES and value is not None:
                self.found.append(value.strip())
            elif name == "srcset" and value:
                self.found.extend(part.strip().split(" ", 1)[0]
                                  for part in value.split(",") if part.strip())


def links_in(html: bytes) -> list[str]:
    """Every link of the page, as written (``href``, ``src``, ``action``, ``srcset``)."""
    parser = _Links()
    parser.feed(html.decode("utf-8", errors="replace"))
    parser.close()
    return parser.found


def site_links(html: bytes, page_url: str, origin: str) -> list[str]:
    """The page's links to its own site, each as a path with its query (no fragment):
    absolute paths, links relative to the page, and absolute URLs on ``origin``.
    Links elsewhere, ``data:``, ``mailto:`` and in-page ``#fragment`` links are left out."""
    found: list[str] = []
    base = origin.rstrip("/") + page_url
    for link in links_in(html):
        if not link or link.startswith("#"):
            continue
        absolute = urljoin(base, link)
        parts = urlsplit(absolute)
        if f"{parts.scheme}://{parts.netloc}" != origin.rstrip("/"):
            continue
        found.append(f"{parts.path}?{parts.query}" if parts.query else parts.path)
    return found
