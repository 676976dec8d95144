"""Read every content file, validate it, cross-check references, and report all problems.

Layout of a content directory::

    site.yaml                 disclaimer and affiliate disclosure
    rules.yaml                health conditions and the movement families they leave out
    dose-bounds.yaml          the doses a clinician may prescribe (optional; see bounds_schema)
    exercises/<slug>.yaml     one exercise per file
    routines/<slug>.yaml      one routine per file
    conditions/<slug>.yaml    one condition page per file

``load_library`` returns an immutable :class:`Library` or raises :class:`ContentError`
carrying every problem found, each naming the file, the field and what is wrong.

Nothing in the folder can hang or swamp the loader: files are read by
:mod:`backcare.content.safe_file` (regular files inside the folder only, size-capped),
parsed by :mod:`backcare.content.strict_yaml` (depth, size, aliases, tags, duplicate keys)
and every text is checked by :mod:`backcare.content.plain_text` before the schema sees it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from backcare.content.bounds_schema import DoseBoundsFile
from backcare.content.figure_verdicts import FigureVerdicts
from backcare.content.library import Library
from backcare.content.plain_text import clip, for_terminal, quote
from backcare.content.references import check_references
from backcare.content.rules_schema import RulesFile
from backcare.content.safe_file import ContentFiles, UnsafeFile
from backcare.content.schema import Condition, Exercise, Routine, SiteText
from backcare.content.strict_yaml import ContentRuleError, parse
from backcare.content.translations import (
    LANGUAGE_FOLDER,
    PARTS,
    language_folders,
    rules_shape,
    shape_problems,
    site_shape,
    translate_rules,
    translate_site,
    validation_problems,
)
from backcare.vocabulary import LANGUAGES

M = TypeVar("M", bound=BaseModel)

#: The doses a clinician may prescribe (backcare.content.bounds_schema); it has no text to
#: translate, so no language folder holds a copy.
BOUNDS_FILE = "dose-bounds.yaml"
#: A folder with more .yaml files than this is refused unread (the real content has 28).
MAX_FILES_PER_FOLDER = 1000
#: Problems listed for one file; beyond these, one line says how many more there are.
MAX_PROBLEMS_PER_FILE = 20

_FOUND = {list: "a list", str: "text", int: "a number", float: "a number", bool: "true or false"}


@dataclass(frozen=True, order=True)
class ContentProblem:
    """One problem: the file (relative to the content folder), the field, and what is wrong.

    All three are made safe to print when the problem is made (control and bidi characters
    escaped, overlong parts cut), so the CLI, the system check and wsgi.py need not.
    """

    file: str
    field: str
    message: str

    def __post_init__(self) -> None:
        for name, limit in (("file", 200), ("field", 200), ("message", 500)):
            object.__setattr__(self, name, clip(for_terminal(getattr(self, name)), limit))

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
    message = clip(str(error["msg"]), 200)
    if kind == "literal_error":
        return f"has value {quote(error['input'])}; {message[0].lower()}{message[1:]}"
    if "input" in error and not isinstance(error["input"], (dict, list)):
        return f"has value {quote(error['input'])}: {message}"
    return message


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    parts = (getattr(exc, "context", None), getattr(exc, "problem", None))
    reason = ", ".join(str(p) for p in parts if p) or str(exc)
    return f"is not valid YAML{where}: {clip(reason, 120)}"


def _parse(path: Path, files: ContentFiles, problems: list[ContentProblem]) -> Any:
    """The file's data, or None after adding the reason it cannot be read to ``problems``."""
    rel = str(path.relative_to(files.root))
    try:
        return parse(files.read(path).decode("utf-8"))
    except UnsafeFile as exc:
        problems.append(ContentProblem(rel, "", exc.message))
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        problems.append(ContentProblem(
            rel, "", f"is not UTF-8 text (the first bad byte is on line {line})"))
    except ContentRuleError as exc:
        field = _field_path(exc.path) if exc.path else ""
        where = f"line {exc.line}" + (f", column {exc.column}" if exc.column else "")
        problems.append(ContentProblem(rel, field, f"{exc.message} ({where})"))
    except yaml.YAMLError as exc:
        problems.append(ContentProblem(rel, "", _yaml_problem(exc)))
    return None


