"""The pain chart on /history/: server-side SVG, no script, readable without colour.

Pain before each session is a hollow circle on a dashed line; pain afterwards a filled
square on a solid line; a session stopped because it hurt has a triangle above it, in a
strip along the top. The dates under the chart are distinct days: two sessions on one day
share one date, set under both. Each date carries its moment (``data-when``, ISO with its
offset) so the page's script can write it in the person's own time zone. The picture has
a ``<title>`` and a ``<desc>`` that says what it shows in words, and the page's table lists
every number, so nothing depends on seeing it.
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

WIDTH, HEIGHT = 480, 252
LEFT, RIGHT, TOP, BOTTOM = 36, 14, 32, 38
#: The middle of the strip above the plot where the stopped-because-it-hurt triangles sit.
STOPPED_Y = 14
#: A date set in the middle keeps this far from either end (room for the end dates).
MIDDLE_ROOM = 96
PAIN_MAX = 10
#: The chart shows at most this many sessions, the most recent; the table has them all.
MAX_POINTS = 30

BEFORE_COLOUR = "#8a4b08"
AFTER_COLOUR = "#0a615c"
STOPPED_COLOUR = "#b3261e"


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
    stopped = sum(1 for p in points if p.stopped_for_pain)
    if stopped:
        said.append(ngettext("You stopped {count} of them because it hurt.",
                             "You stopped {count} of them because it hurt.", stopped).format(
            count=stopped))
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


@dataclass(frozen=True)
class AxisDate:
    """A date under the chart: the day of ``when``, at ``x``, set ``anchor``-wise."""

    when: datetime
    x: float
    anchor: str  # "start", "middle" or "end"


def axis_dates(points: Sequence[ChartPoint]) -> list[AxisDate]:
    """The dates under the chart, each day once: the first day's, the last day's and, with
    more than four sessions and room for it, a day in between. A date stands under the
    middle of its day's sessions (the first date starts at its first session, the last ends
    at its last), so sessions on one day never give two dates that read the same."""
    count = len(points)
    days: list[tuple[int, int]] = []  # each day's first and last index, in order
    for index, point in enumerate(points):
        if days and points[days[-1][0]].when.date() == point.when.date():
            days[-1] = (days[-1][0], index)
        else:
            days.append((index, index))

    def centre(day: tuple[int, int]) -> float:
        return (_x(day[0], count) + _x(day[1], count)) / 2

    if len(days) == 1:
        return [AxisDate(points[0].when, centre(days[0]), "middle")]
    first, last = days[0], days[-1]
    dates = [AxisDate(points[first[0]].when, _x(first[0], count) - 6, "start")]
    if count > 4 and len(days) > 2:
        middle = days[len(days) // 2]
        x = centre(middle)
        if _x(first[0], count) + MIDDLE_ROOM <= x <= _x(last[1], count) - MIDDLE_ROOM:
            dates.append(AxisDate(points[middle[0]].when, x, "middle"))
    dates.append(AxisDate(points[last[0]].when, _x(last[1], count) + 6, "end"))
    return dates


def _stopped_mark(x: float, y_top: float) -> str:
    """A triangle in the strip above the plot and a dotted line down to the session's
    highest point: "stopped because it hurt", by shape as well as colour."""
    top, bottom, half = STOPPED_Y - 7, STOPPED_Y + 6, 7
    return (f'<line class="stop-line" x1="{_fmt(x)}" x2="{_fmt(x)}" y1="{bottom + 2}" '
            f'y2="{_fmt(y_top - 7)}" stroke="{STOPPED_COLOUR}" stroke-width="1.5" '
            f'stroke-dasharray="2 3"/>'
            f'<path class="point stopped" d="M{_fmt(x)},{top} L{_fmt(x + half)},{bottom} '
            f'L{_fmt(x - half)},{bottom} Z" fill="{STOPPED_COLOUR}"/>')


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
    for label in axis_dates(points):
        parts.append(f'<text class="axis day" x="{_fmt(label.x)}" y="{HEIGHT - 12}" '
                     f'text-anchor="{label.anchor}" font-size="15" fill="#4f5b62" '
                     f'data-when="{label.when.isoformat()}">{escape(_day(label.when))}</text>')

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
        if p.stopped_for_pain:
            parts.append(_stopped_mark(x, _y(max(p.before, p.after or 0))))
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
