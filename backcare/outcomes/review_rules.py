"""``content/review-rules.yaml``: the weekly review's rules, as data.

The file gives the order the rules are tried in and their numbers (how many sessions, how
many weeks); each rule's words are in :mod:`backcare.outcomes.review`, in the catalogue,
so every language says them. Read like every content file: :mod:`backcare.content.safe_file`
(a regular file inside the folder, size-capped), :mod:`backcare.content.strict_yaml`
(plain YAML only) and frozen models that forbid unknown fields.

:func:`review_rules` is the file of the content folder in use, read once;
:func:`review_rule_problems` lists everything wrong with it as (file, field, message), for
``check-content``.

Plain Python: no Django here.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import Field, ValidationError, field_validator, model_validator

from backcare.content.loader import ContentError, ContentProblem
from backcare.content.paths import default_content_dir
from backcare.content.safe_file import ContentFiles, UnsafeFile
from backcare.content.schema import Model
from backcare.content.strict_yaml import ContentRuleError, parse
from backcare.content.translations import validation_problems

RULES_FILE = "review-rules.yaml"


class _Counted(Model):
    """A rule that looks at ``times`` of the last ``of_last`` sessions."""

    times: int = Field(ge=1, le=10, strict=True)
    of_last: int = Field(ge=2, le=10, strict=True)

    @model_validator(mode="after")
    def _times_within(self) -> _Counted:
        if self.times > self.of_last:
            raise ValueError(f"times ({self.times}) cannot be more than of_last "
                             f"({self.of_last})")
        return self


class WorsePain(Model):
    """The weekly pain score worse than the first by the measure's MCID: talk to a clinician."""

    rule: Literal["worse-pain"]
    measure: Literal["nprs"] = "nprs"


class HurtTwice(_Counted):
    """An exercise that hurt in ``times`` of the last ``of_last`` sessions: its seated
    version, else one repetition fewer."""

    rule: Literal["hurt-twice"]


class FlaresTwice(_Counted):
    """Flares naming no exercise in ``times`` of the last ``of_last`` sessions: one
    repetition fewer of every exercise."""

    rule: Literal["flares-twice"]


class StepUp(Model):
    """No flare in any session, on goal and pain improving since the last step up: one step
    up of the first exercise that can. ``nprs_fresh_days``: how recent the latest weekly
    pain score must be to count."""

    rule: Literal["step-up"]
    flare_free_weeks: int = Field(ge=1, le=8, strict=True)
    on_goal_weeks: int = Field(ge=1, le=8, strict=True)
    pain_days: int = Field(ge=3, le=28, strict=True)
    nprs_fresh_days: int = Field(ge=7, le=56, strict=True)


Rule = Annotated[WorsePain | HurtTwice | FlaresTwice | StepUp, Field(discriminator="rule")]
RuleId = Literal["worse-pain", "hurt-twice", "flares-twice", "step-up"]


class ReviewRules(Model):
    """The whole of ``content/review-rules.yaml``."""

    decline_weeks: int = Field(ge=1, le=52, strict=True)
    rules: tuple[Rule, ...] = Field(min_length=1, max_length=10)

    @field_validator("rules")
    @classmethod
    def _each_once(cls, rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
        ids = [rule.rule for rule in rules]
        twice = sorted({name for name in ids if ids.count(name) > 1})
        if twice:
            raise ValueError(f"names {', '.join(twice)} more than once; each rule comes once")
        return rules

    @property
    def decline_days(self) -> int:
        return self.decline_weeks * 7


def _read(content_dir: Path) -> tuple[ReviewRules | None, list[tuple[str, str, str]]]:
    path = content_dir / RULES_FILE
    if not os.path.lexists(path):
        return None, [(RULES_FILE, "", "file is missing")]
    try:
        data = parse(ContentFiles(content_dir).read(path).decode("utf-8"))
    except UnsafeFile as exc:
        return None, [(RULES_FILE, "", exc.message)]
    except UnicodeDecodeError:
        return None, [(RULES_FILE, "", "is not UTF-8 text")]
    except ContentRuleError as exc:
        field = ".".join(str(part) for part in exc.path)
        return None, [(RULES_FILE, field, f"{exc.message} (line {exc.line})")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        return None, [(RULES_FILE, "", f"is not valid YAML{where}")]
    if not isinstance(data, dict):
        return None, [(RULES_FILE, "", "must hold a mapping of fields")]
    try:
        return ReviewRules.model_validate(data), []
    except ValidationError as exc:
        return None, [(RULES_FILE, field, message) for field, message in validation_problems(exc)]


def review_rule_problems(content_dir: Path | str) -> list[tuple[str, str, str]]:
    """Everything wrong with the folder's ``review-rules.yaml``, as (file, field, message);
    empty when it is fine."""
    return _read(Path(content_dir))[1]


def load_review_rules(content_dir: Path | str) -> ReviewRules:
    """The folder's rules; :class:`backcare.content.ContentError` naming every problem."""
    rules, problems = _read(Path(content_dir))
    if rules is None:
        raise ContentError([ContentProblem(*problem) for problem in problems])
    return rules


@cache
def _rules_in(content_dir: str) -> ReviewRules:
    return load_review_rules(content_dir)


def review_rules() -> ReviewRules:
    """The rules of the content folder in use (``$BACKCARE_CONTENT_DIR`` or content/),
    read once per folder."""
    return _rules_in(str(default_content_dir()))
