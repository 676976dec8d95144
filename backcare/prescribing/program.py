"""A clinician's program: its exercises at their doses, checked against the content.

A :class:`ProgramDraft` is what a clinician writes: a title, a note, how many days a week,
the patient's health conditions (names from content/rules.yaml, ``other``, or
``none-known``; an empty tuple means none known) and 1 to 20 :class:`ProgramItem`.

:func:`check_program` says everything wrong with a draft at once, as field path ->
message in the language in force; ``{}`` means it may be handed out. Each dose must lie
within the exercise's bounds (:func:`backcare.prescribing.bounds.dose_bounds`), and an
exercise the patient's conditions exclude — by exactly the planner's rules,
:func:`backcare.plans.condition_rules.exclusion` — must be chosen on purpose
(``override``). :func:`excluded_by` gives the builder those same reasons up front.

Plain Python: no Django here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from backcare.content import Library
from backcare.content.rules_schema import NONE_KNOWN, OTHER
from backcare.plans.condition_rules import exclusion
from backcare.plans.errors import InputError
from backcare.plans.profile import MAX_CONDITIONS, Profile
from backcare.prescribing.bounds import DoseBounds, dose_bounds
from backcare.vocabulary import gettext, gettext_noop

TITLE_MAX = 120
NOTE_MAX = 2000
ITEM_NOTE_MAX = 500
MIN_DAYS, MAX_DAYS = 1, 7
MIN_ITEMS, MAX_ITEMS = 1, 20
DOSE_FIELDS = ("hold_seconds", "reps", "sets")


@dataclass(frozen=True)
class ProgramItem:
    """One exercise of a program, at its dose."""

    exercise: str             # slug
    hold_seconds: int
    reps: int
    sets: int
    note: str = ""            # the clinician's note for this exercise
    override: bool = False    # chosen by the clinician although the conditions exclude it


@dataclass(frozen=True)
class ProgramDraft:
    title: str
    note: str
    days_per_week: int        # 1..7
    conditions: tuple[str, ...]   # rules.yaml condition slugs, or "other"; () = none known
    items: tuple[ProgramItem, ...]


def item_with_defaults(library: Library, exercise: str, hold_seconds: int | None = None,
                       reps: int | None = None, sets: int | None = None, note: str = "",
                       override: bool = False) -> ProgramItem:
    """An item with the exercise's own dose wherever a field is not given.

    For an exercise the library lacks the missing fields are 0; :func:`check_program`
    then reports the exercise (and not its dose)."""
    found = library.exercises.get(exercise)
    own = (found.dose.hold_seconds, found.dose.reps, found.dose.sets) if found else (0, 0, 0)
    return ProgramItem(
        exercise=exercise,
        hold_seconds=own[0] if hold_seconds is None else hold_seconds,
        reps=own[1] if reps is None else reps,
        sets=own[2] if sets is None else sets,
        note=note, override=override)


def known_conditions(library: Library) -> tuple[str, ...]:
    """Every name a program's conditions may hold, in the rules file's order."""
    return (*library.rules.names, OTHER, NONE_KNOWN)


def profile_for(library: Library, conditions: Iterable[str]) -> Profile:
    """The planner's profile for a patient with these conditions (names it does not know
    are ignored here; :func:`check_program` reports them). An empty list means none known,
    and ``none-known`` beside real conditions counts for nothing."""
    known = set(known_conditions(library))
    names = {name for name in conditions if isinstance(name, str) and name in known}
    if len(names) > 1:
        names.discard(NONE_KNOWN)
    try:
        return Profile(floor=True, conditions=frozenset(names or {NONE_KNOWN}))
    except InputError:  # more conditions than a profile holds: every rule applies anyway
        return Profile(floor=True, conditions=frozenset({OTHER}))


def excluded_by(library: Library, conditions: Iterable[str]) -> dict[str, str]:
    """Exercise slug -> why these conditions exclude it (the planner's own sentence, in the
    language in force), for every exercise of the library they exclude."""
    profile = profile_for(library, conditions)
    found: dict[str, str] = {}
    for slug, exercise in library.exercises.items():
        change = exclusion(library.rules, exercise, profile)
        if change is not None:
            found[slug] = change.reason
    return found


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text_problem(value: object, limit: int, required: bool) -> str | None:
    if not isinstance(value, str):
        return gettext("must be text")
    text = value.strip()
    if required and not text:
        return gettext("is empty: give the program a title")
    if len(text) > limit:
        return gettext("is {count} characters long; keep it to {limit}").format(
            count=len(text), limit=limit)
    return None


def _conditions_problem(library: Library, conditions: object) -> str | None:
    if isinstance(conditions, (str, bytes)) or not isinstance(conditions, Iterable):
        return gettext("must be a list of condition names (slugs)")
    names = list(conditions)
    if len(set(map(str, names))) > MAX_CONDITIONS:
        return gettext("names more than {count} conditions").format(count=MAX_CONDITIONS)
    known = known_conditions(library)
    unknown = sorted({str(name) for name in names if name not in known})
    if unknown:
        return gettext("names conditions we do not know: {names} (we know: {known})").format(
            names=", ".join(unknown), known=", ".join(known))
    if NONE_KNOWN in names and len(set(names)) > 1:
        return gettext("says {none} together with conditions; choose one or the other").format(
            none=NONE_KNOWN)
    return None


_OUT_OF_BOUNDS = {
    "hold_seconds": gettext_noop("must be from {low} to {high} seconds for {name}"),
    "reps": gettext_noop("must be from {low} to {high} repetitions for {name}"),
    "sets": gettext_noop("must be from {low} to {high} sets for {name}"),
}


def _dose_problems(item: ProgramItem, name: str, bounds: DoseBounds) -> dict[str, str]:
    problems: dict[str, str] = {}
    for field in DOSE_FIELDS:
        value = getattr(item, field)
        low, high = getattr(bounds, field)
        if not _is_int(value):
            problems[field] = gettext("must be a whole number")
        elif not low <= value <= high:
            problems[field] = gettext(_OUT_OF_BOUNDS[field]).format(low=low, high=high,
                                                                    name=name)
    return problems


def _item_problems(library: Library, item: object, excluded: Mapping[str, str]) -> dict[str, str]:
    if not isinstance(item, ProgramItem):
        return {"": gettext("must be an exercise with its dose")}
    exercise = library.exercises.get(item.exercise) if isinstance(item.exercise, str) else None
    if exercise is None:
        problems = {"exercise": gettext("names exercises we do not have: {names}").format(
            names=item.exercise)}
    else:
        problems = _dose_problems(item, exercise.name, dose_bounds(library, exercise.slug))
    note = _text_problem(item.note, ITEM_NOTE_MAX, required=False)
    if note:
        problems["note"] = note
    if exercise is not None and exercise.slug in excluded and item.override is not True:
        problems["override"] = gettext(
            "{why} To keep it in this program anyway, choose it on purpose (override)."
        ).format(why=excluded[exercise.slug])
    return problems


def check_program(library: Library, draft: ProgramDraft) -> dict[str, str]:
    """Everything wrong with the draft, as field path -> message in the language in force;
    ``{}`` when it is fine. Paths: title, note, days_per_week, conditions, items,
    items.<i>.exercise, items.<i>.hold_seconds, items.<i>.reps, items.<i>.sets,
    items.<i>.note, items.<i>.override."""
    problems: dict[str, str] = {}
    for field, limit, required in (("title", TITLE_MAX, True), ("note", NOTE_MAX, False)):
        problem = _text_problem(getattr(draft, field), limit, required)
        if problem:
            problems[field] = problem
    days = draft.days_per_week
    if not (_is_int(days) and MIN_DAYS <= days <= MAX_DAYS):
        problems["days_per_week"] = gettext(
            "must be a whole number of days from {low} to {high}").format(
                low=MIN_DAYS, high=MAX_DAYS)
    problem = _conditions_problem(library, draft.conditions)
    if problem:
        problems["conditions"] = problem
    items = draft.items
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        problems["items"] = gettext("must be a list of exercises")
        return problems
    items = tuple(items)
    if len(items) < MIN_ITEMS:
        problems["items"] = gettext("is empty: add at least one exercise")
    elif len(items) > MAX_ITEMS:
        problems["items"] = gettext("has {count} exercises; a program holds at most {limit}"
                                    ).format(count=len(items), limit=MAX_ITEMS)
    conditions = draft.conditions
    readable = isinstance(conditions, Iterable) and not isinstance(conditions, (str, bytes))
    excluded = excluded_by(library, conditions if readable else ())  # names it knows
    for i, item in enumerate(items[:MAX_ITEMS]):
        for field, message in _item_problems(library, item, excluded).items():
            problems[f"items.{i}.{field}" if field else f"items.{i}"] = message
    return problems


def draft_to_data(draft: ProgramDraft) -> dict[str, Any]:
    """The draft as JSON-ready data, keyed like ProgramVersion's fields."""
    return {
        "title": draft.title.strip(),
        "note": draft.note.strip(),
        "days_per_week": draft.days_per_week,
        "conditions": list(draft.conditions),
        "items": [{"exercise": item.exercise, "hold_seconds": item.hold_seconds,
                   "reps": item.reps, "sets": item.sets, "note": item.note.strip(),
                   "override": item.override} for item in draft.items],
    }


def draft_from_data(data: Mapping[str, Any]) -> ProgramDraft:
    """The draft :func:`draft_to_data` wrote (``note``, ``conditions`` and each item's
    ``note`` and ``override`` may be missing). ValueError when it is not such data."""
    try:
        items = tuple(
            ProgramItem(exercise=item["exercise"], hold_seconds=item["hold_seconds"],
                        reps=item["reps"], sets=item["sets"], note=item.get("note", ""),
                        override=bool(item.get("override", False)))
            for item in data["items"])
        return ProgramDraft(title=data["title"], note=data.get("note", ""),
                            days_per_week=data["days_per_week"],
                            conditions=tuple(data.get("conditions") or ()), items=items)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not a program's data: {exc!r}") from None
