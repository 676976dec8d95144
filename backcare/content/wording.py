"""How backcare words durations and doses, everywhere: web pages, CLI, worksheets, plans.

Plain Python, so the template filters, the terminal and the PDFs say the same thing.
"""

from __future__ import annotations

from backcare.content.schema import Action, Dose, Exercise

#: The word a player shows while a repetition is done, for each action.
ACTION_LABELS: dict[Action, str] = {"hold": "Hold", "move": "Move"}


def action_of(exercise: Exercise) -> Action:
    """``"hold"`` or ``"move"``: the one rule (see :attr:`Exercise.hold_or_move`)."""
    return exercise.hold_or_move


def format_duration(total: int) -> str:
    """Exact duration: ``290`` -> ``"4 min 50 s"``, ``60`` -> ``"1 min"``, ``45`` -> ``"45 s"``."""
    minutes, secs = divmod(int(total), 60)
    if not minutes:
        return f"{secs} s"
    return f"{minutes} min {secs} s" if secs else f"{minutes} min"


def about(total: int) -> str:
    """Rounded duration for estimates: ``290`` -> ``"about 5 min"``."""
    total = int(total)
    if total < 60:
        return "under a minute"
    return f"about {round(total / 60)} min"


def times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def dose_parts(dose: Dose, exercise: Exercise) -> list[str]:
    """``["Hold 30 s", "3 times", "each side"]`` for holds; ``["10 times", "hold 5 s"]`` for moves.

    Whether it is a hold or a move is :func:`action_of`'s to say, never the dose's: only a
    hold starts with "Hold". One long bout of a mobility move reads "Move slowly for 30 s".
    """
    if action_of(exercise) == "hold":
        parts = [f"Hold {dose.hold_seconds} s", times(dose.reps)]
    elif exercise.kind == "mobility":
        if dose.reps == 1:
            parts = [f"Move slowly for {dose.hold_seconds} s"]
        else:
            parts = [times(dose.reps), f"about {dose.hold_seconds} s each"]
    else:
        parts = [times(dose.reps), f"hold {dose.hold_seconds} s"]
    if exercise.per_side:
        parts.append("each side")
    if dose.sets > 1:
        parts.append(f"{dose.sets} rounds")
    parts[0] = parts[0][0].upper() + parts[0][1:]
    return parts


def dose_text(dose: Dose, exercise: Exercise, separator: str = ", ") -> str:
    """``"Hold 30 s, 3 times, each side"`` (or joined by another separator, e.g. " · ")."""
    return separator.join(dose_parts(dose, exercise))
