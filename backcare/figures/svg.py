"""Self-contained SVG of a demo: CSS ``@keyframes`` on nested joint groups, no script.

Structure: each panel (``layout``: the figure, and its second view if it has one) is a
group that flips the y axis so figure units (y up) can be used inside. The figure is drawn
in a few layers (far limbs, trunk and head, near limbs) so the near leg passes in front of
the body; each layer repeats the same nested groups, one per segment walked out from the
anchor, each rotated by its angle relative to the segment it hangs from
(``transform: rotate()``, origin at the joint). Nested rotations keep every segment its
length at every moment. The anchor group is translated. Timing is linear between stops; the
easing is in the stops (see ``motion``). Under ``prefers-reduced-motion: reduce`` no
animation runs and every group rests at its held-position transform.

``render_svg(..., animate=False, frame="start")`` is the same picture resting in one
keyframe, with no animation at all; ``text=False`` leaves out the captions under it. Every
form of one exercise has the same width, and the same height for the same ``text``.
"""

from __future__ import annotations

import math
from html import escape

from backcare.content.schema import Exercise
from backcare.figures.kinematics import (
    TURNING,
    Point,
    edge_angle,
    gaze_shift,
    girdle_factor,
    length_overrides,
    near_angle,
    positions,
)
from backcare.figures.layout import (
    SCALE,
    TEXT_LINE,
    VIEW_NOTES,
    Panel,
    description,
    extent,
    layout,
    notes,
    padded_extent,
    segment_colour,
    strap_points,
)
from backcare.figures.motion import Channel, Figure, _simplify, compile_demo, sample, sample_times
from backcare.figures.shapes import FLOOR, INK, PROP_EDGE, TEXT, Circle, Rect, Shape
from backcare.figures.skeleton import HEAD_RADIUS, part_names

__all__ = [
    "LAYERS", "VIEW_NOTES", "layers", "description", "extent", "notes", "padded_extent", "render_svg",
    "segment_colour", "strap_points", "svg_size",
]

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


def layers(figure: Figure) -> tuple[frozenset[str], ...]:
    """The drawing order of a figure: its view's layers, with the parts the demo puts
    ``behind`` drawn first of all (an arm threading under the trunk)."""
    behind = frozenset(p for name in figure.demo.behind for p in part_names(name))
    if not behind:
        return LAYERS[figure.demo.view]
    rest = tuple(layer - behind for layer in LAYERS[figure.demo.view])
    return (behind, *(layer for layer in rest if layer))


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


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


def _head_marks(figure: Figure, length: float, colour: str, gaze: str = "") -> str:
    """Head circle and eyes in the head segment's frame (x along the head's up direction).

    Seen from above, a head drawn with its length (someone lying face up) shows the face;
    a head shortened to nothing (sitting, seen from above) shows its top and the nose.

    ``gaze`` opens the group the front view's eyes sit in (it moves them as the face turns).
    """
    r = HEAD_RADIUS
    cx = length
    out = [f'<circle cx="{_n(cx)}" cy="0" r="{_n(r - 1.6)}" fill="#ffffff" stroke="{colour}" '
           f'stroke-width="3.2"/>']
    view = figure.demo.view
    if view == "side":
        out.append(f'<circle cx="{_n(cx + 0.2 * r)}" cy="{_n(-0.45 * r)}" r="1.5" fill="{INK}"/>')
    elif view == "front" or (view == "above" and length > 1.0):  # a face turned to us
        out.append(gaze or "<g>")
        for side in (1, -1):
            out.append(f'<circle cx="{_n(cx + 0.15 * r)}" cy="{_n(side * 0.36 * r)}" r="1.4" '
                       f'fill="{INK}"/>')
        out.append("</g>")
    elif view == "above":
        out.append(f'<circle cx="{_n(cx)}" cy="{_n(-0.75 * r)}" r="2" fill="{INK}"/>')
    return "".join(out)


def _keyframes(name: str, times: tuple[float, ...], duration: float, values: list[str]) -> str:
    stops = "".join(f"{_n(100 * t / duration)}%{{transform:{v}}}"
                    for t, v in zip(times, values, strict=True))
    return f"@keyframes {name}{{{stops}}}"


def _merge(a: Channel, b: Channel) -> tuple[float, ...]:
    return tuple(sorted(set(a.times) | set(b.times)))


