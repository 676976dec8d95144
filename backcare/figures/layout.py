"""Where a demo's pictures go: one panel per view, the captions under them, the words.

A demo is one figure, or two when it has a second view (``also``): the second is drawn
smaller beside the first, both panels bottom-aligned, or, under a flat first one (someone
lying down), a little bigger and centred; both move to the same clock. The layout is fixed
for the whole loop (every panel's box holds the figure's whole movement),
so an animated picture and a still one of any frame have the same size; without the
captions the picture only loses the band of text under it. The figures set the width;
the captions are wrapped to it.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from backcare.content.schema import Exercise
from backcare.figures.kinematics import Point
from backcare.figures.motion import Figure, compile_demo, sample, sample_times
from backcare.figures.shapes import ACCENT, FAR, FAR_ACCENT, INK, Rect, Shape, prop_shapes
from backcare.figures.skeleton import part_names
from backcare.vocabulary import Labels, gettext, gettext_noop, ngettext

VIEW_NOTES = Labels({
    "side": "", "front": gettext_noop("Seen from the front."),
    "above": gettext_noop("Seen from above."), "head": gettext_noop("Seen from behind the head."),
})
#: What the second, smaller picture shows. No "left" or "right": a player may mirror it.
SECOND_VIEW_NOTES = Labels({
    "side": gettext_noop("The small picture shows the same moment from the side."),
    "front": gettext_noop("The small picture shows the same moment from the front."),
    "above": gettext_noop("The small picture shows the same moment from above."),
    "head": gettext_noop("The small picture shows the same moment from behind the head."),
})
MARGIN = 12.0
TEXT_LINE = 13.0
CAPTION_CHAR = 5.6  # a generous average width of one caption character (10-unit type)
SCALE = 1.4  # CSS pixels per figure unit for the SVG's own width and height
SECOND_SCALE = 0.62  # the second view's size against the first
GAP = 10.0  # between the two panels, in the first panel's units
#: A first panel this many times wider than tall (someone lying down) gets the second
#: view under it instead of beside it, so the pair stays a usable shape on a phone.
STACK_WHEN_WIDER = 2.0
STACKED_SECOND_SCALE = 0.8


def segment_colour(figure: Figure, part: str) -> str:
    accent = {p for name in figure.demo.accent for p in part_names(name)}
    far = figure.demo.view == "side" and part.endswith("_b")
    if part in accent:
        return FAR_ACCENT if far else ACCENT
    return FAR if far else INK


def strap_points(figure: Figure, pos: dict[str, Point]) -> tuple[Point, Point]:
    return pos["hand_a"], pos["toe_a"]


def notes(exercise: Exercise, figure: Figure | None = None) -> list[str]:
    """Short captions under the figure: the custom caption, the views, the side shown."""
    demo = exercise.demo
    out = []
    if demo.caption:
        out.append(demo.caption)
    if VIEW_NOTES.english(demo.view):
        out.append(VIEW_NOTES[demo.view])
    if demo.also is not None:
        out.append(SECOND_VIEW_NOTES[demo.also.view])
    side = demo.side_shown
    if exercise.per_side and side:
        out.append(gettext("Left side shown. Repeat on the right.") if side == "left"
                   else gettext("Right side shown. Repeat on the left."))
    return out


def description(exercise: Exercise, figure: Figure | None = None) -> str:
    """The accessible description: what the picture shows, in plain words."""
    figure = figure or compile_demo(exercise)
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


@dataclass(frozen=True)
class Panel:
    """One view: its figure and props in figure units (y up), placed in the picture."""

    figure: Figure
    props: tuple[Shape, ...]
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in figure units
    left: float  # where the box's left edge goes in the picture (picture units, y down)
    top: float
    scale: float

    @property
    def width(self) -> float:
        return (self.box[2] - self.box[0]) * self.scale

    @property
    def height(self) -> float:
        return (self.box[3] - self.box[1]) * self.scale

    def to_picture(self, p: Point) -> Point:
        """A figure point in picture units (y down), for drawings that place it by hand."""
        return (self.left + (p[0] - self.box[0]) * self.scale,
                self.top + (self.box[3] - p[1]) * self.scale)


@dataclass(frozen=True)
class Layout:
    panels: tuple[Panel, ...]
    width: float
    figure_height: float
    captions: tuple[str, ...]

    @property
    def text_height(self) -> float:
        return TEXT_LINE * len(self.captions) + (6.0 if self.captions else 0.0)

    def height(self, text: bool = True) -> float:
        return self.figure_height + (self.text_height if text else 0.0)


def wrap_captions(lines: list[str], width: float) -> list[str]:
    """The captions broken into lines that fit the picture's width (never a word split)."""
    chars = max(20, int((width - MARGIN) / CAPTION_CHAR))
    return [part for line in lines for part in textwrap.wrap(line, chars) or [line]]


def _props(figure: Figure) -> tuple[Shape, ...]:
    x0, y0, x1, y1 = extent(figure)
    return tuple(prop_shapes(figure.demo.view, figure.demo.props, (x0, x1),
                             figure.pose("start"), (y0, y1)))


def layout(exercise: Exercise, figure: Figure | None = None) -> Layout:
    """The panels of an exercise's demo and the captions under them."""
    figure = figure or compile_demo(exercise)
    props = _props(figure)
    x0, y0, x1, y1 = padded_extent(figure, list(props))
    panels: list[tuple[Figure, tuple[Shape, ...], tuple[float, float, float, float],
                       float]] = []
    second = exercise.demo.also
    if second is None:  # one picture: at least 200 wide, centred
        width = max(x1 - x0, 200.0)
        cx = (x0 + x1) / 2
        x0, x1 = cx - width / 2, cx + width / 2
    panels.append((figure, props, (x0, y0, x1, y1), 1.0))
    if second is not None:
        other = compile_demo(exercise, second)
        other_props = _props(other)
        panels.append((other, other_props, padded_extent(other, list(other_props)),
                       SECOND_SCALE))
    stacked = len(panels) > 1 and (x1 - x0) > STACK_WHEN_WIDER * (y1 - y0)
    if stacked:  # under a flat first view the second has room to be a little bigger
        panels[1] = (*panels[1][:3], STACKED_SECOND_SCALE)
    heights = [(b[3] - b[1]) * s for _, _, b, s in panels]
    widths = [(b[2] - b[0]) * s for _, _, b, s in panels]
    placed: list[Panel] = []
    if stacked:
        # a flat figure (lying down): the second view goes under it, centred
        width = max(widths)
        top = 0.0
        for (fig, shapes, box, scale), w, h in zip(panels, widths, heights, strict=True):
            placed.append(Panel(fig, shapes, box, (width - w) / 2, top, scale))
            top += h + GAP
        tall = top - GAP
    else:
        tall = max(heights)
        left = 0.0
        for (fig, shapes, box, scale), h in zip(panels, heights, strict=True):
            placed.append(Panel(fig, shapes, box, left, tall - h, scale))
            left += (box[2] - box[0]) * scale + GAP
        width = left - GAP
    captions = tuple(wrap_captions(notes(exercise, figure), width))
    return Layout(tuple(placed), width, tall, captions)
