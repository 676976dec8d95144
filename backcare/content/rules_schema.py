"""The condition rules in ``content/rules.yaml``: what each health condition leaves out.

A person may tell us about health conditions (a disc problem, osteoporosis, pregnancy...).
Each condition names the movement families (see ``schema.Movement``) or exercises it
*excludes* (left out of every plan) or *flags* (kept, with a caution shown), each rule with
a plain reason and a one-line source. The planner reads only this data: no code names an
exercise or a condition's movements.

Two answers are not conditions and cannot be defined here: ``none-known`` ("none that I
know of") and ``other`` ("a condition not listed", which applies every condition's rules).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from backcare.content.schema import ConditionName, Model, Movement, Name, Slug, Text

#: The person's answers that are not conditions of their own.
NONE_KNOWN = "none-known"
OTHER = "other"
RESERVED_CONDITION_NAMES = frozenset({NONE_KNOWN, OTHER})

Effect = Literal["exclude", "flag"]
#: A yes/no question a rule can depend on (asked when its condition is given).
Question = Literal["bending_worsens_leg_pain"]


class MovementRule(Model):
    """One rule of a condition: these families or exercises are left out, or flagged.

    ``why`` is said to the person after "it involves <family>"; ``source`` names where
    the rule comes from, in one line. With ``when``, the rule applies only when the person
    answered yes to that question.
    """

    effect: Effect
    movements: tuple[Movement, ...] = Field(default=(), max_length=13)
    exercises: tuple[Slug, ...] = Field(default=(), max_length=50)
    when: Question | None = None
    why: Text
    source: Text

    @model_validator(mode="after")
    def _names_something(self) -> MovementRule:
        if not self.movements and not self.exercises:
            raise ValueError("a rule must name movements or exercises (or both)")
        return self


class HealthCondition(Model):
    """A condition a person can tell us about, and what it changes in a plan."""

    slug: ConditionName
    label: Name              # as a check box reads: "Osteoporosis, or long-term steroid use"
    description: Text        # one plain line under the label
    advice: Text | None = None  # said on every plan made for someone with this condition
    rules: tuple[MovementRule, ...] = Field(default=(), max_length=20)

    @property
    def in_sentence(self) -> str:
        """The label as it reads inside a sentence: "osteoporosis, or long-term ..."."""
        return self.label[0].lower() + self.label[1:]


class RulesFile(Model):
    """The whole of ``content/rules.yaml``: the conditions in the order forms list them."""

    conditions: tuple[HealthCondition, ...] = Field(default=(), max_length=40)

    @field_validator("conditions")
    @classmethod
    def _unique_and_not_reserved(
        cls, conditions: tuple[HealthCondition, ...]
    ) -> tuple[HealthCondition, ...]:
        slugs = [c.slug for c in conditions]
        reserved = sorted(set(slugs) & RESERVED_CONDITION_NAMES)
        if reserved:
            raise ValueError(f"{', '.join(reserved)} is an answer, not a condition; "
                             "choose another slug")
        twice = sorted({s for s in slugs if slugs.count(s) > 1})
        if twice:
            raise ValueError(f"condition {', '.join(twice)} is defined twice")
        return conditions

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.slug for c in self.conditions)

    def get(self, slug: str) -> HealthCondition | None:
        return next((c for c in self.conditions if c.slug == slug), None)
