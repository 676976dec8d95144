"""/history/: this device's practice sessions, a pain chart and this week's count.

Bounded work however many sessions a device has saved: the table shows ROWS_PER_PAGE
sessions a page (``?page=``, :mod:`backcare.catalogue.paging`), the chart the last
MAX_POINTS, and the counts (in all, this week, stopped because it hurt) are counted by
the database, on the ``practice_device_recent`` index.

The server does not know the person's time zone: it writes days and times in the site's
(UTC), each in a ``<time datetime>``, and ``practice/local_times.js`` rewrites them, the
chart's dates and the "Times are in …" note in the browser's own zone and the page's
language.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backcare.catalogue.library import get_library
from backcare.catalogue.paging import NoSuchPage, no_such_page, pager
from backcare.plans import format_duration
from backcare.plans.suitability import day_text
from backcare.practice.forgetting import forget_device, forget_device_cookies, forget_session
from backcare.practice.history_chart import MAX_POINTS, ChartPoint, pain_chart
from backcare.practice.models import PracticeSession
from backcare.practice.owner import owner_of
from backcare.programs.models import ProgramVersion
from backcare.site.personal import personal
from backcare.vocabulary import Labels, gettext, gettext_noop

#: The table lists this many sessions a page, newest first.
ROWS_PER_PAGE = 20
#: How the person said the session felt (``PracticeSession.feeling``), as the table says it.
FEELING_TEXT = Labels({
    "better": gettext_noop("Better"),
    "same": gettext_noop("About the same"),
    "worse": gettext_noop("Worse"),
    "": gettext_noop("Not said"),
})
#: What the page says after a delete (?deleted=...).
DELETED_TEXT = Labels({
    "one": gettext_noop("That session is deleted."),
    "all": gettext_noop("Everything this device had saved is deleted. "
                        "This browser now starts afresh."),
    "none": gettext_noop("There was nothing to delete."),
})
#: Days of the week, Monday first (``datetime.weekday()``).
WEEKDAYS = Labels({str(n): name for n, name in enumerate((
    gettext_noop("Monday"), gettext_noop("Tuesday"), gettext_noop("Wednesday"),
    gettext_noop("Thursday"), gettext_noop("Friday"), gettext_noop("Saturday"),
    gettext_noop("Sunday")))})


@dataclass(frozen=True)
class Row:
    session: PracticeSession
    title: str
    known_routine: bool
    duration: str
    feeling: str
    day: str   # "Monday 3 March 2025", in the site's time zone
    time: str  # "14:05"
    program_url: str = ""  # a clinician's program's page, for a session of it

    @property
    def completed(self) -> bool:
        return self.session.completed


def week_start(now: datetime) -> datetime:
    """Monday 00:00 of this week, in the site's time zone."""
    local = timezone.localtime(now)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight - timedelta(days=midnight.weekday())


def day_and_time(when: datetime) -> tuple[str, str]:
    """``("Monday 3 March 2025", "14:05")`` in the site's time zone and the language in force."""
    local = timezone.localtime(when)
    day = gettext("{weekday} {day} {year}").format(
        weekday=WEEKDAYS[str(local.weekday())], day=day_text(local.date()), year=local.year)
    return day, f"{local:%H:%M}"


def program_titles(sessions: list[PracticeSession]) -> dict[int, tuple[str, str]]:
    """For each patient-program these sessions followed: its program's title now (the
    latest version's) and the program's page. One query, however many sessions."""
    programs = {s.patient_program_id: s.patient_program.program for s in sessions
                if s.patient_program_id is not None and s.patient_program is not None}
    titles: dict[int, str] = {}
    for program_id, title in ProgramVersion.objects.filter(
            program_id__in={p.pk for p in programs.values()}).order_by(
            "program_id", "-number").values_list("program_id", "title"):
        titles.setdefault(program_id, title)
    return {pp_id: (titles.get(program.pk, program.code),
                    reverse("shared:program", args=[program.share_key]))
            for pp_id, program in programs.items()}


@never_cache
@personal
@require_safe
def history(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    library = get_library()
    mine = owner.sessions()
    counts = mine.aggregate(
        total=Count("id"),
        this_week=Count("id", filter=Q(started_at__gte=week_start(timezone.now()))),
        stopped=Count("id", filter=Q(stopped_for_pain=True)),
    ) if owner.known else {"total": 0, "this_week": 0, "stopped": 0}
    try:
        page = pager(request, counts["total"], ROWS_PER_PAGE)
    except NoSuchPage as error:
        return no_such_page(request, error, nav="history")
    newest_first = mine.order_by("-started_at", "-created_at")
    sessions = list(newest_first.select_related("patient_program__program")[page.start:page.stop]
                    ) if counts["total"] else []
    programs = program_titles(sessions)
    rows = []
    for s in sessions:
        routine = library.routines.get(s.routine)
        day, time = day_and_time(s.started_at)
        title, program_url = routine.title if routine else s.routine, ""
        if s.patient_program_id is not None and s.patient_program_id in programs:
            title, program_url = programs[s.patient_program_id]
        elif not s.routine:  # a program's session whose program is gone
            title = gettext("A program from your therapist")
        rows.append(Row(
            session=s, title=title,
            known_routine=routine is not None, duration=format_duration(s.seconds),
            feeling=FEELING_TEXT.get(s.feeling, s.feeling), day=day, time=time,
            program_url=program_url,
        ))
    # The chart's sessions: the latest MAX_POINTS, read again unless this page holds them.
    latest = min(MAX_POINTS, counts["total"])
    recent = sessions[:latest] if page.start == 0 and len(sessions) >= latest \
        else list(newest_first[:MAX_POINTS])
    points = [ChartPoint(timezone.localtime(s.started_at), s.pain_before, s.pain_after,
                         s.stopped_for_pain)
              for s in reversed(recent)]
    response = render(request, "practice/history.html", {
        "rows": rows,
        "pager": page,
        "this_week": counts["this_week"],
        "chart": pain_chart(points) if points else "",
        "chart_count": len(points),
        "chart_stopped": any(p.stopped_for_pain for p in points),
        "chart_limited": counts["total"] > MAX_POINTS,
        "stopped_count": counts["stopped"],
        "nav": "history",
        # local_times.js writes the browser's zone in this span.
        "time_zone": format_html('<span class="time-zone">{}</span>',
                                 timezone.get_current_timezone_name()),
        "deleted": DELETED_TEXT.get(request.GET.get("deleted", "")),
    })
    return response


@never_cache
@personal
@require_POST
def delete_session(request: HttpRequest, session_id: uuid.UUID) -> HttpResponse:
    """The history table's "Delete" button: one session of this device, gone."""
    found = forget_session(owner_of(request), session_id)
    return HttpResponseRedirect(reverse("practice:history") + ("?deleted=one" if found else "?deleted=none"))


@never_cache
@personal
@require_http_methods(["GET", "HEAD", "POST"])
def delete_everything(request: HttpRequest) -> HttpResponse:
    """GET asks "are you sure?"; POST deletes every session of this device and forgets it."""
    owner = owner_of(request)
    if request.method != "POST":
        count = owner.sessions().count()
        return render(request, "practice/delete_everything.html", {"count": count, "nav": "history"})
    deleted = forget_device(owner)
    response = HttpResponseRedirect(reverse("practice:history") + f"?deleted={'all' if deleted else 'none'}")
    forget_device_cookies(response)
    return response
