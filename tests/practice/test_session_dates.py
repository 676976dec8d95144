"""Session dates are checked at the edge: any value gives 2xx or a 422 naming the field —
never a 500 — and /history/ and GET /api/sessions keep answering afterwards.

Runs on SQLite and, in CI, on PostgreSQL (where year-1 dates once saved and then broke
the history for good, and +23:59 offsets gave a 500).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.practice.models import PracticeSession

from .test_sessions_api import fields, payload, post

pytestmark = pytest.mark.django_db
NOW = datetime.now(UTC).replace(microsecond=0)


def at(moment: datetime, offset: str) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + offset


def device() -> Client:
    client = Client()
    client.cookies[DEVICE_COOKIE] = str(uuid.uuid4())
    return client


def still_readable(client: Client) -> None:
    assert client.get("/history/").status_code == 200
    listed = client.get("/api/sessions")
    assert listed.status_code == 200, listed.content


@pytest.mark.parametrize(("started", "ended", "field"), [
    ("0001-01-01T00:00:00+14:00", None, "started_at"),
    ("0001-01-01T00:00:00-14:00", None, "started_at"),
    ("9999-12-31T23:59:59-14:00", None, "started_at"),
    ("1900-06-01T10:00:00+00:00", None, "started_at"),
    (at(NOW - timedelta(days=800), "+00:00"), None, "started_at"),      # over two years ago
    (at(NOW + timedelta(hours=2), "+00:00"), None, "started_at"),       # in the future
    (at(NOW - timedelta(minutes=10), "+23:59"), None, "started_at"),    # offset beyond ±14:00
    (at(NOW - timedelta(minutes=10), "-14:01"), None, "started_at"),
    (None, "0001-01-01T00:00:00+14:00", "ended_at"),
    (None, at(NOW, "+23:59"), "ended_at"),
    (None, at(NOW - timedelta(hours=1), "+00:00"), "ended_at"),          # before it started
    (at(NOW - timedelta(hours=30), "+00:00"), None, "ended_at"),         # lasted over 24 h
    ("2026-13-45T99:99:99Z", None, "started_at"),                        # not a date
    (at(NOW - timedelta(minutes=10), ""), None, "started_at"),           # no offset at all
])
def test_dates_out_of_bounds_are_422_naming_the_field(started: str | None, ended: str | None,
                                                       field: str) -> None:
    client = device()
    body = payload()
    body["started_at"] = started or at(NOW - timedelta(minutes=10), "+00:00")
    body["ended_at"] = ended or at(NOW, "+00:00")
    status, answer = post(client, body)
    assert status == 422, answer
    assert field in fields(answer)
    assert PracticeSession.objects.count() == 0
    still_readable(client)


@pytest.mark.parametrize("offset", ["+14:00", "-12:00", "+05:45", "-00:30"])
def test_real_offsets_at_the_limits_are_accepted(offset: str) -> None:
    sign = 1 if offset[0] == "+" else -1
    shift = timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])) * sign
    local_end = (NOW + shift).replace(tzinfo=None)
    client = device()
    body = payload(started_at=at(local_end - timedelta(minutes=5), offset),
                   ended_at=at(local_end, offset))
    status, answer = post(client, body)
    assert status == 201, answer
    still_readable(client)


offsets = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(
    lambda minutes: timezone(timedelta(minutes=minutes)))
moments = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
                       timezones=offsets)


class TestAnyDateIsAnsweredWithoutA500(HypothesisTestCase):
    """Any pair of dates, any offset up to ±23:59: 2xx or 422, and the history still loads."""

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(started=moments, ended=moments)
    def test_any_dates(self, started: datetime, ended: datetime) -> None:
        client = device()
        body = payload(started_at=started.isoformat(), ended_at=ended.isoformat())
        response = client.post("/api/sessions", body, content_type="application/json")
        assert response.status_code in {201, 422}, response.content
        if response.status_code == 422:
            assert set(fields(response.json())) <= {"started_at", "ended_at"}
        still_readable(client)

    @settings(max_examples=30, deadline=None)
    @given(ago=st.integers(min_value=0, max_value=700 * 24 * 60), minutes=st.integers(0, 24 * 60),
           offset=st.integers(min_value=-14 * 60, max_value=14 * 60))
    def test_any_plausible_session_is_saved(self, ago: int, minutes: int, offset: int) -> None:
        zone = timezone(timedelta(minutes=offset))
        started = (NOW - timedelta(minutes=ago + minutes)).astimezone(zone)
        ended = started + timedelta(minutes=minutes)
        client = device()
        response = client.post("/api/sessions", payload(started_at=started.isoformat(),
                                                        ended_at=ended.isoformat()),
                               content_type="application/json")
        assert response.status_code == 201, response.content
        still_readable(client)
