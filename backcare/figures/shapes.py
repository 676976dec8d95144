"""Plain drawing primitives in figure units (y up), shared by the SVG and ReportLab renderers,
and the props: floor, mat, chair, towel, pillow, door frame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from backcare.figures.kinematics import Point

INK = "#34444e"  # body
FAR = "#8e9ba4"  # far-side limbs in the side view
ACCENT = "#d0532a"  # the moving part
FAR_ACCENT = "#eda184"
PROP = "#dfe3e6"
PROP_EDGE = "#b7c0c7"
FLOOR = "#8f9aa2"
TEXT = "#3e4b53"


@dataclass(frozen=True)
class Line:
    a: Point
    b: Point
    colour: str
    width: float


@dataclass(frozen=True)
class Circle:
    centre: Point
    r: float
    fill: str
    stroke: str = "none"
    width: float = 0.0


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str = PROP
    stroke: str = PROP_EDGE
    rx: float = 2.0

    def contains(self, p: Point, margin: float = 0.0) -> bool:
        """True when ``p`` is deeper than ``margin`` inside the rectangle."""
        return (self.x + margin < p[0] < self.x + self.w - margin
                and self.y + margin < p[1] < self.y + self.h - margin)

    def distance(self, p: Point) -> float:
        """Distance from ``p`` to the rectangle; 0 inside."""
        dx = max(self.x - p[0], 0.0, p[0] - (self.x + self.w))
        dy = max(self.y - p[1], 0.0, p[1] - (self.y + self.h))
        return math.hypot(dx, dy)


Shape = Line | Circle | Rect

# --- the chair (side view, seat front edge at x = 0) ---------------------------------------
SEAT_TOP = 45.0
SEAT = Rect(-44.0, 41.0, 44.0, 4.0)
BACKREST = Rect(-49.0, 41.0, 5.0, 35.0)
CHAIR_LEGS = (Rect(-4.0, 0.0, 3.5, 41.0), Rect(-48.0, 0.0, 3.5, 41.0))
#: Front view: seat and back seen from the front, centred on x = 0.
SEAT_FRONT = Rect(-26.0, 41.0, 52.0, 4.0)
BACK_FRONT = Rect(-23.0, 45.0, 46.0, 31.0, fill="#eceff1", stroke=PROP_EDGE)
CHAIR_LEGS_FRONT = (Rect(-25.0, 0.0, 3.5, 41.0), Rect(21.5, 0.0, 3.5, 41.0))
#: Seen from above: the figure's hip at (0, 0) facing down the picture.
SEAT_ABOVE = Rect(-26.0, -24.0, 52.0, 46.0)
BACK_ABOVE = Rect(-26.0, 22.0, 52.0, 6.0, fill="#cfd5da")
DOOR_POST = Rect(-3.0, 0.0, 6.0, 205.0)


def obstacles(view: str, props: tuple[str, ...]) -> tuple[Rect, ...]:
    """Solid props the body must stay out of (only where they share the picture's plane)."""
    if "chair" in props and view == "side":
        return (SEAT, BACKREST)
    return ()


def prop_shapes(view: str, props: tuple[str, ...], extent: tuple[float, float],
                start: dict[str, Point],
                heights: tuple[float, float] | None = None) -> list[Shape]:
    """Props drawn behind the figure. ``extent`` is the figure's x range over the loop,
    ``heights`` its y range (a mat seen from above lies under the whole body)."""
    out: list[Shape] = []
    lo, hi = extent
    if "chair" in props:
        if view == "side":
            out += [*CHAIR_LEGS, BACKREST, SEAT]
        elif view == "front":
            out += [*CHAIR_LEGS_FRONT, BACK_FRONT, SEAT_FRONT]
        elif view == "above":
            out += [SEAT_ABOVE, BACK_ABOVE]
    if "door-frame" in props:
        out.append(DOOR_POST)
    if "mat" in props and view == "above":
        bottom, top = heights if heights is not None else (-30.0, 30.0)
        out.append(Rect(lo - 6.0, bottom - 6.0, hi - lo + 12.0, top - bottom + 12.0,
                        fill="#eef1f3", rx=6.0))
    elif "mat" in props:
        out.append(Rect(lo - 10.0, -4.0, hi - lo + 20.0, 4.0, rx=2.0))
    if "towel" in props and "chair" in props and view == "side":
        hip = start["hip"]
        out.append(Rect(hip[0] - 11.0, SEAT_TOP, 22.0, 5.5, fill="#f2d9b3", stroke="#d9b98a",
                        rx=2.75))
    if "pillow" in props:
        knee = start["knee_a"]
        out.append(Rect(knee[0] - 9.0, knee[1] - 8.0, 14.0, 13.0, fill="#f2d9b3",
                        stroke="#d9b98a", rx=6.0))
    return out
