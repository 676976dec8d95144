"""Where each exported URL's bytes go in the export folder, and the folder's manifest.

The export folder is the site's root, so a page's absolute links (``/routines/x/``) find
their file on any plain file server:

- a page ``/P/`` is ``P/index.html`` (``/`` is ``index.html``, ``/es/`` ``es/index.html``);
- a file ``/P`` (a demo's SVG, a static file, ``/404.html``) is ``P``;
- an API read ``/api/P`` is ``api/P.json`` (``/api/routines`` and ``/api/routines/<slug>``
  cannot both be files of one name);
- a URL with a query string (``/exercises/?page=2``, ``/api/routines?lang=es``) has the query,
  as is, before the extension: ``exercises/index.page=2.html``, ``api/routines.lang=es.json``.
  A plain file server ignores query strings, so these need one rule in front of it (the
  nginx configuration :mod:`backcare.static_export.nginx` writes has it).

``.backcare-export.json`` in the folder lists every URL with its file, its content type and
the status the site answers it with; it marks the folder as an export, so a later export
may replace what an earlier one wrote and nothing else.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from backcare.vocabulary import gettext as _

MANIFEST = ".backcare-export.json"
FORMAT = 1
#: What a query string or a path segment may hold to become part of a file name.
SAFE_QUERY = re.compile(r"^[A-Za-z0-9_-]+=[A-Za-z0-9_-]+(&[A-Za-z0-9_-]+=[A-Za-z0-9_-]+)*$")


class ExportRefused(Exception):
    """The export will not write here (the CLI exits 2)."""


class ExportFailed(Exception):
    """The site did not answer as an export needs (the CLI exits 1)."""


@dataclass(frozen=True)
class Entry:
    url: str  # path and query, as a browser asks for it
    file: str  # relative to the export folder, POSIX separators
    kind: str  # page, demo, api, static, not-found
    content_type: str
    status: int = 200


@dataclass
class Manifest:
    origin: str
    languages: list[str]
    content_hash: str
    complete: bool = False
    entries: list[Entry] = field(default_factory=list)

    def to_json(self) -> str:
        data = {"format": FORMAT, "origin": self.origin, "languages": self.languages,
                "content_hash": self.content_hash, "complete": self.complete,
                "entries": [asdict(entry) for entry in self.entries]}
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a backcare export manifest")
        return cls(origin=str(data["origin"]), languages=[str(x) for x in data["languages"]],
                   content_hash=str(data["content_hash"]), complete=bool(data["complete"]),
                   entries=[Entry(**entry) for entry in data["entries"]])

    def counts(self) -> dict[str, int]:
        counted: dict[str, int] = {}
        for entry in self.entries:
            counted[entry.kind] = counted.get(entry.kind, 0) + 1
        return counted


def file_for(url: str) -> PurePosixPath:
    """The file, relative to the export folder, that holds ``url``'s answer."""
    path, _sep, query = url.partition("?")
    if not path.startswith("/") or (query and not SAFE_QUERY.match(query)):
        raise ValueError(f"cannot name a file for {url!r}")
    tag = f".{query}" if query else ""
    if path.startswith("/api/"):
        name = f"{path.rstrip('/')}{tag}.json"
    elif path.endswith("/"):
        name = f"{path}index{tag}.html"
    elif query:
        raise ValueError(f"cannot name a file for {url!r}")
    else:
        name = path
    relative = PurePosixPath(unquote(name).lstrip("/"))
    if any(part in ("", ".", "..") or part.startswith(".") for part in relative.parts):
        raise ValueError(f"cannot name a file for {url!r}")
    return relative


# --- the folder ----------------------------------------------------------------------------

def previous_manifest(folder: Path) -> Manifest | None:
    """The manifest of an earlier export in ``folder`` (None when the folder is new or empty).
    ExportRefused when the folder holds anything else, or is not a folder."""
    if not folder.exists():
        return None
    if not folder.is_dir():
        raise ExportRefused(_("{folder} is not a folder.").format(folder=folder))
    marker = folder / MANIFEST
    if marker.is_file() and not marker.is_symlink():
        try:
            return Manifest.from_json(marker.read_text(encoding="utf-8"))
        except (ValueError, KeyError, TypeError, OSError):
            pass  # refused below, like any other foreign folder
    elif not any(folder.iterdir()):
        return None
    raise ExportRefused(_(
        "{folder} is not empty and holds no earlier backcare export ({manifest} is missing "
        "or unreadable). Export into a new or empty folder, or one an earlier "
        "`backcare export-static` wrote.").format(folder=folder, manifest=MANIFEST))


class Writer:
    """Writes the export's files, each replaced whole (never seen half-written by a server
    that reads the folder meanwhile) and left untouched when its bytes are already there."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.written = 0
        self.unchanged = 0

    def target(self, relative: PurePosixPath) -> Path:
        return self.folder.joinpath(*relative.parts)

    def write(self, relative: PurePosixPath, body: bytes) -> None:
        path = self.target(relative)
        if path.is_file() and not path.is_symlink() and path.read_bytes() == body:
            self.unchanged += 1
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.partial")
        partial.write_bytes(body)
        os.replace(partial, path)
        self.written += 1

    def write_manifest(self, manifest: Manifest) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f"{MANIFEST}.partial"
        partial.write_text(manifest.to_json(), encoding="utf-8")
        os.replace(partial, self.folder / MANIFEST)

    def remove_stale(self, before: Manifest | None, now: Iterable[Entry]) -> int:
        """Delete the files an earlier export wrote that this one did not, and the folders
        that leaves empty. Returns how many files went."""
        if before is None:
            return 0
        kept = {entry.file for entry in now}
        removed = 0
        for entry in before.entries:
            if entry.file in kept:
                continue
            try:
                relative = PurePosixPath(entry.file)
                if any(part in ("", ".", "..") for part in relative.parts):
                    continue
                path = self.target(relative)
                if path.is_file() or path.is_symlink():
                    path.unlink()
                    removed += 1
                self._prune(path.parent)
            except OSError:
                continue
        return removed

    def _prune(self, folder: Path) -> None:
        while folder != self.folder and self.folder in folder.parents:
            try:
                folder.rmdir()  # only when empty
            except OSError:
                return
            folder = folder.parent
