"""What the person tells us about today, validated, plus its compact URL form.

A :class:`Profile` is frozen and checked when it is made: a bad field raises
:class:`~backcare.plans.errors.InputError` naming every field at fault. Condition names and
skipped exercise slugs are checked for their form here and against the library by the
planner.

``conditions`` is the set of health conditions the person told us about (names from
content/rules.yaml), or None when they have not told us: the **safe default**, which
leaves out every exercise meant only for a known condition. Two answers are not
conditions: ``none-known`` ("none that I know of", alone) and ``other`` ("a condition not
listed": every condition's rules apply).

``profile_to_params`` / ``profile_from_params`` turn a profile into short query
parameters and back, so a plan's URL can carry the profile::

    floor=0&conditions=disc,osteoporosis&bending_worsens_leg_pain=1&minutes=10&pain=6&skip=bridge

The older ``diagnosis=none|disc|other`` is still read: none -> {none-known},
disc -> {disc}, other -> {other}.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from backcare.content.rules_schema import NONE_KNOWN, OTHER
from backcare.plans.errors import InputError
from backcare.vocabulary import Labels, gettext, gettext_noop

#: The older single answer, and the set of conditions each one means.
DIAGNOSES: tuple[str, ...] = ("none", "disc", "other")
DIAGNOSIS_CONDITIONS: dict[str, frozenset[str]] = {
    "none": frozenset({NONE_KNOWN}),
    "disc": frozenset({"disc"}),
    "other": frozenset({OTHER}),
}
#: What each profile field (and plan parameter) is called wherever it is shown or a problem
#: with it is reported: forms, plan pages, the player, the worksheet and the terminal.
FIELD_LABELS = Labels({
    "floor": gettext_noop("Getting down to the floor"),
    "conditions": gettext_noop("Health conditions"),
    "bending_worsens_leg_pain": gettext_noop("Bending forward and leg pain"),
    "diagnosis": gettext_noop("Diagnosis"),
    "minutes": gettext_noop("Minutes you have"),
    "pain": gettext_noop("Pain today"),
    "skip": gettext_noop("Exercises to leave out"),
    "routine": gettext_noop("Routine"),
})
MIN_MINUTES, MAX_MINUTES = 1, 120
MIN_PAIN, MAX_PAIN = 0, 10
MAX_CONDITIONS = 20
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_YES, _NO = ("1", "true", "yes"), ("0", "false", "no")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


#: What is wrong with a list of names, by what the names should be.
_LIST_PROBLEMS = Labels({
    "conditions": gettext_noop("must be a list of condition names (slugs)"),
    "exercises": gettext_noop("must be a list of exercise names (slugs)"),
})
_NAME_PROBLEMS = Labels({
    "conditions": gettext_noop("has names that are not condition names: {names}"),
    "exercises": gettext_noop("has names that are not exercise names: {names}"),
})


def _slug_list_problem(values: object, what: str) -> str | None:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        return _LIST_PROBLEMS[what]
    bad = sorted({str(s) for s in values if not (isinstance(s, str) and _SLUG.match(s))})
    return _NAME_PROBLEMS[what].format(names=", ".join(bad)) if bad else None


def _conditions_problem(conditions: object) -> str | None:
    if conditions is None:
        return None
    problem = _slug_list_problem(conditions, "conditions")
    if problem:
        return problem
    names = set(cast(Iterable[str], conditions))
    if not names:
        return gettext("is empty: name your conditions, or say {none} if you know of none, or "
                       "leave it out if you would rather not say").format(none=NONE_KNOWN)
    if len(names) > MAX_CONDITIONS:
        return gettext("names more than {count} conditions").format(count=MAX_CONDITIONS)
    if NONE_KNOWN in names and len(names) > 1:
        return gettext("says {none} together with conditions; choose one or the other").format(
            none=NONE_KNOWN)
    return None


def profile_problems(
    floor: object, conditions: object, bending_worsens_leg_pain: object, minutes: object,
    pain: object, skip: object,
) -> dict[str, str]:
    """Every problem with these field values, as field -> message (empty when valid)."""
    errors: dict[str, str] = {}
    if not isinstance(floor, bool):
        errors["floor"] = gettext(
            "must say yes or no: can you get down to the floor and up again?")
    problem = _conditions_problem(conditions)
    if problem:
        errors["conditions"] = problem
    if bending_worsens_leg_pain is not None and not isinstance(bending_worsens_leg_pain, bool):
        errors["bending_worsens_leg_pain"] = gettext(
            "must be yes, no, or left empty if you are not sure")
    if minutes is not None and not (_is_int(minutes) and MIN_MINUTES <= minutes <= MAX_MINUTES):  # type: ignore[operator]
        errors["minutes"] = gettext(
            "must be a whole number of minutes from {low} to {high}, or left empty for no "
            "time limit").format(low=MIN_MINUTES, high=MAX_MINUTES)
    if pain is not None and not (_is_int(pain) and MIN_PAIN <= pain <= MAX_PAIN):  # type: ignore[operator]
        errors["pain"] = gettext("must be a whole number from {low} to {high}, or left "
                                 "empty").format(low=MIN_PAIN, high=MAX_PAIN)
    problem = _slug_list_problem(skip, "exercises")
    if problem:
        errors["skip"] = problem
    return errors


@dataclass(frozen=True, kw_only=True)
class Profile:
    """One person's answers for today.

    ``floor``: can get down to the floor and back up. ``conditions``: the health
    conditions they told us about, or None when they have not said (the safe default).
    ``bending_worsens_leg_pain``: the answer to "does sitting or bending forward make your
    leg pain worse?" (asked with a disc problem), or None. ``minutes``: time available, or
    None for no limit. ``pain``: 0-10, or None; recorded with the plan, changes nothing.
    ``skip``: exercise slugs to leave out because they hurt, stored sorted and unique.
    """

    floor: bool
    conditions: frozenset[str] | None = None
    bending_worsens_leg_pain: bool | None = None
    minutes: int | None = None
    pain: int | None = None
    skip: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        errors = profile_problems(self.floor, self.conditions, self.bending_worsens_leg_pain,
                                  self.minutes, self.pain, self.skip)
        if errors:
            raise InputError(errors)
        if self.conditions is not None:
            object.__setattr__(self, "conditions", frozenset(self.conditions))
        object.__setattr__(self, "skip", tuple(sorted(set(cast(Iterable[str], self.skip)))))

    @property
    def budget_seconds(self) -> int | None:
        return None if self.minutes is None else self.minutes * 60

    @property
    def told_us(self) -> bool:
        """False for the safe default: the person has not said which conditions they have."""
        return self.conditions is not None

    @property
    def named_conditions(self) -> frozenset[str]:
        """The conditions named, without the answers ``none-known`` and ``other``."""
        return frozenset(self.conditions or ()) - {NONE_KNOWN, OTHER}

    @property
    def has_unlisted_condition(self) -> bool:
        """True for "a condition not listed": every condition's rules then apply."""
        return OTHER in (self.conditions or ())


