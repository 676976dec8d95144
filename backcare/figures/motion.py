"""From a demo to a looping animation: timing from the dose, dense stops, sampled like CSS.

:func:`compile_demo` resolves the keyframes, makes supporting limbs keep their contacts,
and builds a :class:`Track`: for every segment a list of (time, angle relative to the
segment it hangs from) stops, plus the anchor's x and y. The SVG renderer writes exactly
these stops as CSS ``@keyframes`` with linear timing (the easing is baked into the stops),
and :func:`sample` interpolates them the same way a browser does, so tests can check any
moment of the animation, not just the keyframes.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass

from backcare.content.demo_schema import FigureSpec
from backcare.content.schema import Exercise
from backcare.figures.kinematics import (
    LENGTH_KEY,
    TURNING,
    DemoError,
    Edge,
    Keyframe,
    Point,
    edge_angle,
    frame_sequence,
    gaze_shift,
    girdle_factor,
    hold_contacts,
    lerp_frames,
    near_angle,
    positions,
    resolve,
    unit,
    walk,
)
from backcare.figures.skeleton import anchor_joint, point_joints, segment_lengths

STOPS_PER_SECOND = 12
REST_SECONDS = 1.0
LONGEST_HOLD_SHOWN = 6.0
LONGEST_LOOP = 40.0
#: Drop a stop when straight-line interpolation between its neighbours misses it by less.
ANGLE_TOLERANCE = 0.02
CONTACT_TOLERANCE = 0.5  # units a keyframe's contact may miss its target by


@dataclass(frozen=True)
class Timing:
    rest: float  # still in the start position at the top of the loop
    move: float  # one move between two keyframes
    hold: float  # the held position as shown (long holds are shortened)
    real_hold: int

    @classmethod
    def for_dose(cls, hold_seconds: int, *, legs: int = 1) -> Timing:
        move = 1.5 if hold_seconds <= 3 else 2.0 if hold_seconds <= 10 else 2.5
        if legs > 1:  # start -> middle -> held: each part a little quicker
            move = max(1.2, move * 0.7)
        return cls(REST_SECONDS, move, min(float(hold_seconds), LONGEST_HOLD_SHOWN),
                   hold_seconds)


@dataclass(frozen=True)
class Channel:
    times: tuple[float, ...]  # seconds from the start of the loop, first 0, last duration
    values: tuple[float, ...]

    def at(self, t: float) -> float:
        times, values = self.times, self.values
        if t <= times[0]:
            return values[0]
        for i in range(1, len(times)):
            if t <= times[i]:
                span = times[i] - times[i - 1]
                f = (t - times[i - 1]) / span if span > 0 else 1.0
                return values[i - 1] + (values[i] - values[i - 1]) * f
        return values[-1]


@dataclass(frozen=True)
class Track:
    duration: float
    anchor: str
    edges: tuple[Edge, ...]
    lengths: Mapping[str, float]
    x: Channel
    y: Channel
    turns: tuple[Channel, ...]  # one per edge: angle relative to the parent edge
    girdle: Channel  # the shoulder line's share of its width (turned about the spine)
    gaze: Channel  # the eyes' sideways shift, in head radii (front view)
    held_time: float  # a moment in the middle of the hold
    keyframes: Mapping[str, Keyframe]
    timing: Timing
    #: Drawn length over time of the segments whose keyframes shorten them differently.
    stretch: Mapping[str, Channel] = dataclasses.field(default_factory=dict)

    def lengths_at(self, t: float) -> dict[str, float]:
        """Every segment's drawn length at ``t`` (a keyframe's shorten, the turned girdle)."""
        out = {**self.lengths, **{k: c.at(t) for k, c in self.stretch.items()}}
        factor = self.girdle.at(t)
        return {**out, **{name: out[name] * factor for name in TURNING}}


@dataclass(frozen=True)
class Figure:
    """A compiled demo: everything the renderers and the checks need."""

    slug: str
    name: str
    demo: FigureSpec  # the exercise's demo, or its second view (``also``)
    lengths: Mapping[str, float]
    anchor: str
    contacts: tuple[str, ...]  # joint names that must stay put
    targets: Mapping[str, Point]
    track: Track

    def pose(self, frame: str = "held") -> dict[str, Point]:
        """Joint positions of a keyframe (start, middle, held or then)."""
        return positions(self.anchor, self.track.keyframes[frame], self.lengths)


def _ease(u: float) -> float:
    return 0.5 - 0.5 * math.cos(math.pi * u)


def _simplify(times: list[float], values: list[float], tol: float) -> Channel:
    """Keep only the stops that straight-line interpolation can't reproduce within ``tol``."""
    n = len(times)

    def straight(k: int, j: int) -> bool:
        span = times[j] - times[k]
        if span <= 0:
            return all(abs(values[m] - values[k]) <= tol for m in range(k + 1, j))
        return all(
            abs(values[k] + (values[j] - values[k]) * (times[m] - times[k]) / span - values[m])
            <= tol
            for m in range(k + 1, j)
        )

    keep, k, j = [0], 0, 2
    while j < n:
        if straight(k, j):
            j += 1
        else:
            k = j - 1
            keep.append(k)
            j = k + 2
    if keep[-1] != n - 1:
        keep.append(n - 1)
    return Channel(tuple(round(times[i], 4) for i in keep),
                   tuple(round(values[i], 3) for i in keep))


