"""Pydantic models for the content files under ``content/``.

Every model is frozen and forbids unknown fields, so a typo in a content file is an
error rather than a silently ignored key, and nothing can change a loaded library.
Every list has an upper bound too (a routine of 2,000 items would pass every file cap and
then make a worksheet crawl); the bounds are far above what a real routine needs.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from backcare.content.demo_schema import Demo

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=2, max_length=80),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=120)]

Position = Literal["on-back", "on-stomach", "hands-and-knees", "seated", "standing"]
Place = Literal["floor", "bed", "couch", "chair", "standing"]
Kind = Literal["stretch", "strengthening", "isometric", "mobility"]
BodyArea = Literal[
    "low-back", "mid-back", "upper-back", "neck", "shoulders",
    "hips", "glutes", "hamstrings", "abdominals", "sides",
]
Equipment = Literal["mat", "towel", "chair", "pillow", "strap", "ball", "wall"]
Diagnosis = Literal["disc", "other"]
Source = Literal["reference", "authored"]

POSITION_LABELS: dict[str, str] = {
    "on-back": "Lying on your back",
    "on-stomach": "Lying on your stomach",
    "hands-and-knees": "On hands and knees",
    "seated": "Seated",
    "standing": "Standing",
}
#: Positions that put the person down on a floor, bed or couch.
LYING_OR_KNEELING: frozenset[str] = frozenset({"on-back", "on-stomach", "hands-and-knees"})


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Dose(Model):
    """How much of an exercise: ``reps`` of ``hold_seconds`` each, per side, ``sets`` times.

    For a held stretch ``hold_seconds`` is the hold; for a movement it is the time one
    repetition takes. ``rest_seconds`` is the pause between repetitions.
    """

    hold_seconds: int = Field(ge=1, le=120)
    reps: int = Field(ge=1, le=30)
    sets: int = Field(default=1, ge=1, le=5)
    rest_seconds: int = Field(default=5, ge=0, le=60)


class DoseOverride(Model):
    """A routine's change to an exercise's default dose; unset fields keep the default."""

    hold_seconds: int | None = Field(default=None, ge=1, le=120)
    reps: int | None = Field(default=None, ge=1, le=30)
    sets: int | None = Field(default=None, ge=1, le=5)
    rest_seconds: int | None = Field(default=None, ge=0, le=60)

    def apply(self, dose: Dose) -> Dose:
        changes = {k: v for k, v in self.model_dump().items() if v is not None}
        return dose.model_copy(update=changes)


class Rules(Model):
    """Machine-readable precautions that the planner applies.

    ``only_with_diagnosis``: offer the exercise only to someone who knows they have one
    of these diagnoses. ``not_with_diagnosis``: leave it out for these diagnoses.
    """

    only_with_diagnosis: tuple[Diagnosis, ...] = ()
    not_with_diagnosis: tuple[Diagnosis, ...] = ()

    @model_validator(mode="after")
    def _not_both(self) -> Rules:
        both = sorted(set(self.only_with_diagnosis) & set(self.not_with_diagnosis))
        if both:
            raise ValueError(f"diagnosis {', '.join(both)} cannot be both required and excluded")
        return self


class Exercise(Model):
    slug: Slug
    name: Name
    other_names: tuple[Name, ...] = Field(default=(), max_length=10)
    summary: Text
    position: Position
    places: tuple[Place, ...] = Field(min_length=1)
    kind: Kind
    body_areas: tuple[BodyArea, ...] = Field(min_length=1)
    equipment: tuple[Equipment, ...] = ()
    per_side: bool
    dose: Dose
    steps: tuple[Text, ...] = Field(min_length=2, max_length=20)
    cues: tuple[Text, ...] = Field(min_length=1, max_length=10)
    precautions: tuple[Text, ...] = Field(default=(), max_length=10)
    rules: Rules = Rules()
    seated_alternative: Slug | None = None
    source: Source
    demo: Demo  # the animated figure; see backcare/content/demo_schema.py

    @property
    def needs_floor(self) -> bool:
        """True when it can only be done lying or kneeling on a floor, bed or couch."""
        return self.position in LYING_OR_KNEELING

    @property
    def position_label(self) -> str:
        return POSITION_LABELS[self.position]

    @model_validator(mode="after")
    def _check_alternative(self) -> Exercise:
        if self.seated_alternative == self.slug:
            raise ValueError("seated_alternative cannot be the exercise itself")
        return self


class RoutineItem(Model):
    exercise: Slug
    dose: DoseOverride = DoseOverride()


class Phase(Model):
    name: Name
    items: tuple[RoutineItem, ...] = Field(min_length=1, max_length=40)


class Routine(Model):
    slug: Slug
    title: Name
    summary: Text
    suits: Text
    source: Source
    transition_seconds: int = Field(default=10, ge=0, le=60)
    phases: tuple[Phase, ...] = Field(min_length=1, max_length=8)
    related: tuple[Slug, ...] = Field(default=(), max_length=20)

    @property
    def items(self) -> tuple[RoutineItem, ...]:
        return tuple(item for phase in self.phases for item in phase.items)


class Condition(Model):
    slug: Slug
    name: Name
    summary: Text
    introduction: tuple[Text, ...] = Field(min_length=1, max_length=20)
    routines: tuple[Slug, ...] = Field(min_length=1, max_length=100)


class SiteText(Model):
    """Texts shown on every page: the disclaimer and the affiliate disclosure."""

    disclaimer_short: Text
    disclaimer: tuple[Text, ...] = Field(min_length=1)
    affiliate_disclosure: tuple[Text, ...] = Field(min_length=1)
