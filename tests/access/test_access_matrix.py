"""Who may reach what: every clinician, person and shared-program endpoint, for each of the
named users (tests/access/named_users.py) and an anonymous visitor.

What you may not know exists is a 404 (another clinic's program, another person's
session), never a 403; a sign-in-only API endpoint asked anonymously is a 401, a page
sends you to sign in; a browser's write without the CSRF token is a 403.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from backcare.accounts.tokens import make_token
from backcare.plans import QUESTIONS

from .named_users import World, make_world

ALL_NO = {q.id: "no" for q in QUESTIONS}
WHO = ("anonymous", "alice", "bob", "carol", "dave")
SIGN_IN = "/accounts/login/"


@pytest.fixture
def world(db: Any) -> World:
    return make_world()


def client_for(world: World, who: str, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    if who != "anonymous":
        client.force_login(getattr(world, who))
    return client


def program_body(title: str = "Evening") -> dict[str, Any]:
    return {"title": title, "note": "", "days_per_week": 2, "conditions": [],
            "items": [{"exercise": "pelvic-tilt"}]}


# (method, path template, {who: status}); {p} = the program's id, {key}/{code} its link and code
API_MATRIX: list[tuple[str, str, dict[str, int]]] = [
    ("GET", "/api/programs", {"anonymous": 401, "alice": 404, "bob": 404, "carol": 200, "dave": 200}),
    ("GET", "/api/programs/{p}", {"anonymous": 401, "alice": 404, "bob": 404, "carol": 200, "dave": 404}),
    ("PUT", "/api/programs/{p}", {"anonymous": 401, "alice": 404, "bob": 404, "carol": 200, "dave": 404}),
    ("GET", "/api/programs/{p}/adherence",
     {"anonymous": 401, "alice": 404, "bob": 404, "carol": 200, "dave": 404}),
    ("GET", "/api/programs/{p}/adherence.csv",
     {"anonymous": 401, "alice": 404, "bob": 404, "carol": 200, "dave": 404}),
    ("GET", "/api/programs/999999", {"anonymous": 401, "alice": 404, "bob": 404, "carol": 404, "dave": 404}),
    ("POST", "/api/programs", {"anonymous": 401, "alice": 404, "bob": 404, "carol": 201, "dave": 201}),
    ("GET", "/api/shared/{code}", dict.fromkeys(WHO, 200)),
    ("GET", "/api/shared/ACDEFGHJ", dict.fromkeys(WHO, 404)),
    ("GET", "/api/me/export", {"anonymous": 401, "alice": 200, "bob": 200, "carol": 200, "dave": 200}),
    ("GET", "/api/sessions", dict.fromkeys(WHO, 200)),
    ("DELETE", "/api/sessions/{alice_session}",
     {"anonymous": 404, "alice": 204, "bob": 404, "carol": 404, "dave": 404}),
    ("DELETE", "/api/sessions/{bob_session}",
     {"anonymous": 404, "alice": 404, "bob": 204, "carol": 404, "dave": 404}),
]

PAGE_MATRIX: list[tuple[str, dict[str, int]]] = [
    ("/account/", {"anonymous": 302, "alice": 200, "bob": 200, "carol": 200, "dave": 200}),
    ("/clinic/", {"anonymous": 302, "alice": 404, "bob": 404, "carol": 200, "dave": 200}),
    ("/clinic/programs/new/", {"anonymous": 302, "alice": 404, "bob": 404, "carol": 200, "dave": 200}),
    ("/clinic/programs/{p}/", {"anonymous": 302, "alice": 404, "bob": 404, "carol": 200, "dave": 404}),
    ("/clinic/programs/{p}/edit/", {"anonymous": 302, "alice": 404, "bob": 404, "carol": 200, "dave": 404}),
    ("/clinic/programs/{p}/adherence.csv",
     {"anonymous": 302, "alice": 404, "bob": 404, "carol": 200, "dave": 404}),
    ("/clinic/programs/{p}/qr.svg", {"anonymous": 302, "alice": 404, "bob": 404, "carol": 200, "dave": 404}),
    ("/p/", dict.fromkeys(WHO, 200)),
    ("/p/{key}/qr.svg", dict.fromkeys(WHO, 200)),
    ("/p/no-such-program-key/", dict.fromkeys(WHO, 404)),
]


def fill(template: str, world: World) -> str:
    return template.format(p=world.program.pk, key=world.program.share_key, code=world.program.code,
                           alice_session=world.alice_session.pk, bob_session=world.bob_session.pk)


@pytest.mark.parametrize(("method", "template", "expected"), API_MATRIX,
                         ids=[f"{m} {t}" for m, t, _ in API_MATRIX])
@pytest.mark.parametrize("who", WHO)
def test_api(world: World, who: str, method: str, template: str, expected: dict[str, int]) -> None:
    client = client_for(world, who)
    body = json.dumps(program_body()) if method in ("POST", "PUT") else None
    response = client.generic(method, fill(template, world), body or "",
                              content_type="application/json")
    assert response.status_code == expected[who], response.content[:300]
    if expected[who] == 401:
        assert "detail" in response.json()


@pytest.mark.parametrize(("template", "expected"), PAGE_MATRIX, ids=[t for t, _ in PAGE_MATRIX])
@pytest.mark.parametrize("who", WHO)
def test_pages(world: World, who: str, template: str, expected: dict[str, int]) -> None:
    response = client_for(world, who).get(fill(template, world))
    assert response.status_code == expected[who]
    if expected[who] == 302:
        assert response["Location"].startswith(SIGN_IN)


@pytest.mark.parametrize("who", WHO)
def test_the_shared_program_page_asks_the_screen_first_then_opens_for_anyone(world: World,
                                                                             who: str) -> None:
    client = client_for(world, who)
    url = f"/p/{world.program.share_key}/"
    first = client.get(url)
    assert first.status_code == 302 and first["Location"].startswith("/screen/")
    assert client.post("/screen/", {**ALL_NO, "next": url}).status_code == 302
    assert client.get(url).status_code == 200
    assert client.get(url + "play/").status_code == 200


def test_a_clinician_sees_only_their_clinics_programs(world: World) -> None:
    listed = client_for(world, "dave").get("/api/programs").json()
    assert world.program.pk not in [p["id"] for p in listed]
    assert world.program.pk in [p["id"] for p in client_for(world, "carol").get("/api/programs").json()]


def test_a_person_sees_only_their_own_sessions(world: World) -> None:
    ids = {row["id"] for row in client_for(world, "alice").get("/api/sessions").json()}
    assert ids == {str(world.alice_session.pk)}
    assert client_for(world, "anonymous").get("/api/sessions").json() == []


def test_a_bearer_token_acts_for_its_owner_only(world: World) -> None:
    _, carol = make_token(world.carol, "test")
    _, dave = make_token(world.dave, "test")
    url = f"/api/programs/{world.program.pk}"
    assert Client().get(url, headers={"Authorization": f"Bearer {carol}"}).status_code == 200
    assert Client().get(url, headers={"Authorization": f"Bearer {dave}"}).status_code == 404
    assert Client().get(url, headers={"Authorization": "Bearer not-a-token"}).status_code == 401


# Every unsafe method a signed-in browser can send, without the CSRF token: 403, nothing done.
UNSAFE = [
    ("POST", "/api/programs", "carol", json.dumps(program_body())),
    ("PUT", "/api/programs/{p}", "carol", json.dumps(program_body("Changed"))),
    ("DELETE", "/api/me", "alice", ""),
    ("DELETE", "/api/sessions/{alice_session}", "alice", ""),
    ("POST", "/api/sessions", "alice", json.dumps({})),
    ("POST", "/api/auth/token", "alice", json.dumps({"email": "alice@example.org", "password": "x"})),
]


@pytest.mark.parametrize(("method", "template", "who", "body"), UNSAFE,
                         ids=[f"{m} {t}" for m, t, _, _ in UNSAFE])
def test_api_writes_without_the_csrf_token_are_refused(world: World, method: str, template: str,
                                                       who: str, body: str) -> None:
    client = client_for(world, who, csrf=True)
    response = client.generic(method, fill(template, world), body, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


UNSAFE_FORMS = [
    ("/account/delete/", "alice"),
    ("/clinic/programs/new/", "carol"),
    ("/clinic/programs/{p}/edit/", "carol"),
    ("/p/{key}/sharing/", "alice"),
]


@pytest.mark.parametrize(("template", "who"), UNSAFE_FORMS, ids=[t for t, _ in UNSAFE_FORMS])
def test_form_posts_without_the_csrf_token_are_refused(world: World, template: str, who: str) -> None:
    response = client_for(world, who, csrf=True).post(fill(template, world), {})
    assert response.status_code == 403
    assert world.program.versions.count() == 1


def test_nothing_was_erased_by_refused_writes(world: World) -> None:
    client = client_for(world, "alice", csrf=True)
    client.delete("/api/me")
    client.post("/account/delete/", {})
    from django.contrib.auth import get_user_model
    assert get_user_model().objects.filter(pk=world.alice.pk).exists()
