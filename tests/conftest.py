"""Shared test set-up.

- Under CI=true nothing that CI must prove may be skipped: a skipped browser test is a failure.
- tests/test_database.py proves the suite runs on the database DATABASE_URL names.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backcare.content import Library, load_library

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
MINI = ROOT / "tests" / "fixtures" / "mini"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_report_header(config: pytest.Config) -> str:
    url = os.environ.get("DATABASE_URL", "")
    return f"backcare database: {url.split('://')[0] if url else 'sqlite (default)'}; CI={IN_CI}"


#: Fixtures through which a test reaches the database.
DATABASE_FIXTURES = frozenset({
    "db", "transactional_db", "live_server", "django_db_reset_sequences",
    "django_db_serialized_rollback",
})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that touches the database with `database`.

    pytest-django refuses database access to any other test, so the unmarked ones give the
    same result on every database; CI's PostgreSQL pass runs `-m "database and not browser"`.
    """
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("django_db") or fixtures & DATABASE_FIXTURES:
            item.add_marker(pytest.mark.database)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and item.get_closest_marker("browser"):
        report.outcome = "failed"
        report.longrepr = f"browser test skipped under CI=true: {report.longrepr}"


@pytest.fixture(autouse=True)
def _terminal_marks_outside_the_database(request: pytest.FixtureRequest,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The terminal's "hurt last time" marks live in the database, which a test without
    database access cannot reach: in such in-process CLI tests nothing hurt before.
    tests/cli/test_play_pty.py runs the real thing in a subprocess with its own database."""
    if request.node.get_closest_marker("django_db") is None:
        monkeypatch.setattr("backcare.cli.session_log.terminal_hurt_days", lambda: {})
        for module in ("plan_command", "play_command", "worksheet_command"):
            monkeypatch.setattr(f"backcare.cli.{module}.terminal_hurt_days", lambda: {})


@pytest.fixture(autouse=True)
def _english_unless_asked() -> Iterator[None]:
    """Each test starts in English: a request to /es/... leaves Django's language active on
    its thread, and the core follows Django's language."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_prebuilding_behind_the_tests(settings: Any) -> None:
    """No background thread prebuilds worksheets behind a test that asks for one;
    tests/worksheets/test_prebuild.py turns it on where it tests it."""
    settings.BACKCARE_PREBUILD_WORKSHEETS = False


@pytest.fixture(autouse=True)
def _empty_response_cache() -> Iterator[None]:
    """Each test starts with nothing in the response cache (backcare.site.response_cache):
    a test that changes settings or content sees its own answers, not an earlier test's."""
    from backcare.site.response_cache import clear

    clear()
    yield
    clear()


@pytest.fixture(scope="session")
def library() -> Library:
    """The real library under content/: the product, not a stand-in."""
    return load_library(CONTENT)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the real content, for tests that break it on purpose."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the small fixture library."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One real chromium for the whole run (Debian's; Playwright never downloads a browser).

    Every browser test shares it: Playwright allows one sync session per thread.
    """
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread from here on; Django's
    # async-safety guard would then refuse the DB work of later tests in this thread.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings: Any) -> None:
    """Passwords in tests are hashed with a fast hasher: the real one (PBKDF2, hundreds of
    thousands of rounds) would spend minutes of the suite on test users' passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
