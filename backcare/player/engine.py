"""The player's clock: the play script's phases run against deadlines on a monotonic clock.

The phases are the core play script's (:func:`backcare.playscript.build_script`), the same
the web player and ``GET /api/timeline`` follow: get ready, hold or move, rest or switch
sides, done. The player adds no time of its own, so it takes exactly the script's
``total_seconds``.

Each phase ends at a deadline in clock seconds. When one ends, the next one's deadline
is the previous deadline plus its length, so a late or missed wake-up never makes the
routine drift: :meth:`Player.update` catches up through every phase whose deadline has
passed. Pausing keeps the time left in the phase; resuming sets a new deadline from it.

``speed`` runs the whole routine faster (60 means a minute of routine per second) for
demos and tests; every time the player shows is in routine seconds.

The engine only decides; it returns :class:`Event` values ("ring the bell", "a phase
began", "it ended") for the caller to show or sound. No input or output here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from backcare.playscript import Phase, build_script
from backcare.timeline import Step, Timeline
from backcare.vocabulary import gettext as _

END_DONE = "done"                # the routine ran to its end
END_HURT = "hurt"                # the person said "this hurts": stop at once
END_QUIT = "quit"                # the person chose to stop early
END_INTERRUPTED = "interrupted"  # Ctrl-C or a signal

#: Bells: at the start of each repetition, 3-2-1 before one, when switching sides, at
#: the halfway point of the routine, and at the end.
Bell = Literal["start", "count", "switch", "halfway", "done"]

#: A 3-2-1 count is rung only before a repetition when the pause is at least this long,
#: so one-second rests between quick repetitions do not turn into a stream of bells.
COUNT_MIN_SECONDS = 4

#: The phases in which a repetition is done (the bell starts them; they count as done).
ACTIVE = frozenset({"hold", "move"})
#: The pauses that lead into a repetition (a 3-2-1 count may end them).
LEADS_IN = frozenset({"get-ready", "rest", "switch-sides"})


@dataclass(frozen=True)
class Event:
    """``phase`` is the index of the phase the event belongs to (-1 for the end), so a
    caller that hears of several phases at once after a late wake-up can tell them apart."""

    kind: Literal["phase", "bell", "end"]
    name: str
    phase: int = -1


class Player:
    def __init__(self, timeline: Timeline, speed: float = 1.0,
                 precautions: Mapping[str, Sequence[str]] | None = None) -> None:
        if not timeline.steps:
            raise ValueError(_("a timeline with no steps cannot be played"))
        if not (speed > 0 and math.isfinite(speed)):
            raise ValueError(_("speed must be a positive number"))
        self.timeline = timeline
        self.steps = timeline.steps
        #: exercise slug -> its precautions, shown on every get-ready of that exercise
        self.precautions: Mapping[str, Sequence[str]] = precautions or {}
        script = build_script(timeline)
        #: the timed phases; the script's closing "done" phase (0 s) is :attr:`finale`
        self.phases: tuple[Phase, ...] = tuple(p for p in script.phases if p.kind != "done")
        self.finale: Phase | None = next((p for p in script.phases if p.kind == "done"), None)
        self.speed = float(speed)
        self.total_seconds = script.total_seconds
        self._before: list[int] = []  # routine seconds before each phase starts
        clock = 0
        for phase in self.phases:
            self._before.append(clock)
            clock += phase.seconds
        self.index = -1
        self.end: str | None = None
        self.paused = False
        self._deadline = 0.0
        self._paused_left = 0.0
        self._done: set[int] = set()
        self._counted: int | None = None
        self._halfway = False
        self._stopped_at = 0.0

    # --- state -----------------------------------------------------------------------

    @property
    def started(self) -> bool:
        return self.index >= 0

    @property
    def finished(self) -> bool:
        return self.end is not None

    @property
    def phase(self) -> Phase:
        return self.phases[max(self.index, 0)]

    @property
    def step(self) -> Step:
        return self.steps[self.phase.step]

    @property
    def steps_done(self) -> int:
        """Repetitions whose whole hold was done (skipped ones do not count)."""
        return len(self._done)

    @property
    def steps_total(self) -> int:
        return len(self.steps)

    def next_hold(self) -> Step | None:
        """The next step to be done after the current phase, if any."""
        for phase in self.phases[self.index + 1:]:
            if phase.kind in ACTIVE:
                return self.steps[phase.step]
        return None

    def starts_exercise(self, index: int) -> bool:
        """Phase ``index`` is the first of an exercise (its get-ready, when it has one)."""
        return index == 0 or self.phases[index - 1].exercise != self.phases[index].exercise

    def phase_starts_at(self, index: int) -> int:
        """Routine seconds from the start to the beginning of phase ``index``."""
        return self._before[index]

    def remaining(self, now: float) -> float:
        """Routine seconds left in the current phase."""
        if self.finished or not self.started:
            return 0.0 if self.finished else float(self.phase.seconds)
        left = self._paused_left if self.paused else self._deadline - now
        return max(0.0, left) * self.speed

    def elapsed(self, now: float) -> float:
        if not self.started:
            return 0.0
        if self.finished:
            return float(self.total_seconds) if self.end == END_DONE else self._stopped_at
        return self._before[self.index] + self.phase.seconds - self.remaining(now)

    def time_left(self, now: float) -> float:
        return max(0.0, self.total_seconds - self.elapsed(now))

    # --- moving on -------------------------------------------------------------------

    def start(self, now: float) -> list[Event]:
        if self.started:
            raise RuntimeError(_("the player has already started"))
        return self._enter(0, now)

    def update(self, now: float) -> list[Event]:
        """Move through every phase whose deadline has passed; return what happened."""
        if not self.started or self.finished or self.paused:
            return []
        events: list[Event] = []
        while now >= self._deadline:
            if self.phase.kind in ACTIVE:
                self._done.add(self.phase.step)
            if self.index + 1 >= len(self.phases):
                return events + self._finish(END_DONE, now)
            events += self._enter(self.index + 1, self._deadline)
        return events + self._count_and_halfway(now)

    def toggle_pause(self, now: float) -> None:
        if not self.started or self.finished:
            return
        if self.paused:
            self._deadline = now + self._paused_left
            self.paused = False
        else:
            self._paused_left = max(0.0, self._deadline - now)
            self.paused = True

    def skip(self, now: float) -> list[Event]:
        """Leave the current exercise: go to the next one's get-ready (or the end)."""
        if not self.started or self.finished:
            return []
        self.paused = False
        current = self.phase.exercise
        for index in range(self.index + 1, len(self.phases)):
            if self.phases[index].exercise != current:  # the next exercise's first phase
                return self._enter(index, now)
        return self._finish(END_DONE, now)

    def stop(self, reason: str, now: float) -> list[Event]:
        """End now: "this hurts", quit or an interruption."""
        if self.finished:
            return []
        return self._finish(reason, now)

    # --- inside ----------------------------------------------------------------------

    def _enter(self, index: int, starts: float) -> list[Event]:
        self.index = index
        phase = self.phases[index]
        self._deadline = starts + phase.seconds / self.speed
        self._counted = None
        events = [Event("phase", phase.kind, index)]
        if phase.kind in ACTIVE:
            events.append(Event("bell", "start", index))
        elif phase.kind == "switch-sides":
            events.append(Event("bell", "switch", index))
        return events

    def _count_and_halfway(self, now: float) -> list[Event]:
        events: list[Event] = []
        phase = self.phase
        nxt = self.phases[self.index + 1] if self.index + 1 < len(self.phases) else None
        if (phase.kind in LEADS_IN and nxt is not None and nxt.kind in ACTIVE
                and phase.seconds >= COUNT_MIN_SECONDS):
            whole = math.ceil(self.remaining(now) - 1e-9)
            if 1 <= whole <= 3 and whole != self._counted:
                self._counted = whole
                events.append(Event("bell", "count", self.index))
        if not self._halfway and self.elapsed(now) * 2 >= self.total_seconds:
            self._halfway = True
            events.append(Event("bell", "halfway", self.index))
        return events

    def _finish(self, reason: str, now: float) -> list[Event]:
        self._stopped_at = self.elapsed(now)
        self.end = reason
        self.paused = False
        events = [Event("end", reason)]
        if reason == END_DONE:
            events.insert(0, Event("bell", "done"))
        return events
