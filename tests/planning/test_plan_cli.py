"""`backcare plan`: the safety questions first, then the plan as text or JSON."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from backcare.cli.main import main
from backcare.content import Library
from backcare.content.wording import format_duration
from backcare.plans import QUESTIONS, PlanError, Profile, make_plan
from backcare.playscript import build_script

from .conftest import CRACK, FIVE, NOT_URGENT, URGENT

ROOT = Path(__file__).resolve().parents[2]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKCARE_CONTENT_DIR", str(ROOT / "content"))
    monkeypatch.setenv("COLUMNS", "200")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def answers(yes: str | None = None) -> str:
    return "".join("y\n" if q.id == yes else "n\n" for q in QUESTIONS)


def test_three_minutes_off_the_floor_as_json(capsys, library: Library) -> None:
    code, out, err = run(capsys, "plan", FIVE, "--minutes", "3", "--no-floor",
                         "--red-flags-none", "--json")
    assert code == 0, err
    assert "--red-flags-none" in err  # the statement is printed back
    body = json.loads(out)
    assert set(body) == {"routine", "title", "total_seconds", "language", "plan", "phases",
                         "steps", "changes", "left_out", "advice"}
    assert body["total_seconds"] <= 180
    assert body["total_seconds"] == sum(phase["seconds"] for phase in body["phases"])
    plan = make_plan(library, FIVE, Profile(floor=False, minutes=3))
    assert body["phases"] == [phase.as_dict() for phase in build_script(plan.timeline).phases]
    assert body["steps"]
    for step in body["steps"]:
        exercise = library.exercises[step["exercise"]]
        assert exercise.needs_floor is False
        if exercise.kind == "stretch":
            assert step["hold_seconds"] == 30
    assert any(library.exercises[s["exercise"]].kind == "stretch" for s in body["steps"])
    assert body["plan"] == "floor=0&minutes=3"  # no conditions given: the safe default


def test_json_is_the_same_shape_as_the_api(capsys, client) -> None:
    _, out, _ = run(capsys, "plan", CRACK, "--condition", "disc", "--bending-worsens-leg-pain",
                    "--pain", "3", "--skip", "bridge", "--red-flags-none", "--json")
    payload = {"routine": CRACK, "floor": True, "conditions": ["disc"],
               "bending_worsens_leg_pain": True, "pain": 3,
               "skip": ["bridge"], "minutes": None,
               "red_flags": {q.id: False for q in QUESTIONS}}
    api = client.post("/api/plans", json.dumps(payload), content_type="application/json")
    assert api.status_code == 200
    assert json.loads(out) == api.json()


@pytest.mark.parametrize("options", [[], ["--condition", "none-known"], ["--condition", "disc"],
                                     ["--condition", "disc", "--condition", "hip-replacement"],
                                     ["--diagnosis", "none"], ["--diagnosis", "disc"]])
def test_prone_props_only_with_a_disc_problem(capsys, options: list[str]) -> None:
    code, out, _ = run(capsys, "plan", CRACK, *options, "--red-flags-none", "--json")
    assert code == 0
    body = json.loads(out)
    slugs = {s["exercise"] for s in body["steps"]}
    assert ("prone-props" in slugs) == ("disc" in options)
    left = {item["exercise"]: item["reason"] for item in body["left_out"]}
    assert ("prone-props" in left) == ("disc" not in options)


@pytest.mark.parametrize(("options", "words"), [
    (["--condition", "flu"], "flu is not a condition we know"),
    (["--condition", "disc", "--diagnosis", "disc"], "not both"),
    (["--condition", "none-known", "--condition", "disc"], "one or the other"),
])
def test_bad_conditions_are_one_line_and_exit_2(capsys, options: list[str], words: str) -> None:
    code, _, err = run(capsys, "plan", CRACK, *options, "--red-flags-none")
    assert code == 2 and words in err


def test_the_conditions_command_lists_every_condition(capsys, library: Library) -> None:
    code, out, _ = run(capsys, "conditions")
    assert code == 0
    for condition in library.rules.conditions:
        assert condition.slug in out
    assert "none-known" in out and "other" in out


def test_text_output_explains_the_changes(capsys, library: Library) -> None:
    code, out, _ = run(capsys, "plan", FIVE, "--minutes", "3", "--no-floor", "--pain", "4",
                       "--red-flags-none")
    assert code == 0
    text = " ".join(out.split())
    assert "What changed and why" in text
    assert "Pelvic tilt -> Seated pelvic tilt" in text
    assert "Left out so the plan fits in your 3 min" in text
    assert "pain today 4/10" in text
    plan = make_plan(library, FIVE, Profile(floor=False, minutes=3, pain=4))
    total = build_script(plan.timeline).total_seconds  # what both players take
    assert total == plan.total_seconds <= 180
    assert f"Total: {format_duration(total)} ({total} s," in text
    assert "health conditions: not given" in text
    numbered = [line.split("(")[-1].split(")")[0] for line in out.splitlines()
                if line.strip()[:2].rstrip(".").isdigit()]
    assert numbered == ["seated-pelvic-tilt", "seated-knee-to-chest", "seated-forward-bend",
                        "seated-cat-cow"]
    assert library.site.disclaimer_short in text


@pytest.mark.parametrize(("flag", "words"), [(NOT_URGENT, "doctor"), (URGENT, "emergency")])
def test_a_yes_on_the_terminal_is_exit_3_with_advice(capsys, monkeypatch, flag, words) -> None:
    monkeypatch.setattr(sys, "stdin", FakeTerminal(answers(yes=flag)))
    code, out, err = run(capsys, "plan", FIVE, "--json")
    assert code == 3
    assert QUESTIONS[0].text in err  # the questions were asked, on the terminal's stderr
    assert words in err.lower()
    assert "steps" not in out and "Your plan" not in out


def test_all_no_on_the_terminal_gives_the_plan(capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeTerminal(answers()))
    code, out, _ = run(capsys, "plan", FIVE)
    assert code == 0 and "Your plan" in out


def test_questions_asked_on_a_terminal_leave_json_output_clean(capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeTerminal(answers()))
    code, out, err = run(capsys, "plan", FIVE, "--json")
    assert code == 0 and QUESTIONS[0].text in err
    assert json.loads(out)["routine"] == FIVE


def test_no_terminal_and_no_statement_is_exit_2(capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers()))
    code, out, err = run(capsys, "plan", FIVE)
    assert code == 2 and not out
    assert "--red-flags-none" in err


@pytest.mark.parametrize(("argv", "needle"), [
    (["plan", "no-such-routine", "--red-flags-none"], "No routine called"),
    (["plan", "dont-crack", "--red-flags-none"], "Did you mean: dont-crack-your-back"),
    (["plan", FIVE, "--minutes", "0", "--red-flags-none"], "--minutes"),
    (["plan", FIVE, "--pain", "12", "--red-flags-none"], "--pain"),
    (["plan", FIVE, "--skip", "no-such-exercise", "--red-flags-none"], "no-such-exercise"),
    (["plan", CRACK, "--no-floor", "--minutes", "1", "--red-flags-none"], "needs at least"),
])
def test_errors_are_one_line_and_non_zero(capsys, argv: list[str], needle: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code != 0 and not out.strip()
    assert needle in err and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("backcare:")


def test_too_little_time_names_the_least_the_routine_needs(capsys, library: Library) -> None:
    with pytest.raises(PlanError) as refused:
        make_plan(library, CRACK, Profile(floor=False, minutes=1))
    need = refused.value.minimum_seconds
    assert need is not None and need > 60
    code, _, err = run(capsys, "plan", CRACK, "--no-floor", "--minutes", "1", "--red-flags-none")
    assert code == 1 and f"at least {format_duration(need)}" in err


def test_a_red_flag_under_a_real_pty(tmp_path: Path) -> None:
    """The installed command on a real terminal: answer yes to an urgent question."""
    parent, child = pty.openpty()
    env = {**os.environ, "BACKCARE_CONTENT_DIR": str(ROOT / "content"), "COLUMNS": "200"}
    proc = subprocess.Popen([sys.executable, "-m", "backcare.cli.main", "plan", FIVE],
                            stdin=child, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, cwd=ROOT)
    os.close(child)
    os.write(parent, answers(yes=URGENT).encode())
    out, err = proc.communicate(timeout=60)
    os.close(parent)
    assert proc.returncode == 3
    assert "emergency" in err.decode().lower()
    assert b"Your plan" not in out


def test_the_plan_in_spanish(capsys, library: Library) -> None:
    code, out, err = run(capsys, "--lang", "es", "plan", FIVE, "--minutes", "3", "--no-floor",
                         "--red-flags-none")
    assert code == 0, err
    text = " ".join(out.split())
    spanish = library.in_language("es")
    assert f"Tu plan: {spanish.routines[FIVE].title}" in text
    assert "Qué ha cambiado y por qué" in text and "Los ejercicios, en orden" in text
    assert f"/es/routines/{FIVE}/plan/?" in text
    assert spanish.exercises["seated-pelvic-tilt"].name in text
    for english in ("What changed and why", "Your plan", "Total:  ", "Fitted to you",
                    "The exercises, in order", "On the web"):
        assert english not in text
    assert "Has declarado que no tienes ninguna" in err
