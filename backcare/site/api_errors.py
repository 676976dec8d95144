"""Every error the JSON API answers, in one place: the shapes, the handlers, and which
status codes each kind of operation documents.

- ``Message`` ``{"detail": "..."}``: 400 (a body that is not JSON), 403, 404, 409, 413,
  415 and 429.
- ``Problems`` ``{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}``: 422, one
  entry per field at fault; ``loc`` starts with where the value came from (``query``,
  ``path``, ``body``) and ends with the field.

Each component name is defined once here, so the OpenAPI document never has two schemas
fighting over one name. Routers build their ``response=`` maps from :data:`READS` and
:data:`WRITES` so that every 4xx an operation can give is documented.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError


class Message(Schema):
    """A refusal explained in one sentence."""

    detail: str


class FieldProblem(Schema):
    """One field at fault: where it is and what is wrong with it."""

    loc: list[str | int]
    msg: str
    type: str


class Problems(Schema):
    """422: every field at fault, each named."""

    detail: list[FieldProblem]


#: What any operation that reads query or path parameters can answer.
READS: dict[int, Any] = {422: Problems}
#: What any operation with an unsafe method can answer on top of that (see api_guard).
WRITES: dict[int, Any] = {400: Message, 403: Message, 413: Message, 415: Message,
                          422: Problems}
NOT_FOUND: dict[int, Any] = {404: Message}


def links(status: int, **targets: tuple[str, dict[str, str]]) -> dict[str, Any]:
    """OpenAPI links from one response to the operations that can follow it, for
    ``openapi_extra``: ``links(200, GetRoutine=("operation_id", {"slug": "$response.body#/slug"}))``.
    They tell a reader (and schemathesis' stateful runs) which value feeds which call."""
    return {"responses": {status: {"links": {
        name: {"operationId": operation, "parameters": parameters}
        for name, (operation, parameters) in targets.items()
    }}}}


def problems(errors: Mapping[str, str], *where: str) -> ValidationError:
    """A 422 naming each field; ``where`` is the location before it, e.g. ("query",) or
    ("body", "payload") — the same ``loc`` ninja gives for a value pydantic refused."""
    return ValidationError([
        {"loc": [*where, field], "msg": message, "type": "value_error"}
        for field, message in errors.items()
    ])


def _validation_error(request: HttpRequest, exc: ValidationError, api: NinjaAPI) -> HttpResponse:
    # Only loc, msg and type: pydantic's extra keys (ctx, input) would echo the value sent,
    # however long, and are not part of the documented shape.
    detail = [{"loc": [str(p) if not isinstance(p, int) else p for p in error.get("loc", ())],
               "msg": str(error.get("msg", "is not valid")),
               "type": str(error.get("type", "value_error"))}
              for error in exc.errors]
    return api.create_response(request, {"detail": detail}, status=422)


def _http_error(request: HttpRequest, exc: HttpError, api: NinjaAPI) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


def _too_big(request: HttpRequest, exc: RequestDataTooBig, api: NinjaAPI) -> HttpResponse:
    return api.create_response(request, {"detail": "The request body is too large."}, status=413)


def install_handlers(api: NinjaAPI) -> None:
    """Make ``api`` answer every error in the shapes above."""
    api.add_exception_handler(ValidationError, partial(_validation_error, api=api))
    api.add_exception_handler(HttpError, partial(_http_error, api=api))
    api.add_exception_handler(RequestDataTooBig, partial(_too_big, api=api))
