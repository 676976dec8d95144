"""Hostile content is refused quickly and clearly: no hang, no traceback, no terminal tricks.

The cases are in broken_cases.py (HOSTILE_CASES): files that are not files, links that
loop or lead out, sizes and nesting meant to exhaust memory or recursion, YAML features
content never needs, and characters a terminal would obey. Each must be reported naming
the file (and the field, where there is one) in well under five seconds.
"""

from __future__ import annotations

import hashlib
import io
import json
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from rich.console import Console

from backcare.cli import render
from backcare.cli.console import print_json
from backcare.cli.main import main
from backcare.content import Library, load_library, safe_file
from backcare.content.loader import ContentProblem, collect_problems
from backcare.content.plain_text import for_terminal, quote

from .broken_cases import ALL_CASES, CASES, EX, HOSTILE_CASES, Breaker, edit

LIMIT_SECONDS = 5


@contextmanager
def deadline(seconds: int = LIMIT_SECONDS) -> Iterator[None]:
    """Fail, rather than hang, if the block takes longer than ``seconds``."""
    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def timed_problems(root: Path) -> tuple[Library | None, list[ContentProblem], float]:
    start = time.monotonic()
    with deadline():
        library, problems = collect_problems(root)
    return library, problems, time.monotonic() - start


def test_there_are_at_least_52_kinds_of_broken_content() -> None:
    kinds = [case[0] for case in ALL_CASES]
    assert len(set(kinds)) == len(kinds), "each kind once"
    assert len(CASES) >= 20 and len(HOSTILE_CASES) >= 32
    assert len(kinds) >= 52


@pytest.mark.parametrize(("kind", "breaker", "file", "field", "words"), HOSTILE_CASES,
                         ids=[c[0] for c in HOSTILE_CASES])
def test_each_kind_of_hostile_content_is_refused_quickly_and_named(
    mini_copy: Path, kind: str, breaker: Breaker, file: str, field: str, words: str
) -> None:
    breaker(mini_copy)
    library, problems, seconds = timed_problems(mini_copy)
    assert seconds < LIMIT_SECONDS
    assert library is None, "a broken library must never be handed out"
    matching = [p for p in problems if p.file == file and p.field == field]
    assert matching, f"no problem reported for {file} {field!r}; got {[str(p) for p in problems]}"
    assert any(words in p.message for p in matching), [str(p) for p in matching]
    for problem in problems:
        assert len(problem.message) < 300, problem.message[:400]
        assert for_terminal(str(problem)) == str(problem), "nothing left to escape"


def test_a_30_mb_value_gives_a_short_message(mini_copy: Path) -> None:
    (mini_copy / EX).write_text("summary: " + "x" * (30 << 20) + "\n", encoding="utf-8")
    _, problems, _ = timed_problems(mini_copy)
    (problem,) = [p for p in problems if p.file == EX]
    assert problem.message == "is 30,721 KB; the limit is 128 KB"


def test_a_bad_value_is_quoted_to_80_characters_with_its_length(mini_copy: Path) -> None:
    edit(mini_copy / EX, "position: seated", "position: " + "upside-down-" * 300)
    _, problems, _ = timed_problems(mini_copy)
    (problem,) = [p for p in problems if p.field == "position"]
    assert "'" + ("upside-down-" * 7)[:80] + "'… (3,600 characters)" in problem.message
    assert len(problem.message) < 300


def test_an_unreadable_file_is_a_problem_not_a_traceback(
    mini_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The tests run as root, which reads any file whatever its mode: refuse the open instead.
    real_open = safe_file.os.open

    def refuse(path: str, flags: int, *args: int) -> int:
        if path.endswith("chair-stretch.yaml"):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, *args)

    monkeypatch.setattr(safe_file.os, "open", refuse)
    _, problems, _ = timed_problems(mini_copy)
    assert ContentProblem(EX, "", "cannot be read (permission denied)") in problems


