"""The program builder's form, as the server reads and redraws it (it works without script).

The form posts to its own page. Its one ``action`` button says what to do: ``save``;
``add:<slug>``, ``remove:<i>``, ``up:<i>``, ``down:<i>`` (change the list and show the
builder again, nothing saved); ``find`` (filter the library list). With script
(``builder.js``) the same buttons act in the page and only ``save`` posts.

Fields: ``title``, ``note``, ``days_per_week``, ``conditions`` (repeated), and per
exercise ``items-<i>-exercise``, ``-hold_seconds``, ``-reps``, ``-sets``, ``-note``,
``-override``. A dose left empty is the exercise's own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext

from backcare.content import Library
from backcare.prescribing import ProgramDraft, check_program, item_with_defaults
from backcare.programs.models import ProgramVersion
from backcare.programs.patient_access import draft_of

#: The most item rows read from a post (the core allows 20; more is reported, not read).
MAX_ROWS = 40
DOSE_FIELDS = ("hold_seconds", "reps", "sets")
#: A program's days a week when the builder opens.
DEFAULT_DAYS = 3
MAX_TEXT = 5000


@dataclass
class ItemRow:
    """One exercise row as typed (the doses as text, to show back what was typed)."""

    exercise: str
    hold_seconds: str = ""
    reps: str = ""
    sets: str = ""
    note: str = ""
    override: bool = False


@dataclass
class BuilderForm:
    title: str = ""
    note: str = ""
    days_per_week: str = str(DEFAULT_DAYS)
    conditions: list[str] = field(default_factory=list)
    items: list[ItemRow] = field(default_factory=list)
    action: str = ""

    @classmethod
    def from_version(cls, version: ProgramVersion) -> BuilderForm:
        draft = draft_of(version)
        return cls(title=draft.title, note=draft.note, days_per_week=str(draft.days_per_week),
                   conditions=list(draft.conditions),
                   items=[ItemRow(i.exercise, str(i.hold_seconds), str(i.reps), str(i.sets),
                                  i.note, i.override) for i in draft.items])

    @classmethod
    def from_post(cls, post: QueryDict) -> BuilderForm:
        def text(name: str) -> str:
            return str(post.get(name, ""))[:MAX_TEXT]

        items = []
        for i in range(MAX_ROWS):
            exercise = text(f"items-{i}-exercise").strip()
            if not exercise:
                break
            items.append(ItemRow(exercise=exercise[:120],
                                 hold_seconds=text(f"items-{i}-hold_seconds").strip(),
                                 reps=text(f"items-{i}-reps").strip(),
                                 sets=text(f"items-{i}-sets").strip(),
                                 note=text(f"items-{i}-note"),
                                 override=post.get(f"items-{i}-override") == "1"))
        conditions = [str(c)[:80] for c in post.getlist("conditions")[:20]]
        return cls(title=text("title"), note=text("note"),
                   days_per_week=text("days_per_week").strip(), conditions=conditions,
                   items=items, action=text("action"))

    def change(self, library: Library) -> bool:
        """Do what ``action`` asks of the list; False when it asks to save (or nothing)."""
        verb, _, arg = self.action.partition(":")
        if verb == "add":
            found = library.exercises.get(arg)
            if found is not None:
                self.items.append(ItemRow(
                    exercise=arg, hold_seconds=str(found.dose.hold_seconds),
                    reps=str(found.dose.reps), sets=str(found.dose.sets)))
            return True
        if verb in ("remove", "up", "down"):
            index = int(arg) if arg.isdigit() else -1
            if 0 <= index < len(self.items):
                if verb == "remove":
                    del self.items[index]
                else:
                    other = index - 1 if verb == "up" else index + 1
                    if 0 <= other < len(self.items):
                        self.items[index], self.items[other] = self.items[other], self.items[index]
            return True
        return verb == "find"

    def checked(self, library: Library) -> tuple[ProgramDraft, dict[str, str]]:
        """The draft as typed and everything wrong with it (field path -> message)."""
        errors: dict[str, str] = {}
        days = _whole(self.days_per_week)
        if days is None:
            errors["days_per_week"] = gettext("must be a whole number of days from 1 to 7")
        items = []
        for i, row in enumerate(self.items):
            doses: dict[str, Any] = {}
            for name in DOSE_FIELDS:
                raw = getattr(row, name)
                value = _whole(raw) if raw else None
                if raw and value is None:
                    errors[f"items.{i}.{name}"] = gettext("must be a whole number")
                doses[name] = value
            items.append(item_with_defaults(library, row.exercise, note=row.note,
                                            override=row.override, **doses))
        draft = ProgramDraft(title=self.title, note=self.note, days_per_week=days or 0,
                             conditions=tuple(self.conditions), items=tuple(items))
        found = check_program(library, draft)
        return draft, {**found, **errors}


def _whole(raw: str) -> int | None:
    text = raw.strip()
    if text.lstrip("-").isdigit() and len(text) <= 6:
        return int(text)
    return None


def field_errors(errors: Mapping[str, str]) -> dict[str, str]:
    """The errors keyed as the form's fields are named ("items.2.reps" -> "items-2-reps")."""
    return {path.replace(".", "-"): message for path, message in errors.items()}
