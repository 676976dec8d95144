"""How a worksheet words doses, durations and a person's answers. Plain Python.

Doses and durations are worded by backcare.content.wording, as on the web pages and in the
terminal; the worksheet joins a dose's parts with " · " so it reads well on paper.
"""

from __future__ import annotations

from backcare.content import wording
from backcare.content.rules_schema import RulesFile
from backcare.content.schema import Dose, Exercise
from backcare.content.wording import about
from backcare.plans import Profile
from backcare.plans.condition_rules import conditions_text

SEPARATOR = " · "

__all__ = ["SEPARATOR", "about", "dose_text", "profile_lines"]


def dose_text(dose: Dose, exercise: Exercise) -> str:
    """``"Hold 30 s · 3 times · each side"``."""
    return wording.dose_text(dose, exercise, SEPARATOR)


def profile_lines(profile: Profile, names: dict[str, str], rules: RulesFile | None = None,
                  advice: tuple[str, ...] = ()) -> list[str]:
    """The person's answers, one short line each, for the "Fitted for you" box, then the
    advice for their conditions.

    ``names`` maps exercise slugs to their names, for the exercises left out because
    they hurt; ``rules`` gives the conditions' labels.
    """
    lines = [
        "Getting down to the floor and back up: "
        + ("fine" if profile.floor else "hard, so everything is done sitting or standing"),
        "Health conditions: " + conditions_text(rules or RulesFile(), profile),
        "Time you have: " + (f"{profile.minutes} min" if profile.minutes else "no limit"),
    ]
    if profile.pain is not None:
        lines.append(f"Pain when you made this plan: {profile.pain} out of 10")
    if profile.skip:
        lines.append("Left out because they hurt: "
                     + ", ".join(names.get(slug, slug) for slug in profile.skip))
    lines.extend(advice)
    return lines
