"""What /progress/ shows: each measure over time against its meaningful change, the STarT
Back result in plain words, sessions per week against the goal, this week's review, the
measures to take next and the reminders. Days and weeks are the person's: the views that
draw it run in their zone (:func:`backcare.progress.zones.in_person_zone`).

:func:`render_progress` draws the page; the forms on it (goal, review) call it again with
their problems and a 400 when what they were sent is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from backcare.catalogue.library import get_library
from backcare.outcomes.change import change_sentence, number_text
from backcare.outcomes.measures import measures
from backcare.outcomes.scoring import stratum_words
from backcare.plans.suitability import day_text
from backcare.practice.owner import Owner, owner_of
from backcare.progress import records, reminders
from backcare.progress.charts import (
    ScorePoint,
    band_around,
    outside_band,
    score_chart,
    weeks_chart,
)
from backcare.progress.review_card import review_card
from backcare.progress.views_reminders import summary
from backcare.vocabulary import gettext

#: The measures drawn over time, in this order.
CHARTED = ("nprs", "psfs")
#: The most sessions a week a goal can ask for.
GOAL_CHOICES = tuple(range(1, 8))


@dataclass(frozen=True)
class Row:
    day: str
    score: str
    meaningful: bool


@dataclass(frozen=True)
class MeasureSection:
    id: str
    title: str
    chart: SafeString | str
    rows: tuple[Row, ...]
    sentence: str
    meaningful: str       # "better" | "worse" | "no" (data-meaningful)
    first: str
    threshold: str        # the change that counts, in words
    take_url: str
    due: bool
    next_day: str
    #: a line under the change, e.g. that the PSFS activities changed and since when
    note: str = ""


@dataclass(frozen=True)
class WeekRow:
    day: str
    sessions: int
    on_goal: bool
    under_way: bool


def threshold_text(measure: Any) -> str:
    mcid = getattr(measure, "mcid", None)
    if mcid is None:
        return ""
    if mcid.percent:
        return gettext("An improvement of {points} points, or of {percent} % of your first "
                       "score, counts as meaningful; so does a worsening of {points} "
                       "points.").format(points=number_text(mcid.points),
                                         percent=number_text(mcid.percent))
    return gettext("A change of {points} points either way counts as meaningful.").format(
        points=number_text(mcid.points))



def set_note(started: date | None) -> str:
    """Why the PSFS change starts later than the first answer, if it does."""
    if started is None:
        return ""
    return gettext("You named different activities on {day}, so their change is counted "
                   "from that day.").format(day=day_text(started))


def measure_section(owner: Owner, measure: Any, points: Sequence[tuple[date, float]],
                    change: Any, today: date, note: str = "") -> MeasureSection:
    scored = [ScorePoint(day, float(score)) for day, score in points]
    band = band_around(measure, scored[0].score) if scored else None
    title = gettext("{measure} over time, from 0 to 10").format(measure=measure.title)
    meaningful = "no"
    sentence = ""
    if change is not None:
        sentence = change_sentence(measure, change)
        if change.meaningful and change.direction in ("better", "worse"):
            meaningful = change.direction
    due, next_day = True, ""
    if measure.id == "nprs" and owner.known:
        due = records.nprs_due(owner, today)
        if not due:
            upcoming = records.next_nprs_day(owner)
            next_day = day_text(upcoming) if upcoming else ""
    return MeasureSection(
        id=measure.id, title=measure.title,
        chart=score_chart(scored, band, chart_id=f"{measure.id}-chart", title=title)
        if scored else "",
        rows=tuple(Row(day_text(p.day), number_text(p.score),
                       index > 0 and outside_band(band, p.score))
                   for index, p in enumerate(scored)),
        sentence=sentence, meaningful=meaningful,
        first=number_text(scored[0].score) if scored else "",
        threshold=threshold_text(measure),
        take_url=reverse("progress:take_measure", args=[measure.id]),
        due=due, next_day=next_day, note=note,
    )


def weeks_rows(weeks: Sequence[Any], today: date) -> tuple[WeekRow, ...]:
    return tuple(WeekRow(day=day_text(w.week_start), sessions=w.sessions, on_goal=w.on_goal,
                         under_way=0 <= (today - w.week_start).days < 7)
                 for w in reversed(weeks))


def render_progress(request: HttpRequest, *, errors: Mapping[str, str] | None = None,
                    values: Mapping[str, str] | None = None, status: int = 200) -> HttpResponse:
    owner = owner_of(request)
    today = timezone.localdate()
    library = get_library()
    every = measures()
    view = records.progress_for(owner, today)
    notes = {"psfs": set_note(view.psfs_set_started)}
    sections = [measure_section(owner, every[mid], view.measures.get(mid, []),
                                view.changes.get(mid), today, notes.get(mid, ""))
                for mid in CHARTED if mid in every]
    start_back = every.get("start-back")
    latest = view.latest_start_back
    feed = reminders.live_feed(owner) if owner.known else None
    return render(request, "progress/progress.html", {
        "sections": sections,
        "activities": records.last_activities(owner) if owner.known else [],
        "start_back": start_back,
        "start_back_words": stratum_words(latest.stratum) if latest and latest.stratum else "",
        "start_back_day": day_text(timezone.localtime(latest.taken_at).date()) if latest else "",
        "weeks_chart": weeks_chart(view.weeks, view.goal, today=today) if view.weeks else "",
        "weeks": weeks_rows(view.weeks, today),
        "weeks_on_goal": view.weeks_on_goal,
        "goal": view.goal,
        "goal_source": view.goal_source,
        "goal_choices": GOAL_CHOICES,
        "target": view.target,
        "locked": bool(view.target is not None and view.target.patient_program is not None
                       and view.target.patient_program.program.locked),
        "review": review_card(owner, library, today),
        "reminders": summary(feed),
        "has_reminders": feed is not None,
        "anything_saved": owner.known,
        "errors": errors or {},
        "values": values or {},
        "nav": "progress",
    }, status=status)
