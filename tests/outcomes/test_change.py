"""Meaningful change of NPRS and PSFS, at and around the minimal clinically important
difference, and the sentence the person reads about it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from backcare.outcomes.change import (
    ChangeMeasure,
    MeaningfulChange,
    change_sentence,
    meaningful_change,
)
from backcare.outcomes.measures import measures


@dataclass(frozen=True)
class Mcid:
    """A stand-in for a measure not in the content."""

    points: float
    percent: float | None = None


@dataclass(frozen=True)
class Measure:
    id: str
    title: str
    better: str
    mcid: Mcid | None


MEASURES = measures("en")
NPRS = MEASURES["nprs"]     # lower is better; 2 points or 30 %
PSFS = MEASURES["psfs"]     # higher is better; 2 points on the average


@pytest.mark.parametrize(("scores", "direction", "meaningful"), [
    ((6, 4), "better", True),          # 2 points: exactly the MCID
    ((6, 5), "better", False),         # 1 point, 17 %
    ((3, 2), "better", True),          # 1 point but 33 % >= 30 %
    ((10, 8), "better", True),         # 2 points (20 %)
    ((10, 9), "better", False),        # 1 point, 10 %
    ((7, 5), "better", True),          # 2 points, 29 %
    ((0, 0), "same", False),           # first 0: no percentage to take
    ((0, 1), "worse", False),
    ((0, 2), "worse", True),
    ((4, 6), "worse", True),           # up 2 points: worse enough to matter
    ((4, 5), "worse", False),
    ((1, 2), "worse", False),          # 100 % more, but one point: not by itself
    ((6, 9, 7, 6), "same", False),     # first against latest, not the peak
    ((8, 7, 6, 5, 4), "better", True),
])
def test_nprs_change_at_and_around_the_mcid(scores: tuple[int, ...], direction: str,
                                            meaningful: bool) -> None:
    change = meaningful_change(NPRS, scores)
    assert change is not None
    assert (change.direction, change.meaningful) == (direction, meaningful)
    assert change.first == scores[0] and change.latest == scores[-1]
    assert change.difference == scores[-1] - scores[0]


@pytest.mark.parametrize(("scores", "direction", "meaningful"), [
    ((3.0, 5.0), "better", True),
    ((3.0, 4.9), "better", False),
    ((3.33, 5.33), "better", True),    # 2.0 on the averages, however floats round
    ((5.0, 3.0), "worse", True),
    ((5.0, 3.5), "worse", False),
    ((1.0, 1.5), "better", False),     # 50 % more, but the PSFS has no percentage
    ((4.0, 4.0), "same", False),
])
def test_psfs_change_on_the_average(scores: tuple[float, ...], direction: str,
                                    meaningful: bool) -> None:
    change = meaningful_change(PSFS, scores)
    assert change is not None
    assert (change.direction, change.meaningful) == (direction, meaningful)


def test_the_thresholds_come_from_the_content() -> None:
    assert (NPRS.better, NPRS.mcid) == ("lower", type(NPRS.mcid)(points=2, percent=30))
    assert (PSFS.better, PSFS.mcid) == ("higher", type(PSFS.mcid)(points=2))
    assert meaningful_change(MEASURES["start-back"], (7, 1)) == MeaningfulChange(
        7, 1, -6, "better", False)   # no MCID: the stratum speaks for itself


@pytest.mark.parametrize("scores", [(), (5,)])
def test_fewer_than_two_scores_is_no_change_yet(scores: tuple[int, ...]) -> None:
    assert meaningful_change(NPRS, scores) is None


def test_a_measure_without_an_mcid_never_says_meaningful() -> None:
    plain = Measure("other", "Something", "lower", None)
    change = meaningful_change(plain, (9, 0))
    assert change == MeaningfulChange(9, 0, -9, "better", False)


def _says(measure: ChangeMeasure, *scores: float) -> str:
    change = meaningful_change(measure, scores)
    assert change is not None
    return change_sentence(measure, change)


def test_the_sentence_says_a_meaningful_improvement_plainly() -> None:
    said = _says(NPRS, 6, 3)
    assert said == "Your weekly pain went from 6 to 3. That is a change large enough to matter."


def test_the_sentence_says_how_much_it_takes_when_not_yet() -> None:
    said = _says(NPRS, 6, 5)
    assert said.startswith("Your weekly pain went from 6 to 5.")
    assert "Not yet a change large enough to matter (2 points or 30 % from where you started)" in said


def test_the_sentence_sends_a_worsening_to_the_clinician() -> None:
    said = _says(NPRS, 4, 6)
    assert "gone up by 2 points or more" in said
    assert "Talk to your clinician" in said
    psfs = _says(PSFS, 5, 3)
    assert psfs.startswith("The average of your activity ratings went from 5 to 3.")
    assert "gone down by 2 points or more" in psfs


def test_a_small_worsening_is_not_an_alarm() -> None:
    said = _says(NPRS, 4, 5)
    assert "A little worse" in said
    assert "if it gets 2 points worse" in said


def test_the_sentence_for_no_change_and_for_averages() -> None:
    assert _says(NPRS, 5, 5).startswith("Your weekly pain stayed at 5.")
    said = _says(PSFS, 3.0, 4.67)
    assert said.startswith("The average of your activity ratings went from 3 to 4.7.")
    assert "(2 points from where you started)" in said


def test_the_sentence_names_another_measure_by_its_title() -> None:
    other = Measure("other", "sleep", "higher", Mcid(1))
    assert _says(other, 2, 3) == (
        "Your sleep score went from 2 to 3. That is a change large enough to matter.")
