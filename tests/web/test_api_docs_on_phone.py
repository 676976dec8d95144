"""/api/docs fits a phone: ninja's Swagger page with a viewport, still only our own assets."""

from __future__ import annotations

import re

from django.test import Client


def test_the_api_docs_have_a_phone_viewport_and_our_own_assets(client: Client) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert re.findall(r'<script src="([^"]+)"', html) == [
        "/static/ninja/swagger-ui-bundle.js", "/static/ninja/swagger-ui-init.js"]
    assert '<script type="application/json" id="swagger-settings">' in html
    assert "/api/openapi.json" in html
    assert "script-src 'self'" in response["Content-Security-Policy"]
