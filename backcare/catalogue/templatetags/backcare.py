"""Template filters: durations, doses and readable labels; the urgent-help box."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode, urlsplit

from django import template
from django.urls import reverse, translate_url
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from backcare.catalogue import labels
from backcare.catalogue.library import get_library
from backcare.content import wording
from backcare.content.schema import Dose, Exercise
from backcare.plans import routine_urgent_help
from backcare.vocabulary import DEFAULT_LANGUAGE

register = template.Library()

@register.filter
def seconds(total: int) -> str:
    """Exact duration: ``290`` -> ``"4 min 50 s"``."""
    return wording.format_duration(total)


@register.filter
def minutes(count: int) -> str:
    """A number of whole minutes, worded as every duration is: ``3`` -> ``"3 min"``."""
    return wording.format_duration(int(count) * 60)


@register.filter
def about(total: int) -> str:
    """Rounded duration for estimates: ``290`` -> ``"about 5 min"``."""
    return wording.about(total)


@register.filter
def dose(dose: Dose, exercise: Exercise) -> str:
    """``"Hold 30 s, 3 times, each side"`` for holds; ``"10 times, hold 5 s"`` for movements."""
    return wording.dose_text(dose, exercise)


def _label(mapping: Mapping[str, str], value: str) -> str:
    return mapping.get(value, value.replace("-", " ").capitalize())


@register.filter
def kind_label(value: str) -> str:
    return _label(labels.KINDS, value)


@register.filter
def labelled(values: tuple[str, ...], kind: str) -> str:
    """Join enumeration values as readable labels: ``areas|labelled:"body_area"``."""
    mapping: Mapping[str, str] = {
        "place": labels.PLACES, "kind": labels.KINDS, "body_area": labels.BODY_AREAS,
        "equipment": labels.EQUIPMENT, "position": labels.POSITIONS,
        "movement": labels.MOVEMENTS,
    }[kind]
    words = [_label(mapping, v) for v in values]
    if not words:
        return ""
    out = ", ".join(words)
    return out[0] + out[1:].lower() if len(words) > 1 else out


@register.simple_tag(takes_context=True)
def switch_url(context: template.Context, language: Mapping[str, Any]) -> str:
    """The language switcher's link to ``language`` (one of ``languages``): it remembers
    the choice and opens this same page, path and query, in that language.

    ``next`` is this page's address in the default language, encoded whole: the switcher
    translates it to any language, whichever this page is in.
    """
    request = context.get("request")
    here = request.get_full_path() if request is not None else "/"
    target = urlsplit(translate_url(here, DEFAULT_LANGUAGE))
    path = f"{target.path}?{target.query}" if target.query else target.path
    return reverse("choose_language", args=[language["code"]]) + "?" + urlencode({"next": path})


#: An emergency number in the urgent-help words, in any language: three digits standing
#: alone ("911", "999", "112"), not part of a longer number or a word.
EMERGENCY_NUMBER = re.compile(r"(?<![\w.,])([0-9]{3})(?![\w]|[.,][0-9])")


@register.filter
def call_links(text: str) -> SafeString:
    """The words with each emergency number a tap-to-call link: ``"… 911 …"`` ->
    ``'… <a class="call" href="tel:911">911</a> …'``; the rest escaped."""
    pieces = EMERGENCY_NUMBER.split(str(text))
    # split() with one group: text, number, text, number, ..., text
    linked = [format_html('<a class="call" href="tel:{0}">{0}</a>', piece) if index % 2
              else str(conditional_escape(piece)) for index, piece in enumerate(pieces)]
    return mark_safe("".join(linked))  # noqa: S308  # each piece escaped or built by format_html


@register.inclusion_tag("catalogue/_urgent_help.html")
def urgent_help_box(routine_slug: str | None = None, level: int = 2) -> dict[str, object]:
    """The "Get help now if…" box for a routine (the emergency signs of its safety
    questions), with its heading at ``level``: ``{% urgent_help_box routine.slug 3 %}``."""
    return {"help": routine_urgent_help(get_library(), routine_slug), "level": level}
