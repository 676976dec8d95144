"""/p/<share_key>/: after the safety questions, the program as the therapist wrote it,
who sees the sessions, and a button to stop (and start again) sharing them."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from backcare.catalogue.library import get_library
from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.practice.models import PainfulExercise, PracticeSession
from backcare.prescribing import ProgramDraft, item_with_defaults, program_play
from backcare.programs.models import PatientProgram, Program

from .conftest import NOTE, add_version, evening_draft, pass_screen


def page_of(client: Client, program: Program, query: str = "") -> str:
    response = client.get(f"/p/{program.share_key}/{query}")
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_an_unknown_link_is_not_found_with_or_without_the_screen(screened: Client, db: object) -> None:
    assert Client().get("/p/no-such-program-key/").status_code == 404
    assert screened.get("/p/no-such-program-key/").status_code == 404


def test_the_safety_questions_come_first(program: Program) -> None:
    client = Client()
    response = client.get(f"/p/{program.share_key}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/screen/?next=")
    screen = client.get(response["Location"]).content.decode()
    assert screen.count('value="yes"') >= 10  # every question: a program is no one routine
    assert not PatientProgram.objects.exists()  # nothing is accepted before the screen
    pass_screen(client, f"/p/{program.share_key}/")
    assert client.get(f"/p/{program.share_key}/").status_code == 200


def test_the_program_as_the_therapist_wrote_it(program: Program, screened: Client) -> None:
    page = page_of(screened, program)
    assert "Evening back care" in page
    assert "From Carol Ames, Clinic North" in page
    assert re.search(r"updated on \d{1,2} \w+ \d{4}", page)
    assert NOTE in page
    assert "Aim for 3 days a week." in page
    for name, dose in (("Pelvic tilt", "6 times"), ("Bridge", "8 times"), ("Cat/cow", "5 times")):
        assert name in page and dose in page
    assert "Breathe out as you tilt." in page and "Only the small range we practised." in page
    # only the exercise the therapist chose on purpose says so
    items = page.split('class="program-exercise"')[1:]
    chosen = [item for item in items if "Your therapist chose this for you." in item]
    assert len(chosen) == 1 and 'data-exercise="cat-cow"' not in items[0] and "cat-cow" in chosen[0]
    assert f'href="/p/{program.share_key}/play/"' in page
    assert f'href="/p/{program.share_key}/worksheet.pdf"' in page
    assert 'href="/history/"' in page
    assert "/exercises/bridge/demo.svg" in page
    assert "Read the full disclaimer" in page


def test_first_visit_makes_it_mine_once_per_device(program: Program, screened: Client) -> None:
    first = page_of(screened, program)
    assert "This is now your program on this device" in first
    mine = PatientProgram.objects.get(program=program)
    assert mine.user is None and mine.sharing and mine.accepted_at <= timezone.now()
    assert mine.device == screened.cookies[DEVICE_COOKIE].value
    again = page_of(screened, program)
    assert "This is now your program" not in again
    assert PatientProgram.objects.filter(program=program).count() == 1
    # another browser is another device: its own
    other = Client()
    pass_screen(other)
    page_of(other, program)
    assert PatientProgram.objects.filter(program=program).count() == 2


def test_a_signed_in_person_gets_it_in_their_account(program: Program, db: object) -> None:
    person = get_user_model().objects.create_user(username="pat@example.org", password="x" * 20)
    client = Client()
    client.force_login(person)
    pass_screen(client)
    assert "now in your account" in page_of(client, program)
    page_of(client, program)
    assert PatientProgram.objects.get(program=program).user == person


def test_the_sharing_notice_and_stopping_and_sharing_again(program: Program, screened: Client) -> None:
    page = page_of(screened, program)
    assert ("Your sessions of this program are shared with Clinic North. "
            "You can stop sharing at any time.") in page
    assert 'name="csrfmiddlewaretoken"' in page.split('id="sharing-form"')[1].split("</form>")[0]

    stopped = screened.post(f"/p/{program.share_key}/sharing/", {"sharing": "off"})
    assert stopped.status_code == 302 and stopped["Location"].endswith("?sharing=stopped")
    mine = PatientProgram.objects.get(program=program)
    assert not mine.sharing and mine.stopped_sharing_at is not None
    page = page_of(screened, program, "?sharing=stopped")
    assert "Sharing is stopped." in page and "You stopped sharing" in page and "Share again" in page

    resumed = screened.post(f"/p/{program.share_key}/sharing/", {"sharing": "on"})
    assert resumed["Location"].endswith("?sharing=resumed")
    mine.refresh_from_db()
    assert mine.sharing and mine.stopped_sharing_at is None
    assert "Stop sharing" in page_of(screened, program)


def test_sharing_cannot_be_set_for_a_program_not_opened(program: Program, screened: Client) -> None:
    response = screened.post(f"/p/{program.share_key}/sharing/", {"sharing": "off"})
    assert response.status_code == 302 and response["Location"] == f"/p/{program.share_key}/"
    assert not PatientProgram.objects.exists()
    assert screened.post("/p/no-such-key/sharing/", {"sharing": "off"}).status_code == 404


def test_what_hurt_is_left_out_with_the_way_back(program: Program, screened: Client) -> None:
    page_of(screened, program)
    device = screened.cookies[DEVICE_COOKIE].value
    now = timezone.now()
    session = PracticeSession.objects.create(
        id=uuid.uuid4(), device=device, routine="", started_at=now - timedelta(minutes=9),
        ended_at=now - timedelta(minutes=5), pain_before=3, steps_done=1, steps_total=5,
        stopped_for_pain=True, painful_exercise="bridge")
    PainfulExercise.objects.create(device=device, exercise="bridge", session=session,
                                   hurt_at=session.ended_at)
    page = page_of(screened, program)
    listed = page.split('id="program-exercises"')[1].split("</ol>")[0]
    assert "Bridge" not in listed and "Pelvic tilt" in listed
    left = page.split('id="left-out"')[1].split("</details>")[0]
    assert "Bridge" in left and "Include Bridge again" in left


def test_the_latest_version_is_shown(make_program: Callable[..., Program], screened: Client) -> None:
    program = make_program()
    add_version(program, evening_draft("Evening back care, week two"))
    page = page_of(screened, program)
    assert "Evening back care, week two" in page


def test_what_the_conditions_ask_is_said(make_program: Callable[..., Program], screened: Client) -> None:
    library = get_library()
    draft = ProgramDraft(title="Gentle", note="", days_per_week=2, conditions=("pregnancy",),
                         items=(item_with_defaults(library, "cat-cow"),
                                item_with_defaults(library, "seated-pelvic-tilt")))
    program = make_program(draft)
    play = program_play(library, draft)
    page = page_of(screened, program)
    for said in play.advice:
        assert said in page
    for caution in play.cautions:
        assert caution.reason in page
