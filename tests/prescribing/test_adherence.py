"""adherence(): what a clinician sees of how a patient keeps to a program."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcare.prescribing import SessionFact, WeekCount, adherence

MADRID = ZoneInfo("Europe/Madrid")


def fact(at: datetime, before: int = 3, after: int | None = 3, stopped: bool = False,
         exercise: str = "", completed: bool = True) -> SessionFact:
    return SessionFact(started_at=at, pain_before=before, pain_after=after,
                       stopped_for_pain=stopped, painful_exercise=exercise,
                       completed=completed)


# Wednesday 1 January 2025, 09:00 in Madrid.
ACCEPTED = datetime(2025, 1, 1, 9, 0, tzinfo=MADRID)


def test_weeks_start_on_monday_from_the_acceptance_week_to_this_week() -> None:
    now = datetime(2025, 1, 15, 12, 0, tzinfo=MADRID)  # a Wednesday, two weeks on
    facts = [fact(datetime(2025, 1, 2, 8, tzinfo=MADRID)),
             fact(datetime(2025, 1, 5, 20, tzinfo=MADRID)),   # Sunday: still week one
             fact(datetime(2025, 1, 6, 7, tzinfo=MADRID)),    # Monday: week two
             fact(datetime(2025, 1, 14, 7, tzinfo=MADRID))]
    got = adherence(facts, 3, ACCEPTED, now, MADRID)
    assert got.sessions == 4
    assert got.sessions_per_week == [
        WeekCount(date(2024, 12, 30), 2, 3), WeekCount(date(2025, 1, 6), 1, 3),
        WeekCount(date(2025, 1, 13), 1, 3)]


def test_days_and_weeks_are_counted_in_the_clinics_time_zone() -> None:
    # Sunday 23:30 UTC is already Monday in Madrid.
    late = datetime(2025, 1, 5, 23, 30, tzinfo=UTC)
    got = adherence([fact(late)], 3, ACCEPTED, datetime(2025, 1, 8, tzinfo=MADRID), MADRID)
    assert got.pain[0].date == date(2025, 1, 6)
    assert [w.sessions for w in got.sessions_per_week] == [0, 1]
    in_utc = adherence([fact(late)], 3, ACCEPTED, datetime(2025, 1, 8, tzinfo=MADRID), "UTC")
    assert in_utc.pain[0].date == date(2025, 1, 5)


def test_sessions_before_acceptance_or_after_now_do_not_count() -> None:
    now = datetime(2025, 1, 3, 9, tzinfo=MADRID)
    facts = [fact(ACCEPTED - timedelta(minutes=1)), fact(ACCEPTED),
             fact(now + timedelta(minutes=1))]
    assert adherence(facts, 3, ACCEPTED, now, MADRID).sessions == 1


def test_done_share_counts_each_week_up_to_its_target() -> None:
    # Accepted on a Monday, 14 days to Sunday: asked 2 x 3 = 6 sessions.
    monday = datetime(2025, 1, 6, 8, tzinfo=MADRID)
    now = datetime(2025, 1, 19, 21, tzinfo=MADRID)
    five_in_week_one = [fact(monday + timedelta(days=d)) for d in range(5)]
    got = adherence(five_in_week_one, 3, monday, now, MADRID)
    assert got.sessions == 5
    assert got.done_share == pytest.approx(3 / 6)  # the extra two do not fill week two
    both = five_in_week_one + [fact(monday + timedelta(days=8 + d)) for d in range(3)]
    assert adherence(both, 3, monday, now, MADRID).done_share == 1.0


def test_a_part_week_asks_for_its_share_and_at_least_one_session() -> None:
    # Ten days in at 3 a week: 30/7 sessions asked; 2 done in one week.
    now = ACCEPTED + timedelta(days=9)
    facts = [fact(ACCEPTED + timedelta(hours=1)), fact(ACCEPTED + timedelta(days=1))]
    assert adherence(facts, 3, ACCEPTED, now, MADRID).done_share == pytest.approx(2 / (30 / 7))
    # The day of acceptance: one session asked, and one done is all of it.
    assert adherence([], 3, ACCEPTED, ACCEPTED, MADRID).done_share == 0.0
    assert adherence(facts[:1], 3, ACCEPTED, ACCEPTED + timedelta(hours=2), MADRID
                     ).done_share == 1.0


def test_pain_flares_and_stops() -> None:
    now = datetime(2025, 1, 10, tzinfo=MADRID)
    facts = [fact(datetime(2025, 1, 2, 8, tzinfo=MADRID), 3, 5),                  # +2: a flare
             fact(datetime(2025, 1, 3, 8, tzinfo=MADRID), 4, 5),                  # +1
             fact(datetime(2025, 1, 4, 8, tzinfo=MADRID), 2, None, stopped=True,
                  exercise="bridge", completed=False),
             fact(datetime(2025, 1, 5, 8, tzinfo=MADRID), 6, 2, stopped=True)]
    got = adherence(facts, 3, ACCEPTED, now, MADRID)
    assert [(p.date.day, p.before, p.after) for p in got.pain] == [
        (2, 3, 5), (3, 4, 5), (4, 2, None), (5, 6, 2)]
    assert [p.date.day for p in got.flares] == [2]
    assert [(s.date.day, s.exercise) for s in got.stopped_for_pain] == [(4, "bridge"), (5, "")]
    assert got.completed == 3


START = datetime(2024, 1, 1, tzinfo=UTC)
moments = st.datetimes(min_value=datetime(2023, 12, 1), max_value=datetime(2024, 4, 1),
                       timezones=st.just(UTC))
facts_strategy = st.lists(st.builds(
    fact, at=moments, before=st.integers(0, 10), after=st.none() | st.integers(0, 10),
    stopped=st.booleans(), exercise=st.sampled_from(["", "bridge"]),
    completed=st.booleans()), max_size=60)
zones = st.sampled_from(["UTC", "Europe/Madrid", "America/Los_Angeles", "Pacific/Auckland"])


@settings(max_examples=200, deadline=None)
@given(facts_strategy, st.integers(1, 7), moments, st.integers(0, 90), zones)
def test_adherence_properties(facts: list[SessionFact], days: int, accepted: datetime,
                              days_on: int, zone: str) -> None:
    now = accepted + timedelta(days=days_on, hours=5)
    got = adherence(facts, days, accepted, now, zone)
    since = [f for f in facts if accepted <= f.started_at <= now]
    assert 0.0 <= got.done_share <= 1.0
    assert got.sessions == len(since)
    assert sum(w.sessions for w in got.sessions_per_week) == got.sessions
    assert all(w.target == days and w.week_start.weekday() == 0
               for w in got.sessions_per_week)
    starts = [w.week_start for w in got.sessions_per_week]
    assert starts == sorted(starts) and all(
        (b - a).days == 7 for a, b in zip(starts, starts[1:], strict=False))
    assert len(got.pain) == got.sessions
    rising = sorted((f.pain_before, f.pain_after) for f in since
                    if f.pain_after is not None and f.pain_after - f.pain_before >= 2)
    assert sorted((p.before, p.after) for p in got.flares) == rising
    assert all(p in got.pain for p in got.flares)
    assert len(got.stopped_for_pain) == sum(1 for f in since if f.stopped_for_pain)
