"""The terminal player: follow a timeline in real time (plain Python, never imports Django).

- :mod:`backcare.player.script` turns a timeline into the phases a person lives through:
  get ready, do the exercise, relax or switch sides.
- :mod:`backcare.player.engine` runs those phases against deadlines on a monotonic clock,
  with pause, skip, "this hurts" and quit, and says when to ring the bell.
- :mod:`backcare.player.view` draws the current moment with rich.
- :mod:`backcare.player.terminal` reads single keys without echo and always gives the
  terminal back the way it found it.
- :mod:`backcare.player.run` ties them together.
"""

from backcare.player.engine import END_DONE, END_HURT, END_INTERRUPTED, END_QUIT, Player
from backcare.player.script import GET_READY_SECONDS, Phase, build_phases

__all__ = ["END_DONE", "END_HURT", "END_INTERRUPTED", "END_QUIT", "GET_READY_SECONDS",
           "Phase", "Player", "build_phases"]
