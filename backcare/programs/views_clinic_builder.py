"""/clinic/programs/new/ and /clinic/programs/<id>/edit/: the program builder.

A plain form that works without script (:mod:`backcare.programs.views_clinic_form`);
``builder.js`` makes the same page act at once: search and filter the library, add,
remove, move and drag exercises, and warn as conditions are ticked. What it needs comes
in the page as data (``builder-data``): each exercise's name, dose, bounds and whether it
is held, and for every combination of conditions the exercises they leave out and why,
all worked out here by the core (:func:`backcare.prescribing.excluded_by`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods

from backcare.accounts.models import Clinician
from backcare.catalogue import labels
from backcare.catalogue.library import get_library
from backcare.content import ExerciseFilter, Library
from backcare.content.rules_schema import OTHER
from backcare.content.schema import Exercise
from backcare.prescribing import DoseBounds, dose_bounds, excluded_by
from backcare.prescribing.program import MAX_ITEMS
from backcare.programs.access import clinic_page, clinician_or_404, program_for
from backcare.programs.models import Program
from backcare.programs.saving import ProgramRefused, create_program, latest_version, update_program
from backcare.programs.views_clinic_form import BuilderForm, ItemRow, field_errors
from backcare.vocabulary import current

FIELD_NAMES = {"hold_seconds", "reps", "sets", "note", "override", "exercise"}


def condition_choices(library: Library) -> list[tuple[str, str, str]]:
    """(slug, label, description) of each condition a clinician can tick, in order."""
    found = [(c.slug, c.label, c.description) for c in library.rules.conditions]
    found.append((OTHER, gettext("Another condition, not listed here"),
                  gettext("Every listed condition's rules then apply.")))
    return found


#: The digits of the exclusion table: "0" is "not left out", the others number the reasons.
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _digits(number: int, width: int) -> str:
    text = ""
    for _ in range(width):
        number, digit = divmod(number, len(DIGITS))
        text = DIGITS[digit] + text
    return text


def exclusion_table(library: Library) -> dict[str, Any]:
    """What every combination of tickable conditions leaves out, and why, compactly.

    ``left_out[mask]`` is for the conditions whose bits are set in ``mask`` (bit i:
    ``conditions[i]``): ``width`` digits per exercise of ``slugs``, 0 for kept, else the
    number of its reason in ``whys`` plus one (base 62)."""
    names = [slug for slug, _, _ in condition_choices(library)]
    slugs = list(library.exercises)
    found = [excluded_by(library, [n for i, n in enumerate(names) if mask >> i & 1])
             for mask in range(2 ** len(names))]
    whys = list(dict.fromkeys(why for left_out in found for why in left_out.values()))
    number = {why: i + 1 for i, why in enumerate(whys)}
    width = 1
    while len(DIGITS) ** width <= len(whys):
        width += 1
    table = ["".join(_digits(number.get(left_out.get(slug, ""), 0), width) for slug in slugs)
             for left_out in found]
    return {"conditions": names, "slugs": slugs, "whys": whys, "width": width,
            "digits": DIGITS, "left_out": table}


def _bounds(bounds: DoseBounds) -> dict[str, list[int]]:
    return {name: list(bounds.of(name)) for name in ("hold_seconds", "reps", "sets")}


#: builder_data by (content hash, language): the same for every page until the content changes.
_MADE: dict[tuple[str, str], dict[str, Any]] = {}


def builder_data(library: Library) -> dict[str, Any]:
    """What builder.js needs to draw a row and warn, as the page's JSON data."""
    key = (library.content_hash, current())
    if library.content_hash and key in _MADE:
        return _MADE[key]
    made = _builder_data(library)
    if library.content_hash:
        _MADE[key] = made
    return made


def _builder_data(library: Library) -> dict[str, Any]:
    exercises = {
        slug: {"name": ex.name, "action": ex.hold_or_move, "per_side": ex.per_side,
               "dose": {"hold_seconds": ex.dose.hold_seconds, "reps": ex.dose.reps,
                        "sets": ex.dose.sets},
               "bounds": _bounds(dose_bounds(library, slug))}
        for slug, ex in library.exercises.items()
    }
    return {"exercises": exercises, **exclusion_table(library), "max_items": MAX_ITEMS}


@dataclass(frozen=True)
class RowView:
    """One exercise row of the builder, ready to draw."""

    index: int
    row: ItemRow
    exercise: Exercise | None
    bounds: dict[str, list[int]] | None
    left_out_why: str
    errors: dict[str, str]

    @property
    def name(self) -> str:
        return self.exercise.name if self.exercise else self.row.exercise


@dataclass(frozen=True)
class LibraryEntry:
    exercise: Exercise
    areas: str
    shown: bool
    left_out_why: str


def _filters(request: HttpRequest) -> dict[str, str]:
    source = request.POST if request.method == "POST" else request.GET
    chosen = {"q": " ".join(str(source.get("q", "")).split())[:100]}
    for name, allowed in (("body_area", labels.BODY_AREAS), ("position", labels.POSITIONS)):
        value = str(source.get(name, ""))
        chosen[name] = value if value in allowed else ""
    return chosen


