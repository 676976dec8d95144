"""Pydantic models for an exercise's animated demo (the ``demo:`` block of an exercise file).

A demo describes a simple 2-D figure by keyframes. Every angle is the *direction a body
segment points*, in degrees, in the picture: 0 = to the right, 90 = up, 180 = to the left,
-90 = down. Each segment points away from the pelvis: the trunk from the hip joint to the
shoulders, an arm from the shoulder to the elbow, a forearm from the elbow to the hand, a
thigh from the hip to the knee, a shin from the knee to the ankle, a foot from the ankle to
the toes. ``backcare/figures/README.md`` explains the conventions with examples.

The figure faces right in the side view: its front is 90 degrees clockwise from its trunk
direction (standing: trunk 90, front 0; lying on the back head-left: trunk 180, front up).

Pairs are written ``[near, far]`` in the side view and ``[left, right]`` (as seen in the
picture) in the other views; a single number sets both.

A keyframe may carry its own ``shorten``: the segments it names are drawn that much
shorter in that frame, and their length changes smoothly on the way there and back.

``turn`` (front view only) turns the shoulder line about the spine, in degrees: the shoulders
look narrower by its cosine, as a twisting trunk does seen from the front. ``look`` (front
view only) turns the face toward the picture's right (negative: its left); the eyes move.

Only ``start`` must give every angle; ``middle``, ``held`` and ``then`` repeat only what
changes and take the rest from ``start``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

View = Literal["side", "front", "above", "head"]
Prop = Literal["floor", "mat", "chair", "towel", "pillow", "door-frame", "strap"]
Side = Literal["left", "right"]

#: Points that can anchor the figure or be declared as contacts.
Point = Literal[
    "pelvis", "shoulders", "head",
    "hands", "near-hand", "far-hand", "left-hand", "right-hand",
    "elbows", "near-elbow", "far-elbow", "left-elbow", "right-elbow",
    "knees", "near-knee", "far-knee", "left-knee", "right-knee",
    "feet", "near-foot", "far-foot", "left-foot", "right-foot",
]
#: Parts that can be drawn in the accent colour.
Part = Literal[
    "trunk", "head",
    "arms", "near-arm", "far-arm", "left-arm", "right-arm",
    "legs", "near-leg", "far-leg", "left-leg", "right-leg",
]
#: Segments whose drawn length can be shortened because they point toward the viewer.
Segment = Literal["trunk", "neck", "head", "arm", "forearm", "thigh", "shin", "foot"]

Angle = Annotated[float, Field(ge=-400, le=400)]
Coord = Annotated[float, Field(ge=-400, le=400)]
AnglePair = Angle | tuple[Angle, Angle]
Factor = Annotated[float, Field(ge=0, le=1)]
Caption = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=120)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Pose(_Model):
    """One keyframe: where the anchor point is and which way each segment points."""

    at: tuple[Coord, Coord] | None = None
    trunk: AnglePair | None = None
    neck: Angle | None = None
    head: Angle | None = None
    pelvis: Angle | None = None
    shoulders: Angle | None = None
    arm: AnglePair | None = None
    forearm: AnglePair | None = None
    thigh: AnglePair | None = None
    shin: AnglePair | None = None
    foot: AnglePair | None = None
    turn: Annotated[float, Field(ge=-80, le=80)] | None = None
    look: Annotated[float, Field(ge=-90, le=90)] | None = None
    #: This frame's foreshortening (an arm swinging from pointing at the floor to lying
    #: flat away from the viewer); segments it leaves out keep the demo's ``shorten``.
    shorten: dict[Segment, Factor | tuple[Factor, Factor]] | None = None


#: What ``start`` must give; the other keys have defaults (head = neck, girdles square).
REQUIRED_IN_START = ("at", "trunk", "neck", "arm", "forearm", "thigh", "shin", "foot")


class Frames(_Model):
    """start -> (middle) -> held -> (middle) -> start, then optionally -> then -> start."""

    start: Pose
    middle: Pose | None = None
    held: Pose
    then: Pose | None = None

    @model_validator(mode="after")
    def _start_is_complete(self) -> Frames:
        missing = [key for key in REQUIRED_IN_START if getattr(self.start, key) is None]
        if missing:
            raise ValueError(f"start must give {', '.join(missing)}")
        return self


class FigureSpec(_Model):
    """One view of the figure: what it stands on, what stays put, what moves, its keyframes."""

    view: View = "side"
    props: tuple[Prop, ...] = ()
    anchor: Point = "pelvis"
    contacts: tuple[Point, ...] = ()
    #: Hands or feet that slide along the floor: they keep their start height, not their place.
    slides: tuple[Point, ...] = ()
    accent: tuple[Part, ...] = Field(min_length=1)
    #: Parts drawn behind the trunk and head (an arm threading under the body).
    behind: tuple[Part, ...] = ()
    shorten: dict[Segment, Factor | tuple[Factor, Factor]] = Field(default_factory=dict)
    frames: Frames

    @model_validator(mode="after")
    def _names_fit_view(self) -> FigureSpec:
        wrong = "left-" if self.view == "side" else "near-"
        other = "right-" if self.view == "side" else "far-"
        names = (self.anchor, *self.contacts, *self.slides, *self.accent, *self.behind)
        bad = [n for n in names if n.startswith((wrong, other))]
        if bad:
            fit = "near-/far-" if self.view == "side" else "left-/right-"
            raise ValueError(f"the {self.view} view names limbs {fit}, not {', '.join(bad)}")
        if self.anchor in {"hands", "elbows", "knees", "feet", "head"}:
            raise ValueError("anchor must be one point: pelvis, shoulders or one hand, elbow, "
                             f"knee or foot, not {self.anchor!r}")
        turning = [k for k in ("turn", "look") for name in ("start", "middle", "held", "then")
                   if getattr(getattr(self.frames, name), k, None) is not None]
        if turning and self.view != "front":
            raise ValueError(f"{turning[0]} is only for the front view, not {self.view!r}")
        sliding = [n for n in self.slides if "hand" not in n and "foot" not in n and n != "feet"]
        if sliding:
            raise ValueError(f"only hands and feet can slide, not {', '.join(sliding)}")
        return self


class Demo(FigureSpec):
    """An animated figure for one exercise. See this module's docstring for the angles.

    ``also`` is a second, smaller view of the same moments, drawn beside the first, for a
    twist that one view can't show (a side view and the same body seen from above). It
    keys the same frames (``middle`` and ``then`` in both or in neither) so both move
    together.
    """

    side_shown: Side | None = None
    caption: Caption | None = None
    also: FigureSpec | None = None

    @model_validator(mode="after")
    def _second_view_keeps_time(self) -> Demo:
        if self.also is None:
            return self
        if self.also.view == self.view:
            raise ValueError(f"also must be another view than {self.view!r}")
        for key in ("middle", "then"):
            mine = getattr(self.frames, key) is not None
            if mine != (getattr(self.also.frames, key) is not None):
                raise ValueError(f"also.frames must have a {key!r} frame exactly when frames "
                                 "has one, so both views move together")
        return self
