"""Rich consoles for stdout and stderr, made per command so $COLUMNS and capture are honoured."""

from __future__ import annotations

import os
import sys

from rich.console import Console

#: Width used when stdout is a pipe or file and $COLUMNS is not set (rich would use 80).
PIPE_WIDTH = 120


class CliError(Exception):
    """A problem to report as one line on stderr, exiting with ``code``; never a traceback."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def stdout() -> Console:
    width = None
    if "COLUMNS" not in os.environ and not sys.stdout.isatty():
        width = PIPE_WIDTH
    return Console(file=sys.stdout, highlight=False, width=width)


def stderr() -> Console:
    return Console(file=sys.stderr, highlight=False, soft_wrap=True)


def print_json(data: object) -> None:
    """Plain JSON on stdout (no colours, no wrapping), for scripts."""
    import json

    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
