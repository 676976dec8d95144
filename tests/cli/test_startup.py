"""A quick command stays quick: what only some commands need is imported only by them.

`backcare show` and `backcare routines` never import ReportLab (PDFs), Django or granian
(the site), nor the terminal player; each command's process is checked for the modules it
ended up with. How fast it starts is measured by bench/startup.py, not here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from backcare.cli.main import main, named_command

from .conftest import CONTENT, FIVE_MINUTE, ROOT

#: Runs the real `backcare` and reports the modules the process imported.
WRAPPER = """
import json, sys
from backcare.cli.main import main
code = main(sys.argv[1:])
sys.stderr.write("MODULES " + json.dumps(sorted(sys.modules)) + "\\n")
sys.exit(code)
"""

#: Libraries a command that only reads the library has no use for.
HEAVY = {"reportlab", "PIL", "django", "granian", "gunicorn", "ninja", "weasyprint"}
#: backcare's own parts that only other commands use.
NOT_FOR_READING = {"backcare.worksheets", "backcare.player", "backcare.cli.play_command",
                   "backcare.planning"}


def imported_by(*args: str) -> set[str]:
    env = {**os.environ, "BACKCARE_CONTENT_DIR": str(CONTENT), "COLUMNS": "200"}
    result = subprocess.run([sys.executable, "-c", WRAPPER, *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stderr.splitlines() if x.startswith("MODULES "))
    return set(json.loads(line.removeprefix("MODULES ")))


@pytest.mark.parametrize("args", [
    ("show", "pelvic-tilt"),
    ("show", "pelvic-tilt", "--json"),
    ("show", FIVE_MINUTE),
    ("routines",),
])
def test_quick_commands_import_no_pdf_or_web_library(args: tuple[str, ...]) -> None:
    found = imported_by(*args)
    assert {m.split(".")[0] for m in found} & HEAVY == set()
    assert found & NOT_FOR_READING == set()


def test_the_worksheet_command_still_gets_reportlab(tmp_path: Path) -> None:
    """The check above can see an import: writing a PDF does bring ReportLab in."""
    found = imported_by("worksheet", FIVE_MINUTE, "-o", str(tmp_path / "sheet.pdf"),
                        "--red-flags-none")
    assert "reportlab" in found and "backcare.worksheets" in found
    assert (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(("words", "named"), [
    (["show", "pelvic-tilt"], "show"),
    (["--lang", "es", "play", "x"], "play"),
    (["--lang=es", "restore", "f"], "restore"),
    (["--help"], None),
    (["-h", "show"], None),
    ([], None),
])
def test_the_command_is_read_as_argparse_reads_it(words: list[str], named: str | None) -> None:
    assert named_command(words) == named


def test_help_still_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("check-content", "routines", "show", "serve", "conditions", "plan", "play",
                    "worksheet", "backup", "restore", "include-again"):
        assert f"    {command}" in out


def test_a_mistyped_command_is_told_every_choice(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["plya", "x"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'plya'" in err and "'play'" in err and "'worksheet'" in err
