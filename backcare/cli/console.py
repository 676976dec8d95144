"""Rich consoles for stdout and stderr, made per command so $COLUMNS and capture are honoured."""

from __future__ import annotations

import json
import os
import re
import sys

from rich.console import Console

from backcare.content.plain_text import BEYOND_JSON_ESCAPES

#: The command's name, as messages start ("backcare: ...").
PROG = "backcare"

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


_JSON_UNSAFE = re.compile(f"[{BEYOND_JSON_ESCAPES}]")


def print_json(data: object) -> None:
    """Plain JSON on stdout (no colours, no wrapping), for scripts.

    Non-ASCII text is written as is, except characters a terminal would obey or that
    reorder text (C1 controls, bidi controls): those are written as \\uXXXX escapes,
    which is the same JSON.
    """
    text = json.dumps(data, indent=2, ensure_ascii=False)
    sys.stdout.write(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")
