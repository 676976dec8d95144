"""The outcomes API: measures, progress, the weekly review, reminders, the FHIR export."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["progress"])
