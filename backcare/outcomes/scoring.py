"""Scoring the validated measures, plain Python, and checking the answers a person sends.

- NPRS: the score is the pain rating, 0-10.
- PSFS: 1 to 3 activities, each named (1-80 characters of plain text) and rated 0-10; the
  score is the mean rating, rounded to 2 places.
- STarT Back (Hill et al. 2008, Keele University): items 1-8 count 1 for "Agree"; item 9
  counts 1 for "Very much" or "Extremely". Total 0-9; the psychosocial subscale (items 5-9)
  0-5. High when the subscale is 4 or more; else medium when the total is 4 or more; else low.

Bad answers raise :class:`~backcare.plans.errors.InputError` naming ``answers.<item_id>``
(``answers`` for the set of answers itself) and saying what is allowed, in the language in
force. The person is told their STarT Back result in plain, kind words
(:func:`stratum_words`, never "risk"); the clinician sees the stratum (:func:`stratum_label`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from backcare.content.plain_text import quote, text_problem
from backcare.plans.errors import InputError
from backcare.vocabulary import Labels, gettext, gettext_noop

if TYPE_CHECKING:
    from backcare.outcomes.measures import Item, Measure

#: The measures backcare knows how to score, in the order every list shows them.
MEASURE_IDS = ("nprs", "psfs", "start-back")
#: The longest name a PSFS activity may have.
ACTIVITY_MAX_CHARS = 80
#: STarT Back: the bothersomeness item, and the answer from which it counts 1.
BOTHERSOME_ITEM = "q9"
BOTHERSOME_COUNTS_FROM = 3
#: STarT Back: the subscale score from which the stratum is high, the total for medium.
HIGH_SUBSCALE = 4
MEDIUM_TOTAL = 4
STRATA = ("low", "medium", "high")

_STRATUM_WORDS = Labels({
    "low": gettext_noop(
        "Your answers suggest your back pain is not holding you back too much right now. "
        "Keeping moving and following your program is a good way forward."),
    "medium": gettext_noop(
        "Your answers suggest your back pain is getting in the way of some everyday things. "
        "Your program can help; if things feel slow to improve, a physiotherapist can help "
        "you move with more confidence."),
    "high": gettext_noop(
        "Your answers suggest your back pain is weighing on you, both in how you move and in "
        "how you feel about it. That is common, and it can get better. Talking it over with a "
        "physiotherapist or your doctor can help a lot, alongside your program."),
})
_STRATUM_LABELS = Labels({
    "low": gettext_noop("Low risk"),
    "medium": gettext_noop("Medium risk"),
    "high": gettext_noop("High risk"),
})


@dataclass(frozen=True)
class Scored:
    measure: str
    score: float
    subscale: int | None
    stratum: str | None  # "low" | "medium" | "high" (STarT Back only)
    answers: dict[str, Any]  # normalised, as stored


def stratum_words(stratum: str) -> str:
    """The STarT Back result for the person, in plain, kind words (never "risk")."""
    return _STRATUM_WORDS[stratum]


def stratum_label(stratum: str) -> str:
    """The STarT Back stratum for the clinician: "Low risk", "Medium risk", "High risk"."""
    return _STRATUM_LABELS[stratum]


def _whole_number(value: Any) -> int | None:
    """``value`` as a whole number (3 or 3.0), or None (true/false is not a number)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return None


def _allowed(item: Item) -> str:
    if item.kind == "choice":
        choices = ", ".join(f"{choice.value} ({choice.label})" for choice in item.choices)
        return gettext("one of {choices}").format(choices=choices)
    return gettext("a whole number from {low} to {high}").format(low=item.low, high=item.high)


def _value_problem(item: Item, value: Any) -> str | None:
    """What is wrong with the answer ``value`` to a scale or choice item, or None."""
    allowed = _allowed(item)
    if isinstance(value, bool):
        return gettext("is true or false, which is not a number: give {allowed}").format(
            allowed=allowed)
    number = _whole_number(value)
    if number is None:
        return gettext("must be {allowed}").format(allowed=allowed)
    fits = (number in {choice.value for choice in item.choices} if item.kind == "choice"
            else item.low <= number <= item.high)
    if not fits:
        return gettext("is {value}, which is not allowed: give {allowed}").format(
            value=quote(value), allowed=allowed)
    return None


def _missing(item: Item) -> str:
    if item.kind == "activity":
        return gettext("is missing: name an activity and rate it from {low} to {high}").format(
            low=item.low, high=item.high)
    return gettext("is missing: give {allowed}").format(allowed=_allowed(item))


def _activity_problem(item: Item, value: Any) -> str | None:
    """What is wrong with a PSFS answer ``{"activity": name, "rating": n}``, or None."""
    if not isinstance(value, Mapping) or set(value) - {"activity", "rating"}:
        return gettext('must be an object with "activity" (its name) and "rating" '
                       "(a whole number from {low} to {high})").format(low=item.low,
                                                                       high=item.high)
    name = value.get("activity")
    if not isinstance(name, str) or not name.strip():
        return gettext("has no activity name: name it in a few words (up to {limit} "
                       "characters)").format(limit=ACTIVITY_MAX_CHARS)
    name = name.strip()
    if len(name) > ACTIVITY_MAX_CHARS:
        return gettext("has an activity name {count} characters long; the limit is "
                       "{limit}").format(count=len(name), limit=ACTIVITY_MAX_CHARS)
    if "\n" in name or text_problem(name):
        return gettext("has an activity name that is not plain text on one line: leave out "
                       "line breaks, tabs and control characters")
    rating = value.get("rating")
    if rating is None:
        return gettext("has no rating: give a whole number from {low} to {high}").format(
            low=item.low, high=item.high)
    if isinstance(rating, bool):
        return gettext("has a rating of true or false, which is not a number: give a whole "
                       "number from {low} to {high}").format(low=item.low, high=item.high)
    number = _whole_number(rating)
    if number is None or not item.low <= number <= item.high:
        return gettext("has the rating {value}: give a whole number from {low} to "
                       "{high}").format(value=quote(rating), low=item.low, high=item.high)
    return None


