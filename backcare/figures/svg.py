"""Self-contained SVG of a demo: CSS ``@keyframes`` on nested joint groups, no script.

Structure: a group flips the y axis so figure units (y up) can be used inside. The figure
is drawn in a few layers (far limbs, trunk and head, near limbs) so the near leg passes in
front of the body; each layer repeats the same nested groups, one per segment walked out
from the anchor, each rotated by its angle relative to the segment it hangs from
(``transform: rotate()``, origin at the joint). Nested rotations keep every segment its
length at every moment. The anchor group is translated. Timing is linear between stops; the
easing is in the stops (see ``motion``). Under ``prefers-reduced-motion: reduce`` no
animation runs and every group rests at its held-position transform.
"""

from __future__ import annotations

import math
from html import escape

from backcare.content.schema import Exercise
from backcare.figures.kinematics import Point, edge_angle, near_angle, positions
from backcare.figures.motion import Channel, Figure, _simplify, compile_demo, sample, sample_times
from backcare.figures.shapes import (
    ACCENT,
    FAR,
    FAR_ACCENT,
    FLOOR,
    INK,
    TEXT,
    Circle,
    Rect,
    Shape,
    prop_shapes,
)
from backcare.figures.skeleton import HEAD_RADIUS, part_names
from backcare.vocabulary import Labels, gettext, gettext_noop, ngettext

LAYERS: dict[str, tuple[frozenset[str], ...]] = {
    "side": (frozenset({"leg_b", "arm_b"}), frozenset({"trunk", "head"}),
             frozenset({"leg_a"}), frozenset({"arm_a"})),
    "front": (frozenset({"leg_a", "leg_b"}), frozenset({"trunk", "head"}),
              frozenset({"arm_a", "arm_b"})),
    "above": (frozenset({"leg_a", "leg_b"}), frozenset({"trunk"}),
              frozenset({"arm_a", "arm_b"}), frozenset({"head"})),
    "head": (frozenset({"leg_a", "leg_b"}), frozenset({"trunk", "arm_a", "arm_b"}),
             frozenset({"head"})),
}
VIEW_NOTES = Labels({
    "side": "", "front": gettext_noop("Seen from the front."),
    "above": gettext_noop("Seen from above."), "head": gettext_noop("Seen from behind the head."),
})
MARGIN = 12.0
TEXT_LINE = 13.0


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def segment_colour(figure: Figure, part: str) -> str:
    accent = {p for name in figure.demo.accent for p in part_names(name)}
    far = figure.demo.view == "side" and part.endswith("_b")
    if part in accent:
        return FAR_ACCENT if far else ACCENT
    return FAR if far else INK


def notes(exercise: Exercise, figure: Figure) -> list[str]:
    """Short captions under the figure: the custom caption, the view, the side shown."""
    out = []
    if figure.demo.caption:
        out.append(figure.demo.caption)
    if VIEW_NOTES.english(figure.demo.view):
        out.append(VIEW_NOTES[figure.demo.view])
    side = figure.demo.side_shown
    if exercise.per_side and side:
        out.append(gettext("Left side shown. Repeat on the right.") if side == "left"
                   else gettext("Right side shown. Repeat on the left."))
    return out


def description(exercise: Exercise, figure: Figure) -> str:
    """The accessible description: what the picture shows, in plain words."""
    hold = figure.track.timing.real_hold
    parts = [gettext("Animated figure of {name}, {position}.").format(
        name=exercise.name, position=exercise.position_label.lower())]
    parts.append(exercise.summary)
    if exercise.kind == "isometric":
        parts.append(ngettext(
            "The figure presses and holds for about {seconds} second without moving much.",
            "The figure presses and holds for about {seconds} seconds without moving much.",
            hold).format(seconds=hold))
    else:
        parts.append(ngettext(
            "The figure moves into position, stays there for about {seconds} second, "
            "and returns.",
            "The figure moves into position, stays there for about {seconds} seconds, "
            "and returns.", hold).format(seconds=hold))
    parts += notes(exercise, figure)
    return " ".join(p for p in parts if p)


