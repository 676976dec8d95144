"""Draw a demo's still frame with ReportLab, for printed worksheets.

ReportLab is only imported here; the SVG side never needs it. Typical use::

    from backcare.figures.reportlab_frame import frame_drawing, draw_frame
    drawing = frame_drawing(exercise, width=200, height=140)   # a reportlab Drawing (flowable)
    draw_frame(canvas, exercise, x=72, y=500, width=200, height=140)  # onto a pdfgen canvas

The frame is scaled to fit the box, keeping its proportions, and centred in it.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle as RLCircle
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.graphics.shapes import Line as RLLine
from reportlab.graphics.shapes import Rect as RLRect
from reportlab.lib.colors import HexColor

from backcare.content.schema import Exercise
from backcare.figures.shapes import TEXT, Circle, Line, Rect
from backcare.figures.still import StillFrame, still_frame

CAPTION_SIZE = 7.5


def _colour(value: str) -> Any:
    return None if value == "none" else HexColor(value)


def frame_group(frame: StillFrame, width: float, height: float) -> Group:
    """The frame's shapes scaled into a ``width`` x ``height`` box (origin bottom left)."""
    scale = min(width / frame.width, height / frame.height)
    x0, y0 = frame.box[0], frame.box[1]
    dx = (width - frame.width * scale) / 2
    dy = (height - frame.height * scale) / 2
    group = Group()
    for shape in frame.shapes:
        if isinstance(shape, Rect):
            group.add(RLRect(shape.x - x0, shape.y - y0, shape.w, shape.h, rx=shape.rx,
                             ry=shape.rx, fillColor=_colour(shape.fill),
                             strokeColor=_colour(shape.stroke),
                             strokeWidth=1.2 / scale))  # type: ignore[arg-type]  # stubs
        elif isinstance(shape, Circle):
            group.add(RLCircle(shape.centre[0] - x0, shape.centre[1] - y0, shape.r,
                               fillColor=_colour(shape.fill), strokeColor=_colour(shape.stroke),
                               strokeWidth=shape.width))
        elif isinstance(shape, Line):
            group.add(RLLine(shape.a[0] - x0, shape.a[1] - y0, shape.b[0] - x0, shape.b[1] - y0,
                             strokeColor=_colour(shape.colour), strokeWidth=shape.width,
                             strokeLineCap=1))
    group.transform = (scale, 0, 0, scale, dx, dy)
    return group


def frame_drawing(exercise: Exercise, width: float = 220.0, height: float = 150.0, *,
                  frame: str = "held", captions: bool = True) -> Drawing:
    """A ReportLab ``Drawing`` of the still frame, with its captions under it."""
    still = still_frame(exercise, frame)
    lines = list(still.captions) if captions else []
    text_h = (CAPTION_SIZE + 2) * len(lines)
    drawing = Drawing(width, height)
    group = frame_group(still, width, height - text_h)
    group.translate(0, text_h)
    drawing.add(group)
    for k, line in enumerate(lines):
        drawing.add(String(width / 2, text_h - (k + 1) * (CAPTION_SIZE + 2) + 2, line,
                           fontName="Helvetica", fontSize=CAPTION_SIZE,
                           fillColor=HexColor(TEXT), textAnchor="middle"))
    return drawing


def draw_frame(canvas: Any, exercise: Exercise, x: float, y: float, width: float,
               height: float, *, frame: str = "held", captions: bool = True) -> None:
    """Draw the still frame onto a ``reportlab.pdfgen`` canvas, box's bottom left at (x, y)."""
    renderPDF.draw(frame_drawing(exercise, width, height, frame=frame, captions=captions),
                   canvas, x, y)
