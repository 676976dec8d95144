"""How a language is chosen: Accept-Language, BACKCARE_LANG, use()."""

from __future__ import annotations

import pytest

from backcare.vocabulary import (
    UnknownLanguage,
    current,
    from_accept_language,
    from_environment,
    normalise,
    use,
)


@pytest.mark.parametrize(("header", "expected"), [
    ("es", "es"), ("es-MX,es;q=0.9,en;q=0.5", "es"), ("en-GB,en;q=0.9,es;q=0.8", "en"),
    ("fr-FR,fr;q=0.9,es;q=0.5", "es"), ("de,fr", None), ("", None), (None, None),
    ("en;q=0.1, es;q=0.9", "es"), ("es;q=0, en", "en"), ("*", None), ("es;q=abc,en", "en"),
])
def test_accept_language_picks_the_first_language_spoken(header: str | None,
                                                          expected: str | None) -> None:
    assert from_accept_language(header) == expected


def test_environment_variable() -> None:
    assert from_environment({}) == "en"
    assert from_environment({"BACKCARE_LANG": "es"}) == "es"
    assert from_environment({"BACKCARE_LANG": "es_ES.UTF-8"}) == "es"
    with pytest.raises(UnknownLanguage, match="BACKCARE_LANG is 'klingon'; backcare speaks en, es"):
        from_environment({"BACKCARE_LANG": "klingon"})


def test_use_nests_and_restores() -> None:
    assert current() == "en"
    with use("es"):
        assert current() == "es"
        with use("en"):
            assert current() == "en"
        assert current() == "es"
    assert current() == "en"
    with pytest.raises(UnknownLanguage), use("xx"):
        pass
    assert normalise("ES-es") == "es"


def test_the_same_exercise_twice_in_a_row_gets_its_own_get_ready(library) -> None:  # type: ignore[no-untyped-def]
    from backcare.playscript import build_script
    from backcare.timeline import Dosed, build_timeline

    bridge = library.exercises["bridge"]
    twice = Dosed(bridge, bridge.dose.model_copy(update={"reps": 2}))
    script = build_script(build_timeline([twice, twice], 7))
    kinds = [(p.kind, p.seconds) for p in script.phases if p.kind != "move"]
    assert kinds == [("get-ready", 10), ("rest", bridge.dose.rest_seconds), ("get-ready", 7),
                     ("rest", bridge.dose.rest_seconds), ("done", 0)]
    assert script.total_seconds == build_timeline([twice, twice], 7).total_seconds
