"""/api/exercises (the finder) and /api/exercises/{slug}."""

from __future__ import annotations

import pytest

BRIEF_KEYS = {"slug", "name", "position", "position_label", "needs_floor"}
FULL_KEYS = {
    "slug", "name", "other_names", "summary", "position", "needs_floor", "places", "kind",
    "body_areas", "equipment", "per_side", "dose", "steps", "cues", "precautions", "rules",
    "seated_alternative", "source", "used_in", "movements", "min_reps", "left_out_for",
    "flagged_for", "action", "position_label",
}


def test_list_without_filters_is_every_exercise(api, library) -> None:
    status, body = api("/api/exercises")
    assert status == 200
    assert {e["slug"] for e in body} == set(library.exercises)
    for ex in body:
        assert set(ex) >= BRIEF_KEYS


def test_no_floor_leaves_out_everything_done_lying_or_kneeling(api, library) -> None:
    status, body = api("/api/exercises", no_floor="true")
    assert status == 200
    assert body, "there should be exercises a person can do without getting down"
    assert all(ex["needs_floor"] is False for ex in body)
    slugs = {ex["slug"] for ex in body}
    assert "seated-pelvic-tilt" in slugs
    assert "pelvic-tilt" not in slugs and "childs-pose" not in slugs
    assert slugs == {s for s, e in library.exercises.items() if not e.needs_floor}


def test_filters_combine(api, library) -> None:
    _, seated = api("/api/exercises", position="seated")
    assert seated and all(ex["position"] == "seated" for ex in seated)
    _, stretches = api("/api/exercises", position="seated", kind="stretch")
    assert {e["slug"] for e in stretches} <= {e["slug"] for e in seated}
    assert all(ex["kind"] == "stretch" for ex in stretches)
    _, low_back = api("/api/exercises", body_area="low-back")
    assert low_back and all("low-back" in ex["body_areas"] for ex in low_back)


def test_equipment_none_means_nothing_needed(api) -> None:
    _, body = api("/api/exercises", equipment="none")
    assert body and all(ex["equipment"] == [] for ex in body)


def test_text_search_matches_names(api) -> None:
    _, body = api("/api/exercises", q="bridge")
    assert "bridge" in [ex["slug"] for ex in body]
    _, body = api("/api/exercises", q="zzzz-no-such-thing")
    assert body == []


@pytest.mark.parametrize(
    ("param", "value", "allowed"),
    [
        ("position", "upside-down", "seated"),
        ("kind", "yoga", "stretch"),
        ("body_area", "elbow", "low-back"),
        ("equipment", "trampoline", "none"),
        ("no_floor", "perhaps", None),
    ],
)
def test_bad_filter_is_a_4xx_naming_the_parameter(api, param, value, allowed) -> None:
    status, body = api("/api/exercises", **{param: value})
    assert 400 <= status < 500
    text = str(body)
    assert param in text
    if allowed:
        assert allowed in text


def test_exercise_detail_is_complete(api, library) -> None:
    status, body = api("/api/exercises/pelvic-tilt")
    assert status == 200
    assert set(body) == FULL_KEYS
    assert body["slug"] == "pelvic-tilt" and body["needs_floor"] is True
    assert set(body["dose"]) == {"hold_seconds", "reps", "sets", "rest_seconds"}
    assert body["movements"] == ["mid-range", "lying-on-back"] and body["min_reps"] == 5
    assert body["rules"] == {"only_with_conditions": [], "not_with_conditions": []}
    assert body["left_out_for"] == ["pregnancy"] and body["flagged_for"] == []
    assert len(body["steps"]) >= 2 and body["cues"]
    assert set(body["used_in"]) == {r.slug for r in library.routines_using("pelvic-tilt")}
    assert "back-pain-relief-stretches-5-minute-real-time-routine" in body["used_in"]


def test_seated_alternative_points_at_a_real_chair_exercise(api, library) -> None:
    for slug, ex in library.exercises.items():
        if ex.seated_alternative:
            status, body = api(f"/api/exercises/{slug}")
            status, alt = api(f"/api/exercises/{body['seated_alternative']}")
            assert status == 200 and alt["needs_floor"] is False


def test_unknown_exercise_is_a_json_404_naming_it(api) -> None:
    status, body = api("/api/exercises/no-such-move")
    assert status == 404
    assert "No exercise called 'no-such-move'" in body["detail"]
    assert "/api/exercises" in body["detail"]
