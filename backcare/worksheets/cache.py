"""A small in-process LRU of finished worksheets, bounded by count and by bytes.

Keys name everything the bytes depend on (see :func:`backcare.worksheets.cache_key`): the
language, the content hash, the routine or plan, and the paper size. New content has a new
hash, so it never meets an old worksheet; old entries simply age out.

Entries can also be *pinned* (:meth:`LRUCache.pin`), up to their own byte budget: a pinned
entry is never evicted, however many others come and go. The prebuilt routine worksheets
(:mod:`backcare.worksheets.prebuild`) are pinned, so personal plans' worksheets, which are
many and each asked for once or twice, never push a routine's out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0


class LRUCache(Generic[T]):
    """Thread-safe LRU. ``size_of`` gives an entry's weight in bytes."""

    def __init__(self, max_entries: int, max_bytes: int, size_of: Callable[[T], int],
                 max_pinned_bytes: int = 0) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.max_pinned_bytes = max_pinned_bytes
        self._size_of = size_of
        self._data: OrderedDict[str, T] = OrderedDict()
        self._bytes = 0
        self._pinned: dict[str, T] = {}
        self._pinned_bytes = 0
        self._lock = threading.Lock()
        self.stats = CacheStats()

    def __len__(self) -> int:
        return len(self._data) + len(self._pinned)

    def __contains__(self, key: str) -> bool:
        return key in self._data or key in self._pinned

    @property
    def total_bytes(self) -> int:
        """Bytes held by the entries that are not pinned (the ones ``max_bytes`` bounds)."""
        return self._bytes

    @property
    def pinned_bytes(self) -> int:
        return self._pinned_bytes

    def pinned(self) -> frozenset[str]:
        """The keys of the pinned entries."""
        with self._lock:
            return frozenset(self._pinned)

    def get(self, key: str) -> T | None:
        with self._lock:
            value = self._pinned.get(key)
            if value is not None:
                self.stats.hits += 1
                return value
            value = self._data.get(key)
            if value is None:
                self.stats.misses += 1
                return None
            self._data.move_to_end(key)
            self.stats.hits += 1
            return value

    def pin(self, key: str, value: T) -> bool:
        """Keep ``value`` under ``key`` for as long as the cache lives (until :meth:`clear`),
        out of the least-recently-used order. False when it would not fit the pinned budget
        (it is then kept, or not, like any other entry)."""
        size = self._size_of(value)
        with self._lock:
            if key in self._pinned:
                return True
            if self._pinned_bytes + size > self.max_pinned_bytes:
                return False
            old = self._data.pop(key, None)
            if old is not None:
                self._bytes -= self._size_of(old)
            self._pinned[key] = value
            self._pinned_bytes += size
            return True

    def put(self, key: str, value: T) -> None:
        size = self._size_of(value)
        if size > self.max_bytes:
            return  # too big to keep; never evict everything for one entry
        with self._lock:
            if key in self._pinned:
                return  # the same key always means the same bytes
            old = self._data.pop(key, None)
            if old is not None:
                self._bytes -= self._size_of(old)
            self._data[key] = value
            self._bytes += size
            while len(self._data) > self.max_entries or self._bytes > self.max_bytes:
                _, evicted = self._data.popitem(last=False)
                self._bytes -= self._size_of(evicted)

    def get_or_make(self, key: str, make: Callable[[], T]) -> T:
        """The cached value, or ``make()``'s result, kept for next time.

        Two threads missing at once may both build; both results are equal, the later one
        is kept. Building outside the lock keeps one slow build from blocking hits.
        """
        found = self.get(key)
        if found is not None:
            return found
        value = make()
        self.put(key, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._bytes = 0
            self._pinned.clear()
            self._pinned_bytes = 0
            self.stats = CacheStats()
