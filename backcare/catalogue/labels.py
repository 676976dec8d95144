"""Readable labels for the content's enumerations, in the order the finder offers them.

Each is a :class:`~backcare.vocabulary.Labels`: the English here is the catalogue's msgid,
and a label is said in the language in force when it is read (never at import).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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
from backcare.vocabulary import Labels, gettext_noop

POSITIONS: Mapping[str, str] = POSITION_LABELS

PLACES = Labels({
    "floor": gettext_noop("On the floor"),
    "bed": gettext_noop("On a bed"),
    "couch": gettext_noop("On a couch"),
    "chair": gettext_noop("In a chair"),
    "standing": gettext_noop("Standing up"),
})

KINDS = Labels({
    "stretch": gettext_noop("Stretch"),
    "strengthening": gettext_noop("Strengthening"),
    "isometric": gettext_noop("Isometric (holding still against resistance)"),
    "mobility": gettext_noop("Gentle movement"),
})

BODY_AREAS = Labels({
    "low-back": gettext_noop("Lower back"),
    "mid-back": gettext_noop("Middle back"),
    "upper-back": gettext_noop("Upper back"),
    "neck": gettext_noop("Neck"),
    "shoulders": gettext_noop("Shoulders"),
    "hips": gettext_noop("Hips"),
    "glutes": gettext_noop("Buttocks"),
    "hamstrings": gettext_noop("Back of the thighs"),
    "abdominals": gettext_noop("Tummy muscles"),
    "sides": gettext_noop("Sides of the trunk"),
})

EQUIPMENT = Labels({
    "mat": gettext_noop("Mat"),
    "towel": gettext_noop("Towel"),
    "chair": gettext_noop("Chair"),
    "pillow": gettext_noop("Pillow"),
    "strap": gettext_noop("Strap or belt"),
    "ball": gettext_noop("Soft ball"),
    "wall": gettext_noop("Wall"),
})


class Capitalised(Mapping[str, str]):
    """Another mapping's labels with a capital first letter, as a list item reads them."""

    def __init__(self, labels: Mapping[str, str]) -> None:
        self._labels = labels

    def __getitem__(self, key: str) -> str:
        label = self._labels[key]
        return label[:1].upper() + label[1:]

    def __iter__(self) -> Iterator[str]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)


#: The movement families an exercise loads, as a list item reads ("Twisting the spine"):
#: the same words the plans use to finish "it involves ..." (one msgid for both).
#: The health conditions' labels live in content/rules.yaml (``library.rules``).
MOVEMENTS = Capitalised(MOVEMENT_LABELS)

# Every enumeration value must have a label: a new schema value fails at import, not on a page.
for _labels, _literal in (
    (POSITIONS, Position), (PLACES, Place), (KINDS, Kind), (BODY_AREAS, BodyArea),
    (EQUIPMENT, Equipment), (MOVEMENTS, Movement),
):
    if set(_labels) != set(get_args(_literal)):
        raise RuntimeError(f"labels out of step with {_literal}")
