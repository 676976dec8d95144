"""The player page for cleared devices, handed out at the front door: the same bytes for
every device that passed the screen for the routine and has nothing marked as hurting —
and for no other request."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client

from backcare.planning.screen_memory import COOKIE as SCREEN_COOKIE
from backcare.planning.screen_memory import signed_pass
from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.practice.models import PracticeSession
from backcare.practice.painful_marks import remember_hurt
from backcare.practice.unmarked import COOKIE as UNMARKED_COOKIE
from backcare.practice.unmarked import SALT as UNMARKED_SALT
from backcare.site.front_door import FRONT, FrontDoor

from .test_front_door import Counted, get

pytestmark = pytest.mark.django_db
FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"
PLAY = f"/routines/{FIVE}/play/"
UPPER_PLAY = "/routines/upper-back-pain-exercises-stretches/play/"


@pytest.fixture
def site() -> tuple[FrontDoor, Counted]:
    FRONT.clear()
    inner = Counted()
    return FrontDoor(inner, 64 * 1024 * 1024), inner


def note_for(device: str) -> str:
    """The signed "nothing hurt" note, as the player page gives it."""
    response = HttpResponse()
    response.set_signed_cookie(UNMARKED_COOKIE, device, salt=UNMARKED_SALT)
    return response.cookies[UNMARKED_COOKIE].value


def cookies(device: str, *, note: str | None = "own", areas: Any = None,
            token: str = "t" * 32) -> str:
    jar = {DEVICE_COOKIE: device, "csrftoken": token,
           SCREEN_COOKIE: signed_pass(device) if areas is None else signed_pass(device, areas)}
    if note == "own":
        jar[UNMARKED_COOKIE] = note_for(device)
    elif note is not None:
        jar[UNMARKED_COOKIE] = note
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def new_device() -> str:
    return str(uuid.uuid4())


def test_cleared_devices_share_one_page_without_django(site: tuple[FrontDoor, Counted]) -> None:
    app, inner = site
    first = get(app, PLAY, COOKIE=cookies(new_device()))
    assert first[0] == "200 OK" and inner.calls == 1
    for _ in range(3):  # other devices, each cleared by its own cookies
        status, headers, body = get(app, PLAY, COOKIE=cookies(new_device()))
        assert status == "200 OK" and body == first[2]
        assert headers["Cache-Control"] == "private, no-store"  # never in a shared cache
        assert "Cookie" in headers["Vary"] and "Set-Cookie" not in headers
    assert inner.calls == 1, "answered at the door"
    # A browser's conditional request is answered 304 there too.
    _, headers, _ = get(app, PLAY, COOKIE=cookies(new_device()))
    status, _, body = get(app, PLAY, COOKIE=cookies(new_device()), IF_NONE_MATCH=headers["ETag"])
    assert (status, body, inner.calls) == ("304 Not Modified", b"", 1)
    # The same page Django makes for a device it checks itself.
    client = Client()
    device = new_device()
    client.cookies[DEVICE_COOKIE] = device
    client.cookies[SCREEN_COOKIE] = signed_pass(device)
    assert client.get(PLAY).content == first[2]


@pytest.mark.parametrize("why", ["no note", "another device's note", "a forged note",
                                 "no screen pass", "a pass for other questions",
                                 "a plan", "a token of the wrong form"])
def test_anything_not_cleared_goes_to_django(site: tuple[FrontDoor, Counted], why: str) -> None:
    app, inner = site
    get(app, PLAY, COOKIE=cookies(new_device()))
    get(app, UPPER_PLAY, COOKIE=cookies(new_device()))
    calls = inner.calls
    device = new_device()
    path, jar = PLAY, cookies(device)
    if why == "no note":
        jar = cookies(device, note=None)
    elif why == "another device's note":
        jar = cookies(device, note=note_for(new_device()))
    elif why == "a forged note":
        jar = cookies(device, note=device)
    elif why == "no screen pass":
        jar = f"{DEVICE_COOKIE}={device}; csrftoken={'t' * 32}; {UNMARKED_COOKIE}={note_for(device)}"
    elif why == "a pass for other questions":
        path, jar = UPPER_PLAY, cookies(device, areas=("any", "low-back"))
    elif why == "a plan":
        path = PLAY + "?floor=0"
    elif why == "a token of the wrong form":
        jar = cookies(device, token="short")
    get(app, path, COOKIE=jar)
    assert inner.calls == calls + 1, "Django decided"


def test_a_device_that_marks_an_exercise_gets_its_own_page_again(
        site: tuple[FrontDoor, Counted]) -> None:
    """The answer that records "it hurt" takes the note back, so the next player page is
    Django's, made for this device, without that exercise."""
    app, inner = site
    device = new_device()
    get(app, PLAY, COOKIE=cookies(device))
    client = Client()
    client.cookies[DEVICE_COOKIE] = device
    client.cookies[UNMARKED_COOKIE] = note_for(device)
    ended = datetime.now(UTC) - timedelta(minutes=1)
    response = client.post("/api/sessions", json.dumps({
        "id": str(uuid.uuid4()), "routine": FIVE, "plan": None,
        "started_at": (ended - timedelta(minutes=2)).isoformat(), "ended_at": ended.isoformat(),
        "pain_before": 3, "pain_after": None, "feeling": "", "steps_done": 2, "steps_total": 13,
        "stopped_for_pain": True, "painful_exercise": "pelvic-tilt",
    }), content_type="application/json", HTTP_X_CSRFTOKEN="x")
    assert response.status_code == 201, response.content
    taken_back = response.cookies[UNMARKED_COOKIE]
    assert taken_back.value == "" and taken_back["max-age"] == 0
    calls = inner.calls
    _, _, body = get(app, PLAY, COOKIE=cookies(device, note=None))
    assert inner.calls == calls + 1
    timeline = json.loads(body.split(b'id="timeline" type="application/json">')[1]
                          .split(b"</script>")[0])
    assert "pelvic-tilt" not in {step["exercise"] for step in timeline["steps"]}


