"""/p/<share_key>/play/: the routines' own player page, playing the program, after the
safety questions and once the program is this device's."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.practice.models import PainfulExercise, PracticeSession
from backcare.programs.models import Program

from .conftest import pass_screen


def timeline_of(page: str) -> dict:
    raw = page.split('<script id="timeline" type="application/json">')[1].split("</script>")[0]
    return json.loads(raw)


def test_the_player_needs_the_screen_first(program: Program) -> None:
    response = Client().get(f"/p/{program.share_key}/play/")
    assert response.status_code == 302 and response["Location"].startswith("/screen/?next=")


def test_the_player_sends_a_device_that_has_not_opened_it_to_the_program_page(
        program: Program, screened: Client) -> None:
    response = screened.get(f"/p/{program.share_key}/play/")
    assert response.status_code == 302 and response["Location"] == f"/p/{program.share_key}/"
    assert screened.get("/p/no-such-key/play/").status_code == 404


def test_the_player_plays_the_program(program: Program, screened: Client) -> None:
    screened.get(f"/p/{program.share_key}/")
    response = screened.get(f"/p/{program.share_key}/play/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]  # the person's own: never kept or shared
    page = response.content.decode()
    data = timeline_of(page)
    assert data["program"] == program.code and data["routine"] == ""
    assert data["title"] == "Evening back care"
    played = list(dict.fromkeys(step["exercise"] for step in data["steps"]))
    assert played == ["pelvic-tilt", "bridge", "cat-cow"]
    assert sum(p["seconds"] for p in data["phases"]) == data["total_seconds"]
    assert sorted(data["screen"]["areas"]) == ["any", "low-back", "neck"]
    assert f'href="/p/{program.share_key}/"' in page  # back to the program, not to a routine
    assert "Back to your program" in page
    assert 'id="start"' in page and "Stop — this hurts" in page
    assert "csrftoken" in response.cookies or "csrftoken" in screened.cookies


def test_what_hurt_is_not_played(program: Program, screened: Client) -> None:
    screened.get(f"/p/{program.share_key}/")
    device = screened.cookies[DEVICE_COOKIE].value
    now = timezone.now()
    session = PracticeSession.objects.create(
        id=uuid.uuid4(), device=device, routine="", started_at=now - timedelta(minutes=9),
        ended_at=now - timedelta(minutes=5), pain_before=3, steps_done=1, steps_total=5,
        stopped_for_pain=True, painful_exercise="pelvic-tilt")
    PainfulExercise.objects.create(device=device, exercise="pelvic-tilt", session=session,
                                   hurt_at=session.ended_at)
    page = screened.get(f"/p/{program.share_key}/play/").content.decode()
    data = timeline_of(page)
    assert "pelvic-tilt" not in {step["exercise"] for step in data["steps"]}
    assert [o["exercise"] for o in data["left_out"]] == ["pelvic-tilt"]
    assert "Include Pelvic tilt again" in page


def test_a_routine_player_is_unchanged(db: object) -> None:
    client = Client()
    routine = "back-pain-relief-stretches-5-minute-real-time-routine"
    pass_screen(client)
    response = client.get(f"/routines/{routine}/play/")
    assert response.status_code == 200
    data = timeline_of(response.content.decode())
    assert data["routine"] == routine and "program" not in data
    assert f'href="/routines/{routine}/"' in response.content.decode()
