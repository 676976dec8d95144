"""The terminal player: follow the play script in real time (plain Python, never imports Django).

- :mod:`backcare.playscript` (the core) turns a timeline into the phases a person lives
  through — get ready, hold or move, rest or switch sides, done — with their seconds and
  words, the same phases the web player follows.
- :mod:`backcare.player.engine` runs those phases against deadlines on a monotonic clock,
  with pause, skip, "this hurts" and quit, and says when to ring the bell.
- :mod:`backcare.player.view` draws the current moment with rich.
- :mod:`backcare.player.terminal` reads single keys without echo and always gives the
  terminal back the way it found it.
- :mod:`backcare.player.run` ties them together.
"""

from backcare.player.engine import END_DONE, END_HURT, END_INTERRUPTED, END_QUIT, Player

__all__ = ["END_DONE", "END_HURT", "END_INTERRUPTED", "END_QUIT", "Player"]
