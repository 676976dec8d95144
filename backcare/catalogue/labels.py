"""Readable labels for the content's enumerations, in the order the finder offers them."""

from __future__ import annotations

from typing import get_args

from backcare.content.schema import (
    MOVEMENT_LABELS,
    POSITION_LABELS,
    BodyArea,
    Equipment,
    Kind,
    Movement,
    Place,
    Position,
)

POSITIONS: dict[str, str] = {p: POSITION_LABELS[p] for p in get_args(Position)}

PLACES: dict[str, str] = {
    "floor": "On the floor",
    "bed": "On a bed",
    "couch": "On a couch",
    "chair": "In a chair",
    "standing": "Standing up",
}

KINDS: dict[str, str] = {
    "stretch": "Stretch",
    "strengthening": "Strengthening",
    "isometric": "Isometric (holding still against resistance)",
    "mobility": "Gentle movement",
}

BODY_AREAS: dict[str, str] = {
    "low-back": "Lower back",
    "mid-back": "Middle back",
    "upper-back": "Upper back",
    "neck": "Neck",
    "shoulders": "Shoulders",
    "hips": "Hips",
    "glutes": "Buttocks",
    "hamstrings": "Back of the thighs",
    "abdominals": "Tummy muscles",
    "sides": "Sides of the trunk",
}

EQUIPMENT: dict[str, str] = {
    "mat": "Mat",
    "towel": "Towel",
    "chair": "Chair",
    "pillow": "Pillow",
    "strap": "Strap or belt",
    "ball": "Soft ball",
    "wall": "Wall",
}

#: The movement families an exercise loads, as a list item reads ("Twisting the spine").
#: The health conditions' labels live in content/rules.yaml (``library.rules``).
MOVEMENTS: dict[str, str] = {m: MOVEMENT_LABELS[m][0].upper() + MOVEMENT_LABELS[m][1:]
                             for m in get_args(Movement)}

# Every enumeration value must have a label: a new schema value fails at import, not on a page.
for _labels, _literal in (
    (PLACES, Place), (KINDS, Kind), (BODY_AREAS, BodyArea),
    (EQUIPMENT, Equipment), (MOVEMENTS, Movement),
):
    if set(_labels) != set(get_args(_literal)):
        raise RuntimeError(f"labels out of step with {_literal}")
