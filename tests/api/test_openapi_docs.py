"""The OpenAPI document and the docs page: accurate, and nothing fetched from elsewhere."""

from __future__ import annotations

import re

from django.test import Client

PATHS = {
    # the library
    "/api/conditions/{slug}", "/api/routines", "/api/routines/{slug}", "/api/exercises",
    "/api/exercises/{slug}", "/api/health-conditions",
    # personal plans
    "/api/screen", "/api/plans",
    # the players and the session log
    "/api/timeline", "/api/sessions", "/api/sessions/{session_id}", "/api/device",
    "/api/painful-exercises", "/api/painful-exercises/{slug}/include",
    # accounts: tokens, your data
    "/api/auth/token", "/api/me", "/api/me/export",
    # clinician programs, and a program handed out
    "/api/programs", "/api/programs/{program_id}", "/api/programs/{program_id}/adherence",
    "/api/programs/{program_id}/adherence.csv", "/api/shared/{code}",
    "/api/programs/{program_id}/lock", "/api/programs/{program_id}/patients/{number}/fhir",
    # outcomes: measures, progress, the weekly review, reminders, FHIR
    "/api/measures", "/api/measures/{measure_id}", "/api/progress", "/api/review",
    "/api/reminders", "/api/fhir/bundle", "/api/fhir/Questionnaire/{measure_id}",
}


def test_openapi_lists_every_endpoint_with_response_schemas(client: Client) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert set(schema["paths"]) == PATHS
    assert "not medical advice" in schema["info"]["description"]
    for path in ("/api/routines/{slug}", "/api/exercises/{slug}", "/api/conditions/{slug}"):
        responses = schema["paths"][path]["get"]["responses"]
        assert "$ref" in str(responses["200"]) and "404" in responses
    detail = schema["components"]["schemas"]["RoutineDetail"]["properties"]
    assert {"estimated_seconds", "exercises", "phases", "related", "suits"} <= set(detail)
    params = {p["name"]: p for p in schema["paths"]["/api/exercises"]["get"]["parameters"]}
    assert set(params) == {"position", "no_floor", "body_area", "kind", "equipment", "q", "lang"}
    assert "none" in str(params["equipment"]["schema"])


def test_docs_page_loads_only_local_assets_and_no_inline_script(client: Client) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(a.startswith("/static/") for a in assets), assets
    # every <script> either loads a /static/ file or is inert JSON data (allowed by the CSP)
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        assert 'src="/static/' in attrs or 'type="application/json"' in attrs, attrs
        if "src=" in attrs:
            assert not body.strip()
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_docs_assets_are_served(client: Client) -> None:
    for asset in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui-init.js", "ninja/swagger-ui.css"):
        response = client.get(f"/static/{asset}")
        assert response.status_code == 200, asset
