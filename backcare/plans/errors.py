"""The two ways a request for a plan can fail.

:class:`InputError` means something the person (or a URL) sent is not valid; it carries
one plain message per field, so a web form or API can answer 422 and point at the field.
:class:`PlanError` means the input is fine but no safe plan can be made from it, for
example when the time given is shorter than the shortest plan the routine allows.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backcare.plans.plan import Change


class InputError(ValueError):
    """Invalid input: ``errors`` maps each field name to what is wrong with it."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        if not errors:
            raise ValueError("InputError needs at least one field error")
        self.errors: Mapping[str, str] = MappingProxyType(dict(sorted(errors.items())))
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors.items()))


class PlanError(Exception):
    """No plan can be made. ``message`` is written for the person, not for a developer.

    ``minimum_seconds`` is set when the time budget is the problem: it is the length of
    the shortest plan the routine allows. ``changes`` lists what was left out and why,
    when leaving things out is what emptied the plan.
    """

    def __init__(
        self,
        message: str,
        *,
        minimum_seconds: int | None = None,
        changes: tuple[Change, ...] = (),
    ) -> None:
        self.message = message
        self.minimum_seconds = minimum_seconds
        self.changes = changes
        super().__init__(message)
