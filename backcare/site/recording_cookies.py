"""The request's cookies, remembering which ones the code answering it looked at.

The response cache (``response_cache.py``) keeps an answer only when no cookie the request
carried was read while making it, and serves it again only to requests that lack every
cookie the rendering looked for: so an answer shaped by a cookie is never shared.
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, KeysView, ValuesView
from typing import Any


class RecordingCookies(dict[str, str]):
    """The request's cookies, remembering which ones the code that answers it looks at."""

    def __init__(self, cookies: dict[str, str]) -> None:
        super().__init__(cookies)
        self.consulted: set[str] = set()
        self.everything = False

    def __getitem__(self, key: str) -> str:
        self.consulted.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.consulted.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self.consulted.add(key)
        return super().__contains__(key)

    def __iter__(self) -> Iterator[str]:
        self.everything = True
        return super().__iter__()

    def keys(self) -> KeysView[str]:  # type: ignore[override]
        self.everything = True
        return super().keys()

    def values(self) -> ValuesView[str]:  # type: ignore[override]
        self.everything = True
        return super().values()

    def items(self) -> ItemsView[str, str]:  # type: ignore[override]
        self.everything = True
        return super().items()

    def copy(self) -> dict[str, str]:
        self.everything = True
        return dict(super().items())
