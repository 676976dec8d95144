"""Poses as absolute segment directions, forward kinematics from an anchor, and two-link IK.

A :class:`Keyframe` holds where the anchor joint is and the direction of every segment.
:func:`positions` walks the skeleton outward from the anchor, so any joint can be the fixed
one (the shoulders in a bridge, a knee in child's pose). :func:`hold_contacts` bends the
arms and legs that end in a declared contact so that hand or ankle stays where it was at
the start, which is how a keyframe only has to say roughly how a supporting limb bends.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from backcare.content.demo_schema import Frames, Pose
from backcare.figures.skeleton import SEGMENTS, Segment

Point = tuple[float, float]


class DemoError(ValueError):
    """A demo that cannot be drawn as written (for example a contact the limb can't reach)."""


def unit(deg: float) -> Point:
    rad = math.radians(deg)
    return math.cos(rad), math.sin(rad)


def direction(a: Point, b: Point) -> float:
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))


def near_angle(value: float, reference: float) -> float:
    """``value`` shifted by whole turns to lie within 180 degrees of ``reference``."""
    return value + 360.0 * round((reference - value) / 360.0)


@dataclass(frozen=True)
class Keyframe:
    at: Point
    angles: Mapping[str, float]  # segment name -> direction in degrees


def _pair(value: float | tuple[float, float]) -> tuple[float, float]:
    return (value, value) if isinstance(value, (int, float)) else (value[0], value[1])


def resolve(pose: Pose, start: Pose) -> Keyframe:
    """A frame's angles for every segment; what the frame leaves out comes from ``start``."""
    merged = {**start.model_dump(), **{k: v for k, v in pose.model_dump().items() if v is not None}}
    low, up = _pair(merged["trunk"])
    neck = float(merged["neck"])
    head = float(merged["head"] if merged["head"] is not None else neck)
    pelvis = float(merged["pelvis"] if merged["pelvis"] is not None else low - 90.0)
    girdle = float(merged["shoulders"] if merged["shoulders"] is not None else up - 90.0)
    angles: dict[str, float] = {
        "pelvis_a": pelvis + 180.0, "pelvis_b": pelvis,
        "trunk_low": low, "trunk_up": up,
        "girdle_a": girdle + 180.0, "girdle_b": girdle,
        "neck": neck, "head": head,
        # not segments: the shoulder line's turn about the spine and the face's (front view)
        "turn": float(merged["turn"] or 0.0), "look": float(merged["look"] or 0.0),
    }
    for key in ("arm", "forearm", "thigh", "shin", "foot"):
        a, b = _pair(merged[key])
        angles[f"{key}_a"], angles[f"{key}_b"] = float(a), float(b)
    at = merged["at"]
    return Keyframe((float(at[0]), float(at[1])), angles)


def frame_sequence(frames: Frames) -> list[tuple[str, Pose]]:
    """The order the animation visits the keyframes, ending back at start."""
    out: list[tuple[str, Pose]] = [("start", frames.start)]
    if frames.middle is not None:
        out.append(("middle", frames.middle))
    out.append(("held", frames.held))
    if frames.middle is not None:
        out.append(("middle", frames.middle))
    out.append(("start", frames.start))
    if frames.then is not None:
        out += [("then", frames.then), ("start", frames.start)]
    return out


# --- forward kinematics -----------------------------------------------------------------

@dataclass(frozen=True)
class Edge:
    """A segment walked outward from the anchor; ``flipped`` when walked child -> parent."""

    segment: Segment
    start: str  # joint nearer the anchor
    end: str
    flipped: bool
    parent: int | None  # index of the edge ending at ``start`` (None at the anchor)


def walk(anchor: str) -> tuple[Edge, ...]:
    """Every segment once, in an order where an edge's parent edge comes before it."""
    links: dict[str, list[tuple[Segment, str, bool]]] = {}
    for seg in SEGMENTS:
        links.setdefault(seg.parent, []).append((seg, seg.child, False))
        links.setdefault(seg.child, []).append((seg, seg.parent, True))
    edges: list[Edge] = []
    ending: dict[str, int] = {}
    queue, seen = [anchor], {anchor}
    while queue:
        joint = queue.pop(0)
        for seg, other, flipped in links.get(joint, []):
            if other in seen:
                continue
            seen.add(other)
            edges.append(Edge(seg, joint, other, flipped, ending.get(joint)))
            ending[other] = len(edges) - 1
            queue.append(other)
    return tuple(edges)


def edge_angle(edge: Edge, angles: Mapping[str, float]) -> float:
    value = angles[edge.segment.name]
    return value + 180.0 if edge.flipped else value


#: Segments that look shorter when the shoulder line turns about the spine (``turn``).
TURNING = ("girdle_a", "girdle_b")


