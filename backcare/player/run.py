"""Play a timeline in the terminal: the loop that joins the clock, the keys and the screen.

The loop sleeps in :meth:`KeyReader.read` until a key comes or the next check is due,
then asks the :class:`Player` what happened since. Each new exercise is also printed as
a plain line above the live panel (its get-ready's words), so the scrollback keeps a
record of what was done.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.console import Console
from rich.live import Live

from backcare.player.engine import END_HURT, END_INTERRUPTED, END_QUIT, Event, Player
from backcare.player.terminal import KeyReader
from backcare.player.view import clock as clock_text
from backcare.player.view import headline, render
from backcare.vocabulary import gettext as _

PAUSE_KEYS = {" ", "p", "P"}
SKIP_KEYS = {"s", "S"}
HURT_KEYS = {"h", "H"}
QUIT_KEYS = {"q", "Q"}
CTRL_C = "\x03"


def play(player: Player, title: str, console: Console, keys: KeyReader, *, sound: bool = True,
         clock: Callable[[], float] = time.monotonic) -> str:
    """Run ``player`` to its end; return why it ended (see the END_* names)."""
    tick = max(0.005, min(0.1, 0.5 / player.speed))

    def handle(events: list[Event], live: Live) -> None:
        for event in events:
            if event.kind == "bell" and sound:
                console.bell()
            elif event.kind == "phase" and player.starts_exercise(event.phase):
                at = clock_text(player.phase_starts_at(event.phase))
                live.console.print(f"▶ {at}  {headline(player, event.phase)}", markup=False,
                                   highlight=False)

    with Live(render(player, clock(), title), console=console, auto_refresh=False, transient=True,
              redirect_stdout=False, redirect_stderr=False) as live:
        shown: tuple[object, ...] = ()
        try:
            handle(player.start(clock()), live)
            while not player.finished:
                for key in keys.read(tick):
                    now = clock()
                    if key in PAUSE_KEYS:
                        player.toggle_pause(now)
                    elif key in SKIP_KEYS:
                        skipped = player.step.name
                        events = player.skip(now)
                        live.console.print(
                            "  " + _("(skipped the rest of {name})").format(name=skipped),
                            markup=False)
                        handle(events, live)
                    elif key in HURT_KEYS:
                        handle(player.stop(END_HURT, now), live)
                    elif key in QUIT_KEYS:
                        handle(player.stop(END_QUIT, now), live)
                    elif key == CTRL_C:
                        raise KeyboardInterrupt
                    if player.finished:
                        break
                now = clock()
                handle(player.update(now), live)
                if player.finished:
                    break
                seen = (player.index, int(player.remaining(now) + 0.999999), player.paused,
                        int(player.time_left(now)))
                if seen != shown:
                    shown = seen
                    live.update(render(player, now, title), refresh=True)
        except KeyboardInterrupt:
            player.stop(END_INTERRUPTED, clock())
        finally:
            if not player.finished:  # an unexpected error: still end the run cleanly
                player.stop(END_INTERRUPTED, clock())
    if player.end is None:  # stop() above always sets it
        raise RuntimeError(_("the player ended without saying how"))
    return player.end
