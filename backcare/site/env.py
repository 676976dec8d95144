"""Read settings from the environment and fail loudly on values that make no sense."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from backcare.site.private_files import private_dir, private_file, write_private_text

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


def envstring(name: str, default: str) -> str:
    """A plain string setting (surrounding spaces dropped); ``default`` when unset or empty."""
    return os.environ.get(name, "").strip() or default


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def envpath(name: str, default: Path) -> Path:
    """An absolute folder path; a relative one would depend on where the process started."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    path = Path(raw).expanduser()
    if not path.is_absolute():
        raise ImproperlyConfigured(f"{name}={raw!r} is not an absolute path; "
                                   "give the full path, e.g. /srv/backcare/var")
    return path


def production_hosts(hosts: list[str]) -> list[str]:
    """ALLOWED_HOSTS for production: named hosts only, never a wildcard."""
    if not hosts:
        raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's host(s) in production")
    for host in hosts:
        if host == "." or "*" in host:
            raise ImproperlyConfigured(
                f"ALLOWED_HOSTS contains the wildcard {host!r}, which production refuses: name "
                "the site's hosts, e.g. ALLOWED_HOSTS=example.org,www.example.org "
                "(.example.org allows example.org and its subdomains)")
    return hosts


#: Django's placeholder keys start with this; such a key was published in a project template.
INSECURE_KEY_PREFIX = "django-insecure-"
NEW_KEY_HINT = "python -c 'import secrets; print(secrets.token_urlsafe(50))'"


def envsecret(production: bool, dev_key_file: Path) -> str:
    """SECRET_KEY: required and strong in production; made once and kept locally otherwise."""
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        if key.startswith(INSECURE_KEY_PREFIX):
            raise ImproperlyConfigured(
                f"SECRET_KEY starts with {INSECURE_KEY_PREFIX!r}, Django's mark of a placeholder "
                f"key, which is refused; generate a new one with: {NEW_KEY_HINT}")
        if len(key) < 50 or len(set(key)) < 5:
            raise ImproperlyConfigured("SECRET_KEY is too weak: use at least 50 random characters")
        return key
    if production:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. In production backcare refuses to start without one; "
            f"generate it with: {NEW_KEY_HINT}"
        )
    private_dir(dev_key_file.parent)
    if dev_key_file.is_file():
        return private_file(dev_key_file).read_text(encoding="utf-8").strip()
    key = secrets.token_urlsafe(50)
    write_private_text(dev_key_file, key)
    return key
