"""The validated measures as data: ``content/measures/<id>.yaml``, plain Python.

Each file holds one questionnaire: its title and intro (our words), when it is asked, its
source and licence line, which way is better, its minimal clinically important difference
and its items. The texts a person reads in another language live in
``content/translations/<lang>/measures/<id>.yaml``, in the shape :func:`measure_shape`
gives. A measure whose ``languages`` leave a language out keeps its items, word for word,
in their validated wording there: its translation holds only our own texts (title, intro,
licence, the ``wording_note`` that says so).

Files are read as all content is (:mod:`backcare.content.safe_file`,
:mod:`backcare.content.strict_yaml`, frozen models forbidding unknown fields), and
:func:`measure_problems` names every problem by file and field for ``check-content`` and the
system check. A content folder with no ``measures/`` folder has no measures.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from backcare.content.loader import ContentError, ContentProblem, _parse, _read
from backcare.content.paths import default_content_dir
from backcare.content.safe_file import ContentFiles
from backcare.content.schema import Model, Name, Slug, Text
from backcare.content.translations import language_folders, shape_problems, validation_problems
from backcare.outcomes.scoring import MEASURE_IDS, scoring_problems
from backcare.vocabulary import DEFAULT_LANGUAGE, LANGUAGES, UnknownLanguage, current, normalise

FOLDER = "measures"
#: More entries than this in the measures folder are refused unread (there are 3).
MAX_FILES = 50

ItemKind = Literal["scale", "choice", "activity"]


class Choice(Model):
    value: int = Field(ge=0, le=100)
    label: Name


class Item(Model):
    """One question. A ``scale`` is a whole number from ``low`` to ``high``; a ``choice`` is
    one of its ``choices`` (``low``/``high`` are then its lowest and highest value); an
    ``activity`` is a named activity rated from ``low`` to ``high`` (PSFS)."""

    id: Slug
    text: Text
    kind: ItemKind
    low: int = Field(default=0, ge=0, le=100)
    high: int = Field(default=10, ge=1, le=100)
    low_label: str = Field(default="", max_length=120)
    high_label: str = Field(default="", max_length=120)
    choices: tuple[Choice, ...] = Field(default=(), max_length=11)
    #: STarT Back items 5-9: counted in the psychosocial subscale.
    subscale: bool = False
    #: PSFS activity-2 and activity-3 may be left out.
    required: bool = True

    @model_validator(mode="before")
    @classmethod
    def _choice_range(cls, data: Any) -> Any:
        """A choice item's ``low`` and ``high`` are its lowest and highest choice values."""
        if not (isinstance(data, dict) and data.get("kind") == "choice"):
            return data
        choices = data.get("choices")
        values = [c.get("value") for c in choices if isinstance(c, dict)] \
            if isinstance(choices, (list, tuple)) else []
        numbers = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
        if numbers and len(numbers) == len(choices or ()):
            data = {**data}
            data.setdefault("low", min(numbers))
            data.setdefault("high", max(numbers))
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Item:
        if self.low >= self.high:
            raise ValueError(f"low ({self.low}) must be below high ({self.high})")
        if self.kind != "choice":
            if self.choices:
                raise ValueError(f"a {self.kind} item has no choices; remove them")
            return self
        values = [choice.value for choice in self.choices]
        if len(values) < 2:
            raise ValueError("a choice item needs at least two choices")
        if len(set(values)) != len(values):
            raise ValueError("each choice needs its own value")
        if (self.low, self.high) != (min(values), max(values)):
            raise ValueError("a choice item's low and high are its lowest and highest values")
        if self.low_label or self.high_label:
            raise ValueError("a choice item's answers are its choices; remove low_label "
                             "and high_label")
        return self


class Mcid(Model):
    """The minimal clinically important difference: ``points``, or ``percent`` of the first
    score when that is reached first."""

    points: float = Field(gt=0, le=100)
    percent: float | None = Field(default=None, gt=0, le=100)


