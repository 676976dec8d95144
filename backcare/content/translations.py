"""Content in other languages: ``content/translations/<lang>/`` mirrors the content folder.

Each translation file holds only the texts a person reads, in the shape of the English
file (see docs/translating.md): an exercise's ``name``, ``other_names``, ``summary``,
``steps``, ``cues``, ``precautions`` and ``demo.caption``; a routine's ``title``,
``summary``, ``suits`` and its ``phases`` names; a condition page's ``name``, ``summary`` and
``introduction``; every text of ``site.yaml``; and in ``rules.yaml`` each condition's
``label``, ``description``, ``advice`` and each rule's ``why`` and ``source``, keyed by slug.

A language folder must translate every file, each with exactly the English file's keys
and list lengths: a missing or extra key is a problem naming the file and the field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from backcare.content.rules_schema import HealthCondition, RulesFile
from backcare.content.schema import Condition, Exercise, Phase, Routine, SiteText

Shape = Any  # nested dicts and lists of the English texts, as a translation must mirror
LANGUAGE_FOLDER = re.compile(r"^[a-z]{2}$")


def exercise_shape(ex: Exercise) -> dict[str, Shape]:
    shape: dict[str, Shape] = {"name": ex.name, "summary": ex.summary,
                               "steps": list(ex.steps), "cues": list(ex.cues)}
    if ex.other_names:
        shape["other_names"] = list(ex.other_names)
    if ex.precautions:
        shape["precautions"] = list(ex.precautions)
    if ex.demo.caption:
        shape["demo"] = {"caption": ex.demo.caption}
    return shape


def routine_shape(routine: Routine) -> dict[str, Shape]:
    return {"title": routine.title, "summary": routine.summary, "suits": routine.suits,
            "phases": [phase.name for phase in routine.phases]}


def condition_shape(page: Condition) -> dict[str, Shape]:
    return {"name": page.name, "summary": page.summary, "introduction": list(page.introduction)}


def site_shape(site: SiteText) -> dict[str, Shape]:
    return {"disclaimer_short": site.disclaimer_short, "disclaimer": list(site.disclaimer),
            "affiliate_disclosure": list(site.affiliate_disclosure)}


def _health_condition_shape(condition: HealthCondition) -> dict[str, Shape]:
    shape: dict[str, Shape] = {"label": condition.label, "description": condition.description}
    if condition.advice:
        shape["advice"] = condition.advice
    shape["rules"] = [{"why": rule.why, "source": rule.source} for rule in condition.rules]
    return shape


def rules_shape(rules: RulesFile) -> dict[str, Shape]:
    return {"conditions": {c.slug: _health_condition_shape(c) for c in rules.conditions}}


def shape_problems(english: Shape, translated: Any, field: str = "") -> list[tuple[str, str]]:
    """(field, message) for every way ``translated`` differs in shape from ``english``."""
    where = field or "(top level)"
    if isinstance(english, dict):
        if not isinstance(translated, dict):
            return [(where, "must be a mapping of fields, as in the English file")]
        out: list[tuple[str, str]] = []
        for key in english:
            sub = f"{field}.{key}" if field else str(key)
            if key not in translated:
                out.append((sub, "is missing: translate the English file's field"))
            else:
                out.extend(shape_problems(english[key], translated[key], sub))
        for key in translated:
            if key not in english:
                sub = f"{field}.{key}" if field else str(key)
                out.append((sub, "is not a translatable field of the English file; remove it"))
        return out
    if isinstance(english, list):
        if not isinstance(translated, list):
            return [(where, f"must be a list of {len(english)}, as in the English file")]
        if len(translated) != len(english):
            return [(where, f"has {len(translated)} items; the English file has {len(english)}")]
        out = []
        for index, (en, tr) in enumerate(zip(english, translated, strict=True)):
            out.extend(shape_problems(en, tr, f"{field}[{index}]"))
        return out
    if not isinstance(translated, str) or not translated.strip():
        return [(where, "must be a non-empty text")]
    return []


def _revalidate(model: BaseModel, updates: Mapping[str, Any]) -> Any:
    data = model.model_dump()
    data.update(updates)
    return type(model).model_validate(data)


def translate_exercise(ex: Exercise, data: Mapping[str, Any]) -> Exercise:
    updates: dict[str, Any] = {k: v for k, v in data.items() if k != "demo"}
    if "demo" in data:
        demo = ex.demo.model_dump()
        demo["caption"] = data["demo"]["caption"]
        updates["demo"] = demo
    result: Exercise = _revalidate(ex, updates)
    return result


def translate_routine(routine: Routine, data: Mapping[str, Any]) -> Routine:
    phases = [Phase(name=name, items=phase.items)
              for name, phase in zip(data["phases"], routine.phases, strict=True)]
    updates = {k: v for k, v in data.items() if k != "phases"}
    updates["phases"] = [p.model_dump() for p in phases]
    result: Routine = _revalidate(routine, updates)
    return result


def translate_condition(page: Condition, data: Mapping[str, Any]) -> Condition:
    result: Condition = _revalidate(page, data)
    return result


def translate_site(site: SiteText, data: Mapping[str, Any]) -> SiteText:
    result: SiteText = _revalidate(site, data)
    return result


def translate_rules(rules: RulesFile, data: Mapping[str, Any]) -> RulesFile:
    conditions = []
    for condition in rules.conditions:
        texts = data["conditions"][condition.slug]
        dumped = condition.model_dump()
        dumped.update({k: v for k, v in texts.items() if k != "rules"})
        for rule, rule_texts in zip(dumped["rules"], texts["rules"], strict=True):
            rule.update(rule_texts)
        conditions.append(dumped)
    return RulesFile.model_validate({"conditions": conditions})


def validation_problems(exc: ValidationError) -> list[tuple[str, str]]:
    out = []
    for error in exc.errors()[:20]:
        field = ".".join(str(part) for part in error["loc"]) or "(top level)"
        out.append((field, str(error["msg"])[:200]))
    return out


Translate = Callable[[Any, Mapping[str, Any]], Any]

#: (folder or file, the shape of an English object, how to apply a translation to it)
PARTS: tuple[tuple[str, Callable[[Any], Shape], Translate], ...] = (
    ("exercises", exercise_shape, translate_exercise),
    ("routines", routine_shape, translate_routine),
    ("conditions", condition_shape, translate_condition),
)


def language_folders(root: Path) -> list[Path]:
    folder = root / "translations"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir())
