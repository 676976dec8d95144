"""/history/ in pages: however many sessions a device has saved, a page lists
ROWS_PER_PAGE of them, newest first, with links to the pages around it; the counts and
the chart still speak of every session (the chart of the latest), and a page that does
not exist is a 404 that says which pages do."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from backcare.practice.device import COOKIE
from backcare.practice.history_chart import MAX_POINTS
from backcare.practice.models import PracticeSession
from backcare.practice.views_history import ROWS_PER_PAGE

FIVE_MINUTE = "back-pain-relief-stretches-5-minute-real-time-routine"
pytestmark = pytest.mark.django_db


@pytest.fixture
def device() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def browser(device: str) -> Client:
    client = Client()
    client.cookies[COOKIE] = device
    return client


def _save(device: str, count: int, stopped_every: int = 0) -> list[PracticeSession]:
    """``count`` sessions, one a day going back from an hour ago: newest first."""
    now = timezone.now()
    rows = []
    for n in range(count):
        started = now - timedelta(days=n, hours=1)
        rows.append(PracticeSession(
            id=uuid.uuid4(), device=device, routine=FIVE_MINUTE, plan="",
            started_at=started, ended_at=started + timedelta(minutes=5),
            pain_before=n % 11, pain_after=(n + 2) % 11, feeling="same",
            steps_done=13, steps_total=13,
            stopped_for_pain=bool(stopped_every) and n % stopped_every == 0))
    PracticeSession.objects.bulk_create(rows)
    return rows


def _row_times(html: str) -> list[str]:
    return re.findall(r'<tr class="session-row[^"]*">\s*<td class="when"><time datetime="([^"]+)"', html)


def _links(html: str) -> dict[str, str]:
    return {text: href.replace("&amp;", "&") for href, text in
            re.findall(r'<a rel="(?:prev|next)" href="([^"]+)">([^<]+)</a>', html)}


def test_a_long_history_comes_in_pages_newest_first(browser: Client, device: str) -> None:
    total = 2 * ROWS_PER_PAGE + 5
    rows = _save(device, total)
    _save(str(uuid.uuid4()), 3)  # another device's sessions are never counted or listed
    expected = [timezone.localtime(r.started_at).isoformat() for r in rows]
    seen: list[str] = []
    for number in (1, 2, 3):
        response = browser.get("/history/" + (f"?page={number}" if number > 1 else ""))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
        html = response.content.decode()
        assert f"Page {number} of 3" in html
        times = _row_times(html)
        assert len(times) == (ROWS_PER_PAGE if number < 3 else 5)
        seen += times
        links = _links(html)
        assert links.get("Next page →") == ({1: "/history/?page=2", 2: "/history/?page=3"}.get(number))
        assert links.get("← Previous page") == {1: None, 2: "/history/", 3: "/history/?page=2"}[number]
    assert [t[:19] for t in seen] == [t[:19] for t in expected]


def test_the_chart_and_the_counts_speak_of_every_session_on_every_page(
        browser: Client, device: str) -> None:
    total = 3 * ROWS_PER_PAGE
    _save(device, total, stopped_every=4)
    stopped = len(range(0, total, 4))
    for url in ("/history/", "/history/?page=3"):
        html = browser.get(url).content.decode()
        assert f"You stopped {stopped} sessions because it hurt." in re.sub(r"\s+", " ", html)
        assert html.count('<g class="session">') == MAX_POINTS  # the latest sessions
        assert f"for your last {MAX_POINTS} sessions" in html


@pytest.mark.parametrize("value", ["0", "4", "-1", "last", "2.0"])
def test_a_page_the_history_does_not_have_is_a_private_404(browser: Client, device: str,
                                                           value: str) -> None:
    _save(device, 2 * ROWS_PER_PAGE + 1)
    response = browser.get(f"/history/?page={value}")
    assert response.status_code == 404
    html = response.content.decode()
    assert "This list has no such page" in html
    assert "this list has pages 1 to 3" in html
    assert 'href="/history/"' in html
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]


def test_without_sessions_there_is_one_empty_page(browser: Client) -> None:
    assert "No sessions yet" in browser.get("/history/").content.decode()
    assert browser.get("/history/?page=2").status_code == 404
    assert Client().get("/history/?page=2").status_code == 404
