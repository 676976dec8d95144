"""`backcare play` options and errors, run in-process (no terminal, nothing saved)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backcare.cli import main as cli
from backcare.cli.session_log import cli_device
from backcare.content import Library
from backcare.content.wording import format_duration
from backcare.plans import Profile, make_plan, safe_default_plan
from backcare.playscript import build_script

from .conftest import FIVE_MINUTE

FAST = ["--speed", "1000", "--no-sound", "--no-save", "--red-flags-none"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["play", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_without_a_terminal_it_needs_the_safety_statement(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, FIVE_MINUTE, "--pain-before", "3", "--no-save")
    assert code == 2 and "--red-flags-none" in err and "Traceback" not in err


def test_without_a_terminal_it_needs_the_pain_score(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, FIVE_MINUTE, *FAST)
    assert code == 2 and "--pain-before" in err


def test_an_unknown_routine_is_exit_2_with_suggestions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "back-pain-relief-stretches-5-minute", *FAST, "--pain-before", "3")
    assert code == 2 and "No routine called" in err and FIVE_MINUTE in err


@pytest.mark.parametrize("bad", [["--pain-before", "11"], ["--speed", "0"], ["--minutes", "0"],
                                 ["--feeling", "great"], ["--diagnosis", "flu"]])
def test_bad_options_are_refused(capsys: pytest.CaptureFixture[str], bad: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["play", FIVE_MINUTE, *bad])
    assert exit_info.value.code == 2


def test_a_routine_plays_to_the_end_without_a_terminal(capsys: pytest.CaptureFixture[str],
                                                       library: Library) -> None:
    code, out, err = run(capsys, FIVE_MINUTE, *FAST, "--pain-before", "3")
    assert code == 0, err
    names = re.findall(r"Get ready: (.+?)(?: — (?:Left|Right) side)?$", out, re.M)
    assert names == list(dict.fromkeys(s.name for s in library.timeline(FIVE_MINUTE).steps))
    assert "All done" in out and "Saved" not in out
    timeline = library.timeline(FIVE_MINUTE)
    total = format_duration(build_script(timeline).total_seconds)  # the script's, to the second
    assert (f"The routine: {len(timeline.steps)} steps, {total} including time to get ready."
            in out)


def test_profile_options_play_the_plan(capsys: pytest.CaptureFixture[str], library: Library) -> None:
    code, out, err = run(capsys, FIVE_MINUTE, *FAST, "--pain-before", "3", "--no-floor",
                         "--minutes", "3")
    assert code == 0, err
    plan = make_plan(library, FIVE_MINUTE, Profile(floor=False, minutes=3))
    assert f"Your plan: {len(plan.timeline.steps)} steps" in out
    names = re.findall(r"Get ready: (.+?)(?: — (?:Left|Right) side)?$", out, re.M)
    assert names == list(dict.fromkeys(s.name for s in plan.timeline.steps))
    assert any(c.kind == "swapped" for c in plan.changes)
    assert "Swapped for" in out


def test_with_no_conditions_it_plays_the_safe_default_and_says_what_it_left_out(
        capsys: pytest.CaptureFixture[str], library: Library) -> None:
    code, out, err = run(capsys, "dont-crack-your-back", *FAST, "--pain-before", "3")
    assert code == 0, err
    names = re.findall(r"Get ready: (.+?)(?: — (?:Left|Right) side)?$", out, re.M)
    assert "Prone props" not in names
    assert names == list(dict.fromkeys(s.name for s in safe_default_plan(
        library, "dont-crack-your-back").timeline.steps))
    text = " ".join(out.split())
    assert "Prone props: Left out because it is only for people who know they have a disc problem" in text
    assert "--condition" in text


def test_a_condition_brings_prone_props_back(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "dont-crack-your-back", *FAST, "--pain-before", "3",
                         "--condition", "disc")
    assert code == 0, err
    assert "Get ready: Prone props" in out
    code, out, err = run(capsys, "dont-crack-your-back", *FAST, "--pain-before", "3",
                         "--condition", "flu")
    assert code == 2 and "flu is not a condition we know" in err


def test_a_plan_that_cannot_be_made_is_exit_2(capsys: pytest.CaptureFixture[str],
                                              library: Library) -> None:
    every = ",".join(sorted({s.exercise for s in library.timeline(FIVE_MINUTE).steps}))
    code, out, err = run(capsys, FIVE_MINUTE, *FAST, "--pain-before", "3", "--skip", every)
    assert code == 2 and "Nothing in this routine suits you" in err
    code, out, err = run(capsys, FIVE_MINUTE, *FAST, "--pain-before", "3", "--skip", "Bad Slug")
    assert code == 2 and "--skip" in err


def test_the_terminal_device_id_is_made_once(tmp_path: Path) -> None:
    first = cli_device(tmp_path)
    assert re.fullmatch(r"cli-[0-9a-f-]{36}", first)
    assert cli_device(tmp_path) == first
    (tmp_path / "cli-device").write_text("garbage")
    assert cli_device(tmp_path) != first
