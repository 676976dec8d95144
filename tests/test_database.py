"""The database layer works on whichever database DATABASE_URL names (SQLite by default)."""

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_database_answers_on_the_configured_backend() -> None:
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
