"""A clinician's program: what it is (its versions) and who follows it (patient-programs).

A :class:`Program` is the handle that never changes — its share link (``share_key``) and
its short ``code`` — while each edit adds a :class:`ProgramVersion`; the patient always
sees the latest. What a version holds (title, note, days per week, the patient's
conditions, the items with their doses, notes and overrides) is checked by the core
(:mod:`backcare.prescribing`) before it is saved, and stored as that core's plain data.

A :class:`PatientProgram` is one device (or, once signed in, one person) that opened the
program after the red-flag screen. Its sessions count for the program only while
``sharing`` is on; the patient can turn it off at any time.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from backcare.accounts.models import Clinic


class Program(models.Model):
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="programs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="programs_made")
    share_key = models.CharField(max_length=64, unique=True, editable=False)
    code = models.CharField(max_length=8, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    #: Set by the clinician: no weekly-review suggestions change this program.
    locked = models.BooleanField(default=False)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"program {self.code}"


class ProgramVersion(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=120)
    note = models.TextField(max_length=2000, blank=True, default="")
    days_per_week = models.PositiveSmallIntegerField()
    conditions = models.JSONField(default=list, blank=True)
    #: [{exercise, hold_seconds, reps, sets, note, override}] as prescribing.ProgramItem
    items = models.JSONField(default=list)
    #: The clinician's name as patients see it, when this version was made.
    clinician_name = models.CharField(max_length=120)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("program", "-number")
        constraints = [
            models.UniqueConstraint(fields=("program", "number"), name="programs_one_number"),
            models.CheckConstraint(condition=Q(days_per_week__gte=1) & Q(days_per_week__lte=7),
                                   name="programs_days_1_7"),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"


class PatientProgram(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="patients")
    device = models.CharField(max_length=64, blank=True, default="")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             null=True, blank=True, related_name="patient_programs")
    accepted_at = models.DateTimeField()
    sharing = models.BooleanField(default=True)
    stopped_sharing_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-accepted_at",)
        constraints = [
            models.UniqueConstraint(fields=("program", "device"), condition=Q(user__isnull=True),
                                    name="programs_one_per_device"),
            models.UniqueConstraint(fields=("program", "user"), condition=Q(user__isnull=False),
                                    name="programs_one_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.program} for {self.user or self.device}"
