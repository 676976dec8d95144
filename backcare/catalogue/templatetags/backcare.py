"""Template filters: durations, doses and readable labels; the urgent-help box."""

from __future__ import annotations

from django import template

from backcare.catalogue import labels
from backcare.catalogue.library import get_library
from backcare.content import wording
from backcare.content.schema import Dose, Exercise
from backcare.plans import routine_urgent_help

register = template.Library()

@register.filter
def seconds(total: int) -> str:
    """Exact duration: ``290`` -> ``"4 min 50 s"``."""
    return wording.format_duration(total)


@register.filter
def about(total: int) -> str:
    """Rounded duration for estimates: ``290`` -> ``"about 5 min"``."""
    return wording.about(total)


@register.filter
def dose(dose: Dose, exercise: Exercise) -> str:
    """``"Hold 30 s, 3 times, each side"`` for holds; ``"10 times, hold 5 s"`` for movements."""
    return wording.dose_text(dose, exercise)


def _label(mapping: dict[str, str], value: str) -> str:
    return mapping.get(value, value.replace("-", " ").capitalize())


@register.filter
def place_label(value: str) -> str:
    return _label(labels.PLACES, value)


@register.filter
def kind_label(value: str) -> str:
    return _label(labels.KINDS, value)


@register.filter
def body_area_label(value: str) -> str:
    return _label(labels.BODY_AREAS, value)


@register.filter
def equipment_label(value: str) -> str:
    return _label(labels.EQUIPMENT, value)


@register.filter
def movement_label(value: str) -> str:
    return _label(labels.MOVEMENTS, value)


@register.filter
def condition_label(value: str) -> str:
    """A health condition's label from content/rules.yaml: ``"disc"`` -> ``"A disc problem"``."""
    found = get_library().rules.get(value)
    return found.label if found is not None else _label({}, value)


@register.filter
def condition_in_sentence(value: str) -> str:
    """The label as it reads in a sentence: ``"disc"`` -> ``"a disc problem"``."""
    found = get_library().rules.get(value)
    return found.in_sentence if found is not None else value.replace("-", " ")


@register.filter
def labelled(values: tuple[str, ...], kind: str) -> str:
    """Join enumeration values as readable labels: ``areas|labelled:"body_area"``."""
    mapping = {
        "place": labels.PLACES, "kind": labels.KINDS, "body_area": labels.BODY_AREAS,
        "equipment": labels.EQUIPMENT, "position": labels.POSITIONS,
        "movement": labels.MOVEMENTS,
    }[kind]
    words = [_label(mapping, v) for v in values]
    if not words:
        return ""
    out = ", ".join(words)
    return out[0] + out[1:].lower() if len(words) > 1 else out


@register.inclusion_tag("catalogue/_urgent_help.html")
def urgent_help_box(routine_slug: str | None = None, level: int = 2) -> dict[str, object]:
    """The "Get help now if…" box for a routine (the emergency signs of its safety
    questions), with its heading at ``level``: ``{% urgent_help_box routine.slug 3 %}``."""
    return {"help": routine_urgent_help(get_library(), routine_slug), "level": level}
