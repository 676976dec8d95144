"""The pain chart on /history/: server-side SVG, no script, readable without colour.

Pain before each session is a hollow circle on a dashed line; pain afterwards a filled
square on a solid line. The picture has a ``<title>`` and a ``<desc>`` that says what it
shows in words, and the page's table lists every number, so nothing depends on seeing it.
Colours come from the stylesheet (classes), with presentation attributes as a fallback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

from django.utils import formats
from django.utils.safestring import SafeString, mark_safe

from backcare.plans.suitability import day_text
from backcare.vocabulary import gettext, ngettext

WIDTH, HEIGHT = 480, 240
LEFT, RIGHT, TOP, BOTTOM = 36, 14, 14, 38
PAIN_MAX = 10
#: The chart shows at most this many sessions, the most recent; the table has them all.
MAX_POINTS = 30

BEFORE_COLOUR = "#8a4b08"
AFTER_COLOUR = "#0a615c"


@dataclass(frozen=True)
class ChartPoint:
    when: datetime
    before: int
    after: int | None
    stopped_for_pain: bool = False


def _day(when: datetime) -> str:
    """The day as a sentence names it ("3 March"), in the language in force."""
    return day_text(when.date())


def _x(index: int, count: int) -> float:
    inner = WIDTH - LEFT - RIGHT
    if count == 1:
        return LEFT + inner / 2
    return LEFT + inner * index / (count - 1)


def _y(pain: int) -> float:
    inner = HEIGHT - TOP - BOTTOM
    return TOP + inner * (PAIN_MAX - pain) / PAIN_MAX


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def describe(points: Sequence[ChartPoint]) -> str:
    """The chart in one or two sentences, for people who cannot see it."""
    if not points:
        return gettext("No sessions yet.")
    first, last = points[0], points[-1]
    if len(points) > 1:
        span = ngettext("{count} session from {first} to {last}.",
                        "{count} sessions from {first} to {last}.", len(points)).format(
            count=len(points), first=_day(first.when), last=_day(last.when))
    else:
        span = gettext("1 session, on {day}.").format(day=_day(first.when))
    said = [span, gettext("Pain before went from {first} to {last}.").format(
        first=first.before, last=last.before)]
    drops = [p.before - p.after for p in points if p.after is not None]
    if drops:
        average = sum(drops) / len(drops)
        if average > 0:
            said.append(gettext("On average it was {points} points lower afterwards.").format(
                points=_number(average)))
        elif average < 0:
            said.append(gettext("On average it was {points} points higher afterwards.").format(
                points=_number(-average)))
        else:
            said.append(gettext("On average it was the same afterwards."))
    return " ".join(said)


def _number(value: float) -> str:
    """``1.5`` as the language writes it: "1.5" in English, "1,5" in Spanish."""
    return _fmt(value).replace(".", str(formats.get_format("DECIMAL_SEPARATOR")))


def _session_label(p: ChartPoint) -> str:
    """One point's tooltip: "3 March: pain 6 before, 4 after"."""
    if p.after is None:
        label = gettext("{day}: pain {before} before, not given after").format(
            day=_day(p.when), before=p.before)
    else:
        label = gettext("{day}: pain {before} before, {after} after").format(
            day=_day(p.when), before=p.before, after=p.after)
    if p.stopped_for_pain:
        label = gettext("{session} (stopped because it hurt)").format(session=label)
    return label


def pain_chart(points: Sequence[ChartPoint], chart_id: str = "pain-chart") -> SafeString:
    """Inline SVG for ``points`` in time order (oldest first); the last MAX_POINTS only."""
    points = list(points)[-MAX_POINTS:]
    count = len(points)
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    title = gettext("Pain before and after each session, from 0 (none) to 10 (worst)")
    parts = [
        f'<svg class="pain-chart" id="{chart_id}" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(describe(points))}</desc>',
    ]
    for pain in range(0, PAIN_MAX + 1, 2):
        y = _fmt(_y(pain))
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" '
                     f'stroke="#dcdcd4" stroke-width="1"/>')
        parts.append(f'<text class="axis" x="{LEFT - 8}" y="{y}" text-anchor="end" '
                     f'dominant-baseline="middle" font-size="15" fill="#4f5b62">{pain}</text>')
    if count:
        labelled = {0, count - 1} | ({count // 2} if count > 4 else set())
        for index in sorted(labelled):
            anchor = ("middle" if count == 1 or 0 < index < count - 1
                      else "start" if index == 0 else "end")
            x = _x(index, count) + {"start": -6, "end": 6, "middle": 0}[anchor]
            parts.append(f'<text class="axis" x="{_fmt(x)}" y="{HEIGHT - 12}" '
                         f'text-anchor="{anchor}" font-size="15" fill="#4f5b62">'
                         f'{escape(_day(points[index].when))}</text>')

    def line(kind: str, values: list[tuple[float, float]], dash: str) -> None:
        if len(values) > 1:
            path = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in values)
            colour = BEFORE_COLOUR if kind == "before" else AFTER_COLOUR
            parts.append(f'<polyline class="line {kind}" points="{path}" fill="none" '
                         f'stroke="{colour}" stroke-width="2"{dash}/>')

    line("before", [(_x(i, count), _y(p.before)) for i, p in enumerate(points)],
         ' stroke-dasharray="6 4"')
    line("after", [(_x(i, count), _y(p.after)) for i, p in enumerate(points)
                   if p.after is not None], "")
    for index, p in enumerate(points):
        x = _x(index, count)
        parts.append(f'<g class="session"><title>{escape(_session_label(p))}</title>')
        parts.append(f'<circle class="point before" cx="{_fmt(x)}" cy="{_fmt(_y(p.before))}" '
                     f'r="5.5" fill="#ffffff" stroke="{BEFORE_COLOUR}" stroke-width="2.5"/>')
        if p.after is not None:
            y_after = _y(p.after)
            parts.append(f'<rect class="point after" x="{_fmt(x - 5)}" y="{_fmt(y_after - 5)}" '
                         f'width="10" height="10" fill="{AFTER_COLOUR}"/>')
        parts.append("</g>")
    parts.append("</svg>")
    # Every text in it went through escape(); numbers are formatted by _fmt.
    return mark_safe("".join(parts))  # noqa: S308
