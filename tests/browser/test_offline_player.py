"""With the network off, a routine opened before still plays, and its session is saved once
when the network returns (issue #13, point 4)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from django.core.signals import request_started

from backcare.practice.models import PracticeSession

from .offline_helpers import (
    PAGE_KEPT,
    WORKER_VERSION,
    queue_records,
    wait_for_worker,
    waiting_sessions,
    worker_context,
)
from .player_helpers import FIVE_MINUTE, PLAY, open_player, pass_the_screen, sessions, snapshot
from .waiting import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROUTINE = f"/routines/{FIVE_MINUTE}/"
WILL_BE_SENT = "Kept on this device. Will be sent when you're back online."


class ServerLog:
    """The paths of every request that reached the live server (same process, its thread)."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    def __call__(self, sender: Any, environ: dict[str, Any] | None = None, **_: Any) -> None:
        if environ is not None:
            self.paths.append(str(environ.get("PATH_INFO", "")))


@pytest.fixture
def server_log() -> Any:
    log = ServerLog()
    request_started.connect(log)
    yield log
    request_started.disconnect(log)


def keep_the_clock(page: Any) -> None:
    """After a reload: the page's fake clock paused again, a second on (as open_player does)."""
    fake_now = page.evaluate("Date.now()") / 1000
    page.clock.pause_at(datetime.fromtimestamp(fake_now + 1, UTC))


def posts_to_sessions(page: Any) -> list[tuple[str, int]]:
    posts: list[tuple[str, int]] = []
    page.on("response", lambda r: posts.append((json.loads(r.request.post_data)["id"], r.status))
            if r.request.method == "POST" and r.url.endswith("/api/sessions") else None)
    return posts


def test_a_routine_opened_before_plays_offline_and_is_saved_once_back_online(
        browser: Any, live_server: Any, server_log: ServerLog) -> None:
    with worker_context(browser, live_server) as page:
        pass_the_screen(page, live_server)
        page.goto(ROUTINE)
        assert wait_for_worker(page).endswith("/sw.js")
        assert page.locator(".offline-mark").is_hidden()  # nothing kept yet

        data = open_player(page)  # through the worker now: kept, with its figures
        figures = sorted({info["demo"] for info in data["exercises"].values()})
        wait_until(page, PAGE_KEPT, PLAY)
        wait_until(page, """async (urls) => {
            const cache = await caches.open("backcare-figures");
            for (const url of urls) if (!(await cache.match(new URL(url, location.href).href))) return false;
            return true;
        }""", figures)
        posts = posts_to_sessions(page)

        page.context.set_offline(True)
        server_log.paths.clear()
        response = page.reload()
        page.wait_for_selector("#player[data-ready=true]")
        assert response is not None and response.from_service_worker
        keep_the_clock(page)

        page.get_by_role("radio", name="6", exact=True).check()
        page.get_by_role("button", name="Start").click()
        page.clock.run_for(1_000)
        demo = page.locator("#now-demo")
        demo.wait_for()
        assert page.evaluate("document.getElementById('now-demo').naturalWidth") > 0  # the figure, offline
        page.clock.run_for(snapshot(page)["total"])
        page.get_by_role("heading", name="Done — well done").wait_for()
        assert snapshot(page)["state"] == "finished"
        page.get_by_role("radio", name="About the same").check()
        page.get_by_role("button", name="Save this session").click()
        page.locator("#save-status").get_by_text(WILL_BE_SENT).wait_for()

        # Nothing the page asked for reached the server while offline. The browser's own
        # check for a newer service worker (/sw.js, made by the browser process on reload)
        # is not covered by Playwright's offline emulation, so it may land or not.
        assert [path for path in server_log.paths if path != "/sw.js"] == []
        [kept] = waiting_sessions(page)
        assert (kept["routine"], kept["pain_before"], kept["feeling"]) == (FIVE_MINUTE, 6, "same")
        assert kept["steps_done"] == kept["steps_total"]
        assert PracticeSession.objects.count() == 0

        page.context.set_offline(False)
        page.evaluate("window.dispatchEvent(new Event('online'))")
        page.locator("#save-status").get_by_text("Saved.", exact=True).wait_for()
        page.wait_for_function("() => document.getElementById('pending-note').textContent === ''")
        assert queue_records(page) == []

        assert PracticeSession.objects.filter(id=kept["id"]).count() == 1
        assert [s["id"] for s in sessions(page)] == [kept["id"]]
        assert posts == [(kept["id"], 201)]

        # More tries find nothing waiting: still saved once.
        page.evaluate("window.dispatchEvent(new Event('online'))")
        page.clock.run_for(120_000)
        assert posts == [(kept["id"], 201)]
        assert PracticeSession.objects.count() == 1

        # The routine page now says it plays offline.
        page.goto(ROUTINE)
        page.locator(".offline-mark").wait_for()

        # Offline, a page never opened here is the offline page, in that page's language.
        page.context.set_offline(True)
        page.goto("/exercises/")
        page.get_by_role("heading", level=1, name="No connection").wait_for()
        page.goto("/es/exercises/")
        assert page.locator("html").get_attribute("lang") == "es"
        assert page.locator("a[href='/es/']").count() >= 1
        page.goto(ROUTINE)  # opened before: its kept copy
        page.locator(".offline-mark").wait_for()
        page.context.set_offline(False)


