"""Plausibility checks of a demo over the whole loop, as sampled from the animation.

Used by the tests and by ``backcare check-content`` (through the content cross-checks):
segment lengths stay fixed (the shoulder line narrows only as far as its turn says, and a
segment changes length only as far as the keyframes' own ``shorten`` says),
nothing goes through the floor or into the chair, declared
contacts stay put, knees and elbows bend the natural way, and the held position is
visibly different from the start.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from backcare.content.demo_schema import FigureSpec
from backcare.content.schema import Exercise
from backcare.figures.kinematics import DemoError, Point, frame_lengths
from backcare.figures.motion import Figure, compile_demo, sample, sample_times
from backcare.figures.shapes import obstacles
from backcare.figures.skeleton import BODY_HEIGHT, HEAD_RADIUS, SEGMENTS

FLOOR_TOLERANCE = 1.0  # units a stroke's edge may touch into the floor line
CHAIR_TOLERANCE = 1.0
CONTACT_LIMIT = 0.02 * BODY_HEIGHT  # 3.6 units
LENGTH_TOLERANCE = 0.05
MIN_MOVEMENT = 5.0  # the held position must move some joint at least this far


def _points_along(a: Point, b: Point, n: int = 6) -> list[Point]:
    return [(a[0] + (b[0] - a[0]) * k / n, a[1] + (b[1] - a[1]) * k / n) for k in range(n + 1)]


def pose_problems(figure: Figure, pos: dict[str, Point], when: str,
                  lengths: Mapping[str, float] | None = None) -> list[str]:
    """``lengths``: what each segment should measure at that moment (the demo's lengths,
    a keyframe's own shorten, the shoulder line narrowed by its turn)."""
    out: list[str] = []
    view = figure.demo.view
    solid = obstacles(view, figure.demo.props)
    for seg in SEGMENTS:
        a, b = pos[seg.parent], pos[seg.child]
        length = (lengths or figure.lengths)[seg.name]
        if abs(math.dist(a, b) - length) > LENGTH_TOLERANCE:
            out.append(f"{when}: {seg.name} is {math.dist(a, b):.2f} long, not {length:.2f}")
        if seg.name == "head":
            if view != "above" and b[1] - HEAD_RADIUS < -FLOOR_TOLERANCE:
                out.append(f"{when}: the head goes {HEAD_RADIUS - b[1]:.1f} below the floor")
            for rect in solid:
                if rect.distance(b) < HEAD_RADIUS - CHAIR_TOLERANCE:
                    out.append(f"{when}: the head is inside the chair")
            continue
        half = seg.width / 2
        for p in _points_along(a, b):
            if view != "above" and p[1] - half < -FLOOR_TOLERANCE:
                out.append(f"{when}: {seg.name} goes {half - p[1]:.1f} below the floor")
                break
            if any(rect.distance(p) < half - CHAIR_TOLERANCE for rect in solid):
                out.append(f"{when}: {seg.name} is inside the chair")
                break
    return out


def bend_problems(figure: Figure, pos: dict[str, Point], when: str) -> list[str]:
    """Side view: knees bend backward, never forward by much.

    Elbows are not checked: a turned-out arm can look bent either way from the side.
    """
    if figure.demo.view != "side":
        return []
    out = []
    for s in "ab":
        for root, mid, end, sign, name in (("hip", "knee", "ankle", -1, "knee"),):
            r, m, e = pos[f"{root}_{s}"], pos[f"{mid}_{s}"], pos[f"{end}_{s}"]
            a1 = math.atan2(m[1] - r[1], m[0] - r[0])
            a2 = math.atan2(e[1] - m[1], e[0] - m[0])
            turn = math.degrees(math.atan2(math.sin(a2 - a1), math.cos(a2 - a1)))
            if sign * turn < -10:
                out.append(f"{when}: the {'near' if s == 'a' else 'far'} {name} bends the "
                           f"wrong way ({turn:.0f} degrees)")
    return out


def figure_problems(figure: Figure, per_second: int = 20) -> list[str]:
    """Everything wrong with a compiled demo, checked at many moments of the loop."""
    out: list[str] = []
    track = figure.track
    for name in track.keyframes:
        pos = figure.pose(name)
        out += pose_problems(figure, pos, name,
                             frame_lengths(track.keyframes[name], figure.lengths))
        out += bend_problems(figure, pos, name)
    worst: dict[str, float] = {}
    for t in sample_times(track, per_second):
        pos = sample(track, t)
        out += pose_problems(figure, pos, f"{t:.2f}s", track.lengths_at(t))
        for joint, target in figure.targets.items():
            worst[joint] = max(worst.get(joint, 0.0), math.dist(pos[joint], target))
    for joint, moved in worst.items():
        if moved > CONTACT_LIMIT:
            out.append(f"contact {joint} moves {moved:.1f} units (limit {CONTACT_LIMIT:.1f})")
    start, held = figure.pose("start"), figure.pose("held")
    if max(math.dist(start[j], held[j]) for j in start) < MIN_MOVEMENT:
        out.append("the held position is hardly different from the start")
    return list(dict.fromkeys(out))


#: Samples per second of the animation when content is loaded: every keyframe is checked
#: exactly, the moves in between coarsely (the tests sample them 25 times a second).
LOAD_SAMPLES_PER_SECOND = 4


def demo_problems(exercise: Exercise) -> list[str]:
    """Problems with an exercise's demo, as sentences (empty when it is fine)."""
    if exercise.demo is None:
        return ["has no demo"]
    if exercise.per_side and exercise.demo.side_shown is None:
        return ["demo.side_shown is needed for an exercise done on each side"]
    if not exercise.per_side and exercise.demo.side_shown is not None:
        return ["demo.side_shown is only for exercises done on each side"]
    out: list[str] = []
    views: list[tuple[FigureSpec | None, str]] = [(None, "")]
    if exercise.demo.also is not None:
        views.append((exercise.demo.also, "also: "))
    for spec, label in views:
        try:
            figure = compile_demo(exercise, spec)
        except DemoError as exc:
            out.append(f"{label}{exc}")
            continue
        out += [f"{label}{problem}" for problem in
                figure_problems(figure, per_second=LOAD_SAMPLES_PER_SECOND)]
    return out
