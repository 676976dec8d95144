"""How a program is handed to a patient: a code to type and a key for the link.

A code is 8 characters from an alphabet with no look-alikes (no 0/O, 1/I/L, 2/Z, 5/S,
8/B), so it can be read aloud or copied from paper; people may type it in any case, with
spaces or dashes. The share key is the unguessable part of the program's link.
"""

from __future__ import annotations

import secrets

CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 8
#: A typed code longer than this is not looked at further (spaces and dashes included).
MAX_TYPED = 64
_IN_ALPHABET = frozenset(CODE_ALPHABET)


def new_code() -> str:
    """A fresh random code (the caller makes sure no other program holds it)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(raw: str) -> str | None:
    """The code as stored (upper case, without spaces or dashes), or None when ``raw``
    cannot be a code."""
    if not isinstance(raw, str) or len(raw) > MAX_TYPED:
        return None
    code = "".join(ch for ch in raw.upper() if ch not in " -\t\u00a0\u2010\u2011\u2013")
    if len(code) != CODE_LENGTH or not set(code) <= _IN_ALPHABET:
        return None
    return code


def format_code(code: str) -> str:
    """A code as people read it: ``ACDE-FGHJ``."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def new_share_key() -> str:
    """The secret part of a program's link."""
    return secrets.token_urlsafe(24)