def finish_and_save(page: Any) -> None:
    page.get_by_role("radio", name="6", exact=True).check()
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(snapshot(page)["total"] + 100)
    page.get_by_role("heading", name="Done — well done").wait_for()
    page.get_by_role("button", name="Save this session").click()


def test_an_update_of_the_app_keeps_the_sessions_waiting_to_be_sent(
        browser: Any, live_server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from backcare.site import installable

    with worker_context(browser, live_server) as page:
        pass_the_screen(page, live_server)
        page.goto(ROUTINE)
        wait_for_worker(page)
        old = page.evaluate(WORKER_VERSION)
        open_player(page)
        # No CSRF cookie: the session cannot be sent yet, so it waits on the device.
        page.context.clear_cookies(name="csrftoken")
        finish_and_save(page)
        page.locator("#save-status").get_by_text(WILL_BE_SENT).wait_for()
        [kept] = waiting_sessions(page)

        # A deploy with other content: a new worker, which takes over at once.
        monkeypatch.setattr(installable, "content_hash", lambda: "a-new-deploy")
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        wait_until(page, f"""async () => {{
            const version = await ({WORKER_VERSION})();
            return version !== {json.dumps(old)};
        }}""")
        wait_until(page, f"""async () => {{
            const names = await caches.keys();
            return !names.includes("backcare-static-{old}")
                && names.some((n) => n.startsWith("backcare-static-"));
        }}""")
        assert waiting_sessions(page) == [kept]  # the queue is untouched
        assert page.evaluate(PAGE_KEPT, PLAY)    # and so are the pages kept for offline

        page.reload()  # the page sets the CSRF cookie again; the waiting session goes
        page.wait_for_selector("#player[data-ready=true]")
        page.wait_for_function("() => document.getElementById('pending-note').textContent === ''")
        assert [s["id"] for s in sessions(page)] == [kept["id"]]
        assert queue_records(page) == []


def test_sessions_left_by_the_older_player_in_local_storage_are_moved_and_sent(
        browser: Any, live_server: Any) -> None:
    with worker_context(browser, live_server) as page:
        pass_the_screen(page, live_server)
        data = open_player(page, clock=False)
        old = {"id": "0f8fad5b-d9cb-469f-a165-70867728950e", "routine": data["routine"],
               "plan": data["plan"], "started_at": "2026-01-01T10:00:00Z",
               "ended_at": "2026-01-01T10:05:00Z", "pain_before": 4, "pain_after": 3,
               "feeling": "better", "steps_done": 1, "steps_total": len(data["steps"]),
               "stopped_for_pain": False, "painful_exercise": None}
        page.evaluate("(s) => localStorage.setItem('backcare.pendingSessions', JSON.stringify([s]))",
                      old)
        page.reload()
        page.wait_for_selector("#player[data-ready=true]")
        page.wait_for_function("() => !localStorage.getItem('backcare.pendingSessions')")
        page.wait_for_function("() => document.getElementById('pending-note').textContent === ''")
        assert [s["id"] for s in sessions(page)] == [old["id"]]
        assert queue_records(page) == []


def test_a_session_the_server_refuses_is_shown_and_not_tried_again(
        page: Any, live_server: Any) -> None:
    pass_the_screen(page, live_server)
    open_player(page)
    tries: list[str] = []

    def refuse(route: Any) -> None:
        tries.append(route.request.method)
        route.fulfill(status=400, content_type="application/json",
                      body=json.dumps({"detail": "pain_before: is 11; use 0 to 10"}))

    page.route("**/api/sessions", refuse)
    finish_and_save(page)
    status = page.locator("#save-status")
    # The person is told, with the server's reason.
    status.get_by_text("This session could not be saved: pain_before: is 11; use 0 to 10").wait_for()
    assert status.get_attribute("data-outcome") == "rejected"
    [record] = queue_records(page)
    assert record["state"] == "rejected"
    assert record["problem"] == {"status": 400, "detail": "pain_before: is 11; use 0 to 10"}

    # Not in the retry loop: back online, the timer, a reload — no second try.
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.clock.run_for(30 * 60_000)
    page.reload()
    page.wait_for_selector("#player[data-ready=true]")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_timeout(300)
    assert tries == ["POST"]
    # On the next visit the person is still told that one was not saved, and why.
    note = page.locator("#pending-note")
    note.get_by_text("could not be saved and will not be sent again").wait_for()
    assert "pain_before: is 11; use 0 to 10" in note.text_content()
    assert sessions(page) == []


def test_chrome_finds_nothing_stopping_an_install(browser: Any, live_server: Any,
                                                  tmp_path: Any) -> None:
    """Chrome's own installability check (the one behind Lighthouse's audit). A profile on
    disk: Chrome never offers to install from an incognito context, as the others are."""
    from tests.conftest import CHROMIUM, CHROMIUM_ARGS

    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
        base_url=live_server.url)
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto("/back-pain/")
        wait_for_worker(page)
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        assert cdp.send("Page.getAppManifest")["errors"] == []
    finally:
        context.close()