def builder_context(library: Library, form: BuilderForm, errors: dict[str, str],
                    filters: dict[str, str]) -> dict[str, Any]:
    left_out = excluded_by(library, form.conditions)
    fields = field_errors(errors)
    rows = []
    for i, row in enumerate(form.items):
        exercise = library.exercises.get(row.exercise)
        own = {name: fields[f"items-{i}-{name}"] for name in FIELD_NAMES
               if f"items-{i}-{name}" in fields}
        if f"items-{i}" in fields:
            own["exercise"] = fields[f"items-{i}"]
        rows.append(RowView(i, row, exercise,
                            _bounds(dose_bounds(library, row.exercise)) if exercise else None,
                            left_out.get(row.exercise, ""), own))
    query = ExerciseFilter(position=filters["position"], body_area=filters["body_area"],
                           text=filters["q"])
    shown = {ex.slug for ex in library.find_exercises(query)}
    entries = [LibraryEntry(ex, ", ".join(labels.BODY_AREAS[a] for a in ex.body_areas),
                            ex.slug in shown, left_out.get(ex.slug, ""))
               for ex in library.find_exercises(ExerciseFilter())]
    return {
        "form": form, "rows": rows, "errors": fields, "problems": _problems(fields, rows),
        # Not errors.items in the template: that is the dict's items method.
        "items_error": fields.get("items", ""),
        "conditions": condition_choices(library), "library": entries,
        "shown_count": len(shown), "filters": filters,
        "body_areas": labels.BODY_AREAS, "positions": labels.POSITIONS,
        "data": builder_data(library), "words": builder_words(),
        "template_row": {"index": "__i__", "row": ItemRow(exercise=""), "name": "",
                         "exercise": None, "bounds": None, "left_out_why": "", "errors": {}},
    }


def builder_words() -> dict[str, str]:
    """What builder.js says, in the page's language."""
    return {
        "added": gettext("{name} added to the program."),
        "removed": gettext("{name} removed from the program."),
        "moved_up": gettext("{name} moved up, to number {position}."),
        "moved_down": gettext("{name} moved down, to number {position}."),
        "moved": gettext("{name} moved to number {position}."),
        "shown_one": ngettext("{count} exercise shown", "{count} exercises shown", 1),
        "shown_other": ngettext("{count} exercise shown", "{count} exercises shown", 2),
        "full": gettext("A program holds at most {count} exercises."),
    }


def _problems(fields: dict[str, str], rows: list[RowView]) -> list[dict[str, str]]:
    """The error summary: each problem with the field it links to and a readable name."""
    names = {"title": gettext("Title"), "note": gettext("Note for the patient"),
             "days_per_week": gettext("Days a week"), "conditions": gettext("Conditions"),
             "items": gettext("Exercises")}
    anchors = {"title": "f-title", "note": "f-note", "days_per_week": "f-days",
               "conditions": "f-conditions", "items": "builder-items"}
    field_labels = {"hold_seconds": gettext("seconds"), "reps": gettext("repetitions"),
                    "sets": gettext("sets"), "note": gettext("note on the exercise"),
                    "override": gettext("left out for these conditions"),
                    "exercise": gettext("exercise")}
    found = []
    for key, message in fields.items():
        parts = key.split("-")
        if key in names:
            found.append({"anchor": anchors[key], "label": names[key], "message": message})
        elif len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) < len(rows):
            row = rows[int(parts[1])]
            what = parts[2] if len(parts) > 2 else "exercise"
            anchor = key if what in ("hold_seconds", "reps", "sets", "note", "override") \
                else f"items-{row.index}"
            found.append({"anchor": anchor, "message": message,
                          "label": gettext("{exercise}, {field}").format(
                              exercise=row.name, field=field_labels.get(what, what))})
    return found


def _builder(request: HttpRequest, clinician: Clinician, form: BuilderForm,
             program: Program | None) -> HttpResponse:
    library = get_library()
    errors: dict[str, str] = {}
    if request.method == "POST" and not form.change(library):
        draft, errors = form.checked(library)
        if not errors:
            try:
                if program is None:
                    program = create_program(library, clinician, draft)
                    number = 1
                else:
                    number = update_program(library, program, clinician, draft).number
            except ProgramRefused as refused:
                errors = refused.errors
            else:
                target = reverse("clinic:program", args=[program.pk])
                return HttpResponseRedirect(f"{target}?saved={number}")
    context = builder_context(library, form, errors, _filters(request))
    context.update({"program": program, "nav": "clinic",
                    "action": (reverse("clinic:edit_program", args=[program.pk]) if program
                               else reverse("clinic:new_program"))})
    return render(request, "programs/clinic/builder.html", context,
                  status=400 if errors else 200)


@clinic_page
@require_http_methods(["GET", "HEAD", "POST"])
def new_program(request: HttpRequest) -> HttpResponse:
    clinician = clinician_or_404(request)
    form = BuilderForm.from_post(request.POST) if request.method == "POST" else BuilderForm()
    return _builder(request, clinician, form, None)


@clinic_page
@require_http_methods(["GET", "HEAD", "POST"])
def edit_program(request: HttpRequest, program_id: int) -> HttpResponse:
    program = program_for(request, program_id)
    clinician = clinician_or_404(request)
    form = (BuilderForm.from_post(request.POST) if request.method == "POST"
            else BuilderForm.from_version(latest_version(program)))
    return _builder(request, clinician, form, program)
