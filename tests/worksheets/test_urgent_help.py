"""Every worksheet carries the "Get help now if…" box: the routine's emergency signs and
the call to the local emergency number, made from the same data as the safety screen."""

from __future__ import annotations

import pytest

from backcare.content import Library
from backcare.plans import make_plan, profile_from_params, routine_urgent_help
from backcare.worksheets import plan_worksheet, routine_worksheet

from .conftest import page_texts, squash

UPPER = "upper-back-pain-exercises-stretches"
FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"
NECK_SIGN = "you have neck pain after an injury to your head or neck"


def _assert_box(text: str, library: Library, slug: str) -> None:
    box = routine_urgent_help(library, slug)
    assert "Get help now if…" in text
    for sign in box.signs:
        assert squash(sign) in text, sign
    assert squash(box.action) in text
    assert "local emergency number" in text


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_routine_worksheet_has_the_box(library: Library, paper: str) -> None:
    for slug in library.routines:
        pages = page_texts(routine_worksheet(library, slug, paper, cache=None).pdf)
        _assert_box(pages[0], library, slug)  # on the first page, before the exercises


def test_the_box_follows_the_routines_areas(library: Library) -> None:
    upper = " ".join(page_texts(routine_worksheet(library, UPPER, cache=None).pdf))
    five = " ".join(page_texts(routine_worksheet(library, FIVE, cache=None).pdf))
    assert NECK_SIGN in upper and NECK_SIGN not in five


def test_a_plan_worksheet_has_the_box(library: Library) -> None:
    plan = make_plan(library, FIVE, profile_from_params({"floor": "0", "diagnosis": "none", "minutes": "3"}))
    text = " ".join(page_texts(plan_worksheet(library, plan, cache=None).pdf))
    _assert_box(text, library, FIVE)