def svg_size(exercise: Exercise, figure: Figure | None = None, *,
             text: bool = True) -> tuple[int, int]:
    """The width and height (CSS pixels) that ``render_svg`` gives the image."""
    plan = layout(exercise, figure)
    return round(plan.width * SCALE), round(plan.height(text) * SCALE)


def render_svg(exercise: Exercise, *, animate: bool = True, frame: str = "held",
               figure: Figure | None = None, text: bool = True) -> str:
    """The demo as an SVG document. ``animate=False`` draws one keyframe still;
    ``text=False`` leaves out the captions (same width, the figure where it was)."""
    figure = figure or compile_demo(exercise)
    if frame not in figure.track.keyframes:
        raise KeyError(f"{exercise.slug} has no {frame!r} frame")
    prefix = "".join(c for c in exercise.slug if c.isalnum())[:24] or "fig"
    plan = layout(exercise, figure)
    css: list[str] = [
        f".{prefix} g{{transform-origin:0 0}}",
        f".{prefix} line{{stroke-linecap:round}}",
        f".{prefix} text{{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,"
        f"sans-serif;font-size:10px;fill:{TEXT}}}",
    ]
    panels = "".join(
        _panel(panel, prefix if k == 0 else f"{prefix}v{k}", animate, frame, css,
               framed=k > 0)
        for k, panel in enumerate(plan.panels))
    css.append(f"@media (prefers-reduced-motion:reduce){{.{prefix} *{{animation:none!important}}}}")
    width, height = plan.width, plan.height(text)
    captions = "".join(
        f'<text x="{_n(width / 2)}" y="{_n(plan.figure_height + 4 + TEXT_LINE * (k + 0.7))}" '
        f'text-anchor="middle">{escape(line)}</text>'
        for k, line in enumerate(plan.captions)
    ) if text else ""
    label = escape(description(exercise, figure), quote=True)
    title = escape(f"{exercise.name}: how to do it")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{prefix}" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="{round(width * SCALE)}" '
        f'height="{round(height * SCALE)}" role="img" aria-label="{label}">'
        f"<title>{title}</title>"
        f"<style>{''.join(css)}</style>"
        f"{panels}{captions}</svg>"
    )


def _panel(panel: Panel, prefix: str, animate: bool, frame: str, css: list[str], *,
           framed: bool) -> str:
    """One view's props, floor and figure, placed where the layout puts it."""
    figure = panel.figure
    bx0, by0, bx1, by1 = panel.box
    place = f"translate({_n(panel.left)} {_n(panel.top)})"
    if panel.scale != 1.0:
        place += f" scale({_n(panel.scale)})"
    flip = f"translate({_n(-bx0)} {_n(by1)}) scale(1 -1)"
    border = ""
    if framed:  # a second view sits in a light frame of its own
        border = (f'<rect x="{_n(bx0 + 2)}" y="{_n(by0 + 2)}" width="{_n(bx1 - bx0 - 4)}" '
                  f'height="{_n(by1 - by0 - 4)}" rx="6" fill="none" stroke="{PROP_EDGE}" '
                  f'stroke-width="1.5"/>')
    floor = ""
    if figure.demo.view != "above":
        floor = (f'<line x1="{_n(bx0)}" y1="0" x2="{_n(bx1)}" y2="0" stroke="{FLOOR}" '
                 f'stroke-width="1.5"/>')
    body = _body(figure, prefix, animate, frame, css)
    strap = _strap(figure, prefix, animate, frame, css) if "strap" in figure.demo.props else ""
    props = "".join(_shape_svg(s) for s in panel.props)
    return (f'<g transform="{place}"><g transform="{flip}">{border}{props}{floor}{body}'
            f"{strap}</g></g>")


