"""`backcare worksheet`: a routine's worksheet, or a plan's after the red-flag screen."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from backcare.cli.main import main
from backcare.content import Library
from backcare.plans import make_plan, profile_from_params, safe_default_plan

from .conftest import page_texts, reader

ROOT = Path(__file__).resolve().parents[2]
FIVE_MINUTE = "back-pain-relief-stretches-5-minute-real-time-routine"


@pytest.fixture(autouse=True)
def real_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKCARE_CONTENT_DIR", str(ROOT / "content"))
    monkeypatch.setenv("COLUMNS", "200")


class NotATerminal(io.StringIO):
    def isatty(self) -> bool:
        return False


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def exercise_headings(pdf: bytes, library: Library) -> list[str]:
    """The numbered exercise headings ("1. Bridge"), in order, across all pages.

    Read from the whole text with whitespace collapsed: a long name may wrap.
    """
    text = " ".join(page_texts(pdf))
    names = sorted({ex.name for ex in library.exercises.values()}, key=len, reverse=True)
    heading = re.compile(r"(?<![\w.])(\d{1,2})\. (" + "|".join(map(re.escape, names))
                         + r")(?![\w/])")
    return [f"{m.group(1)}. {m.group(2)}" for m in heading.finditer(text)]


def test_plan_worksheet_holds_only_the_plans_exercises(capsys, tmp_path, library) -> None:
    out_file = tmp_path / "x.pdf"
    code, out, err = run(capsys, "worksheet", FIVE_MINUTE, "--minutes", "3", "--no-floor",
                         "--red-flags-none", "-o", str(out_file))
    assert code == 0, err
    assert "Wrote" in out and "your plan" in out
    assert "--red-flags-none" in err  # the statement is printed back
    plan = make_plan(library, FIVE_MINUTE,
                     profile_from_params({"floor": "0", "conditions": "none-known", "minutes": "3"}))
    pdf = out_file.read_bytes()
    expected = [f"{n}. {item.exercise.name}" for n, item in enumerate(plan.items, start=1)]
    assert exercise_headings(pdf, library) == expected
    assert all(not item.exercise.needs_floor for item in plan.items)
    text = " ".join(page_texts(pdf))
    assert "Fitted for you" in text
    assert "Minutes you have: 3 min" in text
    assert "Left out so the plan fits in your 3 min." in text
    assert "Who it suits" not in text  # that is the routine's, not this person's
    pages = page_texts(pdf)
    assert re.findall(r"Page \d+ of (\d+)", pages[-1]) == [str(len(pages))]


def test_a_plan_needs_the_screen(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", NotATerminal(""))
    out_file = tmp_path / "x.pdf"
    code, out, err = run(capsys, "worksheet", FIVE_MINUTE, "--no-floor", "-o", str(out_file))
    assert code == 2
    assert "--red-flags-none" in err
    assert len(err.strip().splitlines()) == 1
    assert not out_file.exists()


def test_a_routine_worksheet_needs_the_screen_too(capsys, tmp_path, monkeypatch, library) -> None:
    monkeypatch.setattr("sys.stdin", NotATerminal(""))
    out_file = tmp_path / "r.pdf"
    code, _, err = run(capsys, "worksheet", "dont-crack-your-back", "-o", str(out_file))
    assert code == 2 and "--red-flags-none" in err and not out_file.exists()
    code, out, err = run(capsys, "worksheet", "dont-crack-your-back", "--paper", "letter",
                         "--red-flags-none", "-o", str(out_file))
    assert code == 0, err
    assert "Letter" in out
    pdf = out_file.read_bytes()
    assert round(float(reader(pdf).pages[0].mediabox.height)) == 792
    # nothing known: the safe default, as `backcare play` plays it, saying what it left out
    default = safe_default_plan(library, "dont-crack-your-back")
    assert exercise_headings(pdf, library) == [
        f"{n}. {item.exercise.name}" for n, item in enumerate(default.items, 1)]
    text = " ".join(page_texts(pdf))
    assert "Prone props: Left out because it is only for people who know they have a disc problem" in text


def test_a_condition_on_the_command_line_fits_the_sheet(capsys, tmp_path, library) -> None:
    out_file = tmp_path / "p.pdf"
    code, out, err = run(capsys, "worksheet", "dont-crack-your-back", "--condition", "disc",
                         "--red-flags-none", "-o", str(out_file))
    assert code == 0, err
    headings = exercise_headings(out_file.read_bytes(), library)
    assert headings[-1] == "6. Prone props"


def test_a_warning_sign_on_the_terminal_stops_the_plan(capsys, tmp_path, monkeypatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal("y\n" * 20))
    out_file = tmp_path / "x.pdf"
    code, _, _ = run(capsys, "worksheet", FIVE_MINUTE, "--minutes", "5", "-o", str(out_file))
    assert code == 3
    assert not out_file.exists()


@pytest.mark.parametrize(("argv", "needle"), [
    (["worksheet", "no-such-routine", "-o", "{out}"], "No routine called 'no-such-routine'"),
    (["worksheet", "dont-crack-yuor-back", "-o", "{out}"], "Did you mean: dont-crack-your-back"),
    (["worksheet", FIVE_MINUTE, "--minutes", "0", "--red-flags-none", "-o", "{out}"],
     "--minutes: must be a whole number"),
    (["worksheet", FIVE_MINUTE, "--skip", "nope", "--red-flags-none", "-o", "{out}"],
     "--skip: names exercises we do not have: nope"),
    (["worksheet", FIVE_MINUTE, "--pain", "11", "--red-flags-none", "-o", "{out}"], "--pain"),
    (["worksheet", FIVE_MINUTE, "--red-flags-none", "-o", "{tmp}/missing/dir/x.pdf"],
     "cannot write"),
])
def test_errors_are_one_line_and_exit_non_zero(capsys, tmp_path, argv, needle) -> None:
    out_file = tmp_path / "x.pdf"
    argv = [a.format(out=out_file, tmp=tmp_path) for a in argv]
    code, _, err = run(capsys, *argv)
    assert code != 0
    lines = [line for line in err.splitlines() if line.startswith("backcare:")]
    assert len(lines) == 1 and needle in lines[0], err
    assert "Traceback" not in err
    assert not out_file.exists()


def test_bad_paper_is_refused_by_the_parser(capsys, tmp_path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["worksheet", FIVE_MINUTE, "--paper", "a3", "-o", str(tmp_path / "x.pdf")])
    assert exc.value.code == 2
    assert "invalid choice: 'a3'" in capsys.readouterr().err


def test_pdf_to_standard_output(capsysbinary) -> None:
    code = main(["worksheet", FIVE_MINUTE, "--red-flags-none", "-o", "-"])
    assert code == 0
    assert capsysbinary.readouterr().out.startswith(b"%PDF-")


def test_bad_options_fail_before_the_safety_questions(capsys, tmp_path, monkeypatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal("n\n" * 20))
    code, _, err = run(capsys, "worksheet", FIVE_MINUTE, "--skip", "nope",
                       "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and "--skip" in err
    assert "safety questions" not in err  # nobody answered nine questions for nothing
