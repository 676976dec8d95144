"""Scoring the measures as published, and a clear 422-type error naming the item for any bad
answer: STarT Back's three strata and every boundary, NPRS, the PSFS mean."""

from __future__ import annotations

from typing import Any

import pytest

from backcare.outcomes.measures import Measure, measures
from backcare.outcomes.scoring import Scored, score, stratum_label, stratum_words
from backcare.plans.errors import InputError
from backcare.vocabulary import use


def _measure(measure_id: str) -> Measure:
    return measures("en")[measure_id]


def _start_back(agree: set[int], q9: int = 0) -> Scored:
    answers: dict[str, Any] = {f"q{n}": int(n in agree) for n in range(1, 9)}
    answers["q9"] = q9
    return score(_measure("start-back"), answers)


# ---------------------------------------------------------------- STarT Back

@pytest.mark.parametrize(("agree", "q9", "total", "subscale", "stratum"), [
    (set(), 0, 0, 0, "low"),
    # total 3 vs 4 (nothing in the subscale): low, then medium
    ({1, 2, 3}, 0, 3, 0, "low"),
    ({1, 2, 3, 4}, 0, 4, 0, "medium"),
    # subscale 3 vs 4 with the total at 4: medium, then high
    ({1, 5, 6, 7}, 0, 4, 3, "medium"),
    ({5, 6, 7, 8}, 0, 4, 4, "high"),
    # a subscale of 3 is never high, however high the total
    ({1, 2, 3, 4, 5, 6, 7}, 0, 7, 3, "medium"),
    # q9: "Moderately" (2) does not count, "Very much" (3) and "Extremely" (4) count 1
    ({1, 2, 3}, 2, 3, 0, "low"),
    ({1, 2, 3}, 3, 4, 1, "medium"),
    ({1, 2, 3}, 4, 4, 1, "medium"),
    ({5, 6, 7}, 2, 3, 3, "low"),
    ({5, 6, 7}, 3, 4, 4, "high"),
    # every item agreed, bothersome "Extremely": the most the tool can score
    (set(range(1, 9)), 4, 9, 5, "high"),
])
def test_start_back_total_subscale_and_stratum(agree: set[int], q9: int, total: int,
                                               subscale: int, stratum: str) -> None:
    scored = _start_back(agree, q9)
    assert (scored.score, scored.subscale, scored.stratum) == (total, subscale, stratum)


def test_a_worked_example_as_the_tool_scores_it() -> None:
    """Agrees that the pain spread down a leg (1), has walked only short distances (3),
    worrying thoughts (6), pain is terrible (7); bothered "Very much" (9): total 5 of 9,
    psychosocial subscale 3 of 5 -> medium."""
    scored = _start_back({1, 3, 6, 7}, q9=3)
    assert scored.measure == "start-back"
    assert (scored.score, scored.subscale, scored.stratum) == (5.0, 3, "medium")
    assert scored.answers == {"q1": 1, "q2": 0, "q3": 1, "q4": 0, "q5": 0, "q6": 1, "q7": 1,
                              "q8": 0, "q9": 3}


def test_the_person_reads_plain_kind_words_the_clinician_the_stratum() -> None:
    words = {stratum: stratum_words(stratum) for stratum in ("low", "medium", "high")}
    assert len(set(words.values())) == 3
    for text in words.values():
        assert "risk" not in text.lower()
        assert "diagnos" not in text.lower()
    assert [stratum_label(s) for s in ("low", "medium", "high")] == [
        "Low risk", "Medium risk", "High risk"]


def test_the_person_words_follow_the_language_in_force() -> None:
    with use("es"):
        for stratum in ("low", "medium", "high"):
            assert "riesgo" not in stratum_words(stratum).lower()


# ---------------------------------------------------------------- NPRS

@pytest.mark.parametrize(("pain", "expected"), [(0, 0.0), (4, 4.0), (10, 10.0), (7.0, 7.0)])
def test_nprs_scores_the_pain_rating(pain: Any, expected: float) -> None:
    scored = score(_measure("nprs"), {"pain": pain})
    assert scored == Scored("nprs", expected, None, None, {"pain": int(expected)})
    assert isinstance(scored.answers["pain"], int)


# ---------------------------------------------------------------- PSFS

def _psfs(*ratings: int) -> Scored:
    answers = {f"activity-{n}": {"activity": f"Activity {n}", "rating": rating}
               for n, rating in enumerate(ratings, start=1)}
    return score(_measure("psfs"), answers)


@pytest.mark.parametrize(("ratings", "mean"), [
    ((3, 5, 4), 4.0),
    ((6,), 6.0),
    ((1, 2), 1.5),
    ((1, 1, 2), 1.33),
    ((2, 2, 1), 1.67),
    ((0, 0, 0), 0.0),
    ((10, 10, 10), 10.0),
])
def test_psfs_score_is_the_mean_rating_to_two_places(ratings: tuple[int, ...],
                                                     mean: float) -> None:
    assert _psfs(*ratings).score == mean


