"""WSGI entry point. Refuses to serve a broken library: the problems are printed, not a traceback.

Importing it loads the library and every view once; ``backcare serve`` imports it before
granian forks its workers, so that happens once, in the parent, and the workers inherit both.
"""

from __future__ import annotations

import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backcare.site.settings")
try:
    application = get_wsgi_application()
except ImproperlyConfigured as exc:  # a refused setting: one line, not a traceback
    sys.stderr.write(f"backcare will not start: {' '.join(str(exc).split())}\n")
    sys.stderr.flush()
    raise SystemExit(3) from None

from backcare.catalogue.library import library_or_problems  # noqa: E402  (needs settings)

_library, _problems = library_or_problems()
if _problems:
    sys.stderr.write("backcare will not start: the content has problems.\n")
    sys.stderr.writelines(f"  - {p}\n" for p in _problems)
    sys.stderr.flush()
    raise SystemExit(3)

# Public answers that Django already answered from memory are answered again before it, with
# the headers every middleware gave them (backcare/site/front_door.py).
from django.conf import settings  # noqa: E402

from backcare.site.front_door import FrontDoor  # noqa: E402

application = FrontDoor(application, settings.BACKCARE_RESPONSE_CACHE_BYTES)  # type: ignore[assignment]

# Every view, the URL conf and the API's schemas, imported now: under `backcare serve` that
# is once, before granian forks its workers, and each worker answers
# its first request without importing them again.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018  (the property imports the URL conf)
