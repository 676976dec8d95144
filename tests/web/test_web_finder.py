"""The exercise finder: a GET form that works without JavaScript."""

from __future__ import annotations

import re

import pytest

from backcare.content import ExerciseFilter, Library


def _exercise_links(p) -> list[str]:
    return [h for h in p.hrefs() if h.startswith("/exercises/") and h != "/exercises/"]


def test_with_no_filters_every_exercise_is_listed(page, library: Library) -> None:
    p = page("/exercises/")
    assert p.status == 200
    assert p.h1 == ["Exercise finder"]
    assert f"{len(library.exercises)} exercises match" in p.text
    assert sorted(_exercise_links(p)) == sorted(f"/exercises/{s}/" for s in library.exercises)


def test_no_floor_leaves_only_seated_and_standing_exercises(page, library: Library) -> None:
    p = page("/exercises/?no_floor=1")
    expected = library.find_exercises(ExerciseFilter(no_floor=True))
    assert expected and len(expected) < len(library.exercises)
    assert f"{len(expected)} exercises match" in p.text
    assert _exercise_links(p) == [f"/exercises/{e.slug}/" for e in expected]
    assert "Lying on your back" not in p.text.split("match", 1)[1]
    assert 'name="no_floor" type="checkbox" value="1" checked' in p.html


@pytest.mark.parametrize(("query", "filter_"), [
    ("position=seated", ExerciseFilter(position="seated")),
    ("position=on-back", ExerciseFilter(position="on-back")),
    ("body_area=hamstrings", ExerciseFilter(body_area="hamstrings")),
    ("kind=isometric", ExerciseFilter(kind="isometric")),
    ("equipment=none", ExerciseFilter(equipment="none")),
    ("equipment=chair&kind=stretch", ExerciseFilter(equipment="chair", kind="stretch")),
])
def test_each_filter_narrows_the_list(page, library: Library, query: str, filter_) -> None:
    expected = library.find_exercises(filter_)
    p = page(f"/exercises/?{query}")
    assert p.status == 200
    assert _exercise_links(p) == [f"/exercises/{e.slug}/" for e in expected]
    for ex in expected:
        assert ex.position_label in p.text


def test_results_show_name_position_and_dose(page, library: Library) -> None:
    p = page("/exercises/?q=bridge")
    bridge = library.exercises["bridge"]
    assert p.link_to("/exercises/bridge/") == bridge.name
    assert bridge.position_label in p.text
    assert "10 times" in p.text


def test_search_finds_an_exercise_by_another_name(page, library: Library) -> None:
    p = page("/exercises/?q=prayer+stretch")
    assert "1 exercise matches" in p.text
    assert p.link_to("/exercises/childs-pose/") == library.exercises["childs-pose"].name
    assert 'value="prayer stretch"' in p.html


def test_no_match_says_so_and_offers_a_way_out(page) -> None:
    p = page("/exercises/?q=trampoline")
    assert p.status == 200
    assert "No exercises match" in p.text
    assert "Clear all filters" in p.link_texts("/exercises/")


def test_chosen_filters_stay_selected(page) -> None:
    p = page("/exercises/?position=seated&body_area=hips&kind=stretch&equipment=chair")
    for value in ("seated", "hips", "stretch", "chair"):
        assert f'value="{value}" selected' in p.html


@pytest.mark.parametrize(("parameter", "value", "allowed"), [
    ("position", "upside-down", ["on-back", "seated", "standing"]),
    ("body_area", "elbow", ["low-back", "hamstrings"]),
    ("kind", "yoga", ["stretch", "isometric"]),
    ("equipment", "kettlebell", ["none", "chair", "towel"]),
    ("no_floor", "yes", ["1"]),
])
def test_an_unknown_filter_value_gets_a_clear_400(page, parameter, value, allowed) -> None:
    p = page(f"/exercises/?{parameter}={value}")
    assert p.status == 400
    assert len(p.h1) == 1
    assert parameter in p.text and value in p.text
    for option in allowed:
        assert option in p.text
    assert "Start again with the exercise finder" in p.link_texts("/exercises/")


def test_show_exercises_opens_the_page_at_its_results_with_the_count(page, library: Library) -> None:
    p = page("/exercises/?position=seated")
    forms = [attrs for tag, attrs in p.tags if tag == "form" and "finder" in (attrs.get("class") or "")]
    assert [f.get("action") for f in forms] == ["/exercises/#results"]
    expected = len(library.find_exercises(ExerciseFilter(position="seated")))
    heading = re.search(r'<h2 id="results" tabindex="-1">([^<]+)</h2>', p.html)
    assert heading, "the results heading is not the form's target"
    assert heading.group(1) == f"{expected} exercises match"
    assert 'aria-labelledby="results"' in p.html


def test_the_search_box_on_other_pages_opens_the_results_too(page) -> None:
    p = page("/no/such/page/")
    assert p.status == 404
    assert ("form", {"class": "search", "role": "search", "method": "get",
                     "action": "/exercises/#results"}) in p.tags
