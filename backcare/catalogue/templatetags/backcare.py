"""Template filters: durations, doses and readable labels."""

from __future__ import annotations

from django import template

from backcare.catalogue import labels
from backcare.content.schema import Dose, Exercise

register = template.Library()

#: A repetition this long is a hold, whatever the kind of exercise.
HELD_SECONDS = 10


@register.filter
def seconds(total: int) -> str:
    """Exact duration: ``290`` -> ``"4 min 50 s"``, ``60`` -> ``"1 min"``, ``45`` -> ``"45 s"``."""
    minutes, secs = divmod(int(total), 60)
    if not minutes:
        return f"{secs} s"
    return f"{minutes} min {secs} s" if secs else f"{minutes} min"


@register.filter
def about(total: int) -> str:
    """Rounded duration for estimates: ``290`` -> ``"about 5 min"``."""
    total = int(total)
    if total < 60:
        return "under a minute"
    return f"about {round(total / 60)} min"


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


@register.filter
def dose(dose: Dose, exercise: Exercise) -> str:
    """``"Hold 30 s, 3 times, each side"`` for holds; ``"10 times, hold 5 s"`` for movements."""
    if exercise.kind in ("stretch", "isometric") or dose.hold_seconds >= HELD_SECONDS:
        parts = [f"Hold {dose.hold_seconds} s", _times(dose.reps)]
    elif exercise.kind == "mobility":
        parts = [_times(dose.reps), f"about {dose.hold_seconds} s each"]
    else:
        parts = [_times(dose.reps), f"hold {dose.hold_seconds} s"]
    if exercise.per_side:
        parts.append("each side")
    if dose.sets > 1:
        parts.append(f"{dose.sets} rounds")
    text = ", ".join(parts)
    return text[0].upper() + text[1:]


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
def diagnosis_label(value: str) -> str:
    return _label(labels.DIAGNOSES, value)


@register.filter
def labelled(values: tuple[str, ...], kind: str) -> str:
    """Join enumeration values as readable labels: ``areas|labelled:"body_area"``."""
    mapping = {
        "place": labels.PLACES, "kind": labels.KINDS, "body_area": labels.BODY_AREAS,
        "equipment": labels.EQUIPMENT, "position": labels.POSITIONS,
    }[kind]
    words = [_label(mapping, v) for v in values]
    if not words:
        return ""
    out = ", ".join(words)
    return out[0] + out[1:].lower() if len(words) > 1 else out
