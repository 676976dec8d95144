"""Requests refused for the client's fault are logged as one line each, never a traceback.

Django logs a refused Host header (``DisallowedHost``), an oversized body
(``RequestDataTooBig``), too many fields (``TooManyFieldsSent``) and every other
``SuspiciousOperation`` on the ``django.security.<Name>`` loggers, with the exception's
traceback attached; 4xx responses that come from an exception (403, 400) go to
``django.request`` with one too. Such a traceback only shows Django refusing a bad request,
as it should; a stray scanner could fill the log with them. This filter keeps the message,
adds the status, method and path, and drops the traceback. Server errors (5xx) keep theirs:
those are ours to fix.
"""

from __future__ import annotations

import logging

SECURITY_LOGGERS = "django.security."
REQUEST_LOGGER = "django.request"


def _escaped(text: str) -> str:
    """Text on one line: line breaks and other control characters written as escapes."""
    if text.isprintable():
        return text
    return text.encode("unicode_escape").decode("ascii")


def _is_client_problem(record: logging.LogRecord) -> bool:
    status = getattr(record, "status_code", None)
    if record.name.startswith(SECURITY_LOGGERS):
        return True
    return record.name == REQUEST_LOGGER and isinstance(status, int) and 400 <= status < 500


class OneLineClientErrors(logging.Filter):
    """Rewrites a refused request's record as one line: message, status, method and path."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not _is_client_problem(record):
            return True
        message = record.getMessage()
        status = getattr(record, "status_code", None)
        request = getattr(record, "request", None)
        # request.get_host() would raise again for a refused Host; method and path are safe.
        method = getattr(request, "method", None)
        path = getattr(request, "path", None)
        where = " ".join(_escaped(str(part)) for part in (status, method, path) if part)
        record.msg = f"{_escaped(message)} [{where}]" if where else _escaped(message)
        record.args = None
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
