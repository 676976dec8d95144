"""`backcare play --script [--json]` (the core play script, as the API gives it) and
`--lang` / BACKCARE_LANG on every command."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

import pytest
from django.test import Client

from backcare.catalogue.labels import BODY_AREAS, EQUIPMENT, KINDS, MOVEMENTS, PLACES
from backcare.cli.main import main
from backcare.content import Library
from backcare.content.schema import POSITION_LABELS
from backcare.content.wording import dose_text, format_duration
from backcare.plans import Profile, make_plan, safe_default_plan
from backcare.playscript import build_script
from backcare.vocabulary import Labels, use

from .conftest import FIVE_MINUTE

ROUTINES = [
    "10-best-lower-back-exercises", "back-pain-relief-exercises-stretches", FIVE_MINUTE,
    "dont-crack-your-back", "lower-back-pain-back-flexion-stretches",
    "seated-back-pain-relief-stretches", "upper-back-pain-exercises-stretches",
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def script_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    code, out, err = run(capsys, "play", *argv, "--script", "--json")
    assert code == 0, err
    body = json.loads(out)
    assert set(body) == {"routine", "total_seconds", "language", "phases"}
    return body


def test_every_routine_is_listed_here(library: Library) -> None:
    assert sorted(ROUTINES) == sorted(library.routines)


# --- the play script -----------------------------------------------------------------------

@pytest.mark.parametrize("slug", ROUTINES)
def test_the_script_is_the_core_script_of_what_play_plays(capsys: pytest.CaptureFixture[str],
                                                          library: Library, slug: str) -> None:
    body = script_json(capsys, slug)
    default = safe_default_plan(library, slug)  # nothing told: what `backcare play` plays
    script = build_script(default.timeline)
    assert body["routine"] == slug
    assert body["phases"] == [phase.as_dict() for phase in script.phases]
    assert body["total_seconds"] == script.total_seconds == default.timeline.total_seconds
    assert body["total_seconds"] == sum(p["seconds"] for p in body["phases"])  # type: ignore[union-attr, index]
    if not default.left_out:  # nothing needs a known condition: the routine as published
        assert body["phases"] == [p.as_dict() for p in build_script(library.timeline(slug)).phases]
        assert body["total_seconds"] == library.estimated_seconds(slug)


@pytest.mark.parametrize("slug", ROUTINES)
def test_the_script_is_what_the_api_gives(capsys: pytest.CaptureFixture[str], client: Client,
                                          slug: str) -> None:
    body = script_json(capsys, slug)
    api = client.get(f"/api/timeline?routine={slug}")
    assert api.status_code == 200
    assert body["phases"] == api.json()["phases"]
    assert body["total_seconds"] == api.json()["total_seconds"]


def test_a_plan_s_script_follows_the_plan(capsys: pytest.CaptureFixture[str],
                                          library: Library) -> None:
    body = script_json(capsys, FIVE_MINUTE, "--minutes", "3", "--no-floor", "--red-flags-none")
    plan = make_plan(library, FIVE_MINUTE, Profile(floor=False, minutes=3))
    script = build_script(plan.timeline)
    assert body["phases"] == [phase.as_dict() for phase in script.phases]
    assert body["total_seconds"] == script.total_seconds == plan.total_seconds


def test_a_plan_s_script_needs_the_safety_questions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "play", FIVE_MINUTE, "--minutes", "3", "--script", "--json")
    assert code == 2 and not out and "--red-flags-none" in err


def test_the_script_as_a_table(capsys: pytest.CaptureFixture[str], library: Library) -> None:
    code, out, err = run(capsys, "play", FIVE_MINUTE, "--script")
    assert code == 0, err
    script = build_script(library.timeline(FIVE_MINUTE))
    text = " ".join(out.split())
    assert f"Total: {format_duration(script.total_seconds)} ({script.total_seconds} s)" in text
    for phase in script.phases:
        assert phase.text in out
    assert "Left side" in out and "Round 1 of 6" not in out  # cat/cow is six reps, one round
    assert re.search(r"^\s*0:00\s+10\s+Pelvic tilt", out, re.M)


def test_json_without_script_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "play", FIVE_MINUTE, "--json")
    assert code == 2 and not out and "--script" in err


def test_the_script_in_spanish(capsys: pytest.CaptureFixture[str], library: Library) -> None:
    body = script_json(capsys, FIVE_MINUTE, "--lang", "es")
    spanish = library.in_language("es")
    with use("es"):
        script = build_script(safe_default_plan(spanish, FIVE_MINUTE).timeline)
    assert body["phases"] == [phase.as_dict() for phase in script.phases]
    english = build_script(library.timeline(FIVE_MINUTE))
    assert body["total_seconds"] == english.total_seconds  # the same times in every language
    phases = body["phases"]
    assert isinstance(phases, list)
    assert phases[0]["text"].startswith("Prepárate")
    assert phases[0]["say"].startswith("Prepárate")
    assert phases[-1]["kind"] == "done" and phases[-1]["say"].startswith("Muy bien")
    for ours, theirs in zip(phases, english.phases, strict=True):
        if theirs.kind != "done":
            assert ours["name"] == spanish.exercises[theirs.exercise or ""].name
        assert ours["text"] != theirs.text and ours["say"] != theirs.say, theirs


# --- the language --------------------------------------------------------------------------

def _es(labels: Mapping[str, str], key: str) -> str:
    with use("es"):
        return labels[key]


def _en(labels: Mapping[str, str], key: str) -> str:
    return labels.english(key) if isinstance(labels, Labels) else labels[key]


def test_show_an_exercise_in_spanish(capsys: pytest.CaptureFixture[str], library: Library) -> None:
    code, out, err = run(capsys, "--lang", "es", "show", "pelvic-tilt")
    assert code == 0, err
    text = " ".join(out.split())
    english = library.exercises["pelvic-tilt"]
    ex = library.in_language("es").exercises["pelvic-tilt"]
    assert ex.name != english.name and ex.name in out
    assert ex.summary in text
    for step in ex.steps:
        assert step in text
    for cue in ex.cues:
        assert cue in text
    for sentence in english.steps + english.cues + (english.summary,):
        assert sentence not in text
    # every label in Spanish, none of the English ones left
    shown = [(POSITION_LABELS, ex.position), (KINDS, ex.kind)]
    shown += [(PLACES, p) for p in ex.places] + [(BODY_AREAS, a) for a in ex.body_areas]
    shown += [(EQUIPMENT, e) for e in ex.equipment] + [(MOVEMENTS, m) for m in ex.movements]
    for labels, key in shown:
        assert _es(labels, key) in text, key
        if _es(labels, key).lower() != _en(labels, key).lower():
            assert _en(labels, key) not in text, key
    with use("es"):
        dose = dose_text(ex.dose, ex)
    assert dose in text and dose != dose_text(english.dose, english)
    for word in ("Position", "Where", "Kind", "Works on", "Equipment", "Usual dose",
                 "Movements", "Source", "Steps", "Cues", "Take care", "In routines",
                 " times", "each side", "rest ", "between", "Lying on your back"):
        assert word not in out, word
    assert library.in_language("es").site.disclaimer_short in text


@pytest.mark.parametrize("argv", [["show", "pelvic-tilt", "--lang", "es"],
                                  ["show", "--lang=es", "pelvic-tilt"],
                                  ["--lang", "es-MX", "show", "pelvic-tilt"]])
def test_the_option_goes_before_or_after_the_command(capsys: pytest.CaptureFixture[str],
                                                     argv: list[str]) -> None:
    first = run(capsys, "--lang", "es", "show", "pelvic-tilt")
    assert run(capsys, *argv) == first


def test_backcare_lang_in_the_environment(capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    spanish = run(capsys, "--lang", "es", "show", "pelvic-tilt")
    monkeypatch.setenv("BACKCARE_LANG", "es")
    assert run(capsys, "show", "pelvic-tilt") == spanish
    english = run(capsys, "--lang", "en", "show", "pelvic-tilt")  # the option wins
    monkeypatch.delenv("BACKCARE_LANG")
    assert run(capsys, "show", "pelvic-tilt") == english != spanish


@pytest.mark.parametrize(("argv", "env", "where", "value"), [
    (["--lang", "fr", "show", "pelvic-tilt"], None, "--lang", "fr"),
    (["routines", "--lang", "klingon"], None, "--lang", "klingon"),
    (["routines"], "de", "BACKCARE_LANG", "de"),
])
def test_an_unknown_language_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    argv: list[str], env: str | None,
                                                    where: str, value: str) -> None:
    if env:
        monkeypatch.setenv("BACKCARE_LANG", env)
    code, out, err = run(capsys, *argv)
    assert code == 2 and not out
    [line] = err.strip().splitlines()
    assert line.startswith("backcare: ") and where in line and repr(value) in line
    assert "en (English)" in line and "es (Español)" in line


def test_every_command_takes_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    from backcare.cli.main import build_parser

    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        with pytest.raises(SystemExit) as done:
            main([name, "--lang", "es", "--help"])
        assert done.value.code == 0
        out = capsys.readouterr().out
        assert out.startswith("uso: ") and "opciones" in out and "--lang" in out, name
        assert "show this help message" not in out, name


def test_errors_and_lists_in_spanish(capsys: pytest.CaptureFixture[str],
                                     library: Library) -> None:
    code, out, err = run(capsys, "--lang", "es", "show", "pelvic-tlit")
    assert code == 2 and "No hay ninguna rutina ni ningún ejercicio" in err
    assert "¿Querías decir: pelvic-tilt" in err
    code, out, err = run(capsys, "--lang", "es", "routines")
    assert code == 0
    spanish = library.in_language("es")
    for routine in spanish.routines.values():
        assert routine.title in out
    assert "Rutinas" in out and "Routines" not in out
    with pytest.raises(SystemExit) as bad:
        main(["--lang", "es", "play", FIVE_MINUTE, "--pain-before", "11"])
    assert bad.value.code == 2
    assert "el dolor debe estar entre 0 y 10" in capsys.readouterr().err


def test_a_spanish_routine_states_the_script_total(capsys: pytest.CaptureFixture[str],
                                                   library: Library) -> None:
    code, out, _ = run(capsys, "--lang", "es", "show", FIVE_MINUTE)
    assert code == 0
    total = build_script(safe_default_plan(library, FIVE_MINUTE).timeline).total_seconds
    with use("es"):
        duration = format_duration(total)
    assert f"Dura unos {duration}" in " ".join(out.split())
