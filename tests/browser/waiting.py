"""Waiting in a browser test for something only a Promise can tell.

Playwright's ``page.wait_for_function`` does not wait for a Promise: an ``async``
predicate, or one that returns ``fetch(...).then(...)``, gives a Promise, which is truthy,
so it returns at once without waiting at all. :func:`wait_until` asks again and again
with ``page.evaluate`` (which does wait for the Promise) until the answer is truthy.
"""

from __future__ import annotations

import time
from typing import Any


def wait_until(page: Any, expression: str, arg: Any = None, timeout: float = 10.0) -> Any:
    """The first truthy value of ``expression`` (a JS function, ``async`` or not, called
    with ``arg``), asked every 50 ms; AssertionError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression, arg)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {timeout} s: {expression[:200]}")
        time.sleep(0.05)
