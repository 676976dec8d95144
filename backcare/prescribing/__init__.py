"""Clinician programs, in plain Python (never imports Django): what a program holds, how it
is checked against the content, how a patient plays it, how it is handed out (codes and
links) and how a patient keeps to it (adherence)."""

from backcare.prescribing.adherence import (
    PainPoint,
    PatientAdherence,
    SessionFact,
    Stop,
    WeekCount,
    adherence,
)
from backcare.prescribing.bounds import DoseBounds, dose_bounds
from backcare.prescribing.playing import TRANSITION_SECONDS, ProgramPlay, chosen_text, program_play
from backcare.prescribing.program import (
    ProgramDraft,
    ProgramItem,
    check_program,
    draft_from_data,
    draft_to_data,
    excluded_by,
    item_with_defaults,
)
from backcare.prescribing.share_codes import (
    CODE_ALPHABET,
    CODE_LENGTH,
    format_code,
    new_code,
    new_share_key,
    normalize_code,
)

__all__ = [
    "CODE_ALPHABET", "CODE_LENGTH", "TRANSITION_SECONDS", "DoseBounds", "PainPoint",
    "PatientAdherence", "ProgramDraft", "ProgramItem", "ProgramPlay", "SessionFact", "Stop",
    "WeekCount", "adherence", "check_program", "chosen_text", "dose_bounds",
    "draft_from_data", "draft_to_data", "excluded_by", "format_code", "item_with_defaults",
    "new_code", "new_share_key", "normalize_code", "program_play",
]
