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


def _calls(page_html: str) -> list[tuple[str, str]]:
    found = re.search(r'<aside class="urgent-help".*?</aside>', page_html, re.S)
    assert found
    return re.findall(r'<a class="call" href="(tel:[^"]*)">([^<]*)</a>', found.group(0))


def test_the_emergency_numbers_are_tap_to_call_links_in_both_languages(
    page: Callable[[str], Any],
) -> None:
    english = _calls(page(f"/routines/{FIVE}/").html)
    assert english == [("tel:911", "911"), ("tel:999", "999"), ("tel:112", "112")]
    spanish = _calls(page(f"/es/routines/{FIVE}/").html)
    assert sorted(spanish) == [("tel:112", "112"), ("tel:911", "911")]
    assert all(re.fullmatch(r"tel:\d+", href) for href, _ in english + spanish)


def test_the_see_a_doctor_page_numbers_are_links_too(client: Client) -> None:
    answers = {q.id: "no" for q in QUESTIONS}
    answers["trauma"] = "yes"
    response = client.post("/screen/", answers)
    assert ("tel:999", "999") in _calls(response.content.decode())


def test_only_emergency_numbers_become_links() -> None:
    from backcare.catalogue.templatetags.backcare import call_links

    assert str(call_links("Call 911 or 112, not 1234 or 3.5 or 12.")) == (
        'Call <a class="call" href="tel:911">911</a> or <a class="call" href="tel:112">112</a>, '
        "not 1234 or 3.5 or 12.")
    assert str(call_links("<b>999</b> & 'x'")) == (
        '&lt;b&gt;<a class="call" href="tel:999">999</a>&lt;/b&gt; &amp; &#x27;x&#x27;')
