"""Pydantic models for the content files under ``content/``.

Every model is frozen and forbids unknown fields, so a typo in a content file is an
error rather than a silently ignored key, and nothing can change a loaded library.
Every list has an upper bound too (a routine of 2,000 items would pass every file cap and
then make a worksheet crawl); the bounds are far above what a real routine needs.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from backcare.content.demo_schema import Demo
from backcare.vocabulary import Labels, gettext_noop

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=2, max_length=80),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=120)]

Position = Literal["on-back", "on-stomach", "hands-and-knees", "seated", "standing"]
Place = Literal["floor", "bed", "couch", "chair", "standing"]
Kind = Literal["stretch", "strengthening", "isometric", "mobility"]
#: What one repetition is, as every page, PDF, the CLI and both players say it: a "hold"
#: (get into position and stay still for ``hold_seconds``) or a "move" (keep moving, one
#: repetition taking about ``hold_seconds``). See :attr:`Exercise.hold_or_move`.
Action = Literal["hold", "move"]
#: The action an exercise's kind implies when its content file does not state one.
ACTION_OF_KIND: dict[str, Action] = {
    "stretch": "hold", "isometric": "hold", "mobility": "move", "strengthening": "move",
}
BodyArea = Literal[
    "low-back", "mid-back", "upper-back", "neck", "shoulders",
    "hips", "glutes", "hamstrings", "abdominals", "sides",
]
Equipment = Literal["mat", "towel", "chair", "pillow", "strap", "ball", "wall"]
Source = Literal["reference", "authored"]
#: The movement families an exercise loads: what the condition rules (content/rules.yaml)
#: exclude or flag. Every exercise lists at least one.
Movement = Literal[
    "flexion", "extension", "rotation", "side-bend", "loaded", "neck",
    "deep-hip-flexion", "hip-crossing", "lying-on-back", "lying-on-stomach",
    "end-range", "mid-range", "shoulders",
]
#: A health condition's name, as content/rules.yaml defines it (checked across files).
ConditionName = Slug

POSITION_LABELS = Labels({
    "on-back": gettext_noop("Lying on your back"),
    "on-stomach": gettext_noop("Lying on your stomach"),
    "hands-and-knees": gettext_noop("On hands and knees"),
    "seated": gettext_noop("Seated"),
    "standing": gettext_noop("Standing"),
})
#: Each movement family in plain words, to finish "it involves ...".
MOVEMENT_LABELS = Labels({
    "flexion": gettext_noop("bending the back forward"),
    "extension": gettext_noop("arching the back backward"),
    "rotation": gettext_noop("twisting the spine"),
    "side-bend": gettext_noop("bending the trunk to the side"),
    "loaded": gettext_noop("working the muscles against effort"),
    "neck": gettext_noop("moving or stretching the neck"),
    "deep-hip-flexion": gettext_noop("bending the hip up past a right angle"),
    "hip-crossing": gettext_noop("bringing a leg across the middle of the body"),
    "lying-on-back": gettext_noop("lying flat on your back"),
    "lying-on-stomach": gettext_noop("lying on your stomach"),
    "end-range": gettext_noop("going to the end of a movement"),
    "mid-range": gettext_noop("small, easy movements of the back"),
    "shoulders": gettext_noop("opening or working the chest and shoulders"),
})
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
    """This exercise's own rules, naming conditions from content/rules.yaml.

    ``only_with_conditions``: offer it only to someone who has told us they have one of
    these conditions (never by default). ``not_with_conditions``: leave it out for these,
    on top of what the conditions' own rules leave out by movement family.
    """

    only_with_conditions: tuple[ConditionName, ...] = Field(default=(), max_length=20)
    not_with_conditions: tuple[ConditionName, ...] = Field(default=(), max_length=20)

    @model_validator(mode="after")
    def _not_both(self) -> Rules:
        both = sorted(set(self.only_with_conditions) & set(self.not_with_conditions))
        if both:
            raise ValueError(f"condition {', '.join(both)} cannot be both required and excluded")
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
    #: "hold" or "move", stated when the kind alone would say it wrongly (prone props is a
    #: mobility exercise that is held). Unset, it follows the kind: see ``hold_or_move``.
    action: Action | None = None
    dose: Dose
    #: The movement families it loads (see Movement); the condition rules act on these.
    movements: tuple[Movement, ...] = Field(min_length=1, max_length=13)
    #: The fewest repetitions (per side, in one set) still worth doing: the planner never
    #: cuts below it to save time. At most the dose's reps.
    min_reps: int = Field(ge=1, le=30)
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
    def hold_or_move(self) -> Action:
        """The one rule for "hold" versus "move", used by every page, PDF, the CLI and players.

        The content's own ``action`` if it states one, else the kind's: a stretch or an
        isometric exercise is held, a mobility or strengthening exercise is moved. The dose
        never decides: one slow 30-second bout of cat/cow is still a movement, and prone props
        held for 30 s is a hold because its file says so.
        """
        return self.action or ACTION_OF_KIND[self.kind]

    @property
    def position_label(self) -> str:
        return POSITION_LABELS[self.position]

    @model_validator(mode="after")
    def _check_alternative(self) -> Exercise:
        if self.seated_alternative == self.slug:
            raise ValueError("seated_alternative cannot be the exercise itself")
        return self

    @field_validator("min_reps")
    @classmethod
    def _min_within_dose(cls, value: int, info: ValidationInfo) -> int:
        dose = info.data.get("dose")
        if isinstance(dose, Dose) and value > dose.reps:
            raise ValueError(f"is {value}, more than the dose's {dose.reps} reps")
        return value

    @field_validator("movements")
    @classmethod
    def _movements_fit(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        """The families a position or kind implies must be listed, and only then."""
        if len(set(value)) != len(value):
            raise ValueError("lists the same movement family twice")
        position, kind = info.data.get("position"), info.data.get("kind")
        for family, where in (("lying-on-back", "on-back"), ("lying-on-stomach", "on-stomach")):
            if position is not None and (family in value) != (position == where):
                raise ValueError(f"must list {family} exactly when the position is {where}")
        if kind in ("strengthening", "isometric") and "loaded" not in value:
            raise ValueError(f"must list loaded for a {kind} exercise")
        return value


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
