"""The condition rules applied to one person: which exercises are left out or flagged, and why.

Everything comes from the content: each exercise's ``movements`` and ``rules``
(``only_with_conditions`` / ``not_with_conditions``) and the conditions in
content/rules.yaml. No code here names an exercise, a condition or what it leaves out.

- Nothing known (``profile.conditions is None``, the safe default): only exercises meant
  for a known condition are left out ("needs-known-condition"), with how to include them.
- ``none-known``: the same, said differently; no condition's rules apply.
- Named conditions: their rules apply. ``other`` (a condition not listed): *every*
  condition's rules apply, and the reasons say so.

A rule with ``when`` applies only when the person answered yes to that question.

Every reason is said in the language in force (:mod:`backcare.vocabulary`); the condition
labels and each rule's ``why`` come from the library, in its language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from backcare.content.rules_schema import HealthCondition, MovementRule, RulesFile
from backcare.content.schema import MOVEMENT_LABELS, Exercise
from backcare.plans.plan import Change
from backcare.plans.profile import Profile
from backcare.vocabulary import current, gettext, gettext_noop

UNLISTED_ADVICE = gettext_noop(
    "You told us about a condition not listed here, so this plan follows the cautions for "
    "every condition we know, which leaves out a lot. Ask your doctor or physical therapist "
    "which exercises suit you."
)


#: Spanish says "u" for "o" before an o- sound, "e" for "y" before an i- sound
#: ("osteoporosis u otra", "disco e hipertensión"); other languages join as translated.
_SPANISH_EUPHONY = ((re.compile(r" o (?=h?[oóOÓ])"), " u "),
                    (re.compile(r" y (?=h?[iíIÍ](?![aeouáéóú]))"), " e "))


def _join(message: str, names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    joined = gettext(message).format(first=", ".join(names[:-1]), last=names[-1])
    if current() == "es":
        head, tail = joined[: -len(names[-1]) - 3], joined[-len(names[-1]) - 3:]
        for pattern, replacement in _SPANISH_EUPHONY:
            tail = pattern.sub(replacement, tail)
        joined = head + tail
    return joined


def either(names: list[str]) -> str:
    """``"a disc problem or pregnancy"``; ``"a, b or c"``."""
    return _join(gettext_noop("{first} or {last}"), names)


def both(names: list[str]) -> str:
    """``"a disc problem and pregnancy"``; ``"a, b and c"``."""
    return _join(gettext_noop("{first} and {last}"), names)


@dataclass(frozen=True)
class RuleHit:
    """One rule of one condition that touches one exercise."""

    condition: HealthCondition
    rule: MovementRule
    movement: str | None  # the family that matched; None when the rule names the exercise
    unlisted: bool        # applied only because the person has a condition not listed


def applicable_conditions(rules: RulesFile, profile: Profile) -> tuple[tuple[HealthCondition, bool], ...]:
    """The conditions whose rules apply, each with True when it applies only through
    ``other`` (a condition not listed), in the rules file's order."""
    named, every = profile.named_conditions, profile.has_unlisted_condition
    return tuple((c, c.slug not in named) for c in rules.conditions
                 if c.slug in named or every)


def _answered_yes(rule: MovementRule, profile: Profile) -> bool:
    return rule.when is None or getattr(profile, rule.when) is True


def rule_hits(rules: RulesFile, exercise: Exercise, profile: Profile, effect: str) -> list[RuleHit]:
    """Every applicable rule with this effect ("exclude" or "flag") that touches the exercise."""
    hits: list[RuleHit] = []
    for condition, unlisted in applicable_conditions(rules, profile):
        for rule in condition.rules:
            if rule.effect != effect or not _answered_yes(rule, profile):
                continue
            if exercise.slug in rule.exercises:
                hits.append(RuleHit(condition, rule, None, unlisted))
            hits.extend(RuleHit(condition, rule, m, unlisted)
                        for m in rule.movements if m in exercise.movements)
    return hits


def _needed(rules: RulesFile, exercise: Exercise) -> str:
    labels = [c.in_sentence for slug in exercise.rules.only_with_conditions
              if (c := rules.get(slug)) is not None]
    return either(labels) or gettext("a particular condition")


def _involves(hit: RuleHit) -> str:
    if hit.movement:
        return gettext("it involves {movement}").format(movement=MOVEMENT_LABELS[hit.movement])
    return gettext("it is named in its rules")


