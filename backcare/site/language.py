"""Which language a request is answered in, and the links to the same page in the others.

- Pages: the URL decides (``/es/...`` Spanish, ``/...`` English; Django's LocaleMiddleware).
  A visit that arrives from elsewhere (no Referer from this site) at an English URL is sent
  to the page in the language it prefers: the one last chosen with the switcher (a cookie),
  or else the first language of ``Accept-Language`` that backcare speaks.
- The API: ``?lang=<code>``, else ``Accept-Language``, else English. An unknown ``lang`` is
  a 400 naming the field.
- The switcher (``/language/<code>/?next=<path>``) remembers the choice and opens the same
  page in that language; a link from another site opens the page but changes no choice, and
  ``next`` (like every redirect here) stays on this site.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.http.response import HttpResponseBase
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

from backcare.vocabulary import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    from_accept_language,
    gettext,
    normalise,
)

#: Paths that are never sent to another language: the API, static files, the switcher.
UNPREFIXED = ("/api/", "/static/", "/language/")


def _from_this_site(request: HttpRequest) -> bool:
    referer = request.headers.get("Referer", "")
    try:
        return bool(referer) and urlsplit(referer).netloc == request.get_host()
    except ValueError:  # not a URL (http://[::1/x): not from here
        return False


def _on_this_site(target: str, request: HttpRequest) -> bool:
    """A path on this site, never ``//elsewhere/`` (no open redirect)."""
    return target.startswith("/") and not target.startswith(("//", "/\\")) and \
        url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})


def _cross_site(request: HttpRequest) -> bool:
    """A request another site started (a link or image elsewhere), by the browser's word."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    referer = request.headers.get("Referer")
    return bool(referer) and not _from_this_site(request)


def _preferred(request: HttpRequest) -> str | None:
    chosen = normalise(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    return chosen or from_accept_language(request.headers.get("Accept-Language"))


def _path_language(path: str) -> str | None:
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in LANGUAGES and first != DEFAULT_LANGUAGE else None


class LanguageChoice:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        path = request.path_info
        if path.startswith("/api/"):
            return self._api(request)
        if (request.method in ("GET", "HEAD") and not path.startswith(UNPREFIXED)
                and _path_language(path) is None and not _from_this_site(request)):
            preferred = _preferred(request)
            here = request.get_full_path()
            if preferred and preferred != DEFAULT_LANGUAGE and not here.startswith("//"):
                target = translate_url(here, preferred)
                if target != here and _on_this_site(target, request):
                    redirect = HttpResponseRedirect(target)
                    patch_vary_headers(redirect, ("Accept-Language", "Cookie"))
                    return redirect
        response = self.get_response(request)
        if _path_language(path) is None and not path.startswith(UNPREFIXED):
            patch_vary_headers(response, ("Accept-Language",))
        return response

    def _api(self, request: HttpRequest) -> HttpResponseBase:
        asked = request.GET.get("lang")
        if asked is not None:
            language = normalise(asked)
            if language is None:
                fallback = (from_accept_language(request.headers.get("Accept-Language"))
                            or DEFAULT_LANGUAGE)
                with translation.override(fallback):
                    message = gettext("is {value}; use one of: {allowed}").format(
                        value=repr(asked[:20]), allowed=", ".join(LANGUAGES))
                body = {"detail": [{"type": "enum", "loc": ["query", "lang"], "field": "lang",
                                    "msg": message}]}
                refused = HttpResponse(json.dumps(body), status=400,
                                       content_type="application/json")
                refused.headers["Content-Language"] = fallback
                return refused
        else:
            language = (from_accept_language(request.headers.get("Accept-Language"))
                        or DEFAULT_LANGUAGE)
        with translation.override(language):
            response = self.get_response(request)
        response.headers["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language",))
        return response


def choose(request: HttpRequest, code: str) -> HttpResponseBase:
    """The switcher: remember ``code`` and open ``next`` in it."""
    language = normalise(code)
    if language is None or language != code:
        return HttpResponseBadRequest(
            gettext("Unknown language {value}; use one of: {allowed}").format(
                value=repr(code[:20]), allowed=", ".join(LANGUAGES)),
            content_type="text/plain; charset=utf-8")
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = "/"
    # translate_url resolves the path in the active language: activate the path's own.
    with translation.override(_path_language(urlsplit(target).path) or DEFAULT_LANGUAGE):
        destination = translate_url(target, language)
    if not _on_this_site(destination, request):
        destination = translate_url("/", language)
    response = HttpResponseRedirect(destination)
    if _cross_site(request):
        return response  # another site may open a page in a language, not change the choice
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language,
                        max_age=settings.LANGUAGE_COOKIE_AGE, samesite="Lax",
                        secure=request.is_secure(), httponly=True)
    return response


def language_links(request: HttpRequest) -> dict[str, Any]:
    """``language``, ``language_name`` and ``languages``: each language's name and the link
    to this page in it (``href``, for hreflang). The switcher's links come from the
    ``switch_url`` template tag."""
    current = translation.get_language() or DEFAULT_LANGUAGE
    full = request.get_full_path()
    links = []
    for code, name in LANGUAGES.items():
        href = translate_url(full, code)
        links.append({"code": code, "name": name, "href": request.build_absolute_uri(href),
                      "current": code == current})
    return {"language": current, "language_name": LANGUAGES.get(current, ""),
            "languages": links, "switch_label": gettext("Language")}