def _read(path: Path, model: type[M], files: ContentFiles,
          problems: list[ContentProblem]) -> M | None:
    rel = str(path.relative_to(files.root))
    before = len(problems)
    data = _parse(path, files, problems)
    if len(problems) > before:
        return None
    if data is None:
        problems.append(ContentProblem(rel, "", "is empty; it must hold a mapping of fields"))
        return None
    if not isinstance(data, dict):
        found = _FOUND.get(type(data), type(data).__name__)
        problems.append(ContentProblem(rel, "", f"must hold a mapping of fields, found {found}"))
        return None
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        for error in errors[:MAX_PROBLEMS_PER_FILE]:
            problems.append(ContentProblem(rel, _field_path(error["loc"]), _describe(error)))
        if len(errors) > MAX_PROBLEMS_PER_FILE:
            problems.append(ContentProblem(
                rel, "", f"has {len(errors) - MAX_PROBLEMS_PER_FILE:,} more problems, not listed"))
        return None
    return obj


def _yaml_files(files: ContentFiles, sub: str, problems: list[ContentProblem]) -> list[Path]:
    """The entries of one folder to look at, or none after a problem with the folder."""
    folder = files.root / sub
    if not folder.is_dir():
        missing = not os.path.lexists(folder)
        problems.append(ContentProblem(f"{sub}/", "", "folder is missing" if missing
                                       else "is not a folder"))
        return []
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        problems.append(ContentProblem(f"{sub}/", "", f"folder cannot be read ({exc.strerror})"))
        return []
    count = sum(1 for path in entries if path.suffix == ".yaml")
    if count > MAX_FILES_PER_FOLDER:
        problems.append(ContentProblem(f"{sub}/", "", f"holds {count:,} .yaml files; "
                                       f"the limit is {MAX_FILES_PER_FOLDER:,}"))
        return []
    return entries


def _slug(obj: BaseModel) -> str:
    """Every model read from a folder has a slug, which BaseModel's type cannot say."""
    return str(getattr(obj, "slug"))  # noqa: B009


def _read_dir(files: ContentFiles, sub: str, model: type[M],
              problems: list[ContentProblem]) -> dict[str, M]:
    """Read one folder. A file's slug must match its name, so each slug has one file."""
    root = files.root
    read: list[tuple[Path, M]] = []
    for path in _yaml_files(files, sub, problems):
        rel = str(path.relative_to(root))
        if path.suffix == ".yml":
            problems.append(ContentProblem(rel, "", "use the .yaml extension"))
        elif path.suffix == ".yaml" and not files.full:
            obj = _read(path, model, files, problems)
            if obj is not None:
                read.append((path, obj))
    found = {_slug(obj): obj for path, obj in read if _slug(obj) == path.stem}
    for path, obj in read:
        slug = _slug(obj)
        if slug == path.stem:
            continue
        rel = str(path.relative_to(root))
        if slug in found:
            problems.append(ContentProblem(rel, "slug", f"duplicate slug {slug!r}: "
                                           f"{sub}/{slug}.yaml already uses it"))
        else:
            problems.append(ContentProblem(rel, "slug", f"is {slug!r} but the file is named "
                                           f"{path.name!r}; name the file {slug}.yaml"))
    if not read and not files.full and not any(p.file.startswith(f"{sub}/") for p in problems):
        problems.append(ContentProblem(f"{sub}/", "", "holds no .yaml files"))
    return found


