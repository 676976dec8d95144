"""GET /api/progress: each measure over time, its meaningful change, sessions a week against
the goal and the streak of weeks on goal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from backcare.plans.errors import InputError
from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.practice.owner import Owner
from backcare.programs.models import Program
from backcare.progress import records
from backcare.progress.reviewing import monday_of

from .conftest import device, open_program, save_session, start_back, take

pytestmark = pytest.mark.django_db


def progress(client: Client) -> dict[str, Any]:
    response = client.get("/api/progress")
    assert response.status_code == 200, response.content
    assert "no-store" in response["Cache-Control"]
    return response.json()  # type: ignore[no-any-return]


def psfs(*ratings: int) -> dict[str, Any]:
    names = ("Putting on socks", "Carrying shopping", "Sitting through a film")
    return {f"activity-{i + 1}": {"activity": names[i], "rating": rating}
            for i, rating in enumerate(ratings)}


def test_nothing_yet() -> None:
    shown = progress(Client())
    assert shown["measures"] == {"nprs": [], "psfs": [], "start-back": []}
    assert shown["change"] == {"nprs": None, "psfs": None}
    assert len(shown["sessions_per_week"]) == 8
    assert all(w["sessions"] == 0 and not w["on_goal"] for w in shown["sessions_per_week"])
    assert (shown["weeks_on_goal"], shown["goal"], shown["goal_source"]) == (0, 3, "default")
    assert shown["nprs_due"] is True and shown["start_back"] is None


@pytest.mark.parametrize(("first", "latest", "meaningful", "direction"), [
    (6, 4, True, "better"),    # 2 points
    (6, 5, False, "better"),   # 1 point, 17 %
    (3, 2, True, "better"),    # 1 point but 33 %
    (4, 6, True, "worse"),
    (4, 5, False, "worse"),
    (5, 5, False, "same"),
])
def test_weekly_pain_against_its_meaningful_change(first: int, latest: int, meaningful: bool,
                                                   direction: str) -> None:
    phone = device()
    take(phone, "nprs", {"pain": first}, days_back=21)
    take(phone, "nprs", {"pain": latest})
    shown = progress(phone)
    assert [p["score"] for p in shown["measures"]["nprs"]] == [first, latest]
    today = timezone.localdate()
    assert shown["measures"]["nprs"][-1]["date"] == today.isoformat()
    assert shown["measures"]["nprs"][0]["date"] == (today - timedelta(days=21)).isoformat()
    change = shown["change"]["nprs"]
    assert (change["from"], change["to"]) == (first, latest)
    assert (change["meaningful"], change["direction"]) == (meaningful, direction)
    assert change["sentence"]
    assert shown["nprs_due"] is False


def test_activity_ratings_against_two_points_on_the_average() -> None:
    phone = device()
    take(phone, "psfs", psfs(2, 3), days_back=14)
    take(phone, "psfs", psfs(3, 4), days_back=7)
    assert progress(phone)["change"]["psfs"]["meaningful"] is False
    take(phone, "psfs", psfs(4, 5))
    change = progress(phone)["change"]["psfs"]
    assert (change["from"], change["to"], change["meaningful"]) == (2.5, 4.5, True)
    owner = Owner.of_device(phone.cookies[DEVICE_COOKIE].value)
    assert records.last_activities(owner) == ["Putting on socks", "Carrying shopping"]


def test_the_latest_start_back_in_plain_words() -> None:
    phone = device()
    take(phone, "start-back", start_back(5, 6, 7, q9=4), days_back=30)
    take(phone, "start-back", start_back(1))
    shown = progress(phone)
    assert [p["score"] for p in shown["measures"]["start-back"]] == [4, 1]
    assert shown["start_back"]["stratum"] == "low" and shown["start_back"]["words"]


def _at(monday_back: int, day: int) -> datetime:
    monday = monday_of(timezone.localdate()) - timedelta(weeks=monday_back)
    return datetime.combine(monday + timedelta(days=day), time(8), tzinfo=UTC)


def test_sessions_a_week_and_the_streak_of_weeks_on_goal() -> None:
    phone = device()
    for week, count in ((3, 3), (2, 1), (1, 3)):
        for day in range(count):
            save_session(phone, _at(week, day))
    weeks = progress(phone)["sessions_per_week"]
    assert [w["sessions"] for w in weeks[-4:-1]] == [3, 1, 3]
    assert [w["on_goal"] for w in weeks[-4:-1]] == [True, False, True]
    assert weeks[-1]["week_start"] == monday_of(timezone.localdate()).isoformat()
    assert progress(phone)["weeks_on_goal"] == 1  # this week not on goal yet: left aside
    owner = Owner.of_device(phone.cookies[DEVICE_COOKIE].value)
    records.set_goal(owner, 1)
    shown = progress(phone)
    assert (shown["goal"], shown["goal_source"], shown["weeks_on_goal"]) == (1, "chosen", 3)
    records.set_goal(owner, 2)
    assert progress(phone)["goal"] == 2
    for bad in (0, 8, True, "3"):
        with pytest.raises(InputError):
            records.set_goal(owner, bad)  # type: ignore[arg-type]


def test_a_program_s_days_a_week_are_the_goal(make_program: Callable[..., Program]) -> None:
    phone = device()
    open_program(phone, make_program(days_per_week=2))
    shown = progress(phone)
    assert (shown["goal"], shown["goal_source"]) == (2, "program")
