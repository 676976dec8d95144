"""The doses a clinician may prescribe for one exercise, from content/dose-bounds.yaml.

Each action (``hold`` or ``move``, :attr:`Exercise.hold_or_move`) has its ranges, and an
exercise may have its own (see :mod:`backcare.content.bounds_schema`). Loading the content
checks that every exercise's own dose lies within its bounds, so a program made with the
defaults (:func:`backcare.prescribing.item_with_defaults`) is always allowed.
"""

from __future__ import annotations

from dataclasses import dataclass

from backcare.content import Library


@dataclass(frozen=True)
class DoseBounds:
    """Lowest and highest allowed value of each dose field, both included."""

    hold_seconds: tuple[int, int]
    reps: tuple[int, int]
    sets: tuple[int, int]

    def allows(self, hold_seconds: int, reps: int, sets: int) -> bool:
        return all(low <= value <= high for value, (low, high) in (
            (hold_seconds, self.hold_seconds), (reps, self.reps), (sets, self.sets)))

    def clamp(self, field: str, value: int) -> int:
        """``value`` moved into this field's range."""
        low, high = self.of(field)
        return min(max(value, low), high)

    def of(self, field: str) -> tuple[int, int]:
        """The range of ``hold_seconds``, ``reps`` or ``sets``."""
        found: tuple[int, int] = getattr(self, field)
        return found


def dose_bounds(library: Library, exercise_slug: str) -> DoseBounds:
    """The bounds of this exercise's dose. KeyError when the library has no such exercise."""
    own = library.dose_bounds.for_exercise(library.exercises[exercise_slug])
    return DoseBounds(hold_seconds=own.hold_seconds, reps=own.reps, sets=own.sets)
