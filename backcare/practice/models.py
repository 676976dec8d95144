"""The session log: one row each time someone follows a routine (or a plan) in a player.

``device`` is a random id kept in a cookie on the browser (see
:mod:`backcare.practice.device`) or in var/cli-device for the terminal player, so a device
sees its own history and nobody else's. Once a person signs in, the device's rows are
claimed into their account (``user``) and from then on belong to the person, on any
device (:mod:`backcare.practice.owner`). A session of a clinician's program names its
patient-program and the version followed. The id of a session is made
by the client, which makes saving idempotent: a retried save finds the row already there.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

PAIN_MIN, PAIN_MAX = 0, 10


class Feeling(models.TextChoices):
    BETTER = "better", "Better"
    SAME = "same", "About the same"
    WORSE = "worse", "Worse"
    UNSAID = "", "Not said"


class PracticeSession(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    device = models.CharField(max_length=64)  # indexed by practice_device_recent
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True,
                             blank=True, related_name="practice_sessions")
    #: "" for a session of a clinician's program (see patient_program)
    routine = models.SlugField(max_length=120, blank=True)
    patient_program = models.ForeignKey("programs.PatientProgram", on_delete=models.SET_NULL,
                                        null=True, blank=True, related_name="sessions")
    program_version = models.PositiveIntegerField(null=True, blank=True)
    plan = models.CharField(max_length=500, blank=True, default="",
                            help_text="the profile as a query string; blank for the plain routine")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField()
    pain_before = models.PositiveSmallIntegerField()
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True)
    feeling = models.CharField(max_length=6, choices=Feeling.choices, blank=True, default="")
    steps_done = models.PositiveIntegerField()
    steps_total = models.PositiveIntegerField()
    stopped_for_pain = models.BooleanField(default=False)
    painful_exercise = models.SlugField(
        max_length=120, blank=True, default="", db_default="",  # rows written before it: ""
        help_text="after a stop for pain: the exercise that hurt; blank when not said")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-started_at", "-created_at")
        indexes = [models.Index(fields=("device", "-started_at"), name="practice_device_recent")]
        # (user, ...) is indexed by its foreign key; a person's sessions are few.
        constraints = [
            models.CheckConstraint(
                condition=Q(pain_before__gte=PAIN_MIN) & Q(pain_before__lte=PAIN_MAX),
                name="practice_pain_before_0_10",
            ),
            models.CheckConstraint(
                condition=Q(pain_after__isnull=True)
                | (Q(pain_after__gte=PAIN_MIN) & Q(pain_after__lte=PAIN_MAX)),
                name="practice_pain_after_0_10",
            ),
            models.CheckConstraint(
                condition=Q(steps_done__lte=models.F("steps_total")),
                name="practice_steps_done_within_total",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__gte=models.F("started_at")),
                name="practice_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(feeling__in=[c.value for c in Feeling]),
                name="practice_feeling_known",
            ),
            models.CheckConstraint(
                condition=Q(painful_exercise="") | Q(stopped_for_pain=True),
                name="practice_painful_only_when_stopped",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.routine} at {self.started_at:%Y-%m-%d %H:%M} ({self.device})"

    @property
    def seconds(self) -> int:
        return max(0, int((self.ended_at - self.started_at).total_seconds()))

    @property
    def completed(self) -> bool:
        return self.steps_done == self.steps_total and not self.stopped_for_pain


class PainfulExercise(models.Model):
    """On this device (or for this person, once signed in), this exercise hurt: it is left
    out of the next plans of any routine until the person includes it again. One row per
    device and exercise (per person and exercise once claimed); a new stop for
    the same exercise moves ``hurt_at`` on and clears ``included_again_at``."""

    device = models.CharField(max_length=64)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True,
                             blank=True, related_name="painful_marks")
    exercise = models.SlugField(max_length=120)
    session = models.ForeignKey(PracticeSession, on_delete=models.CASCADE,
                                related_name="painful_marks")
    hurt_at = models.DateTimeField()
    included_again_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("device", "exercise"), condition=Q(user__isnull=True),
                                    name="practice_one_mark_per_exercise"),
            models.UniqueConstraint(fields=("user", "exercise"), condition=Q(user__isnull=False),
                                    name="practice_one_mark_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.exercise} hurt at {self.hurt_at:%Y-%m-%d} ({self.device})"

    @property
    def active(self) -> bool:
        return self.included_again_at is None
