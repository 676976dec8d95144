"""Long lists in pages: ``?page=N`` on the condition pages, the finder and /history/.

Every list page reads its page from ``?page=`` (none or empty: the first), shows at most
its page's worth and links to the page before and after it, keeping the list's other
parameters (the finder's filters). A ``page`` that is not a whole number from 1 to the
last page is answered 404 with a page that says which pages there are: the same on every
list, never clamped, so a link to a page that no longer exists says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from backcare.vocabulary import gettext

#: The longest ``page`` value read (a million pages is beyond any list here).
MAX_PAGE_DIGITS = 6


class NoSuchPage(Exception):
    """``page`` names no page of the list; ``last`` is its last page."""

    def __init__(self, value: str, last: int) -> None:
        super().__init__(f"no page {value!r}; the pages are 1 to {last}")
        self.value = value
        self.last = last


@dataclass(frozen=True)
class Pager:
    """Which page of a list is shown and where the others are."""

    number: int  # this page, from 1
    count: int  # pages in all (at least 1, even for an empty list)
    total: int  # items in all
    per_page: int
    path: str  # the list's path, e.g. /es/exercises/
    keep: tuple[tuple[str, str], ...] = ()  # the other query parameters, in order

    @property
    def start(self) -> int:
        """Index of this page's first item."""
        return (self.number - 1) * self.per_page

    @property
    def stop(self) -> int:
        return min(self.start + self.per_page, self.total)

    @property
    def several(self) -> bool:
        return self.count > 1

    def href(self, number: int) -> str:
        """The URL of page ``number`` (the first page has no ``page`` parameter)."""
        params = list(self.keep) + ([("page", str(number))] if number > 1 else [])
        return f"{self.path}?{urlencode(params)}" if params else self.path

    @property
    def label(self) -> str:
        """"Page 2 of 5", in the language in force."""
        return gettext("Page {page} of {total}").format(page=self.number, total=self.count)

    @property
    def previous_href(self) -> str:
        return self.href(self.number - 1) if self.number > 1 else ""

    @property
    def next_href(self) -> str:
        return self.href(self.number + 1) if self.number < self.count else ""

    @property
    def first_href(self) -> str:
        return self.href(1)


def pager(request: HttpRequest, total: int, per_page: int,
          keep: Iterable[tuple[str, str]] = ()) -> Pager:
    """The page ``request`` asks for of a list of ``total`` items; NoSuchPage when its
    ``page`` is not a whole number from 1 to the last page."""
    count = max(1, -(-total // per_page))
    raw = request.GET.get("page", "")
    if raw == "":
        number = 1
    elif raw.isascii() and raw.isdigit() and len(raw) <= MAX_PAGE_DIGITS:
        number = int(raw)
    else:
        raise NoSuchPage(raw, count)
    if not 1 <= number <= count:
        raise NoSuchPage(raw, count)
    return Pager(number=number, count=count, total=total, per_page=per_page,
                 path=request.path, keep=tuple(keep))


def no_such_page(request: HttpRequest, error: NoSuchPage,
                 keep: Iterable[tuple[str, str]] = (), **context: object) -> HttpResponse:
    """The 404 page for a ``page`` the list does not have, naming the pages it does and
    linking to the first (with the list's other parameters, ``keep``)."""
    first = Pager(number=1, count=error.last, total=0, per_page=1, path=request.path,
                  keep=tuple(keep))
    return render(request, "catalogue/no_such_page.html", {
        "value": error.value[:20], "last": error.last, "first_href": first.first_href,
        **context,
    }, status=404)
