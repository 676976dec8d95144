"""The terminal player's engine: the core play script's phases, deadlines, pause, skip, stop.

A fake clock drives it, so these run in no time and never depend on the machine's speed.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from backcare.content import Library
from backcare.player import END_DONE, END_HURT, END_QUIT, Player
from backcare.player.engine import Event
from backcare.player.view import big_number, clock, headline, render
from backcare.playscript import build_script
from backcare.vocabulary import use

from .conftest import FIVE_MINUTE


def bells(events: list[Event]) -> list[str]:
    return [e.name for e in events if e.kind == "bell"]


def first_wait(library: Library) -> float:
    """Routine seconds until the first repetition starts: the first get-ready."""
    return float(library.timeline(FIVE_MINUTE).lead_in_seconds)


@pytest.mark.parametrize("slug", ["back-pain-relief-stretches-5-minute-real-time-routine",
                                  "dont-crack-your-back", "10-best-lower-back-exercises"])
def test_the_player_follows_the_core_play_script(library: Library, slug: str) -> None:
    timeline = library.timeline(slug)
    script = build_script(timeline)
    player = Player(timeline)
    # the same phases as the script (its closing "done" phase, 0 s, is the finale)
    assert player.phases == tuple(p for p in script.phases if p.kind != "done")
    assert player.finale == script.phases[-1] and player.finale.kind == "done"
    assert player.total_seconds == script.total_seconds == timeline.total_seconds
    assert [player.phase_starts_at(i) for i in range(len(player.phases))] == [
        p.starts_at for p in player.phases]
    steps = timeline.steps
    active = [p for p in player.phases if p.kind in ("hold", "move")]
    assert [p.step for p in active] == list(range(len(steps)))
    assert [p.seconds for p in active] == [s.hold_seconds for s in steps]
    readies = [p for p in player.phases if p.kind == "get-ready"]
    assert readies[0].seconds == timeline.lead_in_seconds and readies[0].starts_at == 0
    assert [p.exercise for p in readies] == list(dict.fromkeys(s.exercise for s in steps))


def test_a_full_run_takes_exactly_the_script_total(library: Library) -> None:
    timeline = library.timeline(FIVE_MINUTE)
    player = Player(timeline)
    player.start(0.0)
    player.update(build_script(timeline).total_seconds - 0.001)
    assert not player.finished
    player.update(float(build_script(timeline).total_seconds))
    assert player.finished and player.end == END_DONE
    assert player.elapsed(1e6) == build_script(timeline).total_seconds


def test_a_run_to_the_end_does_every_step_on_time(library: Library) -> None:
    steps = library.timeline(FIVE_MINUTE).steps
    player = Player(library.timeline(FIVE_MINUTE), speed=1)
    rung = bells(player.start(0.0))
    t = 0.0
    seen_exercises = []
    while not player.finished:
        t += 0.25
        for event in player.update(t):
            if event.kind == "bell":
                rung.append(event.name)
        if not player.finished and player.phase.kind in ("hold", "move"):
            seen_exercises.append(player.step.exercise)
    assert player.end == END_DONE
    assert player.steps_done == player.steps_total == len(steps)
    assert t == pytest.approx(player.total_seconds, abs=0.25)
    assert list(dict.fromkeys(seen_exercises)) == list(dict.fromkeys(s.exercise for s in steps))
    assert rung.count("start") == len(steps)
    assert rung.count("halfway") == 1 and rung[-1] == "done"
    assert "switch" in rung and rung.count("count") >= 3


def test_a_late_wake_up_catches_up_without_drift(library: Library) -> None:
    player = Player(library.timeline(FIVE_MINUTE), speed=1)
    player.start(100.0)
    player.update(100.0 + 60.7)  # one wake-up a minute late: several phases pass at once
    assert player.elapsed(100.0 + 60.7) == pytest.approx(60.7)
    player.update(100.0 + player.total_seconds - 0.01)
    assert not player.finished
    events = player.update(100.0 + player.total_seconds)
    assert player.finished and bells(events)[-1] == "done"


def test_a_late_wake_up_reports_every_phase_it_passed(library: Library) -> None:
    steps = library.timeline(FIVE_MINUTE).steps
    player = Player(library.timeline(FIVE_MINUTE))
    events = player.start(0.0) + player.update(float(player.total_seconds))  # one wake-up
    readies = [e.phase for e in events if e.kind == "phase" and e.name == "get-ready"]
    assert [steps[player.phases[i].step].exercise for i in readies] == list(
        dict.fromkeys(s.exercise for s in steps))
    assert [player.phase_starts_at(i) for i in readies] == sorted(
        player.phase_starts_at(i) for i in readies)
    assert headline(player, readies[-1]) == f"Get ready: {steps[-1].name}"
    assert player.steps_done == len(steps)


def test_speed_makes_it_faster_but_shows_routine_seconds(library: Library) -> None:
    player = Player(library.timeline(FIVE_MINUTE), speed=60)
    player.start(0.0)
    player.update(1.0)  # one real second is one routine minute
    assert player.elapsed(1.0) == pytest.approx(60)
    player.update(player.total_seconds / 60 + 0.001)
    assert player.finished and player.steps_done == player.steps_total


def test_pause_keeps_the_time_left(library: Library) -> None:
    player = Player(library.timeline(FIVE_MINUTE))
    wait = first_wait(library)
    player.start(0.0)
    player.update(2.0)
    player.toggle_pause(2.0)
    assert player.paused and player.remaining(50.0) == pytest.approx(wait - 2)
    assert player.update(500.0) == [] and not player.finished
    player.toggle_pause(500.0)
    assert player.remaining(501.0) == pytest.approx(wait - 3)
    player.update(500.0 + wait - 2)
    assert player.phase.kind in ("hold", "move")


def test_skip_leaves_the_exercise_and_its_steps_are_not_done(library: Library) -> None:
    steps = library.timeline(FIVE_MINUTE).steps
    player = Player(library.timeline(FIVE_MINUTE))
    player.start(0.0)
    player.update(first_wait(library) + 0.5)  # in the first repetition
    first = player.step.exercise
    player.skip(first_wait(library) + 1)
    assert player.phase.kind == "get-ready" and player.step.exercise != first
    while not player.finished:
        player.update(player._deadline)  # straight to each deadline
    assert player.end == END_DONE
    assert player.steps_done == player.steps_total - sum(1 for s in steps if s.exercise == first)


def test_this_hurts_and_quit_end_at_once(library: Library) -> None:
    for reason in (END_HURT, END_QUIT):
        player = Player(library.timeline(FIVE_MINUTE))
        player.start(0.0)
        player.update(30.0)
        done = player.steps_done
        events = player.stop(reason, 30.0)
        assert events == [Event("end", reason)]  # no cheerful "done" bell
        assert player.finished and player.end == reason and player.steps_done == done
        assert player.update(1000.0) == []


def test_the_screen_shows_what_to_do(library: Library) -> None:
    steps = library.timeline(FIVE_MINUTE).steps
    player = Player(library.timeline(FIVE_MINUTE))
    player.start(0.0)
    assert headline(player) == f"Get ready: {steps[0].name}"
    player.update(first_wait(library) + 0.1)
    assert headline(player).startswith(steps[0].name) and "Rep 1 of" in headline(player)
    from rich.console import Console

    console = Console(width=90, record=True, color_system=None)
    console.print(render(player, first_wait(library) + 0.1, "Title"))
    text = console.export_text()
    # pelvic tilt is a movement: the label says MOVE (a stretch's says HOLD), as on every page
    assert steps[0].action == "move" and player.phase.kind == "move"
    assert player.phase.text.upper() == "MOVE" and "MOVE" in text
    assert steps[0].cue in text and "left" in text
    assert "Next:" in text and "h this hurts" in text
    # a phase with a side says it with the script's word for it, and rounds as "Round 1 of 2"
    sided = next(i for i, p in enumerate(player.phases) if p.side == "left")
    assert "Left side" in headline(player, sided)
    assert clock(299) == "4:59" and clock(0.2) == "0:01"
    assert big_number("10").count("\n") == 4


def test_bad_speeds_and_empty_timelines_are_refused(library: Library) -> None:
    timeline = library.timeline(FIVE_MINUTE)
    for speed in (0, -1, float("inf"), float("nan")):
        with pytest.raises(ValueError):
            Player(timeline, speed=speed)
    with pytest.raises(ValueError):
        Player(type(timeline)(steps=()))


def test_the_screen_speaks_spanish(library: Library) -> None:
    spanish = library.in_language("es")
    with use("es"):
        player = Player(spanish.timeline(FIVE_MINUTE))
        player.start(0.0)
        first = spanish.timeline(FIVE_MINUTE).steps[0]
        assert headline(player) == f"Prepárate: {first.name}"
        from rich.console import Console

        console = Console(width=90, record=True, color_system=None)
        console.print(render(player, 0.1, "Título"))
        text = console.export_text()
    assert first.cue in text and "PREPÁRATE" in text
    assert "espacio pausa/sigue" in text and "h this hurts" not in text


def test_the_player_engine_does_not_import_django() -> None:
    code = ("import sys, backcare.content, backcare.player, backcare.player.run;"
            "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')];"
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)
