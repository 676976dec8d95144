"""Read settings from the environment and fail loudly on values that make no sense."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a yes/no value; use one of: true, false")


def envint(name: str, default: int, minimum: int, maximum: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None
    if not minimum <= value <= maximum:
        raise ImproperlyConfigured(f"{name}={value} is outside {minimum}..{maximum}")
    return value


def envchoice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = os.environ.get(name, "").strip().lower() or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} is not one of: {', '.join(choices)}")
    return value


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def envsecret(production: bool, dev_key_file: Path) -> str:
    """SECRET_KEY: required and strong in production; made once and kept locally otherwise."""
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        if len(key) < 50 or len(set(key)) < 5:
            raise ImproperlyConfigured("SECRET_KEY is too weak: use at least 50 random characters")
        return key
    if production:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. In production backcare refuses to start without one; "
            "generate it with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    if dev_key_file.is_file():
        return dev_key_file.read_text(encoding="utf-8").strip()
    dev_key_file.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    dev_key_file.write_text(key, encoding="utf-8")
    dev_key_file.chmod(0o600)
    return key
