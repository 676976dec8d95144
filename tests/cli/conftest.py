from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
MINI = ROOT / "tests" / "fixtures" / "mini"
FIVE_MINUTE = "back-pain-relief-stretches-5-minute-real-time-routine"


@pytest.fixture(autouse=True)
def real_content(monkeypatch: pytest.MonkeyPatch) -> Path:
    """The CLI reads the project's content/ and prints wide enough that slugs never wrap."""
    monkeypatch.setenv("BACKCARE_CONTENT_DIR", str(CONTENT))
    monkeypatch.setenv("COLUMNS", "200")
    return CONTENT


@pytest.fixture
def mini(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BACKCARE_CONTENT_DIR", str(MINI))
    return MINI