def girdle_factor(turn: float) -> float:
    """How much of its width the shoulder line shows, turned ``turn`` degrees."""
    return math.cos(math.radians(turn))


def gaze_shift(look: float) -> float:
    """How far (head radii) the eyes move sideways when the face turns ``look`` degrees."""
    return 0.5 * math.sin(math.radians(look))


#: Prefix of the keys in ``Keyframe.angles`` that hold a segment's drawn length in that
#: frame (a keyframe's own ``shorten``); they interpolate like the angles.
LENGTH_KEY = "len:"


def length_overrides(frame: Keyframe) -> dict[str, float]:
    """Segment name -> drawn length, for the segments this frame draws its own length."""
    return {k[len(LENGTH_KEY):]: v for k, v in frame.angles.items() if k.startswith(LENGTH_KEY)}


def frame_lengths(frame: Keyframe, lengths: Mapping[str, float]) -> Mapping[str, float]:
    """The drawn lengths in this frame: the demo's, or the frame's own ``shorten``, with the
    shoulder line's turn."""
    own = length_overrides(frame)
    turn = frame.angles.get("turn", 0.0)
    if not turn and not own:
        return lengths
    out = {**lengths, **own}
    factor = girdle_factor(turn)
    return {**out, **{name: out[name] * factor for name in TURNING}}


def positions(
    anchor: str, frame: Keyframe, lengths: Mapping[str, float]
) -> dict[str, Point]:
    lengths = frame_lengths(frame, lengths)
    out: dict[str, Point] = {anchor: frame.at}
    for edge in walk(anchor):
        x, y = out[edge.start]
        ux, uy = unit(edge_angle(edge, frame.angles))
        length = lengths[edge.segment.name]
        out[edge.end] = (x + length * ux, y + length * uy)
    return out


# --- contacts ---------------------------------------------------------------------------

#: Two-link chains that can be bent to keep their end on a contact: (upper, lower, root, end).
CHAINS = tuple(
    (f"{upper}_{s}", f"{lower}_{s}", f"{root}_{s}", f"{end}_{s}", f"{mid}_{s}")
    for s in "ab"
    for upper, lower, root, end, mid in (
        ("arm", "forearm", "shoulder", "hand", "elbow"),
        ("thigh", "shin", "hip", "ankle", "knee"),
    )
)


def _two_link(root: Point, target: Point, l1: float, l2: float,
              a1: float, a2: float) -> tuple[float, float]:
    dist = math.dist(root, target)
    dist = min(max(dist, abs(l1 - l2) + 1e-6), l1 + l2 - 1e-9)
    phi = direction(root, target)
    cos_alpha = (l1 * l1 + dist * dist - l2 * l2) / (2 * l1 * dist)
    alpha = math.degrees(math.acos(max(-1.0, min(1.0, cos_alpha))))
    best: tuple[float, float, float] | None = None
    for sign in (1.0, -1.0):
        t1 = near_angle(phi + sign * alpha, a1)
        ux, uy = unit(t1)
        mid = (root[0] + l1 * ux, root[1] + l1 * uy)
        t2 = near_angle(direction(mid, target), a2)
        cost = abs(t1 - a1) + abs(t2 - a2)
        if best is None or cost < best[0]:
            best = (cost, t1, t2)
    if best is None:  # the loop above always runs: only a bug could get here
        raise RuntimeError("no joint angles were tried")
    return best[1], best[2]


def hold_contacts(
    anchor: str, frame: Keyframe, lengths: Mapping[str, float], targets: Mapping[str, Point],
    heights: Mapping[str, float] | None = None,
) -> Keyframe:
    """Bend each arm or leg whose hand or ankle is a contact so it reaches its target.

    ``heights`` holds sliding ends: they keep that height wherever the frame puts them.
    """
    pos = positions(anchor, frame, lengths)
    drawn = frame_lengths(frame, lengths)
    angles = dict(frame.angles)
    goals = dict(targets)
    for joint, height in (heights or {}).items():
        goals.setdefault(joint, (pos[joint][0], height))
    for upper, lower, root, end, mid in CHAINS:
        if end not in goals or anchor in {mid, end, f"toe_{end[-1]}"}:
            continue
        l1, l2 = drawn[upper], drawn[lower]
        if l1 < 1.0 or l2 < 1.0:
            continue
        angles[upper], angles[lower] = _two_link(
            pos[root], goals[end], l1, l2, angles[upper], angles[lower])
    return Keyframe(frame.at, angles)


def lerp_frames(a: Keyframe, b: Keyframe, s: float) -> Keyframe:
    """Angles are interpolated as written: from -60 to 140 turns up through 40, not down."""
    return Keyframe(
        (a.at[0] + (b.at[0] - a.at[0]) * s, a.at[1] + (b.at[1] - a.at[1]) * s),
        {k: a.angles[k] + (b.angles[k] - a.angles[k]) * s for k in a.angles},
    )
