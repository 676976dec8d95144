"""The exercise's key (held) frame, drawn by backcare.figures.reportlab_frame.

The drawing is sized to the figure's own proportions within a box, so a lying-down figure
is wide and low and a seated one narrow and tall, with no empty band around either. Its
captions ("Left side shown. Repeat on the right.") are returned as text, for the worksheet
to set in its own embedded font at a readable size. An exercise without a demo has no
figure, and neither does any exercise if the figures package cannot draw for ReportLab.
"""

from __future__ import annotations

import importlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.shapes import Drawing

from backcare.content.schema import Exercise
from backcare.vocabulary import current
from backcare.worksheets import fonts


@dataclass(frozen=True)
class KeyFrame:
    drawing: Drawing
    captions: tuple[str, ...]


FigureMaker = Callable[[Exercise, float, float], KeyFrame | None]

#: Still frames already worked out, by the language in force (the captions are words) and
#: the exercise's full content: posing a figure takes a few milliseconds per exercise, far
#: more than laying out its text. Pure data, bounded.
_STILLS: OrderedDict[str, Any] = OrderedDict()
_STILLS_MAX = 256
_lock = threading.Lock()


def clear_frames() -> None:
    """Forget the worked-out still frames (the benchmark's fully cold start)."""
    with _lock:
        _STILLS.clear()


def _still(still: Any, exercise: Exercise) -> Any:
    key = current() + ":" + exercise.model_dump_json()
    with _lock:
        found = _STILLS.get(key)
        if found is not None:
            _STILLS.move_to_end(key)
            return found
    frame = still.still_frame(exercise, "held")
    with _lock:
        _STILLS[key] = frame
        while len(_STILLS) > _STILLS_MAX:
            _STILLS.popitem(last=False)
    return frame


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
        frame = _still(still, exercise)
        scale = min(max_width / frame.width, max_height / frame.height)
        width, height = frame.width * scale, frame.height * scale
        # the drawing has no text, but its renderer sets a font: make it the embedded one
        drawing = Drawing(width, height, initialFontName=fonts.REGULAR, initialFontSize=10)
        drawing.add(frames.frame_group(frame, width, height))
        return KeyFrame(drawing, tuple(frame.captions))

    return make
