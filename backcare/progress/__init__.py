"""Outcomes over time, the Django side: measures a person takes, their progress page, the
weekly review's decisions, reminders as a calendar feed and the FHIR export. What is
computed (scores, meaningful change, suggestions, the feed, the bundle) comes from the
core, :mod:`backcare.outcomes`; this app stores what people create and renders it."""
