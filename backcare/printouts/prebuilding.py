"""Prebuild every routine's worksheet once per process, after its first worksheet request.

The first worksheet request of a process starts one background thread that runs
:func:`backcare.worksheets.prebuild.prebuild` (every routine, language and paper size,
pinned in the worksheet cache), so from then on every routine's worksheet is a cache hit.
The request itself does not wait for it.

Why then, and not when the app starts: ``migrate``, ``check``, other management commands and
most tests never ask for a worksheet, so they never pay for it; and a server that loads the
app before forking its workers (``backcare serve``, granian) must not have a thread running at
the fork, while a thread started by a request runs in the worker that serves it. Each
worker prebuilds its own (about a second of one core, today).

Off when the setting ``BACKCARE_PREBUILD_WORKSHEETS`` is false (on when it is not set).
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings

from backcare.content import Library
from backcare.worksheets.prebuild import prebuild

log = logging.getLogger(__name__)

_lock = threading.Lock()
_thread: threading.Thread | None = None


def enabled() -> bool:
    return bool(getattr(settings, "BACKCARE_PREBUILD_WORKSHEETS", True))


def _run(library: Library) -> None:
    try:
        done = prebuild(library)
    except Exception:  # a worksheet that cannot be made fails its own request, later
        log.exception("prebuilding the routines' worksheets failed")
        return
    log.info("prebuilt %d routine worksheets (%.1f MB) in %.1f s%s", done.pinned,
             done.pinned_bytes / 1e6, done.seconds,
             f"; {len(done.over_budget)} did not fit the budget" if done.over_budget else "")


def start_once(library: Library) -> threading.Thread | None:
    """Start the prebuilding thread, the first time this is called in the process (and
    when it is enabled); the thread, or None when nothing was started."""
    global _thread
    if _thread is not None or not enabled():
        return None
    with _lock:
        if _thread is not None:
            return None
        _thread = threading.Thread(target=_run, args=(library,), daemon=True,
                                   name="backcare-worksheet-prebuild")
        _thread.start()
        return _thread


def forget() -> None:
    """Let the next request start prebuilding again (tests)."""
    global _thread
    with _lock:
        _thread = None