def _relative(edges: tuple[Edge, ...], frame: Keyframe) -> list[float]:
    absolute = [edge_angle(e, frame.angles) for e in edges]
    return [a if e.parent is None else a - absolute[e.parent] for e, a in zip(edges, absolute, strict=False)]


#: Compiled figures by the identity of their (frozen, immutable) Demo; each entry keeps its
#: Demo alive, so an id cannot be reused while it is cached. Loading the library compiles
#: every demo to check it; pages, players and worksheets then reuse the result.
_COMPILED: dict[int, tuple[FigureSpec, Exercise, Figure]] = {}
_COMPILED_MAX = 512


def compile_demo(exercise: Exercise, demo: FigureSpec | None = None) -> Figure:
    """The exercise's demo (or ``demo``, e.g. its second view) ready to draw and check."""
    demo = demo if demo is not None else exercise.demo
    hit = _COMPILED.get(id(demo))
    if hit is not None and hit[0] is demo and hit[1] is exercise:
        return hit[2]
    figure = _compile(exercise, demo)
    if len(_COMPILED) >= _COMPILED_MAX:
        _COMPILED.clear()
    _COMPILED[id(demo)] = (demo, exercise, figure)
    return figure


def clear_compiled() -> None:
    """Forget every compiled figure (benchmarks measure the first, uncached compile)."""
    _COMPILED.clear()


