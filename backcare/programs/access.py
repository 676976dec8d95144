"""The one access check for a clinician's programs, used by every clinic page and endpoint.

- :func:`clinician_or_404`: the signed-in clinician (browser session or API bearer token).
  Nobody signed in raises :class:`SignInNeeded` (pages send the person to sign in, the
  API answers 401); a signed-in person who is not a clinician raises ``Http404``.
- :func:`program_for`: a program of that clinician's clinic, else ``Http404``: a program
  of another clinic is not this clinician's to know of, so it looks the same as one that
  does not exist.

:func:`clinic_page` wraps a page view (sign-in redirect, private responses);
:func:`api_clinician` and :func:`api_program` are the API's form of the same checks
(401 and 404 in the API's own error shape).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponseBase
from django.views.decorators.cache import never_cache
from ninja.errors import HttpError

from backcare.accounts.access import person_or_401
from backcare.accounts.models import Clinician
from backcare.accounts.roles import clinician_of
from backcare.practice.owner import signed_in_user
from backcare.programs.models import Program
from backcare.site.personal import mark_personal
from backcare.vocabulary import gettext

#: Where the clinician found for a request is kept, so one request looks it up once.
_CLINICIAN_ATTRIBUTE = "_backcare_clinician"

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


class SignInNeeded(Exception):
    """Nobody is signed in on this request."""


def clinician_or_404(request: HttpRequest) -> Clinician:
    """The clinician signed in on this request; SignInNeeded for nobody, Http404 for a
    person who is not a clinician."""
    mark_personal(request)
    found: Clinician | None = getattr(request, _CLINICIAN_ATTRIBUTE, None)
    if found is not None:
        return found
    user = signed_in_user(request)
    if user is None:
        raise SignInNeeded
    clinician = clinician_of(user)
    if clinician is None:
        raise Http404("not a clinician")
    setattr(request, _CLINICIAN_ATTRIBUTE, clinician)
    return clinician


def program_for(request: HttpRequest, program_id: int) -> Program:
    """The program with this id, when the signed-in clinician works at its clinic."""
    clinician = clinician_or_404(request)
    program = (Program.objects.select_related("clinic")
               .filter(id=program_id, clinic_id=clinician.clinic_id).first())
    if program is None:
        raise Http404("no such program in this clinic")
    return program


def clinic_page(view: View) -> View:
    """A clinic page: never cached, private; nobody signed in is sent to sign in first."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        mark_personal(request)
        try:
            return view(request, *args, **kwargs)
        except SignInNeeded:
            return redirect_to_login(request.get_full_path())

    return never_cache(wrapped)  # type: ignore[return-value]


def api_clinician(request: HttpRequest) -> Clinician:
    """clinician_or_404 for the API: 401 for nobody signed in (the accounts' words), 404
    for a person."""
    person_or_401(request)
    try:
        return clinician_or_404(request)
    except Http404:
        raise HttpError(404, gettext("Only clinicians have programs here.")) from None


def api_program(request: HttpRequest, program_id: int) -> Program:
    """program_for for the API: 401 for nobody signed in, 404 for any program this
    clinician may not see."""
    person_or_401(request)
    try:
        return program_for(request, program_id)
    except Http404:
        raise HttpError(404, gettext("Your clinic has no program with that id.")) from None
