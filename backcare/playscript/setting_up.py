"""What to have ready before a session, worded for the places its exercises are done in.

A plan for someone who can't get down to the floor is done on a bed or a chair, so its
set-up must not say "put your mat down"; a seated routine needs a steady chair and no mat.
The web player's set-up screen says these sentences (the terminal player starts without a
set-up screen).
"""

from __future__ import annotations

from collections.abc import Iterable

from backcare.content.schema import LYING_OR_KNEELING, Exercise
from backcare.vocabulary import gettext


def setting_up(exercises: Iterable[Exercise], *, floor: bool = True) -> list[str]:
    """The sentences that say what to get ready, for these exercises (each once, in order
    of need) and whether the person gets down to the floor (``floor``)."""
    chosen = list(exercises)
    lying = [e for e in chosen if e.position in LYING_OR_KNEELING]
    seated = any(e.position == "seated" for e in chosen)
    standing = any(e.position == "standing" for e in chosen)
    said: list[str] = []
    if lying and floor:
        said.append(gettext("Lay a mat or a folded blanket on the floor; a firm bed works too."))
    elif lying:
        said.append(gettext("Use your bed or a firm couch for the exercises done lying down "
                            "or kneeling; you won't need to get down to the floor."))
    if seated:
        said.append(gettext("Have a steady chair without wheels ready, and sit with your "
                            "feet flat on the floor."))
    if standing:
        said.append(gettext("Leave yourself a little room to stand and move your arms."))
    said.append(gettext("Turn the sound up: every step is spoken and marked by a beep, so you "
                        "can follow without watching the screen."))
    return said
