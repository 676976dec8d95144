"""What a person creates about their outcomes: measures taken, weekly-review decisions,
a weekly goal and a reminders feed.

Every row belongs to a device (anonymous) or, once signed in, a person (``user``), exactly
like the session log: read and write them through
:meth:`backcare.practice.owner.Owner.rows`. Signing in claims a device's rows
(:mod:`backcare.practice.claiming`); deleting an account deletes them (``CASCADE``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class Owned(models.Model):
    """A device's row, or a person's once claimed (``user`` set)."""

    device = models.CharField(max_length=64, blank=True, default="")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True,
                             blank=True, related_name="+")

    class Meta:
        abstract = True


class MeasureResponse(Owned):
    """One completed questionnaire (``measure`` is a file in content/measures/)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    measure = models.SlugField(max_length=40)
    #: item id -> answer, as the core's scoring checked it (PSFS: item id -> {activity, rating})
    answers = models.JSONField()
    score = models.FloatField()
    subscale = models.PositiveSmallIntegerField(null=True, blank=True)
    stratum = models.CharField(max_length=10, blank=True, default="")
    taken_at = models.DateTimeField()

    class Meta:
        ordering = ("taken_at",)
        indexes = [models.Index(fields=("device", "measure", "taken_at"),
                                name="progress_measure_device")]

    def __str__(self) -> str:
        return f"{self.measure} {self.score} at {self.taken_at:%Y-%m-%d}"


class Change(models.TextChoices):
    SWAP = "swap", "Swap for a gentler exercise"
    FEWER_REPS = "fewer-reps", "Fewer repetitions"
    STEP_UP = "step-up", "One step up"
    TALK = "talk-to-clinician", "Talk to your clinician"


class ReviewDecision(Owned):
    """The person's answer to one weekly-review suggestion. Accepted changes of kind swap,
    fewer-reps and step-up are the adjustments applied to what they follow from then on
    (a clinician's program: ``patient_program``; else a routine: ``routine``)."""

    week = models.DateField(help_text="the Monday of the week the suggestion was made in")
    rule = models.SlugField(max_length=40)
    change = models.CharField(max_length=20, choices=Change.choices)
    #: the exercise the change is about ("" = none, "*" = every exercise)
    exercise = models.CharField(max_length=120, blank=True, default="")
    #: the core's Adjustment as data ({} for talk-to-clinician)
    adjustment = models.JSONField(default=dict, blank=True)
    #: what remembers a declined suggestion (the core's Suggestion.key)
    key = models.CharField(max_length=200)
    why = models.TextField(max_length=1000)
    patient_program = models.ForeignKey("programs.PatientProgram", on_delete=models.CASCADE,
                                        null=True, blank=True, related_name="review_decisions")
    routine = models.SlugField(max_length=120, blank=True, default="")
    accepted = models.BooleanField()
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ("decided_at",)

    def __str__(self) -> str:
        return f"{self.change} {self.exercise} ({'accepted' if self.accepted else 'declined'})"


class WeeklyGoal(Owned):
    """How many sessions a week the person means to do (a program's days a week wins)."""

    sessions_per_week = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(sessions_per_week__gte=1)
                                   & Q(sessions_per_week__lte=7), name="progress_goal_1_7"),
            models.UniqueConstraint(fields=("device",), condition=Q(user__isnull=True),
                                    name="progress_one_goal_per_device"),
            models.UniqueConstraint(fields=("user",), condition=Q(user__isnull=False),
                                    name="progress_one_goal_per_person"),
        ]


class ReminderFeed(Owned):
    """A private calendar feed (``/calendar/<key>.ics``). Revoking sets ``revoked_at``; a
    new feed gets a new key. At most one live feed per owner."""

    key = models.CharField(max_length=64, unique=True, editable=False)
    days = models.CharField(max_length=27, help_text='"mon,wed,fri"')
    time = models.TimeField()
    tz = models.CharField(max_length=64)
    #: bumped on every change of days, time or zone (the event's SEQUENCE)
    sequence = models.PositiveIntegerField(default=0)
    #: the language the person set it up in: what the calendar event is written in
    language = models.CharField(max_length=8, default="en")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("device",),
                                    condition=Q(user__isnull=True, revoked_at__isnull=True),
                                    name="progress_one_feed_per_device"),
            models.UniqueConstraint(fields=("user",),
                                    condition=Q(user__isnull=False, revoked_at__isnull=True),
                                    name="progress_one_feed_per_person"),
        ]

    def __str__(self) -> str:
        return f"reminders {self.days} {self.time:%H:%M} {self.tz}"
