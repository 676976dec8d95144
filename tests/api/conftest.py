from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

FIVE_MINUTE = "back-pain-relief-stretches-5-minute-real-time-routine"


@pytest.fixture
def api(client: Client):
    """GET an /api/ URL and return (status, parsed JSON)."""

    def get(url: str, **params: Any) -> tuple[int, Any]:
        response = client.get(url, params)
        assert response["Content-Type"].startswith("application/json"), response.content[:200]
        return response.status_code, response.json()

    return get
