"""How a worksheet words doses, durations and a person's answers. Plain Python.

The dose and duration phrasing follows the web pages' template filters
(backcare/catalogue/templatetags/backcare.py) part for part. Those filters live in a
Django template library, which this package must not import, so the same rules are
written here; the worksheet joins the parts with " · " so they read well on paper.
"""

from __future__ import annotations

from backcare.content.schema import Dose, Exercise
from backcare.plans import Profile

#: A repetition this long is a hold, whatever the kind of exercise (same as the web pages).
HELD_SECONDS = 10
SEPARATOR = " · "


def seconds(total: int) -> str:
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
    """``["Hold 30 s", "3 times", "each side"]`` for holds; ``["10 times", "hold 5 s"]`` for moves."""
    if exercise.kind in ("stretch", "isometric") or dose.hold_seconds >= HELD_SECONDS:
        parts = [f"Hold {dose.hold_seconds} s", times(dose.reps)]
    elif exercise.kind == "mobility":
        parts = [times(dose.reps), f"about {dose.hold_seconds} s each"]
    else:
        parts = [times(dose.reps), f"hold {dose.hold_seconds} s"]
    if exercise.per_side:
        parts.append("each side")
    if dose.sets > 1:
        parts.append(f"{dose.sets} rounds")
    parts[0] = parts[0][0].upper() + parts[0][1:]
    return parts


def dose_text(dose: Dose, exercise: Exercise) -> str:
    """``"Hold 30 s · 3 times · each side"``."""
    return SEPARATOR.join(dose_parts(dose, exercise))


def profile_lines(profile: Profile, names: dict[str, str]) -> list[str]:
    """The person's answers, one short line each, for the "Fitted for you" box.

    ``names`` maps exercise slugs to their names, for the exercises left out because
    they hurt.
    """
    lines = [
        "Getting down to the floor and back up: "
        + ("fine" if profile.floor else "hard, so everything is done sitting or standing"),
        "Diagnosis: " + {
            "none": "none that you know of",
            "disc": "a disc problem",
            "other": "another specific back diagnosis",
        }[profile.diagnosis],
        "Time you have: " + (f"{profile.minutes} min" if profile.minutes else "no limit"),
    ]
    if profile.pain is not None:
        lines.append(f"Pain when you made this plan: {profile.pain} out of 10")
    if profile.skip:
        lines.append("Left out because they hurt: "
                     + ", ".join(names.get(slug, slug) for slug in profile.skip))
    return lines
