"""/account/invite/ (a clinic's admins invite clinicians) and /account/join/<link>/."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from backcare.accounts.forms import InvitationForm
from backcare.accounts.invitations import JoinRefused, check_join, invitation_for, invite, join
from backcare.accounts.models import ClinicInvitation
from backcare.accounts.roles import clinician_of
from backcare.site.personal import personal
from backcare.vocabulary import gettext

#: How many of the clinic's latest invitations the page lists.
LISTED = 20


@personal
@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def invite_clinician(request: HttpRequest) -> HttpResponse:
    """A clinic admin's form; anybody else gets the site's 404."""
    clinician = clinician_of(request.user)
    if clinician is None or not clinician.is_admin:
        raise Http404("not a clinic admin")
    status = 200
    if request.method == "POST":
        form = InvitationForm(request.POST)
        if form.is_valid():
            sent = invite(request, clinician.clinic, form.cleaned_data["email"],
                          form.cleaned_data["as_admin"])
            messages.success(request, gettext("Invitation sent to {email}. The link in it "
                                              "works once.").format(email=sent.email))
            return HttpResponseRedirect(reverse("accounts:invite"))
        status = 422
    else:
        form = InvitationForm()
    invitations = ClinicInvitation.objects.filter(clinic=clinician.clinic).order_by(
        "-created_at")[:LISTED]
    return render(request, "accounts/invite.html",
                  {"nav": "account", "form": form, "clinic": clinician.clinic,
                   "invitations": invitations}, status=status)


@personal
@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def join_clinic(request: HttpRequest, secret: str) -> HttpResponse:
    """GET says which clinic and asks; POST joins. A link that opens nothing is a 404."""
    invitation = invitation_for(secret)
    if invitation is None:
        raise Http404("no such invitation")
    try:
        if request.method == "POST":
            clinician = join(invitation, request.user)
            messages.success(request, gettext("You are now a clinician at {clinic}.").format(
                clinic=clinician.clinic.name))
            return HttpResponseRedirect(reverse("accounts:home"))
        check_join(invitation, request.user)
    except JoinRefused as refused:
        return render(request, "accounts/join.html",
                      {"nav": "account", "clinic": invitation.clinic, "refused": refused.message},
                      status=403)
    return render(request, "accounts/join.html",
                  {"nav": "account", "clinic": invitation.clinic, "as_admin": invitation.as_admin,
                   "secret": secret})
