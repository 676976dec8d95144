from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings: Any) -> None:
    """Hashing a password the production way takes a good part of a second; these tests
    hash hundreds. What they test (who may sign in) does not depend on the hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
