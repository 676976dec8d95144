"""What the person tells us about today, validated, plus its compact URL form.

A :class:`Profile` is frozen and checked when it is made: a bad field raises
:class:`~backcare.plans.errors.InputError` naming every field at fault. Skipped exercise
slugs are checked for their form here and against the library by the planner.

``profile_to_params`` / ``profile_from_params`` turn a profile into short query
parameters and back, so a plan's URL can carry the profile::

    floor=0&diagnosis=disc&minutes=10&pain=6&skip=bridge,cat-cow
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, cast

from backcare.plans.errors import InputError

DiagnosisChoice = Literal["none", "disc", "other"]
DIAGNOSES: tuple[DiagnosisChoice, ...] = ("none", "disc", "other")
DIAGNOSIS_LABELS: dict[str, str] = {
    "none": "no known diagnosis",
    "disc": "a disc problem",
    "other": "another specific back diagnosis (such as osteoporosis, a spinal fusion, "
             "recent back surgery or spondylolisthesis)",
}
MIN_MINUTES, MAX_MINUTES = 1, 120
MIN_PAIN, MAX_PAIN = 0, 10
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def profile_problems(
    floor: object, diagnosis: object, minutes: object, pain: object, skip: object
) -> dict[str, str]:
    """Every problem with these field values, as field -> message (empty when valid)."""
    errors: dict[str, str] = {}
    if not isinstance(floor, bool):
        errors["floor"] = "must say yes or no: can you get down to the floor and up again?"
    if diagnosis not in DIAGNOSES:
        errors["diagnosis"] = f"must be one of: {', '.join(DIAGNOSES)}"
    if minutes is not None and not (_is_int(minutes) and MIN_MINUTES <= minutes <= MAX_MINUTES):  # type: ignore[operator]
        errors["minutes"] = (f"must be a whole number of minutes from {MIN_MINUTES} to "
                             f"{MAX_MINUTES}, or left empty for no time limit")
    if pain is not None and not (_is_int(pain) and MIN_PAIN <= pain <= MAX_PAIN):  # type: ignore[operator]
        errors["pain"] = f"must be a whole number from {MIN_PAIN} to {MAX_PAIN}, or left empty"
    if isinstance(skip, (str, bytes)) or not isinstance(skip, Iterable):
        errors["skip"] = "must be a list of exercise names (slugs)"
    else:
        bad = sorted({str(s) for s in skip if not (isinstance(s, str) and _SLUG.match(s))})
        if bad:
            errors["skip"] = f"has names that are not exercise slugs: {', '.join(bad)}"
    return errors


@dataclass(frozen=True, kw_only=True)
class Profile:
    """One person's answers for today.

    ``floor``: can get down to the floor and back up. ``diagnosis``: "none", "disc" or
    "other". ``minutes``: time available, or None for no limit. ``pain``: 0-10, or None;
    it is recorded with the plan but does not change it. ``skip``: exercise slugs to
    leave out because they hurt, stored sorted and without repeats.
    """

    floor: bool
    diagnosis: DiagnosisChoice
    minutes: int | None = None
    pain: int | None = None
    skip: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        errors = profile_problems(self.floor, self.diagnosis, self.minutes, self.pain, self.skip)
        if errors:
            raise InputError(errors)
        object.__setattr__(self, "skip", tuple(sorted(set(cast(Iterable[str], self.skip)))))

    @property
    def budget_seconds(self) -> int | None:
        return None if self.minutes is None else self.minutes * 60


def profile_to_params(profile: Profile) -> dict[str, str]:
    """The profile as short query parameters; empty optional fields are left out."""
    params = {"floor": "1" if profile.floor else "0", "diagnosis": profile.diagnosis}
    if profile.minutes is not None:
        params["minutes"] = str(profile.minutes)
    if profile.pain is not None:
        params["pain"] = str(profile.pain)
    if profile.skip:
        params["skip"] = ",".join(profile.skip)
    return params


#: The query parameters that carry a profile (what profile_to_params writes).
PROFILE_PARAMS: tuple[str, ...] = ("floor", "diagnosis", "minutes", "pain", "skip")

#: A query string's values for one name, e.g. Django's ``QueryDict.getlist``.
QueryValues = Callable[[str], Sequence[str]]


def asks_for_plan(values: QueryValues) -> bool:
    """True when a query carries any profile parameter: it asks for a personal plan."""
    return any(values(name) for name in PROFILE_PARAMS)


def profile_params(values: QueryValues) -> dict[str, str]:
    """The profile's parameters in a query, ready for :func:`profile_from_params`.

    A repeated field counts by its last value; ``skip`` may be repeated (form check boxes)
    or comma-separated, and is joined into one comma list. Absent fields are left out.
    """
    params = {name: values(name)[-1] for name in PROFILE_PARAMS[:-1] if values(name)}
    skip = [s.strip() for raw in values("skip") for s in raw.split(",") if s.strip()]
    if skip:
        params["skip"] = ",".join(skip)
    return params


def _parse_int(raw: str) -> int | None:
    raw = raw.strip()
    return int(raw) if re.fullmatch(r"\d{1,4}", raw) else None


def profile_from_params(params: Mapping[str, str]) -> Profile:
    """Read a profile back from query parameters; raises InputError naming bad fields.

    ``floor`` and ``diagnosis`` are required (a plan must never guess them); ``minutes``,
    ``pain`` and ``skip`` may be missing or empty. Other parameters are ignored.
    """
    errors: dict[str, str] = {}
    values: dict[str, Any] = {"floor": None, "diagnosis": None, "minutes": None,
                              "pain": None, "skip": ()}
    floor = params.get("floor")
    if floor is None:
        errors["floor"] = "is missing: say 1 if you can get down to the floor and up, else 0"
    elif floor.strip() in ("0", "1"):
        values["floor"] = floor.strip() == "1"
    else:
        errors["floor"] = "must be 1 (yes) or 0 (no)"
    diagnosis = params.get("diagnosis")
    if diagnosis is None:
        errors["diagnosis"] = f"is missing: use one of {', '.join(DIAGNOSES)}"
    else:
        values["diagnosis"] = diagnosis.strip()
    for name in ("minutes", "pain"):
        raw = params.get(name)
        if raw is None or not raw.strip():
            continue
        number = _parse_int(raw)
        if number is None:
            errors[name] = "must be a whole number"
        else:
            values[name] = number
    raw_skip = params.get("skip") or ""
    values["skip"] = tuple(s.strip() for s in raw_skip.split(",") if s.strip())
    for field, message in profile_problems(**values).items():
        errors.setdefault(field, message)
    if errors:
        raise InputError(errors)
    return Profile(**values)
