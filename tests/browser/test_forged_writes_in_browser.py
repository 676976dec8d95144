"""A page on another site cannot write into a person's session log.

The person has opened backcare and saved a session; then, in the same browser, they
visit a page on another origin that posts a fake session to /api/sessions — as a
self-submitting form sent as text/plain, and with fetch in no-cors mode. Nothing is
saved, their device cookie is the same afterwards, and their history still shows exactly
their own session. The requests do reach the server (this is the server refusing them,
not the browser declining to send them).
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.practice.models import PracticeSession

from .player_helpers import PLAY, pass_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"


def fake_session() -> dict[str, Any]:
    now = datetime.now(UTC).replace(microsecond=0)
    return {"id": str(uuid.uuid4()), "routine": FIVE, "plan": None,
            "started_at": (now - timedelta(minutes=5)).isoformat(), "ended_at": now.isoformat(),
            "pain_before": 9, "pain_after": 10, "feeling": "worse", "steps_done": 1,
            "steps_total": 13, "stopped_for_pain": True}


def attacker_pages(target: str) -> dict[str, str]:
    body = json.dumps(fake_session())
    # text/plain forms send "name=value": the name carries the JSON up to its last quote.
    name, value = body[:-2] + ', "x": "', '"}'
    form = f"""<!doctype html><title>Win a prize</title>
<form id="f" method="post" enctype="text/plain" action="{target}">
<input type="hidden" name='{name}' value='{value}'></form>
<script>document.getElementById("f").submit();</script>"""
    fetch = f"""<!doctype html><title>Win a prize</title><p id="done">sending</p>
<script>
fetch({json.dumps(target)}, {{method: "POST", mode: "no-cors", credentials: "include",
  headers: {{"Content-Type": "text/plain"}}, body: {json.dumps(json.dumps(fake_session()))}}})
  .finally(() => {{ document.getElementById("done").textContent = "sent"; }});
</script>"""
    return {"/form": form, "/fetch": fetch}


@pytest.fixture
def other_site(live_server: Any) -> Iterator[str]:
    """Another origin: a plain HTTP server on 127.0.0.1 (the live server is on localhost)."""
    pages = attacker_pages(f"{live_server.url}/api/sessions")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the http.server API)
            page = pages.get(self.path, "").encode()
            self.send_response(200 if page else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_another_site_cannot_save_a_session_or_replace_the_device(
    browser: Any, live_server: Any, other_site: str
) -> None:
    assert "localhost" in live_server.url  # so 127.0.0.1 is another site
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    pass_the_screen(page, live_server)
    assert page.goto(PLAY).status == 200
    device = next(c["value"] for c in context.cookies(live_server.url) if c["name"] == DEVICE_COOKIE)
    mine = PracticeSession.objects.create(
        id=uuid.uuid4(), device=device, routine=FIVE, pain_before=4, pain_after=2, feeling="better",
        started_at=datetime.now(UTC) - timedelta(hours=1, minutes=5),
        ended_at=datetime.now(UTC) - timedelta(hours=1), steps_done=13, steps_total=13)

    answered: list[tuple[str, int]] = []
    page.on("response", lambda r: answered.append((r.request.method, r.status))
            if r.url.endswith("/api/sessions") else None)

    page.goto(f"{other_site}/form")  # submits itself: the browser lands on the API's answer
    page.wait_for_url(f"{live_server.url}/api/sessions")
    page.goto(f"{other_site}/fetch")
    page.get_by_text("sent").wait_for()

    assert [status for method, status in answered if method == "POST"] == [403, 403], answered
    assert list(PracticeSession.objects.values_list("id", flat=True)) == [mine.id]
    after = [c for c in context.cookies(live_server.url) if c["name"] == DEVICE_COOKIE]
    assert [c["value"] for c in after] == [device]

    history = page.goto(f"{live_server.url}/history/")
    assert history.status == 200
    rows = page.locator("tr.session-row")
    assert rows.count() == 1
    assert "4 → 2" in rows.first.inner_text()
    context.close()
