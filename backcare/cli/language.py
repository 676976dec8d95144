"""Which language a ``backcare`` command speaks: ``--lang`` (before or after the
sub-command), else ``BACKCARE_LANG``, else English.

The language has to be known before the parser is built (its help texts are translated),
so :func:`requested_language` reads ``--lang`` from the raw arguments first; the parser
then accepts the same option everywhere (:func:`add_language_option`) so it is never
"unrecognised". argparse's own words ("usage:", "options", its error messages) are said
through the same catalogue while a command runs (:func:`argparse_in_language`).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from backcare.cli.console import CliError
from backcare.vocabulary import (
    LANGUAGES,
    UnknownLanguage,
    from_environment,
    gettext_noop,
    ngettext,
    normalise,
)
from backcare.vocabulary import gettext as _
from backcare.vocabulary.language import ENVIRONMENT_VARIABLE

OPTION = "--lang"
EXIT_BAD_LANGUAGE = 2


def _known() -> str:
    return ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items())


def unknown_language(value: str, where: str) -> CliError:
    return CliError(_("{where} is {value}, a language backcare does not speak; choose one of: "
                      "{languages}").format(where=where, value=repr(value), languages=_known()),
                    EXIT_BAD_LANGUAGE)


def _given(argv: Sequence[str]) -> str | None:
    """The last ``--lang`` value in ``argv`` (as argparse would keep it), or None."""
    found: str | None = None
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word == OPTION and index + 1 < len(argv):
            found = argv[index + 1]
        elif word.startswith(OPTION + "="):
            found = word[len(OPTION) + 1:]
    return found


def requested_language(argv: Sequence[str]) -> str:
    """The language code to speak; CliError (exit 2) naming the value and the languages
    backcare speaks when ``--lang`` or ``BACKCARE_LANG`` names another."""
    given = _given(argv)
    if given is not None:
        code = normalise(given)
        if code is None:
            raise unknown_language(given, OPTION)
        return code
    try:
        return from_environment()
    except UnknownLanguage as exc:
        raise unknown_language(exc.value, ENVIRONMENT_VARIABLE) from None


def add_language_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """``--lang`` on the top-level parser and, without a default of its own (so it never
    hides the top-level one), on every sub-command's."""
    parser.add_argument(
        OPTION, metavar="LANG", default=None if top else argparse.SUPPRESS,
        help=_("the language to speak: {languages} (default: ${variable}, else en)").format(
            languages=_known(), variable=ENVIRONMENT_VARIABLE))


#: argparse's own messages (Python 3.11), so the catalogue holds them.
ARGPARSE_WORDS = (
    gettext_noop("usage: "),
    gettext_noop("positional arguments"),
    gettext_noop("options"),
    gettext_noop("show this help message and exit"),
    gettext_noop("%(prog)s: error: %(message)s\n"),
    gettext_noop("argument %(argument_name)s: %(message)s"),
    gettext_noop("the following arguments are required: %s"),
    gettext_noop("unrecognized arguments: %s"),
    gettext_noop("invalid choice: %(value)r (choose from %(choices)s)"),
    gettext_noop("invalid %(type)s value: %(value)r"),
    gettext_noop("expected one argument"),
    gettext_noop("expected at most one argument"),
    gettext_noop("expected at least one argument"),
    gettext_noop("ambiguous option: %(option)s could match %(matches)s"),
    gettext_noop("not allowed with argument %s"),
    gettext_noop("one of the arguments %s is required"),
    gettext_noop("ignored explicit argument %r"),
)


@contextmanager
def argparse_in_language() -> Iterator[None]:
    """While inside, argparse says its own words through backcare's catalogue (in the
    language in force); its module is given back its own functions afterwards."""
    saved = {name: getattr(argparse, name) for name in ("_", "ngettext")}
    setattr(argparse, "_", _)  # noqa: B010  (argparse looks these names up when it speaks)
    setattr(argparse, "ngettext", ngettext)  # noqa: B010
    try:
        yield
    finally:
        for name, function in saved.items():
            setattr(argparse, name, function)