def _normalised(item: Item, value: Any) -> Any:
    if item.kind == "activity":
        return {"activity": value["activity"].strip(), "rating": _whole_number(value["rating"])}
    return _whole_number(value)


def _checked(measure: Measure, answers: Any) -> dict[str, Any]:
    """The answers, normalised, in the measure's item order; InputError naming each bad one."""
    if not isinstance(answers, Mapping):
        raise InputError({"answers": gettext("must be an object with one answer per question")})
    ids = [item.id for item in measure.items]
    unknown = [key for key in answers if key not in ids]
    if unknown:
        shown = ", ".join(quote(key, 40) for key in unknown[:3])
        raise InputError({"answers": gettext(
            "has an answer to {unknown}, which this questionnaire does not ask; it asks "
            "{known}").format(unknown=shown, known=", ".join(ids))})
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    names: dict[str, str] = {}
    for item in measure.items:
        field = f"answers.{item.id}"
        value = answers.get(item.id)
        if value is None:
            if item.required:
                errors[field] = _missing(item)
            continue
        problem = (_activity_problem(item, value) if item.kind == "activity"
                   else _value_problem(item, value))
        if problem:
            errors[field] = problem
            continue
        out[item.id] = _normalised(item, value)
        if item.kind == "activity":
            key = out[item.id]["activity"].casefold()
            if key in names:
                errors[field] = gettext("names the same activity as {other}: name a "
                                        "different one or leave it out").format(other=names[key])
            names.setdefault(key, item.id)
    if errors:
        raise InputError(errors)
    return out


def _nprs(measure: Measure, answers: dict[str, Any]) -> Scored:
    (pain,) = answers.values()
    return Scored(measure.id, float(pain), None, None, answers)


def _psfs(measure: Measure, answers: dict[str, Any]) -> Scored:
    ratings = [answer["rating"] for answer in answers.values()]
    return Scored(measure.id, round(sum(ratings) / len(ratings), 2), None, None, answers)


def _counted(item_id: str, value: int) -> int:
    if item_id == BOTHERSOME_ITEM:
        return 1 if value >= BOTHERSOME_COUNTS_FROM else 0
    return value


def start_back_stratum(total: int, subscale: int) -> str:
    if subscale >= HIGH_SUBSCALE:
        return "high"
    return "medium" if total >= MEDIUM_TOTAL else "low"


def _start_back(measure: Measure, answers: dict[str, Any]) -> Scored:
    counts = {item_id: _counted(item_id, value) for item_id, value in answers.items()}
    total = sum(counts.values())
    subscale = sum(counts[item.id] for item in measure.items if item.subscale)
    return Scored(measure.id, float(total), subscale, start_back_stratum(total, subscale),
                  answers)


_SCORERS: dict[str, Callable[[Measure, dict[str, Any]], Scored]] = {
    "nprs": _nprs, "psfs": _psfs, "start-back": _start_back,
}


def score(measure: Measure, answers: Mapping[str, Any]) -> Scored:
    """The score of ``answers`` to ``measure``; InputError naming each bad answer."""
    scorer = _SCORERS.get(measure.id)
    if scorer is None:  # check-content refuses such a file, so no request gets here
        raise KeyError(f"backcare cannot score the measure {measure.id!r}")
    return scorer(measure, _checked(measure, answers))


def _start_back_problems(measure: Measure) -> list[tuple[str, str]]:
    ids = [item.id for item in measure.items]
    wanted = [f"q{n}" for n in range(1, 10)]
    if ids != wanted:
        return [("items", f"must be the nine items {', '.join(wanted)}, in that order")]
    out = []
    for index, item in enumerate(measure.items):
        values = [choice.value for choice in item.choices]
        expected = [0, 1, 2, 3, 4] if item.id == BOTHERSOME_ITEM else [0, 1]
        if item.kind != "choice" or values != expected:
            out.append((f"items[{index}]", f"must be a choice with the values "
                        f"{', '.join(map(str, expected))}"))
        if item.subscale != (index >= 4):
            out.append((f"items[{index}].subscale", "must be true for q5 to q9 only"))
        if not item.required:
            out.append((f"items[{index}].required", "every STarT Back item is required"))
    return out


def scoring_problems(measure: Measure) -> list[tuple[str, str]]:
    """(field, message) for each way ``measure``'s items differ from what its scoring reads."""
    if measure.id == "nprs":
        item = measure.items[0]
        if len(measure.items) != 1 or item.id != "pain" or item.kind != "scale" \
                or not item.required:
            return [("items", "must be one required scale item with the id pain")]
        return []
    if measure.id == "psfs":
        items = measure.items
        if len(items) > 3 or any(item.kind != "activity" for item in items) \
                or not items[0].required:
            return [("items", "must be 1 to 3 activity items, the first one required")]
        return []
    if measure.id == "start-back":
        return _start_back_problems(measure)
    return []
