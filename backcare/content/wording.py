"""How backcare words durations and doses, everywhere: web pages, CLI, worksheets, plans.

Plain Python, so the template filters, the terminal and the PDFs say the same thing, in
the language in force (:mod:`backcare.vocabulary`): every phrase is translated whole, then
its numbers are put in.
"""

from __future__ import annotations

from backcare.content.schema import Action, Dose, Exercise
from backcare.vocabulary import gettext, ngettext


def action_of(exercise: Exercise) -> Action:
    """``"hold"`` or ``"move"``: the one rule (see :attr:`Exercise.hold_or_move`)."""
    return exercise.hold_or_move


def format_duration(total: int) -> str:
    """Exact duration: ``290`` -> ``"4 min 50 s"``, ``60`` -> ``"1 min"``, ``45`` -> ``"45 s"``."""
    minutes, seconds = divmod(int(total), 60)
    if not minutes:
        return gettext("{seconds} s").format(seconds=seconds)
    if seconds:
        return gettext("{minutes} min {seconds} s").format(minutes=minutes, seconds=seconds)
    return gettext("{minutes} min").format(minutes=minutes)


def about(total: int) -> str:
    """Rounded duration for estimates: ``290`` -> ``"about 5 min"``."""
    total = int(total)
    if total < 60:
        return gettext("under a minute")
    return gettext("about {minutes} min").format(minutes=round(total / 60))


def times(n: int) -> str:
    """``"once"``, ``"twice"``, ``"3 times"``."""
    if n == 1:
        return gettext("once")
    if n == 2:
        return gettext("twice")
    return ngettext("{n} time", "{n} times", n).format(n=n)


def rounds(n: int) -> str:
    """``"2 rounds"``: a set is a round on every edge (as the players say "Round 1 of 2")."""
    return ngettext("{n} round", "{n} rounds", n).format(n=n)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def dose_parts(dose: Dose, exercise: Exercise) -> list[str]:
    """``["Hold 30 s", "3 times", "each side"]`` for holds; ``["10 times", "hold 5 s"]`` for moves.

    Whether it is a hold or a move is :func:`action_of`'s to say, never the dose's: only a
    hold starts with "Hold". One long bout of a mobility move reads "Move slowly for 30 s".
    """
    seconds = dose.hold_seconds
    if action_of(exercise) == "hold":
        parts = [gettext("Hold {seconds} s").format(seconds=seconds), times(dose.reps)]
    elif exercise.kind == "mobility":
        if dose.reps == 1:
            parts = [gettext("Move slowly for {seconds} s").format(seconds=seconds)]
        else:
            parts = [times(dose.reps), gettext("about {seconds} s each").format(seconds=seconds)]
    else:
        parts = [times(dose.reps), gettext("hold {seconds} s").format(seconds=seconds)]
    if exercise.per_side:
        parts.append(gettext("each side"))
    if dose.sets > 1:
        parts.append(rounds(dose.sets))
    parts[0] = _capitalised(parts[0])
    return parts


def dose_text(dose: Dose, exercise: Exercise, separator: str = ", ") -> str:
    """``"Hold 30 s, 3 times, each side"`` (or joined by another separator, e.g. " · ")."""
    return separator.join(dose_parts(dose, exercise))
