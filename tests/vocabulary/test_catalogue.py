"""The Spanish catalogue is complete, current and loads the same for Django and the core."""

from __future__ import annotations

import gettext as stdlib_gettext
from pathlib import Path

from babel.messages.pofile import read_po

from backcare.vocabulary import LANGUAGES, Labels, gettext, gettext_noop, ngettext, use
from backcare.vocabulary.catalogue import DOMAIN, LOCALE_DIR

OTHER_LANGUAGES = [code for code in LANGUAGES if code != "en"]


def _po(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _catalogue(language: str):  # type: ignore[no-untyped-def]
    with _po(language).open("rb") as handle:
        return read_po(handle, locale=language)


def test_every_language_has_no_untranslated_and_no_fuzzy_message() -> None:
    for language in OTHER_LANGUAGES:
        catalogue = _catalogue(language)
        assert not catalogue.fuzzy, f"{language}: the catalogue's header is fuzzy"
        untranslated, fuzzy = [], []
        for message in catalogue:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if not all(strings):
                untranslated.append(message.id)
            if message.fuzzy:
                fuzzy.append(message.id)
        assert untranslated == [], f"{language}: {len(untranslated)} untranslated: {untranslated[:10]}"
        assert fuzzy == [], f"{language}: {len(fuzzy)} fuzzy: {fuzzy[:10]}"


def test_the_compiled_catalogue_matches_its_source() -> None:
    """The .mo shipped in the repository says what the .po says (run `make messages`)."""
    for language in OTHER_LANGUAGES:
        compiled = stdlib_gettext.GNUTranslations(
            (_po(language).with_suffix(".mo")).open("rb"))
        for message in _catalogue(language):
            if not message.id:
                continue
            if isinstance(message.id, tuple):
                singular, plural = message.id
                assert compiled.ngettext(singular, plural, 1) == message.string[0], singular
                assert compiled.ngettext(singular, plural, 5) == message.string[1], singular
            else:
                got = (compiled.pgettext(message.context, message.id) if message.context
                       else compiled.gettext(message.id))
                assert got == message.string, f"{language}: {message.id!r} is stale in the .mo"


def test_placeholders_survive_translation() -> None:
    import re

    field = re.compile(r"{[a-z_]*}|%\([a-z_]+\)[sd]|%[sd]")
    for language in OTHER_LANGUAGES:
        for message in _catalogue(language):
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            wanted = sorted(set(field.findall(ids[-1])))
            for string in strings:
                assert sorted(set(field.findall(string))) == wanted or (
                    len(ids) == 2 and set(field.findall(string)) <= set(wanted)
                ), f"{language}: {ids[0]!r} -> {string!r} changes the placeholders"


def test_the_core_speaks_the_language_in_force() -> None:
    labels = Labels({"left": gettext_noop("Left side")})
    assert labels["left"] == "Left side"
    with use("es"):
        assert labels["left"] != "Left side"
        assert gettext("Left side") == labels["left"]
        one = ngettext("Well done. You followed the whole routine: {count} exercise.",
                       "Well done. You followed the whole routine: {count} exercises.", 1)
        assert "{count}" in one and "exercise" not in one
    assert gettext("Left side") == "Left side"


def test_django_and_the_core_read_the_same_catalogue() -> None:
    import django
    from django.utils import translation

    django.setup()
    with translation.override("es"):
        from django.utils.translation import gettext as django_gettext

        for msgid in ("Left side", "Switch sides", "Get ready: {name}"):
            assert django_gettext(msgid) == gettext(msgid) != msgid