class Measure(Model):
    id: Slug
    title: Name
    intro: Text
    asked: Literal["weekly", "program-start"]
    source: Text
    licence: Text
    copyright: str | None = Field(default=None, min_length=1, max_length=200)
    better: Literal["lower", "higher"]
    mcid: Mcid | None = None
    items: tuple[Item, ...] = Field(min_length=1, max_length=20)
    #: The languages the items are worded in; elsewhere they keep their English wording.
    languages: tuple[str, ...] = Field(default=(DEFAULT_LANGUAGE,), min_length=1, max_length=10)
    #: Says in plain words that the items keep their validated wording (needed when
    #: ``languages`` leaves out a language backcare speaks).
    wording_note: str = Field(default="", max_length=2000)

    @model_validator(mode="after")
    def _consistent(self) -> Measure:
        ids = [item.id for item in self.items]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"item id {', '.join(twice)} is used more than once")
        unknown = [code for code in self.languages if code not in LANGUAGES]
        if unknown or DEFAULT_LANGUAGE not in self.languages:
            raise ValueError(f"languages must include {DEFAULT_LANGUAGE} and name only "
                             f"languages backcare speaks ({', '.join(LANGUAGES)})")
        if set(LANGUAGES) - set(self.languages) and not self.wording_note:
            raise ValueError("wording_note is needed: say in plain words that the items keep "
                             "their validated wording in the other languages")
        return self

    def item(self, item_id: str) -> Item:
        """The item ``item_id``; KeyError when the measure has none."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)


def _item_shape(item: Item) -> dict[str, Any]:
    shape: dict[str, Any] = {"text": item.text}
    if item.low_label:
        shape["low_label"] = item.low_label
    if item.high_label:
        shape["high_label"] = item.high_label
    if item.choices:
        shape["choices"] = [choice.label for choice in item.choices]
    return shape


def measure_shape(measure: Measure, language: str) -> dict[str, Any]:
    """The texts a translation into ``language`` holds: our own words, and the items' only
    when ``language`` is one they are worded in."""
    shape: dict[str, Any] = {"title": measure.title, "intro": measure.intro,
                             "licence": measure.licence}
    if measure.wording_note:
        shape["wording_note"] = measure.wording_note
    if language in measure.languages:
        shape["items"] = {item.id: _item_shape(item) for item in measure.items}
    return shape


def translate_measure(measure: Measure, data: Mapping[str, Any]) -> Measure:
    """``measure`` with the texts of ``data`` (already of :func:`measure_shape`'s shape)."""
    dumped = measure.model_dump()
    dumped.update({key: value for key, value in data.items() if key != "items"})
    items = data.get("items", {})
    dumped["items"] = [dict(item) for item in dumped["items"]]
    for item in dumped["items"]:
        texts = items.get(item["id"], {})
        item.update({key: value for key, value in texts.items() if key != "choices"})
        item["choices"] = [{**choice, "label": label} for choice, label
                           in zip(item["choices"], texts.get("choices", ()), strict=True)] \
            if "choices" in texts else item["choices"]
    return Measure.model_validate(dumped)


def _entries(files: ContentFiles, folder: Path, problems: list[ContentProblem]) -> list[Path]:
    rel = f"{folder.relative_to(files.root).as_posix()}/"
    if not folder.is_dir():
        problems.append(ContentProblem(rel, "", "is not a folder"))
        return []
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        problems.append(ContentProblem(rel, "", f"folder cannot be read ({exc.strerror})"))
        return []
    if len(entries) > MAX_FILES:
        problems.append(ContentProblem(rel, "", f"holds {len(entries):,} entries; "
                                       f"the limit is {MAX_FILES}"))
        return []
    for path in entries:
        if path.suffix == ".yml":
            problems.append(ContentProblem(str(path.relative_to(files.root)), "",
                                           "use the .yaml extension"))
    return [path for path in entries if path.suffix == ".yaml"]


def _english(files: ContentFiles, problems: list[ContentProblem]) -> dict[str, Measure]:
    found: dict[str, Measure] = {}
    for path in _entries(files, files.root / FOLDER, problems):
        rel = str(path.relative_to(files.root))
        measure = _read(path, Measure, files, problems)
        if measure is None:
            continue
        before = len(problems)
        if measure.id != path.stem:
            problems.append(ContentProblem(rel, "id", f"is {measure.id!r} but the file is named "
                                           f"{path.name!r}; name the file {measure.id}.yaml"))
        elif measure.id not in MEASURE_IDS:
            problems.append(ContentProblem(rel, "id", f"is {measure.id!r}; backcare knows how "
                                           f"to score {', '.join(MEASURE_IDS)}"))
        else:
            problems.extend(ContentProblem(rel, field, message)
                            for field, message in scoring_problems(measure))
        if len(problems) == before:
            found[measure.id] = measure
    for measure_id in MEASURE_IDS:
        path = files.root / FOLDER / f"{measure_id}.yaml"
        if not os.path.lexists(path):
            problems.append(ContentProblem(f"{FOLDER}/{measure_id}.yaml", "",
                                           "file is missing: backcare asks this measure"))
    return {measure_id: found[measure_id] for measure_id in MEASURE_IDS if measure_id in found}


def _translated(files: ContentFiles, language: str, english: Mapping[str, Measure],
                problems: list[ContentProblem]) -> dict[str, Measure]:
    folder = files.root / "translations" / language / FOLDER
    out: dict[str, Measure] = {}
    for measure_id, measure in english.items():
        path = folder / f"{measure_id}.yaml"
        rel = str(path.relative_to(files.root))
        if not os.path.lexists(path):
            problems.append(ContentProblem(rel, "", "file is missing: every measure needs "
                                           "its texts in each language folder"))
            continue
        before = len(problems)
        data = _parse(path, files, problems)
        if len(problems) > before:
            continue
        found = shape_problems(measure_shape(measure, language), data)
        problems.extend(ContentProblem(rel, field, message) for field, message in found)
        if found:
            continue
        try:
            out[measure_id] = translate_measure(measure, data)
        except ValidationError as exc:
            problems.extend(ContentProblem(rel, f, m) for f, m in validation_problems(exc))
    if os.path.lexists(folder):
        for path in _entries(files, folder, problems):
            if path.stem not in english and not (files.root / FOLDER / path.name).exists():
                problems.append(ContentProblem(
                    str(path.relative_to(files.root)), "",
                    f"translates nothing: there is no {FOLDER}/{path.name} in English"))
    return out


def collect_measures(root: Path) -> tuple[dict[str, dict[str, Measure]], list[ContentProblem]]:
    """Every measure in every language (by language code), and every problem found."""
    problems: list[ContentProblem] = []
    if not root.is_dir() or not os.path.lexists(root / FOLDER):
        return {DEFAULT_LANGUAGE: {}}, problems
    files = ContentFiles(root)
    english = _english(files, problems)
    by_language = {DEFAULT_LANGUAGE: english}
    for folder in language_folders(root):
        if folder.name in LANGUAGES and folder.name != DEFAULT_LANGUAGE and english:
            by_language[folder.name] = _translated(files, folder.name, english, problems)
    return by_language, sorted(problems)


def measure_problems(content_dir: Path) -> list[tuple[str, str, str]]:
    """(file, field, message) for every problem with the measures, for ``check-content``."""
    _, problems = collect_measures(Path(content_dir))
    return [(problem.file, problem.field, problem.message) for problem in problems]


@cache
def _loaded(root: str) -> Mapping[str, Mapping[str, Measure]]:
    by_language, problems = collect_measures(Path(root))
    if problems:
        raise ContentError(problems)
    return MappingProxyType({code: MappingProxyType(found) for code, found in by_language.items()})


def measures(language: str | None = None, *,
             content_dir: Path | None = None) -> Mapping[str, Measure]:
    """Every measure (nprs, psfs, start-back, in that order) in ``language`` (None: the
    language in force), read once per content folder; ContentError when they are broken."""
    code = current() if language is None else normalise(language)
    if code is None:
        raise UnknownLanguage(str(language), "the language")
    root = Path(content_dir) if content_dir is not None else default_content_dir()
    loaded = _loaded(str(root.resolve()))
    return loaded.get(code, loaded[DEFAULT_LANGUAGE])
