"""The language redirects stay on this site, and another site cannot change a choice."""

from __future__ import annotations

import io

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client


def _wsgi(path: str, **headers: str) -> tuple[str, str | None]:
    """A raw WSGI request: the test client would read ``//host/`` as a host, not a path."""
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "",
               "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
               "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http", **headers}
    seen: dict[str, object] = {}

    def start_response(status: str, response_headers: list[tuple[str, str]]) -> None:
        seen["status"], seen["headers"] = status, dict(response_headers)

    b"".join(WSGIHandler()(environ, start_response))
    return str(seen["status"]), dict(seen["headers"]).get("Location")  # type: ignore[call-overload]


# A raw WSGI request starts and ends Django's request cycle, which looks at the database
# connection an earlier test may have left open: so it is allowed the test database.
@pytest.mark.django_db
def test_a_first_visit_is_sent_to_its_language_but_never_off_the_site() -> None:
    assert _wsgi("/back-pain/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9") == (
        "302 Found", "/es/back-pain/")
    for path in ("//evil.example/", "//evil.example/screen/", "/\\evil.example/"):
        status, location = _wsgi(path, HTTP_ACCEPT_LANGUAGE="es")
        assert location is None or (location.startswith("/") and not location.startswith("//")), (
            path, status, location)


def test_a_visit_from_this_site_keeps_the_page_it_asked_for(client: Client) -> None:
    response = client.get("/back-pain/", HTTP_ACCEPT_LANGUAGE="es",
                          HTTP_REFERER="http://testserver/es/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_the_switcher_remembers_a_choice_made_here_but_not_one_made_elsewhere(
        client: Client) -> None:
    mine = client.get("/language/es/?next=/routines/bridge/", HTTP_SEC_FETCH_SITE="same-origin")
    assert mine["Location"] == "/es/routines/bridge/"
    assert mine.cookies["backcare_lang"].value == "es"
    theirs = Client().get("/language/es/?next=/routines/bridge/",
                          HTTP_SEC_FETCH_SITE="cross-site")
    assert theirs["Location"] == "/es/routines/bridge/"
    assert "backcare_lang" not in theirs.cookies
    for bad in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = client.get("/language/es/", {"next": bad})
        assert response["Location"] == "/es/", bad
