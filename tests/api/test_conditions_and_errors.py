"""/api/conditions/{slug}, the API index and the JSON 404 for unknown /api/ paths."""

from __future__ import annotations


def test_back_pain_condition_lists_its_routines_in_order(api, library) -> None:
    status, body = api("/api/conditions/back-pain")
    assert status == 200
    condition = library.conditions["back-pain"]
    assert body["slug"] == "back-pain" and body["name"] == condition.name
    assert body["summary"] and body["introduction"]
    assert [r["slug"] for r in body["routines"]] == list(condition.routines)
    for item in body["routines"]:
        assert set(item) == {"slug", "title", "estimated_seconds"}
        assert item["title"] == library.routines[item["slug"]].title
        # the same number as GET /api/routines/<slug> and GET /api/timeline?routine=<slug>
        assert item["estimated_seconds"] == api(f"/api/routines/{item['slug']}")[1]["estimated_seconds"]
        assert item["estimated_seconds"] == api("/api/timeline", routine=item["slug"])[1]["total_seconds"]


def test_unknown_condition_is_a_json_404(api) -> None:
    status, body = api("/api/conditions/toothache")
    assert status == 404
    assert "No condition called 'toothache'" in body["detail"]


def test_unknown_api_path_is_json_not_a_web_page(api) -> None:
    status, body = api("/api/no/such/thing")
    assert status == 404
    assert "/api/no/such/thing" in body["detail"] and "/api/docs" in body["detail"]


def test_api_index_points_at_the_endpoints(api) -> None:
    status, body = api("/api/")
    assert status == 200
    assert body["routines"] == "/api/routines" and body["docs"] == "/api/docs"
