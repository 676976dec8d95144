"""The figure's own captions for a player that draws the side itself.

``svg.notes`` ends, for an exercise done on each side, with "Right side shown. Repeat on
the left." — true under a still picture, but the player mirrors the figure for the other
side and names the side it shows, so it takes the captions without that sentence.
"""

from __future__ import annotations

from backcare.content.schema import Exercise
from backcare.figures.motion import compile_demo
from backcare.figures.svg import notes


def figure_notes(exercise: Exercise) -> list[str]:
    """The figure's captions (its own and its view), without the side it shows."""
    said = notes(exercise, compile_demo(exercise))
    if exercise.per_side and exercise.demo.side_shown:
        said = said[:-1]
    return said
