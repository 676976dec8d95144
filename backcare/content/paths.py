"""Where the content lives: ``$BACKCARE_CONTENT_DIR`` or the project's ``content/`` folder."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def default_content_dir() -> Path:
    configured = os.environ.get("BACKCARE_CONTENT_DIR", "").strip()
    return Path(configured) if configured else PROJECT_ROOT / "content"
