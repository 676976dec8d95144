"""The operators' admin for programs: each with its versions (read-only: a version is never
changed, an edit makes a new one) and the patient-programs that follow them."""

from __future__ import annotations

from django.contrib import admin

from backcare.programs.models import PatientProgram, Program, ProgramVersion


class VersionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ProgramVersion
    extra = 0
    can_delete = False
    fields = ("number", "title", "days_per_week", "conditions", "items", "clinician_name",
              "made_by", "created_at")
    readonly_fields = fields
    show_change_link = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "clinic", "created_by", "created_at", "locked")
    list_filter = ("clinic", "locked")
    search_fields = ("code", "versions__title")
    readonly_fields = ("share_key", "code", "created_at")
    inlines = (VersionInline,)


@admin.register(PatientProgram)
class PatientProgramAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("program", "user", "device", "accepted_at", "sharing", "stopped_sharing_at")
    list_filter = ("sharing",)
    search_fields = ("program__code",)
    raw_id_fields = ("program", "user")
