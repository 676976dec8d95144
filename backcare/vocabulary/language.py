"""Which language is in force: the languages backcare speaks and how one is chosen."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

#: The languages backcare speaks, each named in itself (as a language switcher shows it).
LANGUAGES: Mapping[str, str] = {"en": "English", "es": "Español"}
DEFAULT_LANGUAGE = "en"
ENVIRONMENT_VARIABLE = "BACKCARE_LANG"

_chosen: ContextVar[str | None] = ContextVar("backcare_language", default=None)
_source: Callable[[], str | None] | None = None


class UnknownLanguage(ValueError):
    def __init__(self, value: str, where: str) -> None:
        self.value = value
        known = ", ".join(LANGUAGES)
        super().__init__(f"{where} is {value!r}; backcare speaks {known}")


def normalise(value: str | None) -> str | None:
    """``"es-MX"`` -> ``"es"``; None for a language backcare does not speak."""
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-", 1)[0]
    return code if code in LANGUAGES else None


def set_source(source: Callable[[], str | None] | None) -> None:
    """Where :func:`current` looks when no :func:`use` block is open (Django's active
    language, set once by the site's app config)."""
    global _source
    _source = source


def current() -> str:
    chosen = _chosen.get()
    if chosen is not None:
        return chosen
    if _source is not None:
        return normalise(_source()) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


@contextmanager
def use(language: str) -> Iterator[str]:
    """Speak ``language`` inside the block (the CLI's ``--lang``, a test, a PDF build)."""
    code = normalise(language)
    if code is None:
        raise UnknownLanguage(language, "the language")
    token = _chosen.set(code)
    try:
        yield code
    finally:
        _chosen.reset(token)


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """``BACKCARE_LANG``, or English when it is unset; an unknown value is an error."""
    value = (environ if environ is not None else os.environ).get(ENVIRONMENT_VARIABLE, "")
    if not value.strip():
        return DEFAULT_LANGUAGE
    code = normalise(value)
    if code is None:
        raise UnknownLanguage(value, ENVIRONMENT_VARIABLE)
    return code


def from_accept_language(header: str | None) -> str | None:
    """The first language of an ``Accept-Language`` header that backcare speaks, by weight."""
    if not header:
        return None
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        code = normalise(tag)
        if code is not None and weight > 0:
            ranked.append((-weight, position, code))
    return min(ranked)[2] if ranked else None