def collect_problems(
    root: Path | str, *, verdicts: FigureVerdicts | None = None
) -> tuple[Library | None, list[ContentProblem]]:
    """Load what can be loaded and return it with every problem found.

    Every demo figure is drawn and checked, unless ``verdicts`` records that this content
    (by its hash) passed before; a pass is then recorded there.
    """
    root = Path(root)
    problems: list[ContentProblem] = []
    if not root.is_dir():
        return None, [ContentProblem(str(root), "", "content folder does not exist")]
    files = ContentFiles(root)
    site: SiteText | None = None
    if os.path.lexists(root / "site.yaml"):
        site = _read(root / "site.yaml", SiteText, files, problems)
    else:
        problems.append(ContentProblem("site.yaml", "", "file is missing"))
    rules: RulesFile | None = None
    if os.path.lexists(root / "rules.yaml"):
        rules = _read(root / "rules.yaml", RulesFile, files, problems)
    else:
        problems.append(ContentProblem("rules.yaml", "", "file is missing"))
    bounds: DoseBoundsFile | None = DoseBoundsFile.unbounded()
    if os.path.lexists(root / BOUNDS_FILE):
        bounds = _read(root / BOUNDS_FILE, DoseBoundsFile, files, problems)
    exercises = _read_dir(files, "exercises", Exercise, problems)
    routines = _read_dir(files, "routines", Routine, problems)
    conditions = _read_dir(files, "conditions", Condition, problems)
    read_hash = files.content_hash()  # every file a demo check reads has been read
    demos = verdicts is None or not verdicts.passed(read_hash)
    found = check_references(exercises, routines, conditions, rules, demos=demos, bounds=bounds)
    if demos and verdicts is not None and not any(field == "demo" for _, field, _ in found):
        verdicts.record_pass(read_hash)
    problems.extend(ContentProblem(file, field, message) for file, field, message in found)
    if problems or site is None or rules is None or bounds is None:
        return None, problems
    translated: dict[str, Library] = {}
    for folder in language_folders(root):
        language = _translated_library(files, folder, site, rules, exercises, routines,
                                       conditions, problems, bounds)
        if language is not None:
            translated[folder.name] = language
    if problems:
        return None, problems
    library = Library.build(site, exercises, routines, conditions, files.content_hash(),
                            rules=rules, translations=translated, dose_bounds=bounds)
    return library, []


def _translation(files: ContentFiles, path: Path, english: Any,
                 problems: list[ContentProblem]) -> Any:
    """The translation file's data when it has the English file's shape, else None."""
    rel = str(path.relative_to(files.root))
    if not os.path.lexists(path):
        problems.append(ContentProblem(rel, "", "file is missing: every content file needs "
                                       "its translation in each language folder"))
        return None
    before = len(problems)
    data = _parse(path, files, problems)
    if len(problems) > before:
        return None
    found = shape_problems(english, data)
    problems.extend(ContentProblem(rel, field, message) for field, message in found)
    return None if found else data


def _translated_library(files: ContentFiles, folder: Path, site: SiteText, rules: RulesFile,
                        exercises: dict[str, Exercise], routines: dict[str, Routine],
                        conditions: dict[str, Condition],
                        problems: list[ContentProblem],
                        bounds: DoseBoundsFile) -> Library | None:
    """The library in the language of ``translations/<lang>/``, or None after problems."""
    root = files.root
    rel_folder = str(folder.relative_to(root))
    if not LANGUAGE_FOLDER.match(folder.name) or folder.name not in LANGUAGES:
        problems.append(ContentProblem(f"{rel_folder}/", "", "is not a language backcare "
                                       f"speaks ({', '.join(sorted(LANGUAGES))}); add the "
                                       "language to backcare.vocabulary first"))
        return None
    before = len(problems)
    out: dict[str, dict[str, Any]] = {}
    english: dict[str, Mapping[str, Any]] = {"exercises": exercises, "routines": routines,
                                              "conditions": conditions}

    def translate(path: Path, obj: Any, shape: Any, apply: Any) -> Any:
        data = _translation(files, path, shape(obj), problems)
        if data is None:
            return None
        try:
            return apply(obj, data)
        except ValidationError as exc:
            rel = str(path.relative_to(root))
            problems.extend(ContentProblem(rel, f, m) for f, m in validation_problems(exc))
            return None

    new_site = translate(folder / "site.yaml", site, site_shape, translate_site)
    new_rules = translate(folder / "rules.yaml", rules, rules_shape, translate_rules)
    for sub, shape, apply in PARTS:
        out[sub] = {}
        for slug, obj in english[sub].items():
            result = translate(folder / sub / f"{slug}.yaml", obj, shape, apply)
            if result is not None:
                out[sub][slug] = result
        sub_folder = folder / sub
        if sub_folder.is_dir():
            for path in sorted(sub_folder.iterdir()):
                if path.stem not in english[sub] or path.suffix != ".yaml":
                    problems.append(ContentProblem(
                        str(path.relative_to(root)), "",
                        f"translates nothing: there is no {sub}/{path.name} in English"))
    if len(problems) > before or new_site is None or new_rules is None:
        return None
    return Library.build(new_site, out["exercises"], out["routines"], out["conditions"],
                         files.content_hash(), rules=new_rules, language=folder.name,
                         dose_bounds=bounds)


def load_library(root: Path | str) -> Library:
    library, problems = collect_problems(root)
    if problems or library is None:
        raise ContentError(problems)
    return library
