"""How a worksheet words doses, durations and a person's answers. Plain Python.

Doses and durations are worded by backcare.content.wording, as on the web pages and in the
terminal; the worksheet joins a dose's parts with " · " so it reads well on paper. The
answers are named by the profile's own field labels (:data:`backcare.plans.FIELD_LABELS`),
in the language in force.
"""

from __future__ import annotations

from backcare.content import wording
from backcare.content.rules_schema import RulesFile
from backcare.content.schema import Dose, Exercise
from backcare.content.wording import about, format_duration
from backcare.plans import FIELD_LABELS, Profile
from backcare.plans.condition_rules import conditions_text
from backcare.vocabulary import gettext

SEPARATOR = " · "

__all__ = ["SEPARATOR", "about", "dose_text", "format_duration", "profile_lines"]


def dose_text(dose: Dose, exercise: Exercise) -> str:
    """``"Hold 30 s · 3 times · each side"``."""
    return wording.dose_text(dose, exercise, SEPARATOR)


def _line(field: str, answer: str) -> str:
    return gettext("{question}: {answer}").format(question=FIELD_LABELS[field], answer=answer)


def profile_lines(profile: Profile, names: dict[str, str], rules: RulesFile | None = None,
                  advice: tuple[str, ...] = ()) -> list[str]:
    """The person's answers, one short line each, for the "Fitted for you" box, then the
    advice for their conditions.

    ``names`` maps exercise slugs to their names, for the exercises left out because
    they hurt; ``rules`` gives the conditions' labels.
    """
    floor = (gettext("fine") if profile.floor
             else gettext("hard, so everything is done sitting or standing"))
    minutes = (format_duration(profile.minutes * 60) if profile.minutes
               else gettext("no limit"))
    lines = [
        _line("floor", floor),
        _line("conditions", conditions_text(rules or RulesFile(), profile)),
        _line("minutes", minutes),
    ]
    if profile.pain is not None:
        lines.append(_line("pain", gettext("{pain} out of 10").format(pain=profile.pain)))
    if profile.skip:
        lines.append(_line("skip", ", ".join(names.get(slug, slug) for slug in profile.skip)))
    lines.extend(advice)
    return lines