def strap_points(figure: Figure, pos: dict[str, Point]) -> tuple[Point, Point]:
    return pos["hand_a"], pos["toe_a"]


def extent(figure: Figure) -> tuple[float, float, float, float]:
    """Figure-unit bounding box of the body over the whole loop (x0, y0, x1, y1)."""
    xs: list[float] = []
    ys: list[float] = []
    for t in sample_times(figure.track, 10):
        pos = sample(figure.track, t)
        xs += [p[0] for p in pos.values()]
        ys += [p[1] for p in pos.values()]
    return min(xs), min(ys), max(xs), max(ys)


def padded_extent(figure: Figure, props: list[Shape]) -> tuple[float, float, float, float]:
    """The figure's whole movement plus its props, with a margin (and the floor in view)."""
    x0, y0, x1, y1 = extent(figure)
    x0, y0, x1, y1 = x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN
    for shape in props:
        if isinstance(shape, Rect):
            x0, y0 = min(x0, shape.x - 4), min(y0, shape.y - 4)
            x1, y1 = max(x1, shape.x + shape.w + 4), max(y1, shape.y + shape.h + 4)
    if figure.demo.view != "above":
        y0 = min(y0, -8.0)
    return x0, y0, x1, y1


def _box(figure: Figure, props: list[Shape]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = padded_extent(figure, props)
    width = max(x1 - x0, 200.0)
    cx = (x0 + x1) / 2
    return cx - width / 2, y0, cx + width / 2, y1


def _shape_svg(shape: Shape) -> str:
    if isinstance(shape, Rect):
        return (f'<rect x="{_n(shape.x)}" y="{_n(shape.y)}" width="{_n(shape.w)}" '
                f'height="{_n(shape.h)}" rx="{_n(shape.rx)}" fill="{shape.fill}" '
                f'stroke="{shape.stroke}" stroke-width="1.2"/>')
    if isinstance(shape, Circle):
        return (f'<circle cx="{_n(shape.centre[0])}" cy="{_n(shape.centre[1])}" '
                f'r="{_n(shape.r)}" fill="{shape.fill}" stroke="{shape.stroke}" '
                f'stroke-width="{_n(shape.width)}"/>')
    return (f'<line x1="{_n(shape.a[0])}" y1="{_n(shape.a[1])}" x2="{_n(shape.b[0])}" '
            f'y2="{_n(shape.b[1])}" stroke="{shape.colour}" stroke-width="{_n(shape.width)}"/>')


def _head_marks(figure: Figure, length: float, colour: str) -> str:
    """Head circle and eyes in the head segment's frame (x along the head's up direction)."""
    r = HEAD_RADIUS
    cx = length
    out = [f'<circle cx="{_n(cx)}" cy="0" r="{_n(r - 1.6)}" fill="#ffffff" stroke="{colour}" '
           f'stroke-width="3.2"/>']
    view = figure.demo.view
    if view == "side":
        out.append(f'<circle cx="{_n(cx + 0.2 * r)}" cy="{_n(-0.45 * r)}" r="1.5" fill="{INK}"/>')
    elif view == "front":
        for side in (1, -1):
            out.append(f'<circle cx="{_n(cx + 0.15 * r)}" cy="{_n(side * 0.36 * r)}" r="1.4" '
                       f'fill="{INK}"/>')
    elif view == "above":
        out.append(f'<circle cx="{_n(cx)}" cy="{_n(-0.75 * r)}" r="2" fill="{INK}"/>')
    return "".join(out)


def _keyframes(name: str, times: tuple[float, ...], duration: float, values: list[str]) -> str:
    stops = "".join(f"{_n(100 * t / duration)}%{{transform:{v}}}"
                    for t, v in zip(times, values, strict=True))
    return f"@keyframes {name}{{{stops}}}"


def _merge(a: Channel, b: Channel) -> tuple[float, ...]:
    return tuple(sorted(set(a.times) | set(b.times)))


SCALE = 1.4  # CSS pixels per figure unit for the SVG's own width and height


def _layout(exercise: Exercise, figure: Figure) -> tuple[list[Shape], tuple[float, float, float,
                                                                           float], list[str]]:
    x0, _, x1, _ = extent(figure)
    props = prop_shapes(figure.demo.view, figure.demo.props, (x0, x1), figure.pose("start"))
    return props, _box(figure, props), notes(exercise, figure)


def svg_size(exercise: Exercise, figure: Figure | None = None) -> tuple[int, int]:
    """The width and height (CSS pixels) that ``render_svg`` gives the image."""
    figure = figure or compile_demo(exercise)
    _, (bx0, by0, bx1, by1), captions = _layout(exercise, figure)
    text_h = TEXT_LINE * len(captions) + (6.0 if captions else 0.0)
    return round((bx1 - bx0) * SCALE), round((by1 - by0 + text_h) * SCALE)


def render_svg(exercise: Exercise, *, animate: bool = True, frame: str = "held",
               figure: Figure | None = None) -> str:
    """The demo as an SVG document. ``animate=False`` draws one keyframe still."""
    figure = figure or compile_demo(exercise)
    track = figure.track
    demo = figure.demo
    prefix = "".join(c for c in exercise.slug if c.isalnum())[:24] or "fig"
    props, (bx0, by0, bx1, by1), captions = _layout(exercise, figure)
    text_h = TEXT_LINE * len(captions) + (6.0 if captions else 0.0)
    width, height = bx1 - bx0, by1 - by0 + text_h
    flip = f"translate({_n(-bx0)} {_n(by1)}) scale(1 -1)"

    # Every group carries its transform as an attribute (the held position, or the frame
    # asked for): that is what shows with animations off, or if a viewer drops the <style>.
    # The CSS animation, when it runs, overrides the attribute.
    still = track.keyframes[frame if not animate else "held"]
    still_abs = [edge_angle(e, still.angles) for e in track.edges]
    still_rel = [a if e.parent is None else a - still_abs[e.parent]
                 for e, a in zip(track.edges, still_abs, strict=False)]

    css: list[str] = [
        f".{prefix} g{{transform-origin:0 0}}",
        f".{prefix} line{{stroke-linecap:round}}",
        f".{prefix} text{{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,"
        f"sans-serif;font-size:10px;fill:{TEXT}}}",
    ]
    dur = f"{_n(track.duration)}s"
    animated: set[int] = set()
    root_moves = animate and (len(set(track.x.values)) > 1 or len(set(track.y.values)) > 1)
    if root_moves:
        times = _merge(track.x, track.y)
        values = [f"translate({_n(track.x.at(t))}px,{_n(track.y.at(t))}px)" for t in times]
        css.append(_keyframes(f"{prefix}-kr", times, track.duration, values))
        css.append(f".{prefix}-r{{animation:{prefix}-kr {dur} linear infinite}}")
    if animate:
        for i, turn in enumerate(track.turns):
            if len(set(turn.values)) > 1:
                animated.add(i)
                values = [f"rotate({_n(v)}deg)" for v in turn.values]
                css.append(_keyframes(f"{prefix}-k{i}", turn.times, track.duration, values))
                css.append(f".{prefix}-{i}{{animation:{prefix}-k{i} {dur} linear infinite}}")

    children: dict[int | None, list[int]] = {}
    for i, edge in enumerate(track.edges):
        children.setdefault(edge.parent, []).append(i)

    def group_open(i: int | None) -> str:
        if i is None:
            cls = f' class="{prefix}-r"' if root_moves else ""
            return f'<g{cls} transform="translate({_n(still.at[0])} {_n(still.at[1])})">'
        cls = f' class="{prefix}-{i}"' if i in animated else ""
        return f'<g{cls} transform="rotate({_n(still_rel[i])})">'

    def draws(i: int, layer: frozenset[str]) -> bool:
        return track.edges[i].segment.part in layer or any(
            draws(c, layer) for c in children.get(i, []))

    def subtree(i: int | None, layer: frozenset[str]) -> str:
        out = [group_open(i)]
        if i is not None:
            seg = track.edges[i].segment
            length = track.lengths[seg.name]
            if seg.part in layer:
                colour = segment_colour(figure, seg.part)
                if seg.name == "head":
                    out.append(_head_marks(figure, length, colour))
                elif length > 0.01:
                    out.append(f'<line x2="{_n(length)}" stroke="{colour}" '
                               f'stroke-width="{_n(seg.width)}"/>')
                elif seg.width and seg.part != "trunk":
                    out.append(f'<line x2="0.01" stroke="{colour}" '
                               f'stroke-width="{_n(seg.width)}"/>')
        for c in children.get(i, []):
            if not draws(c, layer):
                continue
            if i is None:
                out.append(subtree(c, layer))
            else:
                offset = track.lengths[track.edges[i].segment.name]
                out.append(f'<g transform="translate({_n(offset)} 0)">{subtree(c, layer)}</g>')
        out.append("</g>")
        return "".join(out)

    body = "".join(subtree(None, layer) for layer in LAYERS[demo.view])

    strap = ""
    if "strap" in demo.props:
        strap = _strap(figure, prefix, animate, frame, css)

    css.append(f"@media (prefers-reduced-motion:reduce){{.{prefix} *{{animation:none!important}}}}")

    floor = ""
    if demo.view != "above":
        floor = (f'<line x1="{_n(bx0)}" y1="0" x2="{_n(bx1)}" y2="0" stroke="{FLOOR}" '
                 f'stroke-width="1.5"/>')
    text = "".join(
        f'<text x="{_n(width / 2)}" y="{_n(by1 - by0 + 4 + TEXT_LINE * (k + 0.7))}" '
        f'text-anchor="middle">{escape(line)}</text>'
        for k, line in enumerate(captions)
    )
    label = escape(description(exercise, figure), quote=True)
    title = escape(f"{exercise.name}: how to do it")
    scale = SCALE
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{prefix}" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="{round(width * scale)}" '
        f'height="{round(height * scale)}" role="img" aria-label="{label}">'
        f"<title>{title}</title>"
        f"<style>{''.join(css)}</style>"
        f'<g transform="{flip}">'
        f"{''.join(_shape_svg(s) for s in props)}{floor}{body}{strap}"
        f"</g>{text}</svg>"
    )


