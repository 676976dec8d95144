"""The one NinjaAPI at /api/: each app contributes its own router; OpenAPI at /api/openapi.json.

The docs page at /api/docs is ninja's Swagger page served from /static/ninja/ ("ninja" is in
INSTALLED_APPS); its only inline script is inert JSON data, so it works under our CSP. Its
template is ours (catalogue/templates/api_docs/swagger.html): ninja's, with a viewport for
phones.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI, Router, Schema
from ninja.errors import HttpError
from ninja.openapi.docs import Swagger
from ninja.openapi.schema import OpenAPISchema

from backcare.accounts.api import router as accounts_router
from backcare.catalogue.api import router as library_router
from backcare.planning.api import router as planning_router
from backcare.practice.api import router as practice_router
from backcare.practice.api_painful import router as painful_router
from backcare.programs.api_clinic import router as programs_router
from backcare.programs.api_shared import router as shared_router
from backcare.progress.api import router as progress_router
from backcare.site.api_errors import LanguageRefused, install_handlers
from backcare.site.api_guard import guard_write
from backcare.vocabulary import LANGUAGES, gettext

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

**Languages.** Every operation answers in English (`en`) or Spanish (`es`): `?lang=es`, or
else the first language of the `Accept-Language` header that backcare speaks, or else
English; the response's `Content-Language` header says which. Every human-readable field —
names, summaries, steps, cues, titles, the phases' `text` and `say`, change reasons, why an
exercise is left out, advice, the safety questions and every error's `detail` and `msg` —
is in that language. Identifiers stay as they are in every language: slugs, `kind`,
`reason`, `movements`, `position`, `type`, `loc`. A `lang` that backcare does not speak is
a 400 naming the field, before the operation runs.
"""

LANG_PARAMETER: dict[str, Any] = {
    "in": "query", "name": "lang", "required": False,
    "description": "the language of every human-readable field (else Accept-Language, "
                   "else English); see the API's description",
    "schema": {"type": "string", "enum": list(LANGUAGES), "title": "Lang"},
}


class PhoneReadySwagger(Swagger):
    """ninja's Swagger page with ``<meta name="viewport">``, so it fits a phone's screen."""

    template = "api_docs/swagger.html"


class BackcareAPI(NinjaAPI):
    """ninja's API whose OpenAPI document states, on every operation, the ``lang`` query
    parameter and the 400 it gives for a language backcare does not speak (answered by
    ``backcare.site.language.LanguageChoice`` before the operation runs)."""

    def get_openapi_schema(self, *, path_prefix: str | None = None,
                           path_params: dict[str, Any] | None = None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_languages(schema)
        return schema


def document_languages(schema: dict[str, Any]) -> None:
    refused = LanguageRefused.model_json_schema(ref_template="#/components/schemas/{model}")
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(refused.pop("$defs", {}))
    components["LanguageRefused"] = refused
    ref = {"$ref": "#/components/schemas/LanguageRefused"}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            parameters = operation.setdefault("parameters", [])
            if not any(p.get("name") == "lang" for p in parameters):
                parameters.append(dict(LANG_PARAMETER))
            responses = operation.setdefault("responses", {})
            given = responses.get("400") or responses.get(400)
            if given is None:
                responses["400"] = {"description": "Bad Request",
                                    "content": {"application/json": {"schema": ref}}}
                continue
            content = given.setdefault("content", {}).setdefault("application/json", {})
            before = content.get("schema")
            content["schema"] = {"anyOf": [before, ref]} if before else ref


# guard_write runs before every operation: reads pass, writes are checked (see api_guard).
api = BackcareAPI(title="backcare API", version="1", description=DESCRIPTION, urls_namespace="api",
               auth=guard_write, docs=PhoneReadySwagger())
install_handlers(api)
api.add_router("/", library_router)
api.add_router("/", planning_router)
api.add_router("/", practice_router)
api.add_router("/", painful_router)
api.add_router("/", accounts_router)
api.add_router("/", programs_router)
api.add_router("/", shared_router)
api.add_router("/", progress_router)
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
    raise HttpError(404, gettext("No API endpoint at /api/{path}. See /api/docs for the list.")
                    .format(path=rest[:200]))


api.add_router("/", fallback)
