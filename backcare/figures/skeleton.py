"""The figure: joints, segments with fixed lengths, and how a demo's names map onto them.

Units: a standing adult is about 180 units tall (``BODY_HEIGHT``); y points up, the floor
is y = 0. Segment lengths follow usual adult proportions:

    ankle 7 above the floor (foot 20 long, slanting to the toes), knee 51, hip 95,
    shoulders 148, head centre 168, top of the head 179.

The trunk has two parts (hip -> waist -> shoulders) so a back can round or arch. The
pelvis and the shoulder girdle are two half-width segments each; in the side view their
length is 0, so the near and far hips (and shoulders) are one point.
"""

from __future__ import annotations

from dataclasses import dataclass

BODY_HEIGHT = 180.0
HEAD_RADIUS = 11.0

#: Full lengths before any ``shorten`` factor. "trunk" is split 30 + 23 between its parts.
LENGTHS: dict[str, float] = {
    "trunk_low": 30.0, "trunk_up": 23.0, "neck": 9.0, "head": HEAD_RADIUS,
    "arm": 33.0, "forearm": 36.0, "thigh": 44.0, "shin": 44.0, "foot": 20.0,
}
#: Half widths of pelvis and shoulder girdle in the views that look at the figure's front.
GIRDLE = {"side": (0.0, 0.0), "front": (9.0, 18.0), "above": (9.0, 18.0), "head": (9.0, 18.0)}

#: Stroke width per part kind (body units). Half of it is the body's thickness around a line.
WIDTH = {"trunk": 13.0, "girdle": 11.0, "neck": 7.0, "arm": 8.0, "leg": 9.0, "foot": 7.0}


@dataclass(frozen=True)
class Segment:
    name: str
    parent: str  # joint nearer the pelvis
    child: str
    length_key: str  # key in LENGTHS, or "pelvis"/"girdle"
    part: str  # accent part: trunk, head, arm_a, arm_b, leg_a, leg_b
    width: float

    @property
    def side(self) -> str:
        return self.part[-1] if self.part[-2:] in {"_a", "_b"} else ""


def _limb(kind: str, side: str) -> list[Segment]:
    if kind == "arm":
        return [
            Segment(f"arm_{side}", f"shoulder_{side}", f"elbow_{side}", "arm", f"arm_{side}",
                    WIDTH["arm"]),
            Segment(f"forearm_{side}", f"elbow_{side}", f"hand_{side}", "forearm", f"arm_{side}",
                    WIDTH["arm"]),
        ]
    return [
        Segment(f"thigh_{side}", f"hip_{side}", f"knee_{side}", "thigh", f"leg_{side}",
                WIDTH["leg"]),
        Segment(f"shin_{side}", f"knee_{side}", f"ankle_{side}", "shin", f"leg_{side}",
                WIDTH["leg"]),
        Segment(f"foot_{side}", f"ankle_{side}", f"toe_{side}", "foot", f"leg_{side}",
                WIDTH["foot"]),
    ]


SEGMENTS: tuple[Segment, ...] = (
    Segment("pelvis_a", "hip", "hip_a", "pelvis", "trunk", WIDTH["girdle"]),
    Segment("pelvis_b", "hip", "hip_b", "pelvis", "trunk", WIDTH["girdle"]),
    Segment("trunk_low", "hip", "waist", "trunk_low", "trunk", WIDTH["trunk"]),
    Segment("trunk_up", "waist", "chest", "trunk_up", "trunk", WIDTH["trunk"]),
    Segment("girdle_a", "chest", "shoulder_a", "girdle", "trunk", WIDTH["girdle"]),
    Segment("girdle_b", "chest", "shoulder_b", "girdle", "trunk", WIDTH["girdle"]),
    Segment("neck", "chest", "nape", "neck", "head", WIDTH["neck"]),
    Segment("head", "nape", "head", "head", "head", 0.0),
    *_limb("arm", "a"), *_limb("arm", "b"), *_limb("leg", "a"), *_limb("leg", "b"),
)
SEGMENT_BY_NAME = {s.name: s for s in SEGMENTS}
JOINTS: tuple[str, ...] = ("hip", *(s.child for s in SEGMENTS))


def segment_lengths(
    view: str, shorten: dict[str, float | tuple[float, float]]
) -> dict[str, float]:
    """Drawn length of every segment for a demo (a keyframe may set its own ``shorten``)."""
    pelvis, girdle = GIRDLE[view]
    out: dict[str, float] = {}
    for seg in SEGMENTS:
        if seg.length_key == "pelvis":
            out[seg.name] = pelvis
        elif seg.length_key == "girdle":
            out[seg.name] = girdle
        else:
            factor = shorten.get("trunk" if seg.length_key.startswith("trunk") else
                                 seg.length_key, 1.0)
            if isinstance(factor, tuple):  # [near, far] or [left, right]
                factor = factor[0] if seg.side == "a" else factor[1]
            out[seg.name] = LENGTHS[seg.length_key] * factor
    return out


# --- names used in the YAML -------------------------------------------------------------

_SIDE_WORDS = {"near": "a", "far": "b", "left": "a", "right": "b"}
_POINT_JOINTS = {
    "hand": ("hand",), "elbow": ("elbow",), "knee": ("knee",), "foot": ("ankle", "toe"),
}
_PLURAL = {"hands": "hand", "elbows": "elbow", "knees": "knee", "feet": "foot"}


def point_joints(point: str) -> tuple[str, ...]:
    """The joints a demo point name stands for ("feet" -> both ankles and toes)."""
    if point == "pelvis":
        return ("hip", "hip_a", "hip_b")
    if point == "shoulders":
        return ("chest", "shoulder_a", "shoulder_b")
    if point == "head":
        return ("head",)
    if point in _PLURAL:
        kind = _PLURAL[point]
        return tuple(f"{j}_{s}" for s in "ab" for j in _POINT_JOINTS[kind])
    word, kind = point.split("-", 1)
    return tuple(f"{j}_{_SIDE_WORDS[word]}" for j in _POINT_JOINTS[kind])


def anchor_joint(point: str) -> str:
    """The one joint an anchor name fixes (a foot is anchored at its ankle)."""
    if point == "pelvis":
        return "hip"
    if point == "shoulders":
        return "chest"
    return point_joints(point)[0]


def part_names(part: str) -> tuple[str, ...]:
    """Accent part name -> internal parts (trunk, head, arm_a, arm_b, leg_a, leg_b)."""
    if part in {"trunk", "head"}:
        return (part,)
    if part in {"arms", "legs"}:
        return (f"{part[:-1]}_a", f"{part[:-1]}_b")
    word, kind = part.split("-", 1)
    return (f"{kind}_{_SIDE_WORDS[word]}",)
