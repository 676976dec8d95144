"""The one NinjaAPI at /api/: each app contributes its own router; OpenAPI at /api/openapi.json.

The docs page at /api/docs is ninja's Swagger page served from /static/ninja/ ("ninja" is in
INSTALLED_APPS); its only inline script is inert JSON data, so it works under our CSP.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI, Router, Schema
from ninja.errors import HttpError

from backcare.catalogue.api import router as library_router
from backcare.planning.api import router as planning_router
from backcare.practice.api import router as practice_router
from backcare.practice.api_painful import router as painful_router
from backcare.site.api_errors import install_handlers
from backcare.site.api_guard import guard_write

DESCRIPTION = """\
Read-only access to backcare's back-pain routines and exercises, personal plans, and the
follow-along session log.

**General education, not medical advice.** Nothing here diagnoses or treats anything.
Stop an exercise that makes your pain worse or sends it down a leg, and get checked by
a doctor or physical therapist first if the pain followed an injury, keeps getting
worse, or comes with numbness, weakness, fever or trouble with bladder or bowels.

Durations (`estimated_seconds`, `total_seconds`) add up every hold, every rest and every
pause between exercises, exactly as the step-by-step timeline runs.

Writes from a browser need the CSRF token (the `csrftoken` cookie's value in the
`X-CSRFToken` header) and are refused from other sites; every body is JSON
(`application/json`). Errors are `{"detail": "..."}`, or for 422 a list naming each field.
"""

# guard_write runs before every operation: reads pass, writes are checked (see api_guard).
api = NinjaAPI(title="backcare API", version="1", description=DESCRIPTION, urls_namespace="api",
               auth=guard_write)
install_handlers(api)
api.add_router("/", library_router)
api.add_router("/", planning_router)
api.add_router("/", practice_router)
api.add_router("/", painful_router)
fallback = Router()  # added last: ninja matches the API's own routes before routers' ones


class Index(Schema):
    routines: str
    exercises: str
    docs: str
    openapi: str


@fallback.get("/", response=Index, include_in_schema=False)
def index(request: HttpRequest) -> Index:
    return Index(routines="/api/routines", exercises="/api/exercises", docs="/api/docs",
                 openapi="/api/openapi.json")


# Registered last, so it only answers paths no router knows.
@fallback.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}",
                   include_in_schema=False)
def unknown_path(request: HttpRequest, rest: str) -> None:
    raise HttpError(404, f"No API endpoint at /api/{rest}. See /api/docs for the list.")


api.add_router("/", fallback)