#: The safe default: nothing known about the person; the routine as published, less what
#: needs a known condition.
SAFE_DEFAULT = Profile(floor=True)


def _flag(value: bool) -> str:
    return "1" if value else "0"


def profile_to_params(profile: Profile) -> dict[str, str]:
    """The profile as short query parameters; empty optional fields are left out."""
    params = {"floor": _flag(profile.floor)}
    if profile.conditions is not None:
        params["conditions"] = ",".join(sorted(profile.conditions))
    if profile.bending_worsens_leg_pain is not None:
        params["bending_worsens_leg_pain"] = _flag(profile.bending_worsens_leg_pain)
    if profile.minutes is not None:
        params["minutes"] = str(profile.minutes)
    if profile.pain is not None:
        params["pain"] = str(profile.pain)
    if profile.skip:
        params["skip"] = ",".join(profile.skip)
    return params


#: The query parameters that carry a profile (what profile_to_params writes, and the older
#: ``diagnosis``, still read).
PROFILE_PARAMS: tuple[str, ...] = (
    "floor", "conditions", "bending_worsens_leg_pain", "diagnosis", "minutes", "pain", "skip",
)
#: Parameters that may be repeated (form check boxes) or comma-separated.
LIST_PARAMS: tuple[str, ...] = ("conditions", "skip")