def test_the_note_is_given_only_to_a_device_with_nothing_marked() -> None:
    device = new_device()
    client = Client()
    client.cookies[DEVICE_COOKIE] = device
    client.cookies[SCREEN_COOKIE] = signed_pass(device)
    assert UNMARKED_COOKIE in client.get(PLAY).cookies
    marked = new_device()
    ended = datetime.now(UTC)
    remember_hurt(PracticeSession.objects.create(
        id=uuid.uuid4(), device=marked, routine=FIVE, started_at=ended - timedelta(minutes=2),
        ended_at=ended, pain_before=4, steps_done=3, steps_total=13, stopped_for_pain=True,
        painful_exercise="pelvic-tilt"))
    other = Client()
    other.cookies[DEVICE_COOKIE] = marked
    other.cookies[SCREEN_COOKIE] = signed_pass(marked)
    assert UNMARKED_COOKIE not in other.get(PLAY).cookies


def test_deleting_the_device_takes_the_note_back() -> None:
    device = new_device()
    client = Client()
    client.cookies[DEVICE_COOKIE] = device
    client.cookies[UNMARKED_COOKIE] = note_for(device)
    response = client.delete("/api/device", HTTP_X_CSRFTOKEN="x")
    assert response.status_code == 200, response.content
    assert response.cookies[UNMARKED_COOKIE]["max-age"] == 0


def test_passing_the_screen_gives_the_note_at_once() -> None:
    """So the very first player page after the screen can come from the door too."""
    from backcare.plans import QUESTIONS

    client = Client()
    response = client.post("/screen/", {q.id: "no" for q in QUESTIONS})
    assert response.status_code == 302
    assert response.cookies[UNMARKED_COOKIE].value
    assert response.cookies[UNMARKED_COOKIE]["httponly"]


def test_a_pass_checked_before_still_runs_out_on_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Signatures checked once are remembered, but only until the pass runs out."""
    import time

    from backcare.planning.screen_memory import pass_areas, screen_max_age

    device = new_device()
    value = signed_pass(device)
    assert pass_areas(value, device)
    assert pass_areas(value, device)  # remembered
    later = time.time() + screen_max_age() + 5
    monkeypatch.setattr(time, "time", lambda: later)
    assert pass_areas(value, device) == frozenset()
    assert pass_areas(value, new_device()) == frozenset()
