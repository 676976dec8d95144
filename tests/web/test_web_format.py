"""How durations and doses read on the pages."""

from __future__ import annotations

import pytest

from backcare.catalogue.templatetags.backcare import about, dose, labelled, seconds
from backcare.content import Library
from backcare.content.schema import Dose


@pytest.mark.parametrize(("total", "exact", "rounded"), [
    (290, "4 min 50 s", "about 5 min"),
    (60, "1 min", "about 1 min"),
    (45, "45 s", "under a minute"),
    (1183, "19 min 43 s", "about 20 min"),
])
def test_durations(total: int, exact: str, rounded: str) -> None:
    assert seconds(total) == exact
    assert about(total) == rounded


def test_doses_read_as_instructions(library: Library) -> None:
    knee = library.exercises["single-knee-to-chest"]
    assert dose(Dose(hold_seconds=30, reps=3), knee) == "Hold 30 s, 3 times, each side"
    assert dose(Dose(hold_seconds=30, reps=1), knee) == "Hold 30 s, once, each side"
    bridge = library.exercises["bridge"]
    assert dose(Dose(hold_seconds=3, reps=10), bridge) == "10 times, hold 3 s"
    assert dose(Dose(hold_seconds=3, reps=10, sets=2), bridge) == "10 times, hold 3 s, 2 rounds"
    cat_cow = library.exercises["cat-cow"]
    assert dose(Dose(hold_seconds=3, reps=10), cat_cow) == "10 times, about 3 s each"
    # The content says prone props is held (action: hold), though its kind is mobility;
    # a 30-second bout of cat/cow stays a movement (tests/web/test_hold_or_move.py).
    assert dose(Dose(hold_seconds=30, reps=3), library.exercises["prone-props"]) == "Hold 30 s, 3 times"
    assert dose(Dose(hold_seconds=30, reps=1), cat_cow) == "Move slowly for 30 s"


def test_enumerations_have_readable_labels() -> None:
    assert labelled(("low-back", "glutes"), "body_area") == "Lower back, buttocks"
    assert labelled(("floor", "bed"), "place") == "On the floor, on a bed"
    assert labelled((), "equipment") == ""