def test_the_hash_is_made_from_the_bytes_read_and_only_those(mini_copy: Path) -> None:
    # The same formula as before the safe reader: path, length and bytes of each file the
    # library reads (the outcomes read their own: review-rules.yaml and measures/).
    digest = hashlib.sha256()
    for path in sorted(mini_copy.rglob("*.yaml")):
        if path.name == "review-rules.yaml" or "measures" in path.relative_to(mini_copy).parts:
            continue
        data = path.read_bytes()
        digest.update(f"{path.relative_to(mini_copy).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    assert load_library(mini_copy).content_hash == digest.hexdigest()
    (mini_copy / "drafts").mkdir()
    (mini_copy / "drafts" / "idea.yaml").write_text("not: read\n", encoding="utf-8")
    (mini_copy / "exercises" / "notes.txt").write_text("ignored\n", encoding="utf-8")
    assert load_library(mini_copy).content_hash == digest.hexdigest()


def test_text_is_escaped_for_the_terminal() -> None:
    assert for_terminal("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert for_terminal("left\u202eright\u2066") == "left\\u202eright\\u2066"
    assert for_terminal("one\ntwo") == "one\\x0atwo"
    assert for_terminal("one\ntwo", multiline=True) == "one\ntwo"
    assert for_terminal("caf\udce9 – ok é") == "caf\\udce9 – ok é"
    assert quote("x" * 1000) == "'" + "x" * 80 + "'… (1,000 characters)"
    assert quote("\x1b") == "'\\x1b'"


def test_rich_markup_in_content_prints_as_written(mini_copy: Path) -> None:
    edit(mini_copy / EX, "name: Chair stretch", "name: Chair [bold]stretch[/bold] [link=x]")
    edit(mini_copy / EX, "Lean.]", "'[red]Lean[/]']")
    library = load_library(mini_copy)
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None, highlight=False)
    render.print_exercise(console, library, library.exercises["chair-stretch"])
    render.print_exercise(console, library, library.exercises["lying-stretch"])
    render.print_routine(console, library, library.routines["chair-routine"])
    text = out.getvalue()
    # its own title, the "In a chair" row of lying-stretch and a step of the routine
    assert text.count("Chair [bold]stretch[/bold] [link=x]") == 3
    assert "[red]Lean[/]" in text


def test_control_characters_that_get_past_the_loader_still_print_escaped(
    mini_copy: Path,
) -> None:
    library = load_library(mini_copy)
    exercise = library.exercises["chair-stretch"].model_copy(
        update={"name": "Chair\x1b[2J", "summary": "Sum\u202emary", "steps": ("a\x9bb", "c")})
    exercises = {**library.exercises, "chair-stretch": exercise}
    tampered = Library.build(library.site, exercises, dict(library.routines),
                             dict(library.conditions), rules=library.rules)
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None, highlight=False)
    render.print_exercise(console, tampered, exercise)
    render.print_routine(console, tampered, tampered.routines["chair-routine"])
    text = out.getvalue()
    assert "\x1b" not in text and "\u202e" not in text and "\x9b" not in text
    assert "Chair\\x1b[2J" in text and "Sum\\u202emary" in text and "a\\x9bb" in text


def test_json_output_escapes_what_a_terminal_would_obey(capsys: pytest.CaptureFixture[str]) -> None:
    data = {"name": "a\x9bb\u202ec\x7f", "plain": "café – ok"}
    print_json(data)
    out = capsys.readouterr().out
    assert "\x9b" not in out and "\u202e" not in out and "\x7f" not in out
    assert "café – ok" in out
    assert json.loads(out) == data


def test_check_content_prints_no_control_characters(
    capsys: pytest.CaptureFixture[str], mini_copy: Path
) -> None:
    edit(mini_copy / EX, "name: Chair stretch", 'name: "Chair \\e[2J\\e]0;owned\\a"')
    (mini_copy / "exercises" / "\x1b[31mred.yaml").write_text("slug: [\n", encoding="utf-8")
    assert main(["check-content", str(mini_copy)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "exercises/chair-stretch.yaml: name: contains the control character U+001B" in err
    assert "exercises/\\x1b[31mred.yaml" in err


def test_a_folder_name_with_markup_prints_as_written(
    capsys: pytest.CaptureFixture[str], mini_copy: Path
) -> None:
    folder = mini_copy.rename(mini_copy.parent / "[bold]mini[red]")
    assert main(["check-content", str(folder)]) == 0
    assert f"Content OK in {folder}:" in capsys.readouterr().out