def _body(figure: Figure, prefix: str, animate: bool, frame: str, css: list[str]) -> str:
    """The figure's nested joint groups, layer by layer, and their animation's CSS."""
    track = figure.track
    # Every group carries its transform as an attribute (the held position, or the frame
    # asked for): that is what shows with animations off, or if a viewer drops the <style>.
    # The CSS animation, when it runs, overrides the attribute.
    still = track.keyframes[frame if not animate else "held"]
    still_abs = [edge_angle(e, still.angles) for e in track.edges]
    still_rel = [a if e.parent is None else a - still_abs[e.parent]
                 for e, a in zip(track.edges, still_abs, strict=False)]
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

    # the shoulder line's width and the eyes, when the trunk or the face turns (front view)
    factor = girdle_factor(still.angles.get("turn", 0.0))
    gaze = -gaze_shift(still.angles.get("look", 0.0)) * HEAD_RADIUS
    widens = animate and len(set(track.girdle.values)) > 1
    looks = animate and len(set(track.gaze.values)) > 1
    girdle_length = track.lengths[TURNING[0]]
    if widens:
        css.append(_keyframes(f"{prefix}-kw", track.girdle.times, track.duration,
                              [f"scale({_n(v)},1)" for v in track.girdle.values]))
        css.append(_keyframes(f"{prefix}-ko", track.girdle.times, track.duration,
                              [f"translate({_n(girdle_length * v)}px,0px)"
                               for v in track.girdle.values]))
        css.append(f".{prefix}-w{{animation:{prefix}-kw {dur} linear infinite}}")
        css.append(f".{prefix}-o{{animation:{prefix}-ko {dur} linear infinite}}")
    if looks:
        css.append(_keyframes(f"{prefix}-kg", track.gaze.times, track.duration,
                              [f"translate(0px,{_n(-v * HEAD_RADIUS)}px)"
                               for v in track.gaze.values]))
        css.append(f".{prefix}-g{{animation:{prefix}-kg {dur} linear infinite}}")
    # segments a keyframe shortens on its own: the line scales, what hangs from it moves
    own = length_overrides(still)
    stretched = {name: max(channel.values) for name, channel in track.stretch.items()}
    stretches = {name for name, channel in track.stretch.items()
                 if animate and len(set(channel.values)) > 1}
    for k, name in enumerate(sorted(stretches)):
        channel, base = track.stretch[name], max(stretched[name], 1e-3)
        css.append(_keyframes(f"{prefix}-kl{k}", channel.times, track.duration,
                              [f"scale({_n(v / base)},1)" for v in channel.values]))
        css.append(_keyframes(f"{prefix}-km{k}", channel.times, track.duration,
                              [f"translate({_n(v)}px,0px)" for v in channel.values]))
        css.append(f".{prefix}-l{k}{{animation:{prefix}-kl{k} {dur} linear infinite}}")
        css.append(f".{prefix}-m{k}{{animation:{prefix}-km{k} {dur} linear infinite}}")
    stretch_class = {name: k for k, name in enumerate(sorted(stretches))}
    eyes = (f'<g{f" class={chr(34)}{prefix}-g{chr(34)}" if looks else ""} '
            f'transform="translate(0 {_n(gaze)})">')

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
                    out.append(_head_marks(figure, length, colour, eyes))
                elif seg.name in stretched:  # its length changes with the keyframes
                    base = max(stretched[seg.name], 1e-3)
                    k = stretch_class.get(seg.name)
                    cls = f' class="{prefix}-l{k}"' if k is not None else ""
                    out.append(f'<g{cls} transform="scale({_n(own[seg.name] / base)} 1)"><line '
                               f'x2="{_n(base)}" stroke="{colour}" '
                               f'stroke-width="{_n(seg.width)}"/></g>')
                elif seg.name in TURNING and length > 0.01:  # narrows as the trunk turns
                    cls = f' class="{prefix}-w"' if widens else ""
                    out.append(f'<g{cls} transform="scale({_n(factor)} 1)"><line '
                               f'x2="{_n(length)}" stroke="{colour}" '
                               f'stroke-width="{_n(seg.width)}"/></g>')
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
                name = track.edges[i].segment.name
                offset = track.lengths[name]
                cls = ""
                if name in stretched:
                    offset = own[name]
                    k = stretch_class.get(name)
                    cls = f' class="{prefix}-m{k}"' if k is not None else ""
                elif name in TURNING:
                    offset *= factor
                    cls = f' class="{prefix}-o"' if widens else ""
                out.append(f'<g{cls} transform="translate({_n(offset)} 0)">'
                           f"{subtree(c, layer)}</g>")
        out.append("</g>")
        return "".join(out)

    return "".join(subtree(None, layer) for layer in layers(figure))


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
