"""The "Get help now if…" box on every routine page, made from the safety screen's urgent
questions, so the signs are never spelled out twice."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from django.test import Client

from backcare.content import Library
from backcare.plans import QUESTIONS, routine_urgent_help

UPPER = "upper-back-pain-exercises-stretches"
FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"
NECK_SIGNS = [q.sign for q in QUESTIONS if q.urgent and q.area == "neck"]


def box_of(page_html: str) -> str:
    found = re.search(r'<aside class="urgent-help".*?</aside>', page_html, re.S)
    assert found, "no urgent-help box on the page"
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", found.group(0)))).strip()


def test_every_routine_page_has_the_box_with_its_signs(
    page: Callable[[str], Any], library: Library,
) -> None:
    for slug in library.routines:
        shown = page(f"/routines/{slug}/")
        assert shown.status == 200
        box = box_of(shown.html)
        help_ = routine_urgent_help(library, slug)
        assert box.startswith("Get help now if…")
        assert help_.signs and all(sign in box for sign in help_.signs), slug
        assert "local emergency number" in box and "999" in box


def test_the_neck_signs_show_only_for_the_neck_routine(page: Callable[[str], Any]) -> None:
    assert NECK_SIGNS
    upper = box_of(page(f"/routines/{UPPER}/").html)
    five = box_of(page(f"/routines/{FIVE}/").html)
    assert all(sign in upper for sign in NECK_SIGNS)
    assert not any(sign in five for sign in NECK_SIGNS)


def test_the_see_a_doctor_page_carries_the_box_too(client: Client) -> None:
    answers = {q.id: "no" for q in QUESTIONS}
    answers["trauma"] = "yes"
    response = client.post("/screen/", answers)
    assert response.status_code == 200
    box = box_of(response.content.decode())
    assert all(q.sign in box for q in QUESTIONS if q.urgent)
