"""Saving a clinician's program: the first version with a new code and share link, or a
new version of one that exists (its code and link never change).

Both check the draft with the core (:func:`backcare.prescribing.check_program`) first and
raise :class:`ProgramRefused` with every field at fault; nothing is written then. Codes and
share keys are random (:func:`~backcare.prescribing.new_code`,
:func:`~backcare.prescribing.new_share_key`); on the rare clash with one already given out
the database refuses it (unique columns) and a fresh pair is drawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import IntegrityError, transaction
from django.db.models import Max

from backcare.accounts.models import Clinician
from backcare.content import Library
from backcare.prescribing import ProgramDraft, check_program, draft_to_data, new_code, new_share_key
from backcare.programs.models import Program, ProgramVersion
from backcare.site.database import sqlite_write_lock

#: Fresh codes tried before giving up (with 25^8 codes a second clash is all but impossible).
ATTEMPTS = 5


class ProgramRefused(Exception):
    """The draft has problems: field path -> message, in the current language."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = dict(errors)


def _checked(library: Library, draft: ProgramDraft) -> None:
    errors = check_program(library, draft)
    if errors:
        raise ProgramRefused(errors)


def _add_version(program: Program, clinician: Clinician, draft: ProgramDraft,
                 number: int) -> ProgramVersion:
    data = draft_to_data(draft)
    return ProgramVersion.objects.create(
        program=program, number=number, title=data["title"], note=data["note"],
        days_per_week=data["days_per_week"], conditions=data["conditions"],
        items=data["items"], clinician_name=clinician.name[:120], made_by=clinician.user,
    )


def create_program(library: Library, clinician: Clinician, draft: ProgramDraft) -> Program:
    """A new program of the clinician's clinic, at version 1; ProgramRefused if the draft
    has problems."""
    _checked(library, draft)
    for attempt in range(ATTEMPTS):
        try:
            with sqlite_write_lock(), transaction.atomic():
                program = Program.objects.create(
                    clinic=clinician.clinic, created_by=clinician.user,
                    share_key=new_share_key(), code=new_code(),
                )
                _add_version(program, clinician, draft, 1)
                return program
        except IntegrityError:
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def update_program(library: Library, program: Program, clinician: Clinician,
                   draft: ProgramDraft) -> ProgramVersion:
    """The program's next version; ProgramRefused if the draft has problems."""
    _checked(library, draft)
    with sqlite_write_lock(), transaction.atomic():
        # The program's row is locked, so two edits at once get numbers one after the other.
        Program.objects.select_for_update().filter(pk=program.pk).first()
        last = program.versions.aggregate(last=Max("number"))["last"] or 0
        return _add_version(program, clinician, draft, last + 1)


def latest_versions(programs: Iterable[Program]) -> dict[int, ProgramVersion]:
    """Each program's latest version, by program id, in one query."""
    ids = [program.pk for program in programs]
    found: dict[int, ProgramVersion] = {}
    for version in ProgramVersion.objects.filter(program_id__in=ids).order_by("program_id",
                                                                              "-number"):
        found.setdefault(version.program_id, version)
    return found


def latest_version(program: Program) -> ProgramVersion:
    """The version patients see now (every program has at least one)."""
    version: ProgramVersion = program.versions.order_by("-number").first()  # type: ignore[assignment]
    return version
