"""Production refuses risky settings; every response says which browser features are off;
a refused request is logged as one line, never a traceback.

Settings are read in a separate process per case (they are read once per process), with
var/ in a temporary folder so nothing here touches the project's own var/.
"""

from __future__ import annotations

import io
import json
import logging
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from backcare.site.headers import PERMISSIONS_POLICY
from backcare.site.log_filters import OneLineClientErrors

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
#: Variables the tests set themselves; any value in the test run's own environment is dropped.
SETTINGS_VARIABLES = {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "BACKCARE_ENV",
                      "SECURE_HSTS_PRELOAD", "SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT",
                      # set by the browser tests' Playwright fixture in this process
                      "DJANGO_ALLOW_ASYNC_UNSAFE"}

# Reads the settings; a refusal is printed as the process's only output, exit 2.
PROBE = """
import json, sys
import django
from django.core.exceptions import ImproperlyConfigured
try:
    django.setup()
except ImproperlyConfigured as exc:
    print(exc, file=sys.stderr)
    sys.exit(2)
from django.conf import settings
print(json.dumps({name: getattr(settings, name, None) for name in sys.argv[1:]}))
"""


def _env(tmp_path: Path, **values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.update(DJANGO_SETTINGS_MODULE="backcare.site.settings", BACKCARE_CONTENT_DIR=str(CONTENT),
               BACKCARE_VAR_DIR=str(tmp_path / "var"))
    env.update(values)
    return env


def production(tmp_path: Path, **values: str) -> dict[str, str]:
    return _env(tmp_path, **{"BACKCARE_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(45),
                              "ALLOWED_HOSTS": "example.org", **values})


def read_settings(env: dict[str, str], *names: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", PROBE, *names], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def refusal(result: subprocess.CompletedProcess[str]) -> str:
    """The one-line message of a refused configuration."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def values(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# --- what production refuses ----------------------------------------------------------------

@pytest.mark.parametrize("hosts", ["*", "example.org,*", ".", "*.example.org"])
def test_production_refuses_a_wildcard_host(tmp_path: Path, hosts: str) -> None:
    message = refusal(read_settings(production(tmp_path, ALLOWED_HOSTS=hosts)))
    bad = hosts.split(",")[-1]
    assert message.startswith(f"ALLOWED_HOSTS contains the wildcard {bad!r}, which production "
                              "refuses: name the site's hosts")
    assert "ALLOWED_HOSTS=example.org,www.example.org" in message


def test_production_takes_named_hosts_and_a_subdomain_dot(tmp_path: Path) -> None:
    env = production(tmp_path, ALLOWED_HOSTS="example.org, .example.net")
    assert values(read_settings(env, "ALLOWED_HOSTS"))["ALLOWED_HOSTS"] == [
        "example.org", ".example.net"]


def test_a_wildcard_host_is_still_allowed_in_development(tmp_path: Path) -> None:
    env = _env(tmp_path, ALLOWED_HOSTS="*")
    assert values(read_settings(env, "ALLOWED_HOSTS"))["ALLOWED_HOSTS"] == ["*"]


@pytest.mark.parametrize("environment", ["production", "development"])
def test_a_django_insecure_key_is_refused(tmp_path: Path, environment: str) -> None:
    key = "django-insecure-" + secrets.token_urlsafe(45)
    env = production(tmp_path, SECRET_KEY=key, BACKCARE_ENV=environment)
    message = refusal(read_settings(env))
    assert message.startswith("SECRET_KEY starts with 'django-insecure-'")
    assert "secrets.token_urlsafe(50)" in message
    assert key not in message


def test_production_still_refuses_a_missing_key_or_hosts(tmp_path: Path) -> None:
    env = production(tmp_path)
    del env["SECRET_KEY"]
    assert refusal(read_settings(env)).startswith("SECRET_KEY is not set.")
    env = production(tmp_path)
    del env["ALLOWED_HOSTS"]
    assert refusal(read_settings(env)) == "ALLOWED_HOSTS must name the site's host(s) in production"


def test_hsts_preload_is_off_unless_asked_for_in_production(tmp_path: Path) -> None:
    names = ("SECURE_HSTS_PRELOAD", "SECURE_HSTS_SECONDS", "DATA_UPLOAD_MAX_MEMORY_SIZE")
    assert values(read_settings(production(tmp_path), *names)) == {
        "SECURE_HSTS_PRELOAD": False, "SECURE_HSTS_SECONDS": 31536000,
        "DATA_UPLOAD_MAX_MEMORY_SIZE": 256 * 1024}
    on = production(tmp_path, SECURE_HSTS_PRELOAD="true")
    assert values(read_settings(on, *names))["SECURE_HSTS_PRELOAD"] is True
    # Development sends no HSTS at all, so preload means nothing there.
    development = _env(tmp_path, SECURE_HSTS_PRELOAD="true")
    assert values(read_settings(development, "SECURE_HSTS_PRELOAD", "SECURE_HSTS_SECONDS")) == {
        "SECURE_HSTS_PRELOAD": False, "SECURE_HSTS_SECONDS": 0}


def test_hsts_preload_needs_a_year_and_a_yes_or_no(tmp_path: Path) -> None:
    short = production(tmp_path, SECURE_HSTS_PRELOAD="true", SECURE_HSTS_SECONDS="3600")
    assert refusal(read_settings(short)) == (
        "SECURE_HSTS_PRELOAD=true needs SECURE_HSTS_SECONDS of at least 31536000 (one year) "
        "for the preload list; it is 3600")
    vague = production(tmp_path, SECURE_HSTS_PRELOAD="maybe")
    assert refusal(read_settings(vague)) == (
        "SECURE_HSTS_PRELOAD='maybe' is not a yes/no value; use one of: true, false")


def test_the_command_line_reports_a_refusal_as_one_line(tmp_path: Path) -> None:
    """What a person sees: `backcare backup` reads the settings like `backcare serve` does."""
    env = production(tmp_path, ALLOWED_HOSTS="*")
    result = subprocess.run([sys.executable, "-m", "backcare.cli.main", "backup"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "ALLOWED_HOSTS contains the wildcard '*'" in result.stderr
    assert not (tmp_path / "var" / "backups").exists()


@pytest.mark.parametrize(("entry", "code"), [
    (["manage.py", "check"], 2),
    (["-c", "import backcare.site.wsgi"], 3),
])
@pytest.mark.parametrize("refused", [{"ALLOWED_HOSTS": "*"},
                                     {"SECRET_KEY": "django-insecure-" + "k" * 50}])
def test_manage_and_wsgi_report_a_refused_setting_as_one_line(
    tmp_path: Path, entry: list[str], code: int, refused: dict[str, str]
) -> None:
    result = subprocess.run([sys.executable, *entry], cwd=ROOT, env=production(tmp_path, **refused),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == code
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert next(iter(refused)) in result.stderr


def _deploy_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_but_for_the_opt_in_preload(tmp_path: Path) -> None:
    result = _deploy_check(production(tmp_path))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "(security." in line]
    assert [w.split(")")[0] + ")" for w in warnings] == ["?: (security.W021)"]
    result = _deploy_check(production(tmp_path, SECURE_HSTS_PRELOAD="true"))
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


# --- Permissions-Policy ---------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/", "/no-such-page/", "/static/practice/player.js"])
def test_every_response_has_the_permissions_policy(client: Client, url: str) -> None:
    response = client.get(url)
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_the_policy_denies_what_backcare_does_not_use() -> None:
    features = dict(item.split("=") for item in PERMISSIONS_POLICY.split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"
    assert features["fullscreen"] == "(self)"
    assert features["screen-wake-lock"] == "(self)"


# --- refused requests, one line each --------------------------------------------------------

def _console(logger: str) -> logging.StreamHandler[Any]:
    """The console handler settings.LOGGING gives ``logger`` (pytest adds its own beside it)."""
    ours = [h for h in logging.getLogger(logger).handlers
            if any(isinstance(f, OneLineClientErrors) for f in h.filters)]
    assert len(ours) == 1 and isinstance(ours[0], logging.StreamHandler), ours
    return ours[0]


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    """What settings.LOGGING's console handler writes, for the length of one test."""
    handler = _console("django.security")
    assert _console("django.request") is handler
    buffer = io.StringIO()
    # Not setStream(): it flushes the old stream, which may be a stderr pytest has closed.
    previous, handler.stream = handler.stream, buffer
    yield buffer
    handler.stream = previous


def _one_line(buffer: io.StringIO) -> str:
    output = buffer.getvalue()
    assert "Traceback" not in output
    lines = output.splitlines()
    assert len(lines) == 1, output
    return lines[0]


def test_a_bad_host_is_one_line(client: Client, log_output: io.StringIO) -> None:
    response = client.get("/routines/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert _one_line(log_output) == (
        "ERROR django.security.DisallowedHost: Invalid HTTP_HOST header: 'evil.example'. "
        "You may need to add 'evil.example' to ALLOWED_HOSTS. [400 GET /routines/]")


def test_an_oversized_body_is_one_line(settings: Any, log_output: io.StringIO) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    client = Client(enforce_csrf_checks=True)  # the CSRF check reads the form body
    client.cookies["csrftoken"] = "a" * 32
    response = client.post("/", {"note": "x" * 5000})
    assert response.status_code == 400
    assert _one_line(log_output) == (
        "ERROR django.security.RequestDataTooBig: Request body exceeded "
        "settings.DATA_UPLOAD_MAX_MEMORY_SIZE. [400 POST /]")


def test_too_many_fields_is_one_line(settings: Any, log_output: io.StringIO) -> None:
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32
    response = client.post("/", {f"field{n}": "1" for n in range(10)})
    assert response.status_code == 400
    line = _one_line(log_output)
    assert line.startswith("ERROR django.security.TooManyFieldsSent: ")
    assert line.endswith("[400 POST /]")


def test_a_not_found_path_with_a_line_break_stays_on_one_line(client: Client,
                                                               log_output: io.StringIO) -> None:
    assert client.get("/no%0Asuch%0Dpage/").status_code == 404
    assert _one_line(log_output) == (
        "WARNING django.request: Not Found: /no\\nsuch\\rpage/ [404 GET /no\\nsuch\\rpage/]")


def _formatted(name: str, status: int) -> str:
    """A record the way Django logs an exception's response, through the console handler."""
    handler = _console(name)
    try:
        raise PermissionError("refused on purpose")
    except PermissionError:
        record = logging.getLogger(name).makeRecord(
            name, logging.WARNING, __file__, 1, "Forbidden: %s", ("/x",), sys.exc_info(),
            extra={"status_code": status})
    assert handler.filter(record)
    return handler.format(record)


def test_a_client_error_drops_its_traceback_but_a_server_error_keeps_it() -> None:
    assert _formatted("django.request", 403) == "WARNING django.request: Forbidden: /x [403]"
    server_error = _formatted("django.request", 500)
    assert "Traceback" in server_error and "refused on purpose" in server_error
