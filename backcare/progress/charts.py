"""The charts on /progress/: server-side SVG, no script, readable without colour.

Two kinds, drawn like /history/'s pain chart (``backcare.practice.history_chart``):

- :func:`score_chart`: one measure's scores over time (NPRS, the PSFS average), 0 to 10.
  The first score is a dashed line; the band around it is the change too small to count
  (the measure's minimal clinically important difference: NPRS 2 points or 30 % of the
  first score, whichever comes first; PSFS 2 points). A score outside the band is drawn
  as a filled diamond instead of a hollow circle, so a meaningful change shows by shape.
- :func:`weeks_chart`: sessions per week as bars against the weekly goal (a dashed line);
  a week on goal is a filled bar with a tick above it, a week short of it a hollow bar, the
  week under way a dashed outline.

Each picture has a ``<title>`` and a ``<desc>`` saying what it shows in words, and the page
has a table with every number, so nothing depends on seeing it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from backcare.outcomes.change import number_text
from backcare.plans.suitability import day_text
from backcare.vocabulary import gettext, ngettext

WIDTH, HEIGHT = 480, 240
LEFT, RIGHT, TOP, BOTTOM = 36, 18, 16, 38
SCALE_MAX = 10
#: Each chart shows at most this many points (or weeks), the most recent; the table has all.
MAX_POINTS = 30

LINE_COLOUR = "#0a615c"
FIRST_COLOUR = "#8a4b08"
BAND_COLOUR = "#ecebe4"
SHORT_COLOUR = "#4f5b62"
AXIS_COLOUR = "#4f5b62"


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class ScorePoint:
    day: date
    score: float


@dataclass(frozen=True)
class Band:
    """Scores strictly between ``low`` and ``high`` are no meaningful change from the first."""

    first: float
    low: float
    high: float


def band_around(measure: Any, first: float) -> Band | None:
    """The no-meaningful-change band around the first score, as the core judges change
    (:mod:`backcare.outcomes.change`): an improvement counts from ``mcid.points`` or, when
    smaller, ``mcid.percent`` % of the first score; a worsening from ``mcid.points``."""
    mcid = getattr(measure, "mcid", None)
    if mcid is None:
        return None
    worse = better = float(mcid.points)
    if mcid.percent and first > 0:
        better = min(better, first * mcid.percent / 100)
    if measure.better == "lower":
        return _rounded(Band(first=first, low=first - better, high=first + worse))
    return _rounded(Band(first=first, low=first - worse, high=first + better))


def _rounded(band: Band) -> Band:
    """Edges to 4 places, as the core rounds (30 % of 6 is 1.8, not 1.7999999)."""
    return Band(first=band.first, low=round(band.low, 4), high=round(band.high, 4))


#: The first and last points keep this far in from the chart's edges.
INSET = 14


def _x(index: int, count: int) -> float:
    inner = WIDTH - LEFT - RIGHT - 2 * INSET
    if count == 1:
        return LEFT + INSET + inner / 2
    return LEFT + INSET + inner * index / (count - 1)


def _y(value: float, top_value: float = SCALE_MAX) -> float:
    inner = HEIGHT - TOP - BOTTOM
    value = max(0.0, min(top_value, value))
    return TOP + inner * (top_value - value) / top_value


def _open(chart_id: str, css_class: str, title: str, desc: str) -> list[str]:
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return [
        f'<svg class="progress-chart {css_class}" id="{chart_id}" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" aria-labelledby="{title_id} {desc_id}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
    ]


def _grid(parts: list[str], top_value: int, step: int) -> None:
    for value in range(0, top_value + 1, step):
        y = _fmt(_y(value, top_value))
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" '
                     f'stroke="#dcdcd4" stroke-width="1"/>')
        parts.append(f'<text class="axis" x="{LEFT - 8}" y="{y}" text-anchor="end" '
                     f'dominant-baseline="middle" font-size="15" fill="{AXIS_COLOUR}">'
                     f'{value}</text>')


def _end_dates(parts: list[str], first: date, last: date, first_x: float, last_x: float,
               single: bool) -> None:
    y = HEIGHT - 12
    if single or first == last:
        parts.append(f'<text class="axis day" x="{_fmt((first_x + last_x) / 2)}" y="{y}" '
                     f'text-anchor="middle" font-size="15" fill="{AXIS_COLOUR}">'
                     f'{escape(day_text(first))}</text>')
        return
    parts.append(f'<text class="axis day" x="{_fmt(first_x - 6)}" y="{y}" text-anchor="start" '
                 f'font-size="15" fill="{AXIS_COLOUR}">{escape(day_text(first))}</text>')
    parts.append(f'<text class="axis day" x="{_fmt(last_x + 6)}" y="{y}" text-anchor="end" '
                 f'font-size="15" fill="{AXIS_COLOUR}">{escape(day_text(last))}</text>')


def outside_band(band: Band | None, score: float) -> bool:
    return band is not None and (score <= band.low or score >= band.high)


def describe_scores(points: Sequence[ScorePoint], band: Band | None) -> str:
    """The score chart in words, for people who cannot see it."""
    if not points:
        return gettext("No answers yet.")
    first, last = points[0], points[-1]
    if len(points) == 1:
        said = [gettext("One answer, on {day}: {score}.").format(
            day=day_text(first.day), score=number_text(first.score))]
    else:
        said = [ngettext("{count} answer from {first} to {last}.",
                         "{count} answers from {first} to {last}.", len(points)).format(
                    count=len(points), first=day_text(first.day), last=day_text(last.day)),
                gettext("The first score was {first} and the latest is {latest}.").format(
                    first=number_text(first.score), latest=number_text(last.score))]
    if band is not None:
        said.append(gettext("The shaded band, from {low} to {high}, is a change too small "
                            "to count as meaningful.").format(
            low=number_text(max(0.0, band.low)), high=number_text(min(SCALE_MAX, band.high))))
    return " ".join(said)


def score_chart(points: Sequence[ScorePoint], band: Band | None, *, chart_id: str,
                title: str) -> SafeString:
    """Inline SVG for ``points`` in time order (oldest first); the last MAX_POINTS only."""
    points = list(points)[-MAX_POINTS:]
    count = len(points)
    parts = _open(chart_id, "score-chart", title, describe_scores(points, band))
    if band is not None:
        top, bottom = _y(min(SCALE_MAX, band.high)), _y(max(0.0, band.low))
        parts.append(f'<rect class="mcid-band" x="{LEFT}" y="{_fmt(top)}" '
                     f'width="{WIDTH - LEFT - RIGHT}" height="{_fmt(bottom - top)}" '
                     f'fill="{BAND_COLOUR}"/>')
    _grid(parts, SCALE_MAX, 2)
    if band is not None:
        y = _fmt(_y(band.first))
        parts.append(f'<line class="first-line" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" '
                     f'y2="{y}" stroke="{FIRST_COLOUR}" stroke-width="2" '
                     f'stroke-dasharray="6 4"/>')
        for edge in (band.low, band.high):
            if 0 <= edge <= SCALE_MAX:
                y = _fmt(_y(edge))
                parts.append(f'<line class="mcid-line" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
                             f'y1="{y}" y2="{y}" stroke="{SHORT_COLOUR}" stroke-width="1.5" '
                             f'stroke-dasharray="2 3"/>')
    if count:
        _end_dates(parts, points[0].day, points[-1].day, _x(0, count), _x(count - 1, count),
                   count == 1)
    if count > 1:
        path = " ".join(f"{_fmt(_x(i, count))},{_fmt(_y(p.score))}" for i, p in enumerate(points))
        parts.append(f'<polyline class="line score" points="{path}" fill="none" '
                     f'stroke="{LINE_COLOUR}" stroke-width="2"/>')
    for index, p in enumerate(points):
        px, py = _x(index, count), _y(p.score)
        label = gettext("{day}: {score}").format(day=day_text(p.day), score=number_text(p.score))
        parts.append(f'<g class="answer"><title>{escape(label)}</title>')
        if index > 0 and outside_band(band, p.score):
            parts.append(f'<path class="point meaningful" d="M{_fmt(px)},{_fmt(py - 8)} '
                         f'L{_fmt(px + 8)},{_fmt(py)} L{_fmt(px)},{_fmt(py + 8)} '
                         f'L{_fmt(px - 8)},{_fmt(py)} Z" fill="{LINE_COLOUR}"/>')
        else:
            parts.append(f'<circle class="point" cx="{_fmt(px)}" cy="{_fmt(py)}" r="5.5" '
                         f'fill="#ffffff" stroke="{LINE_COLOUR}" stroke-width="2.5"/>')
        parts.append("</g>")
    parts.append("</svg>")
    # Every text in it went through escape(); numbers are formatted by _fmt.
    return mark_safe("".join(parts))  # noqa: S308


def describe_weeks(weeks: Sequence[Any], goal: int) -> str:
    """The weeks chart in words."""
    if not weeks:
        return gettext("No weeks yet.")
    on_goal = sum(1 for w in weeks if w.on_goal)
    return " ".join((
        ngettext("Sessions in each of the last {count} week, against your goal of {goal} a "
                 "week.", "Sessions in each of the last {count} weeks, against your goal of "
                 "{goal} a week.", len(weeks)).format(count=len(weeks), goal=goal),
        ngettext("You reached it in {count} week.", "You reached it in {count} weeks.",
                 on_goal).format(count=on_goal),
    ))


def weeks_chart(weeks: Sequence[Any], goal: int, *, today: date,
                chart_id: str = "weeks-chart") -> SafeString:
    """Bars for ``weeks`` (the core's WeekOnGoal: week_start, sessions, goal, on_goal),
    oldest first; the week containing ``today`` is drawn as under way."""
    weeks = list(weeks)[-MAX_POINTS:]
    count = len(weeks)
    top_value = max(7, goal, *(w.sessions for w in weeks)) if weeks else 7
    title = gettext("Sessions each week, against your weekly goal")
    parts = _open(chart_id, "weeks-chart", title, describe_weeks(weeks, goal))
    _grid(parts, top_value, 1 if top_value <= 7 else 2)
    inner = WIDTH - LEFT - RIGHT
    slot = inner / max(count, 1)
    bar = min(40.0, slot * 0.6)
    for index, week in enumerate(weeks):
        centre = LEFT + slot * (index + 0.5)
        y = _y(week.sessions, top_value)
        height = _y(0, top_value) - y
        under_way = 0 <= (today - week.week_start).days < 7
        label = ngettext("Week of {day}: {count} session", "Week of {day}: {count} sessions",
                         week.sessions).format(day=day_text(week.week_start), count=week.sessions)
        css = "bar on-goal" if week.on_goal else "bar short"
        if under_way:
            css += " under-way"
        fill = LINE_COLOUR if week.on_goal else "#ffffff"
        dash = ' stroke-dasharray="4 3"' if under_way else ""
        parts.append(f'<g class="week"><title>{escape(label)}</title>')
        parts.append(f'<rect class="{css}" x="{_fmt(centre - bar / 2)}" y="{_fmt(y)}" '
                     f'width="{_fmt(bar)}" height="{_fmt(max(height, 0))}" fill="{fill}" '
                     f'stroke="{LINE_COLOUR}" stroke-width="2"{dash}/>')
        if week.on_goal:
            parts.append(f'<path class="tick" d="M{_fmt(centre - 6)},{_fmt(y - 10)} '
                         f'l4,5 l8,-10" fill="none" stroke="{LINE_COLOUR}" stroke-width="2.5"/>')
        parts.append("</g>")
    goal_y = _fmt(_y(goal, top_value))
    parts.append(f'<line class="goal-line" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{goal_y}" '
                 f'y2="{goal_y}" stroke="{FIRST_COLOUR}" stroke-width="2" '
                 f'stroke-dasharray="6 4"/>')
    if count:
        _end_dates(parts, weeks[0].week_start, weeks[-1].week_start,
                   LEFT + slot * 0.5, LEFT + slot * (count - 0.5), count == 1)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308