def _strap(figure: Figure, prefix: str, animate: bool, frame: str, css: list[str]) -> str:
    """A towel or strap from the near hand to the near foot: a unit line scaled along x."""
    line = ('<line x2="1" stroke="#c08a3e" stroke-width="2.5" '
            'vector-effect="non-scaling-stroke"/>')

    def parts(pos: dict[str, Point]) -> tuple[float, float, float, float]:
        a, b = strap_points(figure, pos)
        return a[0], a[1], math.degrees(math.atan2(b[1] - a[1], b[0] - a[0])), math.dist(a, b)

    if not animate:
        x, y, ang, length = parts(positions(figure.anchor, figure.track.keyframes[frame],
                                             figure.lengths))
        return (f'<g transform="translate({_n(x)} {_n(y)}) rotate({_n(ang)}) '
                f'scale({_n(length)} 1)">{line}</g>')
    track = figure.track
    times = sample_times(track, 12)
    rows = [parts(sample(track, t)) for t in times]
    for k in range(1, len(rows)):  # no jumps of a whole turn between stops
        x, y, ang, length = rows[k]
        rows[k] = (x, y, near_angle(ang, rows[k - 1][2]), length)
    chans = [_simplify(times, [r[k] for r in rows], 0.05) for k in range(4)]
    union = tuple(sorted({t for c in chans for t in c.times}))
    values = [
        f"translate({_n(chans[0].at(t))}px,{_n(chans[1].at(t))}px) rotate({_n(chans[2].at(t))}deg)"
        f" scale({_n(chans[3].at(t))},1)"
        for t in union
    ]
    held = parts(positions(figure.anchor, track.keyframes["held"], figure.lengths))
    css.append(_keyframes(f"{prefix}-ks", union, track.duration, values))
    css.append(f".{prefix}-s{{animation:{prefix}-ks {_n(track.duration)}s linear infinite}}")
    return (f'<g class="{prefix}-s" transform="translate({_n(held[0])} {_n(held[1])}) '
            f'rotate({_n(held[2])}) scale({_n(held[3])} 1)">{line}</g>')
