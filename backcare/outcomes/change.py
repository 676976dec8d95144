"""Has a measure changed enough to matter? The first score against the latest one.

A measure says which way is better (``better``: ``"lower"`` for pain, ``"higher"`` for the
PSFS ratings) and its minimal clinically important difference (``mcid``): a change of at
least ``mcid.points``, or, when the measure gives one, at least ``mcid.percent`` % of the
first score. The percentage counts only for an improvement and only when the first score
is above 0 (a drop from 3 to 2 in pain is 33 %: it matters; a rise from 1 to 2 is
100 % but one point: it does not). A worsening matters from ``mcid.points``.

:func:`change_sentence` says the result in plain words, in the language in force.

Plain Python: no Django here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from backcare.vocabulary import gettext, ngettext, pgettext

#: Differences are rounded to this many places, so 5.33 - 3.33 is 2, not 1.9999999.
_PLACES = 4


class _Mcid(Protocol):
    @property
    def points(self) -> float: ...
    @property
    def percent(self) -> float | None: ...


class ChangeMeasure(Protocol):
    """What this module needs of a :class:`backcare.outcomes.measures.Measure`."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def better(self) -> str: ...  # "lower" | "higher"
    @property
    def mcid(self) -> _Mcid | None: ...


@dataclass(frozen=True)
class MeaningfulChange:
    first: float
    latest: float
    difference: float                                  # latest - first
    direction: Literal["better", "worse", "same"]
    meaningful: bool


def meaningful_change(measure: ChangeMeasure, scores: Sequence[float]) -> MeaningfulChange | None:
    """The change from the first score to the latest (oldest first); None with fewer than two."""
    if len(scores) < 2:
        return None
    first, latest = float(scores[0]), float(scores[-1])
    difference = round(latest - first, _PLACES)
    direction: Literal["better", "worse", "same"]
    if difference == 0:
        direction = "same"
    elif (difference < 0) == (measure.better == "lower"):
        direction = "better"
    else:
        direction = "worse"
    return MeaningfulChange(first=first, latest=latest, difference=difference,
                            direction=direction,
                            meaningful=_meaningful(measure, first, difference, direction))


def _meaningful(measure: ChangeMeasure, first: float, difference: float, direction: str) -> bool:
    mcid = measure.mcid
    if mcid is None or direction == "same":
        return False
    size = abs(difference)
    if size >= mcid.points:
        return True
    if direction != "better" or mcid.percent is None or first <= 0:
        return False
    return round(size / abs(first) * 100, _PLACES) >= mcid.percent


def change_sentence(measure: ChangeMeasure, change: MeaningfulChange) -> str:
    """Two short sentences: where the score went, and whether that is enough to matter."""
    return f"{_what_happened(measure, change)} {_verdict(measure, change)}"


def _what_happened(measure: ChangeMeasure, change: MeaningfulChange) -> str:
    first, latest = number_text(change.first), number_text(change.latest)
    if change.direction == "same":
        if measure.id == "nprs":
            text = gettext("Your weekly pain stayed at {latest}.")
        elif measure.id == "psfs":
            text = gettext("The average of your activity ratings stayed at {latest}.")
        else:
            text = gettext("Your {title} score stayed at {latest}.")
        return text.format(latest=latest, title=measure.title)
    if measure.id == "nprs":
        text = gettext("Your weekly pain went from {first} to {latest}.")
    elif measure.id == "psfs":
        text = gettext("The average of your activity ratings went from {first} to {latest}.")
    else:
        text = gettext("Your {title} score went from {first} to {latest}.")
    return text.format(first=first, latest=latest, title=measure.title)


def _verdict(measure: ChangeMeasure, change: MeaningfulChange) -> str:
    mcid = measure.mcid
    if mcid is None:
        return ""
    points = number_text(mcid.points)
    count = _plural_count(mcid.points)
    if change.meaningful and change.direction == "better":
        return gettext("That is a change large enough to matter.")
    if change.meaningful:  # worse
        if measure.better == "lower":
            text = ngettext("It has gone up by {points} point or more. Talk to your clinician.",
                            "It has gone up by {points} points or more. Talk to your clinician.",
                            count)
        else:
            text = ngettext("It has gone down by {points} point or more. Talk to your clinician.",
                            "It has gone down by {points} points or more. Talk to your clinician.",
                            count)
        return text.format(points=points)
    if change.direction == "worse":
        return ngettext(
            "A little worse than at the start; if it gets {points} point worse, "
            "talk to your clinician.",
            "A little worse than at the start; if it gets {points} points worse, "
            "talk to your clinician.", count).format(points=points)
    if mcid.percent is not None:
        return ngettext(
            "Not yet a change large enough to matter ({points} point or {percent} % "
            "from where you started).",
            "Not yet a change large enough to matter ({points} points or {percent} % "
            "from where you started).", count,
        ).format(points=points, percent=number_text(mcid.percent))
    return ngettext(
        "Not yet a change large enough to matter ({points} point from where you started).",
        "Not yet a change large enough to matter ({points} points from where you started).",
        count).format(points=points)


def _plural_count(value: float) -> int:
    """The number ngettext chooses the form by: a whole number as itself, else "many"."""
    return int(value) if float(value).is_integer() else 2


def number_text(value: float) -> str:
    """``4.67`` as the language writes it, to one decimal place: "4.7", "4,7"; "6" for 6.0."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text.replace(".", pgettext("decimal separator", "."))
