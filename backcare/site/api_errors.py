"""Every error the JSON API answers, in one place: the shapes, the handlers, the words, and
which status codes each kind of operation documents.

- ``Message`` ``{"detail": "..."}``: 400 (a body that is not JSON), 403, 404, 409, 413,
  415 and 429.
- ``Problems`` ``{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}``: 422, one
  entry per field at fault; ``loc`` starts with where the value came from (``query``,
  ``path``, ``body``) and ends with the field.
- ``LanguageRefused``: 400 when ``?lang=`` names a language backcare does not speak
  (answered by :mod:`backcare.site.language` before any operation runs).

Every ``detail`` and ``msg`` is said in the request's language (``?lang=`` or
``Accept-Language``), pydantic's own complaints included (:data:`PYDANTIC_MESSAGES`);
``type`` and ``loc`` are identifiers and stay as they are.

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

from backcare.vocabulary import DEFAULT_LANGUAGE, Labels, current, gettext, gettext_noop


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


class LanguageProblem(Schema):
    """The ``lang`` query parameter, and what is wrong with it."""

    loc: list[str | int]
    msg: str


class LanguageRefused(Schema):
    """400: ``?lang=`` names a language backcare does not speak."""

    detail: list[LanguageProblem]


#: What any operation that reads query or path parameters can answer.
READS: dict[int, Any] = {422: Problems}
#: What any operation with an unsafe method can answer on top of that (see api_guard).
WRITES: dict[int, Any] = {400: Message, 403: Message, 413: Message, 415: Message,
                          422: Problems}
NOT_FOUND: dict[int, Any] = {404: Message}

#: Our own words for pydantic's complaints, by error ``type``; ``{...}`` are pydantic's
#: ``ctx`` values. Each completes a sentence that starts with the field's name.
PYDANTIC_MESSAGES = Labels({
    "missing": gettext_noop("is required"),
    "bool_parsing": gettext_noop("must be true or false"),
    "bool_type": gettext_noop("must be true or false"),
    "int_parsing": gettext_noop("must be a whole number"),
    "int_type": gettext_noop("must be a whole number"),
    "int_from_float": gettext_noop("must be a whole number"),
    "float_parsing": gettext_noop("must be a number"),
    "float_type": gettext_noop("must be a number"),
    "string_type": gettext_noop("must be text"),
    "string_too_long": gettext_noop("must be at most {max_length} characters long"),
    "string_too_short": gettext_noop("must be at least {min_length} characters long"),
    "string_pattern_mismatch": gettext_noop("is not in the expected form"),
    "greater_than_equal": gettext_noop("must be {ge} or more"),
    "greater_than": gettext_noop("must be more than {gt}"),
    "less_than_equal": gettext_noop("must be {le} or less"),
    "less_than": gettext_noop("must be less than {lt}"),
    "literal_error": gettext_noop("must be one of: {expected}"),
    "enum": gettext_noop("must be one of: {expected}"),
    "uuid_parsing": gettext_noop("must be a UUID"),
    "uuid_type": gettext_noop("must be a UUID"),
    "uuid_version": gettext_noop("must be a UUID"),
    "datetime_parsing": gettext_noop("must be a date and time, such as 2026-11-30T08:00:00+00:00"),
    "datetime_type": gettext_noop("must be a date and time, such as 2026-11-30T08:00:00+00:00"),
    "datetime_from_date_parsing": gettext_noop(
        "must be a date and time, such as 2026-11-30T08:00:00+00:00"),
    "datetime_object_invalid": gettext_noop(
        "must be a date and time, such as 2026-11-30T08:00:00+00:00"),
    "timezone_aware": gettext_noop("must include a UTC offset, such as +00:00"),
    "list_type": gettext_noop("must be a list"),
    "too_long": gettext_noop("must have at most {max_length} items"),
    "too_short": gettext_noop("must have at least {min_length} items"),
    "dict_type": gettext_noop("must be an object"),
    "model_type": gettext_noop("must be a JSON object"),
    "model_attributes_type": gettext_noop("must be a JSON object"),
    "json_invalid": gettext_noop("is not valid JSON"),
    "json_type": gettext_noop("is not valid JSON"),
    "extra_forbidden": gettext_noop("is not a field this takes"),
})
#: Messages ninja itself raises as HttpError, in our words.
NINJA_MESSAGES = Labels({
    "Cannot parse request body": gettext_noop("The request body is not valid JSON."),
})


#: The 404 sentence for each kind of thing that can be missing, whole, to translate whole.
_NOT_FOUND = Labels({
    "routine": gettext_noop("No routine called {slug}. See /api/routines for the list."),
    "exercise": gettext_noop("No exercise called {slug}. See /api/exercises for the list."),
    "condition": gettext_noop("No condition called {slug}. Known conditions: {known}."),
})


def message_not_found(kind: str, slug: str, known: str = "") -> str:
    """The 404 sentence for a routine, exercise or condition page that does not exist."""
    return _NOT_FOUND[kind].format(slug=repr(slug[:80]), known=known)


def not_found(kind: str, slug: str, known: str = "") -> HttpError:
    return HttpError(404, message_not_found(kind, slug, known))


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
    ("body", "payload") — the same ``loc`` ninja gives for a value pydantic refused.
    The messages are already in the request's language (made with gettext)."""
    return ValidationError([
        {"loc": [*where, field], "msg": message, "type": "value_error"}
        for field, message in errors.items()
    ])


