"""One keyframe as plain shapes in a box: what a printed worksheet draws (no SVG, no CSS).

:func:`still_frame` returns a :class:`StillFrame`: props, then body segments in drawing
order (far side first), then the head, all in figure units with y up, plus the bounding box
and the captions. ``reportlab_frame`` turns it into a ReportLab drawing; anything else that
can draw lines and circles can use it too.
"""

from __future__ import annotations

from dataclasses import dataclass

from backcare.content.schema import Exercise
from backcare.figures.kinematics import Point, gaze_shift, unit
from backcare.figures.layout import Panel, layout, segment_colour, strap_points
from backcare.figures.motion import Figure, compile_demo
from backcare.figures.shapes import INK, PROP_EDGE, Circle, Line, Rect, Shape
from backcare.figures.skeleton import HEAD_RADIUS, SEGMENTS
from backcare.figures.svg import layers

FLOOR_COLOUR = "#8f9aa2"


@dataclass(frozen=True)
class StillFrame:
    shapes: tuple[Shape, ...]
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in figure units, y up
    captions: tuple[str, ...]
    title: str

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]


def _head(figure: Figure, pos: dict[str, Point], head_dir: float, colour: str,
          gaze: float = 0.0) -> list[Shape]:
    centre = pos["head"]
    out: list[Shape] = [Circle(centre, HEAD_RADIUS - 1.6, "#ffffff", colour, 3.2)]
    up = unit(head_dir)
    face = unit(head_dir - 90.0)
    view = figure.demo.view
    if view == "side":
        out.append(Circle((centre[0] + 0.2 * HEAD_RADIUS * up[0] + 0.45 * HEAD_RADIUS * face[0],
                           centre[1] + 0.2 * HEAD_RADIUS * up[1] + 0.45 * HEAD_RADIUS * face[1]),
                          1.5, INK))
    elif view == "front" or (view == "above" and figure.lengths["head"] > 1.0):
        for side in (1, -1):
            across = (gaze - side * 0.36) * HEAD_RADIUS
            out.append(Circle(
                (centre[0] + 0.15 * HEAD_RADIUS * up[0] + across * face[0],
                 centre[1] + 0.15 * HEAD_RADIUS * up[1] + across * face[1]),
                1.4, INK))
    elif view == "above":
        out.append(Circle((centre[0] + 0.75 * HEAD_RADIUS * face[0],
                           centre[1] + 0.75 * HEAD_RADIUS * face[1]), 2.0, INK))
    return out


def _view_shapes(figure: Figure, panel: Panel, frame: str) -> list[Shape]:
    """One view's props, floor and body at ``frame``, in that view's figure units."""
    pos = figure.pose(frame)
    head_dir = figure.track.keyframes[frame].angles["head"]
    gaze = gaze_shift(figure.track.keyframes[frame].angles.get("look", 0.0))
    shapes: list[Shape] = list(panel.props)
    bx0, _, bx1, _ = panel.box
    if figure.demo.view != "above":
        shapes.append(Line((bx0, 0.0), (bx1, 0.0), FLOOR_COLOUR, 1.5))
    for layer in layers(figure):
        for seg in SEGMENTS:
            if seg.part not in layer:
                continue
            colour = segment_colour(figure, seg.part)
            if seg.name == "head":
                shapes += _head(figure, pos, head_dir, colour, gaze)
            elif seg.width and (figure.lengths[seg.name] > 0.01 or seg.part != "trunk"):
                shapes.append(Line(pos[seg.parent], pos[seg.child], colour, seg.width))
    if "strap" in figure.demo.props:
        a, b = strap_points(figure, pos)
        shapes.append(Line(a, b, "#c08a3e", 2.5))
    return shapes


def _moved(shape: Shape, panel: Panel, main: Panel) -> Shape:
    """A second view's shape in the first view's figure units (where the picture shows it)."""
    k = panel.scale

    def point(p: Point) -> Point:
        x, y = panel.to_picture(p)
        return (main.box[0] + x - main.left, main.box[3] - (y - main.top))

    if isinstance(shape, Line):
        return Line(point(shape.a), point(shape.b), shape.colour, shape.width * k)
    if isinstance(shape, Circle):
        return Circle(point(shape.centre), shape.r * k, shape.fill, shape.stroke,
                      shape.width * k)
    x, y = point((shape.x, shape.y))  # y up: a rectangle is placed by its lower corner
    return Rect(x, y, shape.w * k, shape.h * k, shape.fill, shape.stroke, shape.rx * k)


def still_frame(
    exercise: Exercise, frame: str = "held", figure: Figure | None = None
) -> StillFrame:
    """The ``frame`` keyframe (held by default) of an exercise's demo as shapes: both views
    when it has two, in the first view's figure units."""
    figure = figure or compile_demo(exercise)
    if frame not in figure.track.keyframes:
        raise KeyError(f"{exercise.slug} has no {frame!r} frame")
    plan = layout(exercise, figure)
    main = plan.panels[0]
    shapes = _view_shapes(figure, main, frame)
    for panel in plan.panels[1:]:
        x0, y0, x1, y1 = panel.box
        inner = [Rect(x0 + 2, y0 + 2, x1 - x0 - 4, y1 - y0 - 4, "none", PROP_EDGE, 6.0),
                 *_view_shapes(panel.figure, panel, frame)]
        shapes += [_moved(s, panel, main) for s in inner]
    left = main.box[0] - main.left
    top = main.box[3] + main.top
    box = (left, top - plan.figure_height, left + plan.width, top)
    return StillFrame(tuple(shapes), box, plan.captions, exercise.name)
