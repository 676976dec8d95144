"""The one gettext catalogue, read with the standard library (the same ``.mo`` files Django
reads), and :class:`Labels`, a mapping whose values are said in the language in force."""

from __future__ import annotations

import gettext as stdlib_gettext
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

from backcare.vocabulary.language import DEFAULT_LANGUAGE, current

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "django"


class MissingCatalogue(RuntimeError):
    pass


@cache
def translations(language: str) -> stdlib_gettext.NullTranslations:
    if language == DEFAULT_LANGUAGE:
        return stdlib_gettext.NullTranslations()
    try:
        return stdlib_gettext.translation(DOMAIN, LOCALE_DIR, [language])
    except OSError as exc:
        raise MissingCatalogue(
            f"no compiled catalogue for {language!r} under {LOCALE_DIR}: run `make messages`"
        ) from exc


def gettext(message: str) -> str:
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translations(current()).pgettext(context, message)


def gettext_noop(message: str) -> str:
    """Marks ``message`` for the catalogue; it is translated where it is shown."""
    return message


class Labels(Mapping[str, str]):
    """Readable labels for a set of values, said in the language in force when read.

    ``Labels({"floor": gettext_noop("On the floor")})["floor"]`` is "On the floor" in
    English and "En el suelo" in Spanish. Iterating gives the keys in the order given.
    """

    def __init__(self, labels: Mapping[str, str]) -> None:
        self._labels = dict(labels)

    def __getitem__(self, key: str) -> str:
        return gettext(self._labels[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)

    def english(self, key: str) -> str:
        return self._labels[key]