def _expected(value: object) -> str:
    # pydantic writes "'a', 'b' or 'c'": keep the values, drop the English "or".
    return str(value).replace(" or ", ", ")


def field_message(error: Mapping[str, Any]) -> str:
    """What is wrong with one field, in the request's language: our words for pydantic's
    complaints, the message itself for ours (already translated when raised)."""
    kind = str(error.get("type", "value_error"))
    if kind in PYDANTIC_MESSAGES:
        ctx = {key: _expected(value) if key == "expected" else value
               for key, value in dict(error.get("ctx") or {}).items()}
        try:
            return PYDANTIC_MESSAGES[kind].format(**ctx)
        except (KeyError, IndexError, ValueError):
            return PYDANTIC_MESSAGES[kind]
    message = str(error.get("msg") or "")
    if not message or (kind not in OWN_TYPES and current() != DEFAULT_LANGUAGE):
        return gettext("is not valid")  # a pydantic complaint we have no words for
    return message


#: Error types whose messages are ours (made with gettext when raised).
OWN_TYPES = frozenset({"value_error", "date_range", "date_offset"})


def _validation_error(request: HttpRequest, exc: ValidationError, api: NinjaAPI) -> HttpResponse:
    # Only loc, msg and type: pydantic's extra keys (ctx, input) would echo the value sent,
    # however long, and are not part of the documented shape.
    detail = [{"loc": [str(p) if not isinstance(p, int) else p for p in error.get("loc", ())],
               "msg": field_message(error),
               "type": str(error.get("type", "value_error"))}
              for error in exc.errors]
    return api.create_response(request, {"detail": detail}, status=422)


def _http_error(request: HttpRequest, exc: HttpError, api: NinjaAPI) -> HttpResponse:
    detail = str(exc)
    for english in NINJA_MESSAGES:
        if detail.startswith(english):
            detail = NINJA_MESSAGES[english]
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


def _too_big(request: HttpRequest, exc: RequestDataTooBig, api: NinjaAPI) -> HttpResponse:
    return api.create_response(request, {"detail": gettext("The request body is too large.")},
                               status=413)


def install_handlers(api: NinjaAPI) -> None:
    """Make ``api`` answer every error in the shapes above."""
    api.add_exception_handler(ValidationError, partial(_validation_error, api=api))
    api.add_exception_handler(HttpError, partial(_http_error, api=api))
    api.add_exception_handler(RequestDataTooBig, partial(_too_big, api=api))
