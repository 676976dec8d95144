"""What goes on a clinician's program's worksheet: :class:`ProgramSheet` (plain Python).

The program as this patient plays it (:func:`backcare.prescribing.program_play`): each
exercise at its dose with the clinician's note, "Your therapist chose this for you." where
the clinician chose it on purpose, what is left out for now (it hurt last time) and why;
who made it, where, when it was last updated and the clinician's note; the program's code
and the QR code of its link (given as the module matrix, so this module needs neither
Django nor the QR library); and the short disclaimer and the "Get help now if…" box of
every question (a program is no one routine, so every warning sign is listed).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from backcare.content import Library
from backcare.content.schema import Exercise
from backcare.plans import UrgentHelp, routine_urgent_help
from backcare.playscript import build_script
from backcare.prescribing import ProgramDraft, chosen_text, program_play
from backcare.vocabulary import gettext, ngettext
from backcare.worksheets import wording


@dataclass(frozen=True)
class ProgramSheetItem:
    number: int
    exercise: Exercise
    dose: str        # "Hold 30 s · 3 times · each side"
    note: str        # the clinician's note for it ("" if none)
    chosen: str      # "Your therapist chose this for you." or ""
    caution: str = ""  # what the patient's conditions ask them to take care with


@dataclass(frozen=True)
class ProgramSheet:
    title: str
    subtitle: str                 # "Total time 5 min 29 s · 6 exercises"
    made_by: str                  # "From Carol, Clinic North · updated on 3 March 2026"
    days: str                     # "Aim for 3 days a week."
    note: str                     # the clinician's note
    note_heading: str             # "A note from Carol"
    items: tuple[ProgramSheetItem, ...]
    left_out: tuple[str, ...]     # "Bridge: it hurt last time (3 March) ..."
    advice: tuple[str, ...]       # what to keep in mind for the patient's conditions
    code: str                     # "ACDE-FGHJ"
    url: str                      # the program's link
    code_page: str                # where a code is typed (/p/ on this site)
    qr: tuple[tuple[bool, ...], ...]  # the link's QR code, dark modules True, no border
    disclaimer: str
    urgent_help: UrgentHelp
    total_seconds: int


def program_sheet(library: Library, draft: ProgramDraft, *, clinician: str, clinic: str,
                  updated: str, code: str, url: str, code_page: str,
                  qr: tuple[tuple[bool, ...], ...],
                  hurt: Mapping[str, date] | None = None) -> ProgramSheet:
    """The worksheet of ``draft`` as this patient plays it (less what hurt, given ``hurt``).
    ``updated`` is the day of the latest version, already written out in the sheet's
    language. Raises PlanError when nothing is left to play."""
    play = program_play(library, draft, hurt)
    out = {o.exercise for o in play.left_out}
    cautions = {change.exercise: change.reason for change in play.cautions}
    played = iter(play.items)
    items: list[ProgramSheetItem] = []
    for item in draft.items:  # program_play keeps these, in this order, at these doses
        if item.exercise not in library.exercises or item.exercise in out:
            continue
        dosed = next(played)
        items.append(ProgramSheetItem(
            number=len(items) + 1, exercise=dosed.exercise,
            dose=wording.dose_text(dosed.dose, dosed.exercise), note=item.note,
            chosen=chosen_text() if item.override else "",
            caution=cautions.get(dosed.exercise.slug, "")))
    names = {slug: ex.name for slug, ex in library.exercises.items()}
    total = build_script(play.timeline).total_seconds
    return ProgramSheet(
        title=draft.title,
        subtitle=ngettext("Total time {duration} · {count} exercise",
                          "Total time {duration} · {count} exercises", len(items)).format(
            duration=wording.format_duration(total), count=len(items)),
        made_by=gettext("From {clinician}, {clinic} · updated on {date}").format(
            clinician=clinician, clinic=clinic, date=updated),
        days=ngettext("Aim for {count} day a week.", "Aim for {count} days a week.",
                      draft.days_per_week).format(count=draft.days_per_week),
        note=draft.note,
        note_heading=gettext("A note from {clinician}").format(clinician=clinician),
        items=tuple(items),
        left_out=tuple(gettext("{exercise}: {reason}").format(
            exercise=names.get(o.exercise, o.exercise), reason=o.why) for o in play.left_out),
        advice=play.advice,
        code=code,
        url=url,
        code_page=code_page,
        qr=qr,
        disclaimer=library.site.disclaimer_short,
        urgent_help=routine_urgent_help(library, None),
        total_seconds=total,
    )
