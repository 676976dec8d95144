"""/history/: this device's sessions, this week's count and the pain chart (server-side SVG)."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from backcare.content import Library
from backcare.practice.device import COOKIE
from backcare.practice.history_chart import ChartPoint, describe, pain_chart
from backcare.practice.models import PracticeSession
from backcare.practice.views_history import week_start

FIVE_MINUTE = "back-pain-relief-stretches-5-minute-real-time-routine"
SEATED = "seated-back-pain-relief-stretches"
pytestmark = pytest.mark.django_db


def visible(html: str) -> str:
    html = re.sub(r"<(head|script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'").strip()


def make(device: str, started: datetime, **values: object) -> PracticeSession:
    fields = {"routine": FIVE_MINUTE, "plan": "", "pain_before": 6, "pain_after": 4, "feeling": "better",
                  "steps_done": 13, "steps_total": 13, "stopped_for_pain": False}
    fields.update(values)
    return PracticeSession.objects.create(
        id=uuid.uuid4(), device=device, started_at=started,
        ended_at=started + timedelta(minutes=5), **fields)


@pytest.fixture
def device() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def browser(device: str) -> Client:
    client = Client()
    client.cookies[COOKIE] = device
    return client


def test_without_sessions_it_invites_you_to_a_routine() -> None:
    response = Client().get("/history/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "No sessions yet" in html
    assert 'href="/"' in html and "Choose a routine" in html
    assert "<svg" not in html


def test_it_lists_this_devices_sessions_with_a_chart(browser: Client, device: str,
                                                     library: Library) -> None:
    now = timezone.now()
    monday = week_start(now)
    in_week = monday + (now - monday) / 2
    make(device, in_week, pain_before=7, pain_after=3, feeling="better")
    make(device, in_week + (now - in_week) / 2, routine=SEATED, pain_before=5, pain_after=None,
         feeling="", steps_done=4, steps_total=50, stopped_for_pain=True)
    make(device, monday - timedelta(days=3), pain_before=8, pain_after=8, feeling="same",
         plan="floor=0&conditions=none-known")
    make(device, monday - timedelta(days=10), pain_before=6, pain_after=7, feeling="worse",
         steps_done=5)
    make(str(uuid.uuid4()), in_week, pain_before=9, pain_after=9)  # another device

    response = browser.get("/history/")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] and "Cookie" in response["Vary"]
    html = response.content.decode()
    text = visible(html)

    rows = re.findall(r'<tr class="session-row[^"]*">(.*?)</tr>', html, re.S)
    assert len(rows) == 4
    assert "2 sessions this week" in text
    assert library.routines[FIVE_MINUTE].title.replace("'", "&#x27;") in html
    assert library.routines[SEATED].title in html
    assert "7 → 3" in text and "8 → 8" in text and "6 → 7" in text
    assert "5 → not given" in text
    assert "Stopped because it hurt" in rows[0]  # the newest one
    assert "Stopped early (5 of 13 steps)" in rows[3]
    assert "(your plan)" in rows[2]
    assert "Better" in rows[1] and "About the same" in rows[2] and "Worse" in rows[3]
    assert "5 min" in rows[1]
    assert "9 → 9" not in text

    svg = re.search(r"<svg\b[^>]*>.*?</svg>", html, re.S)
    assert svg, "no chart"
    chart = svg.group(0)
    assert 'role="img"' in chart and "<title" in chart and "<desc" in chart
    assert 'aria-labelledby="pain-chart-title pain-chart-desc"' in chart
    assert len(re.findall(r'class="point before"', chart)) == 4
    assert len(re.findall(r'class="point after"', chart)) == 3  # one has no "after"
    assert "style=" not in html  # the CSP allows no inline styles
    # Scripts come from this site's files only (no inline code); one writes local times.
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)
    assert scripts and not any(body.strip() for body in scripts)
    assert '<script type="module" src="/static/practice/local_times.js"></script>' in html

    # The session stopped because it hurt: a triangle on the chart, its legend, and the words.
    assert len(re.findall(r'class="point stopped"', chart)) == 1
    assert "You stopped 1 of them because it hurt." in chart  # the chart's description
    assert "Triangles along the top: sessions you stopped because it hurt." in text
    assert "stopped" in re.search(r'<tr class="session-row([^"]*)">', html).group(1)


def test_the_chart_puts_pain_where_it_belongs() -> None:
    day = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.get_current_timezone())
    points = [ChartPoint(day, 10, 0), ChartPoint(day + timedelta(days=1), 0, 10)]
    svg = str(pain_chart(points))
    before = [float(y) for y in re.findall(r'class="point before" cx="[\d.]+" cy="([\d.]+)"', svg)]
    assert before[0] < before[1]  # 10 is drawn higher (smaller y) than 0
    assert "3 March" in svg and "4 March" in svg
    assert describe(points) == ("2 sessions from 3 March to 4 March. Pain before went from 10 to 0. "
                                "On average it was the same afterwards.")
    assert "1.5 points lower" in describe([ChartPoint(day, 6, 4), ChartPoint(day, 5, 4)])


def test_the_chart_escapes_and_shows_only_recent_sessions() -> None:
    day = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.get_current_timezone())
    points = [ChartPoint(day + timedelta(days=i), i % 11, None) for i in range(45)]
    svg = str(pain_chart(points))
    assert len(re.findall(r'class="point before"', svg)) == 30
    assert 'class="point after"' not in svg


def test_each_time_says_its_moment_in_utc_for_the_browser_to_rewrite(
        browser: Client, device: str) -> None:
    started = datetime(2025, 11, 30, 14, 5, tzinfo=UTC)
    make(device, started)
    html = browser.get("/history/").content.decode()
    cell = re.search(r'<td class="when">(.*?)</td>', html, re.S).group(1)
    moment = re.search(r'<time datetime="([^"]+)" class="local-time">', cell).group(1)
    assert datetime.fromisoformat(moment) == started
    assert "Sunday 30 November 2025" in visible(cell) and "14:05" in visible(cell)
    assert 'Times are in <span class="time-zone">UTC</span>.' in html  # the script names theirs
    assert 'data-label="Pain before → after"' in html and 'data-label="How it felt"' in html


def _dates_under(svg: str) -> list[str]:
    return re.findall(r'<text class="axis day"[^>]*>([^<]+)</text>', svg)


def test_two_sessions_on_one_day_give_that_day_one_date() -> None:
    morning = datetime(2025, 11, 30, 8, 0, tzinfo=UTC)
    for points in (
        [ChartPoint(morning, 6, 4), ChartPoint(morning + timedelta(hours=9), 5, 3)],
        [ChartPoint(morning - timedelta(days=1), 6, 4), ChartPoint(morning, 6, 4),
         ChartPoint(morning + timedelta(hours=9), 5, 3)],
        [ChartPoint(morning + timedelta(days=d, hours=h), 5, 3)
         for d in range(4) for h in (0, 9)],
        [ChartPoint(morning + timedelta(hours=h), 5, 3) for h in range(6)],
    ):
        dates = _dates_under(str(pain_chart(points)))
        assert dates and len(dates) == len(set(dates)), dates
        assert dates[0] == ("29 November" if points[0].when.day == 29 else "30 November")
    assert _dates_under(str(pain_chart(
        [ChartPoint(morning + timedelta(days=d), 5, 3) for d in range(10)]))) == [
        "30 November", "5 December", "9 December"]
    svg = str(pain_chart([ChartPoint(morning, 6, 4), ChartPoint(morning, 5, 3)]))
    assert f'data-when="{morning.isoformat()}"' in svg  # for the browser's own time zone


def test_a_stopped_session_has_its_own_mark_on_the_chart() -> None:
    day = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
    points = [ChartPoint(day, 6, 4), ChartPoint(day + timedelta(days=1), 7, None, True)]
    svg = str(pain_chart(points))
    assert len(re.findall(r'<path class="point stopped"', svg)) == 1
    assert "(stopped because it hurt)" in svg
    assert 'class="point stopped"' not in str(pain_chart(points[:1]))
