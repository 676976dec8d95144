"""Single keys from the terminal, without echo, and the terminal always given back.

:class:`KeyReader` puts a terminal into cbreak mode (no line buffering, no echo; Ctrl-C
still interrupts) and restores the saved settings on every way out of the ``with`` block:
normal end, exception, Ctrl-C, or SIGTERM/SIGHUP (turned into KeyboardInterrupt by
:func:`signals_interrupt` so the same clean-up runs). Off a terminal it reads nothing and
just waits, so the player also runs from scripts.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType, TracebackType
from typing import Any, TextIO

try:  # POSIX only; elsewhere the player runs without keys
    import termios
    import tty
except ImportError:  # pragma: no cover
    termios = None  # type: ignore[assignment]
    tty = None  # type: ignore[assignment]


class KeyReader:
    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdin
        try:
            self.fd = self.stream.fileno()
            self.active = termios is not None and os.isatty(self.fd)
        except (AttributeError, OSError, ValueError):
            self.fd, self.active = -1, False
        self._saved: list[Any] | None = None

    def __enter__(self) -> KeyReader:
        if self.active:
            self._saved = termios.tcgetattr(self.fd)
            tty.setcbreak(self.fd, termios.TCSANOW)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.restore()

    def restore(self) -> None:
        if self._saved is not None:
            with contextlib.suppress(termios.error):  # the terminal is gone: nothing to restore
                termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)
            self._saved = None

    def read(self, timeout: float) -> str:
        """The keys pressed within ``timeout`` seconds ("" if none)."""
        timeout = max(0.0, timeout)
        if not self.active:
            time.sleep(timeout)
            return ""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return ""
        data = os.read(self.fd, 64)
        if not data:  # end of input: no more keys will come
            self.active = False
            return ""
        return data.decode("utf-8", errors="ignore")


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def signals_interrupt() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP end the player like Ctrl-C does."""
    saved = {}
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            with contextlib.suppress(ValueError):  # not the main thread
                saved[sig] = signal.signal(sig, _interrupt)
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
