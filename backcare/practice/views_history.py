"""/history/: this device's practice sessions, a pain chart and this week's count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache

from backcare.catalogue.library import get_library
from backcare.plans import format_duration
from backcare.practice.device import device_id
from backcare.practice.history_chart import MAX_POINTS, ChartPoint, pain_chart
from backcare.practice.models import Feeling, PracticeSession

#: The table lists at most this many sessions, newest first.
MAX_ROWS = 200
FEELING_TEXT = dict(Feeling.choices)


@dataclass(frozen=True)
class Row:
    session: PracticeSession
    title: str
    known_routine: bool
    duration: str
    feeling: str

    @property
    def completed(self) -> bool:
        return self.session.completed


def week_start(now: datetime) -> datetime:
    """Monday 00:00 of this week, in the site's time zone."""
    local = timezone.localtime(now)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight - timedelta(days=midnight.weekday())


@never_cache
def history(request: HttpRequest) -> HttpResponse:
    device = device_id(request)
    library = get_library()
    sessions: list[PracticeSession] = []
    this_week = 0
    if device is not None:
        mine = PracticeSession.objects.filter(device=device)
        sessions = list(mine.order_by("-started_at", "-created_at")[:MAX_ROWS])
        this_week = mine.filter(started_at__gte=week_start(timezone.now())).count()
    rows = []
    for s in sessions:
        routine = library.routines.get(s.routine)
        rows.append(Row(
            session=s, title=routine.title if routine else s.routine,
            known_routine=routine is not None, duration=format_duration(s.seconds),
            feeling=FEELING_TEXT.get(s.feeling, s.feeling),
        ))
    points = [ChartPoint(s.started_at, s.pain_before, s.pain_after, s.stopped_for_pain)
              for s in reversed(sessions[:MAX_POINTS])]
    response = render(request, "practice/history.html", {
        "rows": rows,
        "this_week": this_week,
        "chart": pain_chart(points) if points else "",
        "chart_count": len(points),
        "chart_limited": len(sessions) > MAX_POINTS,
        "stopped_count": sum(1 for s in sessions if s.stopped_for_pain),
        "nav": "history",
        "time_zone": timezone.get_current_timezone_name(),
    })
    patch_vary_headers(response, ["Cookie"])
    return response