def _compile(exercise: Exercise, demo: FigureSpec) -> Figure:
    own: dict[str, float | tuple[float, float]] = {str(k): v for k, v in demo.shorten.items()}
    own.update({str(k): v for k, v in (demo.frames.start.shorten or {}).items()})
    lengths = segment_lengths(demo.view, own)
    varying = _varying_lengths(demo, own, lengths)
    anchor = anchor_joint(demo.anchor)
    contacts = tuple(dict.fromkeys(j for p in demo.contacts for j in point_joints(p)))
    start = resolve(demo.frames.start, demo.frames.start)
    start_pos = positions(anchor, start, lengths)
    targets = {j: start_pos[j] for j in contacts}
    slides = tuple(j for p in demo.slides for j in point_joints(p)
                   if j.startswith(("hand", "ankle")))
    heights = {j: start_pos[j][1] for j in slides}
    sequence = frame_sequence(demo.frames)

    keyframes: dict[str, Keyframe] = {}
    for name, pose in sequence:
        if name not in keyframes:
            frame = _with_lengths(resolve(pose, demo.frames.start), varying.get(name, {}))
            frame = hold_contacts(anchor, frame, lengths, targets, heights)
            keyframes[name] = frame
            pos = positions(anchor, frame, lengths)
            for joint, target in targets.items():
                miss = math.dist(pos[joint], target)
                if miss > CONTACT_TOLERANCE:
                    raise DemoError(f"frame {name!r}: contact {joint} is {miss:.1f} units from "
                                    "where it starts (a limb that can't reach it, or the "
                                    "anchor moving it)")

    legs = 2 if demo.frames.middle is not None else 1
    timing = Timing.for_dose(exercise.dose.hold_seconds, legs=legs)
    moves = len(sequence) - 1
    holds = sum(1 for name, _ in sequence if name in {"held", "then"})
    total = timing.rest + moves * timing.move + holds * timing.hold
    if total > LONGEST_LOOP:
        hold = max(1.0, (LONGEST_LOOP - timing.rest - moves * timing.move) / holds)
        timing = Timing(timing.rest, timing.move, hold, timing.real_hold)

    stops: list[tuple[float, Keyframe]] = [(0.0, keyframes["start"])]
    t = timing.rest
    stops.append((t, keyframes["start"]))
    held_time = 0.0
    for (name_a, _), (name_b, _) in zip(sequence, sequence[1:], strict=False):
        a, b = keyframes[name_a], keyframes[name_b]
        steps = max(6, math.ceil(timing.move * STOPS_PER_SECOND))
        for i in range(1, steps + 1):
            s = _ease(i / steps)
            frame = b if i == steps else hold_contacts(anchor, lerp_frames(a, b, s), lengths,
                                                       targets, heights)
            stops.append((t + timing.move * i / steps, frame))
        t += timing.move
        if name_b in {"held", "then"}:
            if name_b == "held" and not held_time:
                held_time = t + timing.hold / 2
            t += timing.hold
            stops.append((t, b))
    duration = t

    edges = walk(anchor)
    times = [s[0] for s in stops]
    rel = [_relative(edges, f) for _, f in stops]
    turns = []
    for i in range(len(edges)):
        values = [rel[0][i]]
        for row in rel[1:]:
            values.append(near_angle(row[i], values[-1]))
        turns.append(_simplify(times, values, ANGLE_TOLERANCE))
    track = Track(
        duration=round(duration, 4), anchor=anchor, edges=edges, lengths=lengths,
        x=_simplify(times, [f.at[0] for _, f in stops], 0.01),
        y=_simplify(times, [f.at[1] for _, f in stops], 0.01),
        turns=tuple(turns), held_time=held_time,
        girdle=_simplify(times, [girdle_factor(f.angles["turn"]) for _, f in stops], 0.002),
        gaze=_simplify(times, [gaze_shift(f.angles["look"]) for _, f in stops], 0.002),
        keyframes=keyframes, timing=timing,
        stretch={name[len(LENGTH_KEY):]: _simplify(times, [f.angles[name] for _, f in stops], 0.01)
                 for name in stops[0][1].angles if name.startswith(LENGTH_KEY)},
    )
    return Figure(exercise.slug, exercise.name, demo, lengths, anchor, contacts, targets, track)


def _varying_lengths(demo: FigureSpec, own: dict[str, float | tuple[float, float]],
                     lengths: Mapping[str, float]) -> dict[str, dict[str, float]]:
    """For each keyframe name, the drawn length of every segment some keyframe shortens
    on its own (empty when no keyframe does)."""
    frames = dict(frame_sequence(demo.frames))
    per_frame = {
        name: segment_lengths(demo.view, {**own, **{str(k): v for k, v in
                                                   (pose.shorten or {}).items()}})
        for name, pose in frames.items()}
    names = [seg for seg in lengths
             if any(abs(per[seg] - lengths[seg]) > 1e-9 for per in per_frame.values())]
    return {name: {seg: per[seg] for seg in names} for name, per in per_frame.items()}


def _with_lengths(frame: Keyframe, drawn: Mapping[str, float]) -> Keyframe:
    return Keyframe(frame.at, {**frame.angles, **{LENGTH_KEY + k: v for k, v in drawn.items()}})


def sample(track: Track, t: float) -> dict[str, Point]:
    """Joint positions at ``t`` seconds into the loop, interpolated as the browser does."""
    out: dict[str, Point] = {track.anchor: (track.x.at(t), track.y.at(t))}
    absolute: list[float] = []
    lengths = track.lengths_at(t)
    for edge, turn in zip(track.edges, track.turns, strict=False):
        angle = turn.at(t) + (absolute[edge.parent] if edge.parent is not None else 0.0)
        absolute.append(angle)
        x, y = out[edge.start]
        ux, uy = unit(angle)
        length = lengths[edge.segment.name]
        out[edge.end] = (x + length * ux, y + length * uy)
    return out


def sample_times(track: Track, per_second: int = 20) -> list[float]:
    n = max(2, math.ceil(track.duration * per_second))
    return [track.duration * i / n for i in range(n + 1)]
