"""How a patient keeps to a program: sessions per week, pain, flares and stops for pain.

:func:`adherence` reads the patient's sessions of the program (:class:`SessionFact`,
whatever stored them) and says, counting only sessions from the moment the patient
accepted the program up to now:

- ``sessions``: how many sessions they started (finished or not);
- ``sessions_per_week``: those sessions in each calendar week, Monday to Sunday in the
  clinic's time zone, from the week they accepted the program to this week (weeks with
  none included), each with the program's days a week as its target;
- ``done_share``, how much of what was asked has been done, from 0 to 1, in plain words:
  *done* is the sessions of each week, counting at most the program's days a week in any
  one week (extra sessions one week do not make up for a missed week), added up;
  *asked* is the program's days a week for every seven days since the patient accepted
  it, the day they accepted it and today both counted, so a part of a week asks for its
  share (3 days a week, 10 days in: 3 x 10 / 7 = about 4.3 sessions); never less than one
  session. The share is done / asked, at most 1;
- ``pain``: each session's pain before and after (0-10; after is None when not given),
  on the session's day in that time zone;
- ``flares``: the sessions whose pain after is 2 or more points above the pain before;
- ``stopped_for_pain``: the days a session was stopped for pain, and the exercise the
  patient named ("" when they did not say).

Plain Python: no Django here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

#: A rise in pain from before to after a session that counts as a flare.
FLARE_RISE = 2


@dataclass(frozen=True)
class SessionFact:
    """One session of the program, as the adherence needs it."""

    started_at: datetime          # aware
    pain_before: int
    pain_after: int | None
    stopped_for_pain: bool
    painful_exercise: str
    completed: bool


@dataclass(frozen=True)
class WeekCount:
    week_start: date              # a Monday
    sessions: int
    target: int


@dataclass(frozen=True)
class PainPoint:
    date: date
    before: int
    after: int | None

    @property
    def rise(self) -> int | None:
        return None if self.after is None else self.after - self.before


@dataclass(frozen=True)
class Stop:
    date: date
    exercise: str                 # "" when the patient did not say


@dataclass(frozen=True)
class PatientAdherence:
    sessions: int
    sessions_per_week: list[WeekCount]
    done_share: float             # 0..1
    pain: list[PainPoint]
    flares: list[PainPoint]
    stopped_for_pain: list[Stop]
    #: Of ``sessions``, how many were played to the end.
    completed: int = 0


def _zone(tz: tzinfo | str) -> tzinfo:
    return ZoneInfo(tz) if isinstance(tz, str) else tz


def _local(moment: datetime, zone: tzinfo) -> datetime:
    """The moment in ``zone``; a naive moment is read as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def asked_sessions(days_per_week: int, accepted_on: date, today: date) -> float:
    """The sessions asked for from the day of acceptance to today, both counted (see the
    module's docstring); at least one."""
    days = max((today - accepted_on).days + 1, 1)
    return max(days * days_per_week / 7, 1.0)


def adherence(facts: Iterable[SessionFact], days_per_week: int, accepted_at: datetime,
              now: datetime, tz: tzinfo | str) -> PatientAdherence:
    """The patient's adherence to the program (see the module's docstring). ``tz`` is the
    time zone days and weeks are counted in (a tzinfo or a name such as "Europe/Madrid")."""
    zone = _zone(tz)
    start, end = _local(accepted_at, zone), _local(now, zone)
    end = max(end, start)
    kept = sorted((f for f in facts if start <= _local(f.started_at, zone) <= end),
                  key=lambda f: f.started_at)
    first_week, last_week = monday_of(start.date()), monday_of(end.date())
    counts: dict[date, int] = {}
    week = first_week
    while week <= last_week:
        counts[week] = 0
        week += timedelta(days=7)
    pain: list[PainPoint] = []
    stops: list[Stop] = []
    for fact in kept:
        day = _local(fact.started_at, zone).date()
        counts[monday_of(day)] += 1
        pain.append(PainPoint(day, fact.pain_before, fact.pain_after))
        if fact.stopped_for_pain:
            stops.append(Stop(day, fact.painful_exercise or ""))
    weeks = [WeekCount(week_start=w, sessions=n, target=days_per_week)
             for w, n in counts.items()]
    target = max(days_per_week, 0)
    done = sum(min(w.sessions, target) for w in weeks)
    asked = asked_sessions(target, start.date(), end.date())
    flares = [p for p in pain if p.rise is not None and p.rise >= FLARE_RISE]
    return PatientAdherence(
        sessions=len(kept),
        sessions_per_week=weeks,
        done_share=min(done / asked, 1.0),
        pain=pain,
        flares=flares,
        stopped_for_pain=stops,
        completed=sum(1 for f in kept if f.completed),
    )
