"""/history/: a program's sessions are titled by the program, linking to its page."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from django.test import Client

from backcare.catalogue.library import get_library
from backcare.prescribing import program_play
from backcare.programs.models import Program
from backcare.programs.patient_access import draft_of, latest_version

from .conftest import add_version, evening_draft


def test_a_program_session_is_titled_by_the_program(program: Program, screened: Client) -> None:
    assert screened.get(f"/p/{program.share_key}/").status_code == 200
    steps = len(program_play(get_library(), draft_of(latest_version(program))).timeline.steps)
    ended = datetime.now(UTC).replace(microsecond=0)
    saved = screened.post("/api/sessions", {
        "id": str(uuid.uuid4()), "program": program.code, "pain_before": 4, "steps_done": steps,
        "steps_total": steps, "started_at": (ended - timedelta(minutes=6)).isoformat(),
        "ended_at": ended.isoformat()}, content_type="application/json")
    assert saved.status_code == 201, saved.content
    add_version(program, evening_draft("Week two"))  # the title now is the one shown
    page = screened.get("/history/").content.decode()
    row = page.split('class="session-row')[1].split("</tr>")[0]
    assert f'<a class="program-link" href="/p/{program.share_key}/">Week two</a>' in row
    assert "(your program)" in row
