"""The operators' admin: clinics with their clinicians, invitations and API tokens.

Secrets are never shown: a token's or an invitation's digest is read-only, and neither can
be made here (the account page and ``POST /api/auth/token`` make tokens; a clinic admin's
/account/invite/ sends invitations, by e-mail).

Operators sign in to the admin through the site's own sign-in (allauth: the lockout and
two-factor sign-in apply), never through a second, weaker form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone

from backcare.accounts.models import ApiToken, Clinic, Clinician, ClinicInvitation

if TYPE_CHECKING:  # django-stubs' generic admin classes; plain classes at run time
    ClinicianInlineBase = admin.TabularInline[Clinician, Clinic]
    ClinicAdminBase = admin.ModelAdmin[Clinic]
    ClinicianAdminBase = admin.ModelAdmin[Clinician]
    InvitationAdminBase = admin.ModelAdmin[ClinicInvitation]
    TokenAdminBase = admin.ModelAdmin[ApiToken]
else:
    ClinicianInlineBase = admin.TabularInline
    ClinicAdminBase = ClinicianAdminBase = InvitationAdminBase = TokenAdminBase = admin.ModelAdmin

admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]


class ClinicianInline(ClinicianInlineBase):
    model = Clinician
    extra = 0
    fields = ("user", "display_name", "is_admin", "joined_at")
    readonly_fields = ("joined_at",)
    raw_id_fields = ("user",)


@admin.register(Clinic)
class ClinicAdmin(ClinicAdminBase):
    list_display = ("name", "clinician_count", "created_at")
    search_fields = ("name",)
    inlines = (ClinicianInline,)

    @admin.display(description="clinicians")
    def clinician_count(self, clinic: Clinic) -> int:
        return clinic.clinicians.count()


@admin.register(Clinician)
class ClinicianAdmin(ClinicianAdminBase):
    list_display = ("__str__", "user", "clinic", "is_admin", "joined_at")
    list_filter = ("clinic", "is_admin")
    search_fields = ("user__email", "display_name", "clinic__name")
    raw_id_fields = ("user",)
    readonly_fields = ("joined_at",)


@admin.register(ClinicInvitation)
class ClinicInvitationAdmin(InvitationAdminBase):
    list_display = ("email", "clinic", "as_admin", "invited_by", "created_at", "accepted_at")
    list_filter = ("clinic", "as_admin")
    search_fields = ("email", "clinic__name")
    readonly_fields = ("digest", "invited_by", "created_at", "accepted_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # an invitation is a link by e-mail: a clinic admin sends it


@admin.action(description="Revoke the selected tokens")
def revoke_tokens(modeladmin: Any, request: HttpRequest, queryset: Any) -> None:
    queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


@admin.register(ApiToken)
class ApiTokenAdmin(TokenAdminBase):
    list_display = ("__str__", "user", "label", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("user__email", "label")
    readonly_fields = ("user", "digest", "created_at", "last_used_at")
    fields = ("user", "label", "digest", "created_at", "last_used_at", "revoked_at")
    actions = (revoke_tokens,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a token is made where it can be shown once: the account page, the API
