"""A clinician's program as the players read it: the same :class:`TimelineOut` as a
routine's (``routine`` is "", ``title`` the program's), built from
:func:`backcare.prescribing.program_play` (plain Python)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from backcare.content import Library
from backcare.export.timeline_shapes import ChangeOut, LeftOutOut, TimelineOut, timeline_out
from backcare.prescribing import ProgramDraft, program_play


def program_timeline_out(library: Library, draft: ProgramDraft, title: str,
                         hurt: Mapping[str, date] | None = None) -> TimelineOut:
    """The program's timeline, play script, what is left out for this patient and why,
    and the cautions and advice for its conditions. Raises plans.PlanError when nothing
    is left to play."""
    play = program_play(library, draft, hurt)
    return timeline_out(
        "", title, play.timeline,
        changes=[ChangeOut(kind=c.kind, exercise=c.exercise, replacement=c.replacement,
                           reason=c.reason, condition=c.condition, movement=c.movement)
                 for c in play.cautions],
        left_out=[LeftOutOut(exercise=o.exercise, reason=o.reason, why=o.why)
                  for o in play.left_out],
        advice=list(play.advice))
