"""The exercise's key (held) frame, drawn by backcare.figures.reportlab_frame.

The drawing is sized to the figure's own proportions within a box, so a lying-down figure
is wide and low and a seated one narrow and tall, with no empty band around either. Its
captions ("Left side shown. Repeat on the right.") are returned as text, for the worksheet
to set in its own embedded font at a readable size. An exercise without a demo has no
figure, and neither does any exercise if the figures package cannot draw for ReportLab.

Posing a figure and walking ReportLab's drawing tree take far longer than laying out the
text beside it, and give the same result every time: so each figure is drawn once per
process through ReportLab's own renderer onto a scratch canvas, and its PDF drawing
operators (lines, curves, colours; no text, no fonts, nothing named per document) are
kept and copied into every worksheet that shows it (:class:`StillDrawing`).
"""

from __future__ import annotations

import importlib
import io
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from backcare.content.schema import Exercise
from backcare.vocabulary import current
from backcare.worksheets import fonts


class StillDrawing(Flowable):
    """A figure as a flowable: ``width`` x ``height`` points of kept drawing operators.
    Cheap to make; make one per worksheet (a flowable holds its canvas while it draws)."""

    def __init__(self, width: float, height: float, operators: str) -> None:
        super().__init__()
        self.width = width
        self.height = height
        self._operators = operators

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        self.canv.addLiteral(self._operators)


@dataclass(frozen=True)
class KeyFrame:
    drawing: Flowable
    captions: tuple[str, ...]


@dataclass(frozen=True)
class _Drawn:
    exercise: Exercise
    width: float
    height: float
    operators: str
    captions: tuple[str, ...]


FigureMaker = Callable[[Exercise, float, float], KeyFrame | None]

#: Figures already drawn, by the language in force (the captions are words), the box and
#: the exercise. Pure data, bounded.
_DRAWN: OrderedDict[tuple[str, float, float, int], _Drawn] = OrderedDict()
_DRAWN_MAX = 256
_lock = threading.Lock()


def clear_frames() -> None:
    """Forget the figures already drawn (the benchmark's cold start)."""
    with _lock:
        _DRAWN.clear()


def _operators(drawing: Drawing) -> str:
    """The PDF operators ReportLab's renderer writes for ``drawing`` at the origin."""
    scratch = Canvas(io.BytesIO(), invariant=1)
    code: list[str] = scratch._code  # type: ignore[attr-defined]  # the page's operators
    start = len(code)
    renderPDF.draw(drawing, scratch, 0, 0)
    return "\n".join(code[start:])


def _draw(frames: Any, still: Any, exercise: Exercise, max_width: float,
          max_height: float) -> _Drawn:
    frame = still.still_frame(exercise, "held")
    scale = min(max_width / frame.width, max_height / frame.height)
    width, height = frame.width * scale, frame.height * scale
    # the drawing has no text, but its renderer sets a font: make it the embedded one
    drawing = Drawing(width, height, initialFontName=fonts.REGULAR, initialFontSize=10)
    drawing.add(frames.frame_group(frame, width, height))
    return _Drawn(exercise, width, height, _operators(drawing), tuple(frame.captions))


def _drawn(frames: Any, still: Any, exercise: Exercise, max_width: float,
           max_height: float) -> _Drawn:
    # By the exercise object itself (its id, checked to be the very object, which the entry
    # keeps alive): a library is immutable, and every library has its own objects.
    key = (current(), max_width, max_height, id(exercise))
    with _lock:
        found = _DRAWN.get(key)
        if found is not None and found.exercise is exercise:
            _DRAWN.move_to_end(key)
            return found
    drawn = _draw(frames, still, exercise, max_width, max_height)
    with _lock:
        _DRAWN[key] = drawn
        while len(_DRAWN) > _DRAWN_MAX:
            _DRAWN.popitem(last=False)
    return drawn


def figure_maker() -> FigureMaker | None:
    """A callable (exercise, max width, max height) -> KeyFrame | None; None without figures."""
    try:
        frames: Any = importlib.import_module("backcare.figures.reportlab_frame")
        still: Any = importlib.import_module("backcare.figures.still")
    except ModuleNotFoundError as exc:
        if exc.name not in ("backcare.figures.reportlab_frame", "backcare.figures.still"):
            raise
        return None

    def make(exercise: Exercise, max_width: float, max_height: float) -> KeyFrame | None:
        if exercise.demo is None:
            return None
        drawn = _drawn(frames, still, exercise, max_width, max_height)
        return KeyFrame(StillDrawing(drawn.width, drawn.height, drawn.operators), drawn.captions)

    return make
