"""Outcomes over time, in plain Python (never imports Django): validated measures and their
scoring, meaningful change, progress against a weekly goal, the weekly review's rules and
the adjustments they make, reminders as a calendar feed, and the FHIR export."""
