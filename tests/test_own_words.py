"""Facts carry over from the reference page; sentences do not.

Fails when any 8-word run of the reference's prose appears in a project file (the same
rule as the before-stop hook), so copied text is caught by the suite, not by a reviewer.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference" / "back-pain-page.txt"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _reference_runs() -> set[tuple[str, ...]]:
    runs: set[tuple[str, ...]] = set()
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        words = _words(line)
        if len(words) >= 12:  # prose lines only; short lines are titles, quoted as names
            runs |= {tuple(words[i:i + 8]) for i in range(len(words) - 7)}
    return runs


def _project_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()
    return [ROOT / p for p in listed if (ROOT / p).is_file()]


@pytest.mark.skipif(not REFERENCE.is_file(), reason="shared/ reference page is not beside the project")
def test_no_sentence_is_copied_from_the_reference() -> None:
    runs = _reference_runs()
    assert runs, "the reference page has no prose: the check would pass vacuously"
    copied: dict[str, str] = {}
    for path in _project_files():
        try:
            words = _words(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, OSError):
            continue
        for i in range(len(words) - 7):
            if tuple(words[i:i + 8]) in runs:
                copied[str(path.relative_to(ROOT))] = " ".join(words[i:i + 8])
                break
    assert not copied, f"8-word runs copied from the reference: {copied}"
