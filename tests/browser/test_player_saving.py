"""A session saved while the server is away is kept on the device and delivered once."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .offline_helpers import wait_for_empty_queue, waiting_sessions
from .player_helpers import PLAY, open_player, pass_the_screen, sessions, snapshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WILL_BE_SENT = "Will be sent when you're back online"


def finish_quickly(page: Any) -> None:
    """Start a short plan and let the page clock run it to the end."""
    page.get_by_role("radio", name="6", exact=True).check()
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(snapshot(page)["total"] + 100)
    page.get_by_role("heading", name="Done — well done").wait_for()


def pending(page: Any) -> list[dict[str, Any]]:
    return waiting_sessions(page)


@pytest.mark.parametrize("retry", ["reload", "online", "timer"])
def test_a_save_made_while_the_server_is_down_arrives_after_it_returns(
    page: Any, live_server: Any, retry: str
) -> None:
    pass_the_screen(page, live_server)
    posts: list[tuple[str, int | None]] = []  # (session id, status) of every POST that got through
    page.on("response", lambda r: posts.append((json.loads(r.request.post_data)["id"], r.status))
            if r.request.method == "POST" and r.url.endswith("/api/sessions") else None)
    refused: list[str] = []

    def server_down(route: Any) -> None:
        refused.append(route.request.method)
        route.abort("connectionrefused")

    # A 2-minute plan keeps the run short; plans are saved like routines.
    url = f"{PLAY}?floor=1&conditions=none-known&minutes=2"
    data = open_player(page, url)
    page.route("**/api/sessions", server_down)
    finish_quickly(page)
    page.get_by_role("radio", name="About the same").check()
    page.get_by_role("button", name="Save this session").click()

    page.locator("#save-status").get_by_text(WILL_BE_SENT).wait_for()
    [kept] = pending(page)
    assert refused == ["POST"]
    assert kept["routine"] == data["routine"] and kept["plan"] == data["plan"]
    assert (kept["pain_before"], kept["feeling"], kept["stopped_for_pain"]) == (6, "same", False)
    assert sessions(page) == []

    page.unroute("**/api/sessions")
    if retry == "reload":
        page.reload()
        page.wait_for_selector("#player[data-ready=true]")
    elif retry == "online":
        page.evaluate("window.dispatchEvent(new Event('online'))")
    else:
        page.clock.run_for(61_000)  # the retry every minute
    wait_for_empty_queue(page)
    if retry != "reload":
        page.locator("#save-status").get_by_text("Saved.", exact=True).wait_for()

    [saved] = sessions(page)
    assert saved["id"] == kept["id"]
    assert (saved["pain_before"], saved["feeling"], saved["plan"]) == (6, "same", data["plan"])
    assert posts == [(kept["id"], 201)]

    # Nothing is sent twice: more retries find nothing waiting.
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.reload()
    page.wait_for_selector("#player[data-ready=true]")
    page.clock.run_for(120_000)
    assert posts == [(kept["id"], 201)]
    assert len(sessions(page)) == 1


def test_sending_the_same_session_again_never_records_it_twice(page: Any, live_server: Any) -> None:
    """If the first save reached the server but its answer was lost, the retry is harmless."""
    pass_the_screen(page, live_server)
    open_player(page)
    answers: list[int] = []

    def answer_lost(route: Any) -> None:
        response = route.fetch()  # the server saves it...
        answers.append(response.status)
        route.abort("connectionreset")  # ... but the browser never hears back

    page.route("**/api/sessions", answer_lost)
    finish_quickly(page)
    page.get_by_role("button", name="Save this session").click()
    page.locator("#save-status").get_by_text(WILL_BE_SENT).wait_for()
    page.unroute("**/api/sessions")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.locator("#save-status").get_by_text("Saved.", exact=True).wait_for()
    assert answers == [201]
    assert len(sessions(page)) == 1
    assert pending(page) == []