#: A query string's values for one name, e.g. Django's ``QueryDict.getlist``.
QueryValues = Callable[[str], Sequence[str]]


def asks_for_plan(values: QueryValues) -> bool:
    """True when a query carries any profile parameter: it asks for a personal plan."""
    return any(values(name) for name in PROFILE_PARAMS)


def profile_params(values: QueryValues) -> dict[str, str]:
    """The profile's parameters in a query, ready for :func:`profile_from_params`.

    A repeated field counts by its last value; ``conditions`` and ``skip`` may be repeated
    (form check boxes) or comma-separated, and are joined into one comma list. Absent
    fields are left out.
    """
    params = {name: values(name)[-1] for name in PROFILE_PARAMS
              if name not in LIST_PARAMS and values(name)}
    for name in LIST_PARAMS:
        joined = [s.strip() for raw in values(name) for s in raw.split(",") if s.strip()]
        if joined:
            params[name] = ",".join(joined)
        elif values(name):
            params[name] = ""
    return params


def _parse_int(raw: str) -> int | None:
    raw = raw.strip()
    return int(raw) if re.fullmatch(r"\d{1,4}", raw) else None


def _one_of(choices: Iterable[str]) -> str:
    return gettext("must be one of: {choices}").format(choices=", ".join(choices))


def _read_conditions(params: Mapping[str, str], errors: dict[str, str]) -> frozenset[str] | None:
    raw, diagnosis = params.get("conditions"), params.get("diagnosis")
    if raw is not None and raw.strip() and diagnosis is not None:
        errors["conditions"] = gettext("give conditions or the older diagnosis, not both")
        return None
    if raw is not None and raw.strip():
        return frozenset(s.strip() for s in raw.split(",") if s.strip())
    if diagnosis is not None:
        mapped = DIAGNOSIS_CONDITIONS.get(diagnosis.strip())
        if mapped is None:
            errors["diagnosis"] = _one_of(DIAGNOSES)
        return mapped
    return None


def _read_yes_no(raw: str | None) -> bool | str | None:
    if raw is None or not raw.strip():
        return None
    word = raw.strip().lower()
    return True if word in _YES else False if word in _NO else word


def profile_from_params(params: Mapping[str, str]) -> Profile:
    """Read a profile back from query parameters; raises InputError naming bad fields.

    ``floor`` is required (a plan never guesses it). ``conditions`` (or the older
    ``diagnosis``) may be missing or empty: then nothing is known, the safe default.
    ``bending_worsens_leg_pain`` (1/0, true/false, yes/no), ``minutes``, ``pain`` and
    ``skip`` may be missing or empty. Other parameters are ignored.
    """
    errors: dict[str, str] = {}
    values: dict[str, Any] = {"floor": None, "conditions": None,
                              "bending_worsens_leg_pain": None, "minutes": None,
                              "pain": None, "skip": ()}
    floor = params.get("floor")
    if floor is None:
        errors["floor"] = gettext(
            "is missing: say 1 if you can get down to the floor and up, else 0")
    elif floor.strip() in ("0", "1"):
        values["floor"] = floor.strip() == "1"
    else:
        errors["floor"] = gettext("must be 1 (yes) or 0 (no)")
    values["conditions"] = _read_conditions(params, errors)
    values["bending_worsens_leg_pain"] = _read_yes_no(params.get("bending_worsens_leg_pain"))
    for name in ("minutes", "pain"):
        raw = params.get(name)
        if raw is None or not raw.strip():
            continue
        number = _parse_int(raw)
        if number is None:
            errors[name] = gettext("must be a whole number")
        else:
            values[name] = number
    raw_skip = params.get("skip") or ""
    values["skip"] = tuple(s.strip() for s in raw_skip.split(",") if s.strip())
    for field, message in profile_problems(**values).items():
        errors.setdefault(field, message)
    if errors:
        raise InputError(errors)
    return Profile(**values)


def conditions_from_diagnosis(diagnosis: str) -> frozenset[str]:
    """The set of conditions the older single answer means; InputError when unknown."""
    mapped = DIAGNOSIS_CONDITIONS.get(diagnosis)
    if mapped is None:
        raise InputError({"diagnosis": _one_of(DIAGNOSES)})
    return mapped
