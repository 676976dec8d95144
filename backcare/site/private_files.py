"""Files only the account running backcare may read: var/ is 0700, what lives in it 0600.

var/ holds the development secret key, the default SQLite database, the terminal player's
device id and the backups. Each file is created with its final mode (``os.open(..., 0o600)``),
never created wide and narrowed afterwards, so there is no moment at which another user
could open it; the umask can only take permissions away, so it cannot widen them.

A folder or file that already exists with wider permissions (made by an older backcare,
which left the database 0644) is narrowed. One that belongs to another account cannot be
changed by us; that is its owner's choice, and it is left as it is.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def _narrow(path: Path, mode: int) -> None:
    try:
        if path.stat().st_mode & 0o777 & ~mode:
            path.chmod(mode)
    except PermissionError:  # not ours: see the module's docstring
        pass


def private_dir(path: Path) -> Path:
    """``path`` as a folder only its owner may enter (made if missing, narrowed if wider)."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    _narrow(path, PRIVATE_DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Make ``path`` an owner-only file: created empty if missing (its content is kept if not)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE_MODE))
    _narrow(path, PRIVATE_FILE_MODE)
    return path


def write_private_text(path: Path, text: str) -> None:
    """Write ``text`` to an owner-only file, made 0600 before the first byte is written."""
    private_file(path)
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(text)
