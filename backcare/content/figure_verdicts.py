"""The demo figures' verdict, kept in var/ so a library load need not check every figure.

Checking every demo (compiling each figure and sampling its loop, :mod:`backcare.figures.checks`)
is most of a library load's time. ``backcare check-content`` always runs it; a load that is
given a :class:`FigureVerdicts` (the CLI, ``backcare serve``, Django's system check and
wsgi.py) runs it only for content it has not seen pass: the verdict "every demo draws" is
recorded under a key made of the content's hash and the hash of the code that checks it,
so a changed file *or* a changed check means checking again. Only passes are recorded;
broken content is checked, and refused, on every load.

The record is one small owner-only file (0600, like everything in var/); a var/ that cannot
be written only means the figures are checked each time.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from backcare.content.paths import PROJECT_ROOT
from backcare.site.private_files import private_dir, write_private_text

#: The file in var/ that lists the keys whose figures passed, newest last.
VERDICT_FILE = "figures-checked"
#: Keys kept: enough for a few content versions side by side (tests, branches).
KEPT = 32
#: The code a verdict depends on: the figure checks and the models they read.
_CODE = ("backcare/figures", "backcare/content/schema.py", "backcare/content/demo_schema.py",
         "backcare/content/references.py")


@cache
def code_hash() -> str:
    """sha256 of the figure-checking code, read once per process."""
    digest = hashlib.sha256()
    for name in _CODE:
        path = PROJECT_ROOT / name
        for source in sorted(path.glob("*.py")) if path.is_dir() else [path]:
            digest.update(f"{source.relative_to(PROJECT_ROOT)}\0".encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()


def default_var_dir() -> Path | None:
    """``$BACKCARE_VAR_DIR`` or the project's var/, as the site's settings read it (None for
    a relative path, which the settings refuse)."""
    raw = os.environ.get("BACKCARE_VAR_DIR", "").strip()
    if not raw:
        return PROJECT_ROOT / "var"
    path = Path(raw).expanduser()
    return path if path.is_absolute() else None


class FigureVerdicts:
    """The recorded passes in ``var_dir`` (nothing is recorded when it is None). With
    ``recheck`` (``backcare check-content``) no recorded pass is trusted; new ones are kept."""

    def __init__(self, var_dir: Path | None, *, recheck: bool = False) -> None:
        self.path = var_dir / VERDICT_FILE if var_dir is not None else None
        self.recheck = recheck

    @staticmethod
    def key(content_hash: str) -> str:
        return hashlib.sha256(f"{content_hash}\0{code_hash()}".encode()).hexdigest()

    def _keys(self) -> list[str]:
        if self.path is None:
            return []
        try:
            return self.path.read_text(encoding="ascii").split()
        except (OSError, UnicodeDecodeError):
            return []

    def passed(self, content_hash: str) -> bool:
        """Whether every demo of this content was seen to draw (by this code)."""
        if self.recheck or self.path is None:
            return False
        try:
            return self.key(content_hash) in self._keys()
        except OSError:  # the code cannot be read: check again
            return False

    def record_pass(self, content_hash: str) -> None:
        if self.path is None:
            return
        try:
            key = self.key(content_hash)
            keys = [k for k in self._keys() if k != key][-(KEPT - 1):] + [key]
            private_dir(self.path.parent)
            temporary = self.path.with_name(f".{VERDICT_FILE}.{os.getpid()}")
            write_private_text(temporary, "\n".join(keys) + "\n")
            os.replace(temporary, self.path)
        except OSError:  # a read-only var/: the figures are checked on every load
            pass
