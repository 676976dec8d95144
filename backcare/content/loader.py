"""Read every content file, validate it, cross-check references, and report all problems.

Layout of a content directory::

    site.yaml                 disclaimer and affiliate disclosure
    exercises/<slug>.yaml     one exercise per file
    routines/<slug>.yaml      one routine per file
    conditions/<slug>.yaml    one condition page per file

``load_library`` returns an immutable :class:`Library` or raises :class:`ContentError`
carrying every problem found, each naming the file, the field and what is wrong.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from backcare.content.library import Library
from backcare.content.references import check_references
from backcare.content.schema import Condition, Exercise, Routine, SiteText

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, order=True)
class ContentProblem:
    file: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.message}"


class ContentError(Exception):
    def __init__(self, problems: list[ContentProblem]) -> None:
        self.problems = sorted(problems)
        super().__init__(
            f"{len(self.problems)} problem(s) in the content:\n"
            + "\n".join(f"  - {p}" for p in self.problems)
        )


def _field_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _describe(error: Any) -> str:
    kind = error["type"]
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "is not a known field (check the spelling)"
    message = str(error["msg"])
    if kind == "literal_error":
        return f"has value {error['input']!r}; {message[0].lower()}{message[1:]}"
    if "input" in error and not isinstance(error["input"], (dict, list)):
        return f"has value {error['input']!r}: {message}"
    return message


def _read(path: Path, model: type[M], root: Path, problems: list[ContentProblem]) -> M | None:
    rel = str(path.relative_to(root))
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        problems.append(ContentProblem(rel, "", "is not UTF-8 text"))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append(ContentProblem(rel, "", f"is not valid YAML{where}: {reason}"))
        return None
    if not isinstance(data, dict):
        problems.append(
            ContentProblem(rel, "", f"must hold a mapping of fields, found {type(data).__name__}")
        )
        return None
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            problems.append(ContentProblem(rel, _field_path(error["loc"]), _describe(error)))
        return None
    return obj


def _read_dir(root: Path, sub: str, model: type[M], problems: list[ContentProblem]) -> dict[str, M]:
    """Read one folder. A file's slug must match its name, so each slug has one file."""
    folder = root / sub
    if not folder.is_dir():
        problems.append(ContentProblem(f"{sub}/", "", "folder is missing"))
        return {}
    read: list[tuple[Path, M]] = []
    for path in sorted(folder.iterdir()):
        rel = str(path.relative_to(root))
        if path.suffix == ".yml":
            problems.append(ContentProblem(rel, "", "use the .yaml extension"))
        elif path.suffix == ".yaml":
            obj = _read(path, model, root, problems)
            if obj is not None:
                read.append((path, obj))
    found = {getattr(obj, "slug"): obj for path, obj in read if getattr(obj, "slug") == path.stem}
    for path, obj in read:
        slug = getattr(obj, "slug")
        if slug == path.stem:
            continue
        rel = str(path.relative_to(root))
        if slug in found:
            problems.append(ContentProblem(rel, "slug", f"duplicate slug {slug!r}: "
                                           f"{sub}/{slug}.yaml already uses it"))
        else:
            problems.append(ContentProblem(rel, "slug", f"is {slug!r} but the file is named "
                                           f"{path.name!r}; name the file {slug}.yaml"))
    if not read and not any(p.file.startswith(f"{sub}/") for p in problems):
        problems.append(ContentProblem(f"{sub}/", "", "holds no .yaml files"))
    return found


def hash_content(root: Path) -> str:
    """A stable hash of every .yaml file's path and bytes under ``root`` (sha256, hex)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.yaml")):
        data = path.read_bytes()
        digest.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def collect_problems(root: Path | str) -> tuple[Library | None, list[ContentProblem]]:
    """Load what can be loaded and return it with every problem found."""
    root = Path(root)
    problems: list[ContentProblem] = []
    if not root.is_dir():
        return None, [ContentProblem(str(root), "", "content folder does not exist")]
    site: SiteText | None = None
    if (root / "site.yaml").is_file():
        site = _read(root / "site.yaml", SiteText, root, problems)
    else:
        problems.append(ContentProblem("site.yaml", "", "file is missing"))
    exercises = _read_dir(root, "exercises", Exercise, problems)
    routines = _read_dir(root, "routines", Routine, problems)
    conditions = _read_dir(root, "conditions", Condition, problems)
    problems.extend(
        ContentProblem(file, field, message)
        for file, field, message in check_references(exercises, routines, conditions)
    )
    if problems or site is None:
        return None, problems
    return Library.build(site, exercises, routines, conditions, hash_content(root)), []


def load_library(root: Path | str) -> Library:
    library, problems = collect_problems(root)
    if problems or library is None:
        raise ContentError(problems)
    return library