def exclusion(rules: RulesFile, exercise: Exercise, profile: Profile) -> Change | None:
    """Why the conditions leave this exercise out for this person, or None if they allow it."""
    slug, own = exercise.slug, exercise.rules
    named = profile.named_conditions
    if own.only_with_conditions and not named & set(own.only_with_conditions):
        needed = _needed(rules, exercise)
        if profile.conditions is None:
            why = gettext(
                "Left out because it is only for people who know they have {condition}. If a "
                "doctor or physical therapist has told you that you have {condition}, tell us "
                "and it will be included.").format(condition=needed)
        else:
            why = gettext(
                "Left out because it is only for people who know they have {condition}, which "
                "you did not tell us about. If you do have it, add it to your answers to "
                "include it.").format(condition=needed)
        return Change("needs-known-condition", slug, None, why,
                      condition=own.only_with_conditions[0])
    for name in own.not_with_conditions:
        found = rules.get(name)
        if found is not None and (name in named or profile.has_unlisted_condition):
            why = gettext("Left out: its own notes rule it out for {condition}.").format(
                condition=found.in_sentence)
            return Change("condition", slug, None, why, condition=name)
    hits = rule_hits(rules, exercise, profile, "exclude")
    if not hits:
        return None
    hit = hits[0]
    label = hit.condition.in_sentence
    if hit.unlisted:
        why = gettext(
            "Left out because you told us about a condition not listed here, so we follow "
            "every condition's cautions: {involves}, which we leave out for {condition}."
        ).format(involves=_involves(hit), condition=label)
    else:
        why = gettext("Left out for {condition}: {involves}. {why}").format(
            condition=label, involves=_involves(hit), why=hit.rule.why)
    return Change("condition", slug, None, why, condition=hit.condition.slug,
                  movement=hit.movement)


def flag(rules: RulesFile, exercise: Exercise, profile: Profile) -> Change | None:
    """A caution for an exercise the person's conditions keep but flag, or None."""
    hits = rule_hits(rules, exercise, profile, "flag")
    if not hits:
        return None
    hit = hits[0]
    label = hit.condition.in_sentence
    if hit.unlisted:
        why = gettext(
            "Take care: {involves}, which needs care with {condition}, and you told us about "
            "a condition not listed here. {why}"
        ).format(involves=_involves(hit), condition=label, why=hit.rule.why)
    else:
        why = gettext("Take care, for {condition}: {involves}. {why}").format(
            condition=label, involves=_involves(hit), why=hit.rule.why)
    return Change("flagged", exercise.slug, None, why, condition=hit.condition.slug,
                  movement=hit.movement)


def advice(rules: RulesFile, profile: Profile) -> tuple[str, ...]:
    """What to tell this person on every plan: each named condition's advice, and a word
    about a condition not listed."""
    said = [c.advice for c, unlisted in applicable_conditions(rules, profile)
            if c.advice and not unlisted]
    if profile.has_unlisted_condition:
        said.append(gettext(UNLISTED_ADVICE))
    return tuple(said)


def unknown_conditions(rules: RulesFile, profile: Profile) -> list[str]:
    """Names in the profile that the rules file does not define."""
    return sorted(profile.named_conditions - set(rules.names))


def touches(rule: MovementRule, exercise: Exercise) -> bool:
    """True when the rule names the exercise or one of its movement families."""
    return exercise.slug in rule.exercises or bool(set(rule.movements) & set(exercise.movements))


def conditions_touching(rules: RulesFile, exercise: Exercise, effect: str) -> tuple[str, ...]:
    """The conditions whose rules exclude (or flag) this exercise, whatever the answers to
    their questions; for "exclude", also those the exercise's own rules rule out."""
    found = [c.slug for c in rules.conditions
             if any(r.effect == effect and touches(r, exercise) for r in c.rules)]
    if effect == "exclude":
        found += [c for c in exercise.rules.not_with_conditions if c not in found]
    return tuple(found)


def conditions_text(rules: RulesFile, profile: Profile) -> str:
    """What the person told us about their health, in a few plain words, for the plan
    page, the worksheet and the terminal: "a disc problem and pregnancy"."""
    if profile.conditions is None:
        return gettext("not given, so we took the careful default")
    names = [found.in_sentence for found in rules.conditions
             if found.slug in profile.named_conditions]
    if profile.has_unlisted_condition:
        names.append(gettext("a condition not listed here"))
    if not names:
        return gettext("none that you know of")
    return both(names)