def test_psfs_keeps_the_activities_named_tidily_and_skips_empty_optional_ones() -> None:
    scored = score(_measure("psfs"), {
        "activity-1": {"activity": "  Putting on socks ", "rating": 3.0},
        "activity-2": None,
        "activity-3": {"activity": "Lifting the shopping", "rating": 6},
    })
    assert scored.score == 4.5
    assert scored.answers == {"activity-1": {"activity": "Putting on socks", "rating": 3},
                              "activity-3": {"activity": "Lifting the shopping", "rating": 6}}


# ---------------------------------------------------------------- bad answers

GOOD_START_BACK = {f"q{n}": 0 for n in range(1, 10)}


def _socks(rating: Any = 3, name: Any = "Putting on socks") -> dict[str, Any]:
    return {"activity": name, "rating": rating}


@pytest.mark.parametrize(("measure_id", "answers", "field", "words"), [
    ("nprs", {}, "answers.pain", "missing"),
    ("nprs", {"pain": None}, "answers.pain", "missing"),
    ("nprs", {"pain": "7"}, "answers.pain", "whole number from 0 to 10"),
    ("nprs", {"pain": 6.5}, "answers.pain", "whole number from 0 to 10"),
    ("nprs", {"pain": float("nan")}, "answers.pain", "whole number from 0 to 10"),
    ("nprs", {"pain": True}, "answers.pain", "not a number"),
    ("nprs", {"pain": 11}, "answers.pain", "whole number from 0 to 10"),
    ("nprs", {"pain": -1}, "answers.pain", "is -1"),
    ("nprs", {"pain": 3, "mood": 2}, "answers", "'mood'"),
    ("nprs", [3], "answers", "one answer per question"),
    ("start-back", {**GOOD_START_BACK, "q3": 2}, "answers.q3", "0 (Disagree), 1 (Agree)"),
    ("start-back", {**GOOD_START_BACK, "q1": False}, "answers.q1", "not a number"),
    ("start-back", {**GOOD_START_BACK, "q9": 5}, "answers.q9", "4 (Extremely)"),
    ("start-back", {k: v for k, v in GOOD_START_BACK.items() if k != "q7"}, "answers.q7",
     "missing"),
    ("start-back", {**GOOD_START_BACK, "q10": 1}, "answers", "q10"),
    ("psfs", {}, "answers.activity-1", "name an activity"),
    ("psfs", {"activity-1": 3}, "answers.activity-1", '"activity"'),
    ("psfs", {"activity-1": {**_socks(), "when": "mornings"}}, "answers.activity-1",
     '"rating"'),
    ("psfs", {"activity-1": _socks(name="   ")}, "answers.activity-1", "no activity name"),
    ("psfs", {"activity-1": _socks(name=7)}, "answers.activity-1", "no activity name"),
    ("psfs", {"activity-1": _socks(name="x" * 81)}, "answers.activity-1", "81 characters"),
    ("psfs", {"activity-1": _socks(name="Socks\x1b[2J")}, "answers.activity-1", "plain text"),
    ("psfs", {"activity-1": _socks(name="Socks\nand shoes")}, "answers.activity-1",
     "one line"),
    ("psfs", {"activity-1": _socks(name="Socks\u202e")}, "answers.activity-1", "plain text"),
    ("psfs", {"activity-1": {"activity": "Socks"}}, "answers.activity-1", "no rating"),
    ("psfs", {"activity-1": _socks(rating=True)}, "answers.activity-1", "not a number"),
    ("psfs", {"activity-1": _socks(rating=12)}, "answers.activity-1", "0 to 10"),
    ("psfs", {"activity-1": _socks(rating="3")}, "answers.activity-1", "0 to 10"),
    ("psfs", {"activity-1": _socks(), "activity-2": _socks(name="putting ON socks")},
     "answers.activity-2", "same activity as activity-1"),
    ("psfs", {"activity-1": _socks(), "activity-4": _socks()}, "answers", "activity-4"),
])
def test_a_bad_answer_names_the_item_and_what_is_allowed(
        measure_id: str, answers: Any, field: str, words: str) -> None:
    with pytest.raises(InputError) as caught:
        score(_measure(measure_id), answers)
    assert field in caught.value.errors, caught.value.errors
    assert words in caught.value.errors[field]


def test_every_bad_answer_is_named_at_once() -> None:
    with pytest.raises(InputError) as caught:
        score(_measure("start-back"), {"q1": 3, "q2": "yes", "q9": -1})
    assert set(caught.value.errors) == {f"answers.q{n}" for n in range(1, 10)}


def test_a_long_bad_value_is_quoted_short() -> None:
    with pytest.raises(InputError) as caught:
        score(_measure("nprs"), {"pain": 10**200})
    assert len(caught.value.errors["answers.pain"]) < 200
