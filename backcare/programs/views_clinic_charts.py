"""The weekly sessions chart on a program's page: server-side SVG, no script.

One bar per calendar week (the last MAX_WEEKS), its height the sessions that week, and a
dashed line at the days a week prescribed. Each bar has a ``<title>`` with its numbers, the
picture a ``<title>`` and a ``<desc>`` in words, and the page's table lists every week, so
nothing depends on seeing it. Colours come from the stylesheet, with attributes as a fallback.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from backcare.plans.suitability import day_text
from backcare.prescribing.adherence import WeekCount

WIDTH, HEIGHT = 480, 180
LEFT, RIGHT, TOP, BOTTOM = 30, 10, 12, 30
MAX_WEEKS = 12
BAR_COLOUR = "#0a615c"
TARGET_COLOUR = "#8a4b08"


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def describe(weeks: Sequence[WeekCount]) -> str:
    if not weeks:
        return gettext("No weeks yet.")
    met = sum(1 for w in weeks if w.sessions >= w.target)
    return ngettext("{count} week shown; the target of {target} sessions was met in {met}.",
                    "{count} weeks shown; the target of {target} sessions was met in {met}.",
                    len(weeks)).format(count=len(weeks), target=weeks[-1].target, met=met)


def weeks_chart(weeks: Sequence[WeekCount], chart_id: str) -> SafeString:
    """Inline SVG of the last MAX_WEEKS weeks, oldest first."""
    weeks = list(weeks)[-MAX_WEEKS:]
    top = max([w.sessions for w in weeks] + [w.target for w in weeks] + [1])
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = inner_w / max(len(weeks), 1)

    def y(count: float) -> float:
        return TOP + inner_h * (1 - count / top)

    title = gettext("Sessions each week, against the days a week prescribed")
    parts = [
        f'<svg class="weeks-chart" id="{chart_id}" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(describe(weeks))}</desc>',
        f'<line class="axis-line" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_fmt(y(0))}" '
        f'y2="{_fmt(y(0))}" stroke="#4f5b62" stroke-width="1"/>',
        f'<text class="axis" x="{LEFT - 6}" y="{_fmt(y(top))}" text-anchor="end" '
        f'dominant-baseline="middle" font-size="13" fill="#4f5b62">{top}</text>',
        f'<text class="axis" x="{LEFT - 6}" y="{_fmt(y(0))}" text-anchor="end" '
        f'dominant-baseline="middle" font-size="13" fill="#4f5b62">0</text>',
    ]
    for i, week in enumerate(weeks):
        x = LEFT + slot * i + slot * 0.15
        label = ngettext("Week of {day}: {count} session of {target}",
                         "Week of {day}: {count} sessions of {target}", week.sessions).format(
            day=day_text(week.week_start), count=week.sessions, target=week.target)
        parts.append(
            f'<g class="week"><title>{escape(label)}</title>'
            f'<rect class="bar{" met" if week.sessions >= week.target else ""}" '
            f'x="{_fmt(x)}" y="{_fmt(y(week.sessions))}" width="{_fmt(slot * 0.7)}" '
            f'height="{_fmt(y(0) - y(week.sessions))}" fill="{BAR_COLOUR}"/></g>')
    if weeks:
        target_y = _fmt(y(weeks[-1].target))
        parts.append(f'<line class="target" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{target_y}" '
                     f'y2="{target_y}" stroke="{TARGET_COLOUR}" stroke-width="2" '
                     f'stroke-dasharray="6 4"/>')
        for anchor, week, x in (("start", weeks[0], LEFT), ("end", weeks[-1], WIDTH - RIGHT)):
            parts.append(f'<text class="axis day" x="{_fmt(x)}" y="{HEIGHT - 8}" '
                         f'text-anchor="{anchor}" font-size="13" fill="#4f5b62">'
                         f'{escape(day_text(week.week_start))}</text>')
    parts.append("</svg>")
    # Every text in it went through escape(); numbers are formatted by _fmt.
    return mark_safe("".join(parts))  # noqa: S308
