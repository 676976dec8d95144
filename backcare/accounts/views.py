"""/account/: who you are, your data (download it, delete it), and your API tokens.

Every page here is the signed-in person's own (``private, no-store``); nobody signed in is
sent to the sign-in page and back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backcare.accounts.erased_words import erased_lines, kept_line
from backcare.accounts.erasing import end_session, erase, what_would_go
from backcare.accounts.export import export_filename, export_text
from backcare.accounts.forms import TokenForm
from backcare.accounts.models import ApiToken
from backcare.accounts.roles import clinician_of
from backcare.accounts.tokens import make_token, revoke_by_id
from backcare.programs.models import PatientProgram, ProgramVersion
from backcare.site.personal import personal
from backcare.vocabulary import gettext

#: Where a clinician's own pages start, by the names they may have (first that exists).
CLINIC_PAGES = ("clinic:dashboard", "clinic:home", "clinic:programs")


@dataclass(frozen=True)
class OpenedProgram:
    title: str
    code: str
    sharing: bool
    link: str | None


def _url(name: str, *args: Any) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _clinic_page() -> str | None:
    for name in CLINIC_PAGES:
        found = _url(name)
        if found:
            return found
    return None


def _opened_programs(user: Any) -> list[OpenedProgram]:
    rows = PatientProgram.objects.filter(user=user).select_related("program").order_by(
        "-accepted_at")
    found = []
    for row in rows:
        version = ProgramVersion.objects.filter(program=row.program).order_by("-number").first()
        found.append(OpenedProgram(title=version.title if version else row.program.code,
                                   code=row.program.code, sharing=row.sharing,
                                   link=_url("shared:program", row.program.share_key)))
    return found


def role_text(user: Any) -> str:
    clinician = clinician_of(user)
    if clinician is not None:
        if clinician.is_admin:
            text = gettext("Clinician and admin at {clinic}").format(clinic=clinician.clinic.name)
        else:
            text = gettext("Clinician at {clinic}").format(clinic=clinician.clinic.name)
    else:
        text = gettext("Person")
    if user.is_staff:
        text = gettext("{role}; site administrator").format(role=text)
    return text


def _home(request: HttpRequest, new_token: str = "", token_form: TokenForm | None = None,
          status: int = 200) -> HttpResponse:
    user: Any = request.user  # signed in: every view here is login_required
    clinician = clinician_of(user)
    context = {
        "nav": "account",
        "email": user.email,
        "joined": user.date_joined,
        "role": role_text(user),
        "clinician": clinician,
        "clinic_page": _clinic_page() if clinician else None,
        "programs": _opened_programs(user),
        "tokens": ApiToken.objects.filter(user=user, revoked_at__isnull=True),
        "token_form": token_form or TokenForm(),
        "new_token": new_token,
        "mfa_url": _url("mfa_index"),
    }
    return render(request, "accounts/home.html", context, status=status)


@personal
@never_cache
@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return _home(request)


@personal
@never_cache
@login_required
@require_safe
def export_json(request: HttpRequest) -> HttpResponse:
    """The same document as GET /api/me/export, as a file to save."""
    body = export_text(request.user)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename()}"'
    return response


@personal
@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """GET asks, saying what would be erased; POST erases at once and says what was."""
    user: Any = request.user
    if request.method == "POST":
        counts = erase(user)
        end_session(request)
        return render(request, "accounts/deleted.html",
                      {"lines": erased_lines(counts), "kept": kept_line(counts)})
    counts = what_would_go(user)
    return render(request, "accounts/delete.html",
                  {"nav": "account", "lines": erased_lines(counts), "kept": kept_line(counts),
                   "email": user.email})


@personal
@never_cache
@login_required
@require_POST
def create_token(request: HttpRequest) -> HttpResponse:
    """A new token, shown on the page this once."""
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _home(request, token_form=form, status=422)
    _, secret = make_token(request.user, form.cleaned_data["label"].strip())
    return _home(request, new_token=secret)


@personal
@never_cache
@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    if revoke_by_id(request.user, token_id):
        messages.success(request, gettext("The token is revoked: it no longer works."))
    else:
        messages.info(request, gettext("That token was already revoked."))
    return HttpResponseRedirect(reverse("accounts:home") + "#tokens")
