"""The patient's side of a program: finding it by its link or code, and "my program".

One helper per owned object (docs: the access rules of issue #14):

- :func:`program_by_key` / :func:`program_by_code`: the program a share link or a typed
  code names, else 404 (an unknown key or code says nothing about any other).
- :func:`latest_version`: what the patient sees, always the newest version.
- :func:`patient_program_for`: this owner's patient-program of a program — the signed-in
  person's, else this device's (:func:`backcare.practice.owner.owner_of`) — or None.
- :func:`accept`: make the program this owner's (once; a second visit finds the first).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation

from backcare.practice.device import ensure_device
from backcare.practice.owner import Owner, owner_of
from backcare.prescribing import ProgramDraft, draft_from_data, normalize_code
from backcare.programs.models import PatientProgram, Program, ProgramVersion

#: Longer than any share key new_share_key makes; a longer one is not looked up.
LONGEST_KEY = 64


def program_by_key(share_key: str) -> Program:
    """The program whose share link ends in ``share_key``; Http404 if there is none."""
    if not share_key or len(share_key) > LONGEST_KEY:
        raise Http404("no such program")
    found = Program.objects.select_related("clinic").filter(share_key=share_key).first()
    if found is None:
        raise Http404("no such program")
    return found


def find_by_code(raw: str) -> Program | None:
    """The program a typed code names (any case, spaces and dashes allowed), else None."""
    code = normalize_code(raw or "")
    if code is None:
        return None
    return Program.objects.select_related("clinic").filter(code=code).first()


def program_by_code(raw: str) -> Program:
    """The program a code names; Http404 if it is not a code or names no program."""
    found = find_by_code(raw)
    if found is None:
        raise Http404("no such program")
    return found


def latest_version(program: Program) -> ProgramVersion:
    """The program's newest version (what every patient sees); Http404 if it has none."""
    version = program.versions.order_by("-number").first()
    if version is None:
        raise Http404("no such program")
    return version


def draft_of(version: ProgramVersion) -> ProgramDraft:
    """The program as this version holds it, as the core reads it."""
    return draft_from_data({"title": version.title, "note": version.note,
                            "days_per_week": version.days_per_week,
                            "conditions": version.conditions, "items": version.items})


def _mine(owner: Owner, program: Program) -> PatientProgram | None:
    if owner.user_id is not None:
        return PatientProgram.objects.filter(program=program, user_id=owner.user_id).first()
    if owner.device:
        return PatientProgram.objects.filter(program=program, device=owner.device,
                                             user__isnull=True).first()
    return None


def patient_program_for(request: HttpRequest, program: Program) -> PatientProgram | None:
    """This owner's patient-program of ``program`` (the person's, else this device's)."""
    return _mine(owner_of(request), program)


def accept(request: HttpRequest, response: HttpResponse,
           program: Program) -> tuple[PatientProgram, bool]:
    """Make ``program`` this owner's (the device cookie is set on ``response`` if this
    browser has none yet); the patient-program and whether it was made just now.
    Opening it again, or twice at once, never makes a second one."""
    device = ensure_device(request, response)
    owner = owner_of(request)
    owner = Owner(device=device, user_id=owner.user_id)
    found = _mine(owner, program)
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            made = PatientProgram.objects.create(program=program, device=device,
                                                 user_id=owner.user_id,
                                                 accepted_at=timezone.now())
    except IntegrityError:  # the same owner's other request made it first
        again = _mine(owner, program)
        if again is None:
            raise
        return again, False
    return made, True


def set_sharing(patient_program: PatientProgram, sharing: bool) -> None:
    """Stop sharing this patient-program's sessions with the clinic, or share them again."""
    if patient_program.sharing == sharing:
        return
    patient_program.sharing = sharing
    patient_program.stopped_sharing_at = None if sharing else timezone.now()
    patient_program.save(update_fields=["sharing", "stopped_sharing_at"])


def share_path(program: Program) -> str:
    """The program's page without a language prefix (``/p/<key>/``): what its link and its
    QR code hold, the same whoever made them and in whichever language."""
    with translation.override(None):
        return reverse("shared:program", args=[program.share_key])


def share_url(request: HttpRequest, program: Program) -> str:
    """The program's link as an absolute URL on this site."""
    return request.build_absolute_uri(share_path(program))
