"""Helpers for the offline tests: a browser context the service worker can control, and
what waits in the device's session queue (IndexedDB, practice/session_queue.js)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .waiting import wait_until

# Every session record in the queue's database, oldest first.
READ_QUEUE = """async () => {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open("backcare");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  if (!db.objectStoreNames.contains("sessions")) { db.close(); return []; }
  const records = await new Promise((resolve, reject) => {
    const request = db.transaction("sessions").objectStore("sessions").getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  db.close();
  return records.sort((a, b) => a.kept - b.kept);
}"""

# Resolves once a service worker is active and controls this page.
CONTROLLED = """async () => {
  await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) {
    await new Promise((resolve) =>
      navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
  }
  return navigator.serviceWorker.controller.scriptURL;
}"""

# The active worker's version (it answers a "version" message).
WORKER_VERSION = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const channel = new MessageChannel();
  const answer = new Promise((resolve) => { channel.port1.onmessage = (e) => resolve(e.data); });
  registration.active.postMessage({ type: "version" }, [channel.port2]);
  return (await answer).version;
}"""

# True when the worker's page cache holds this URL (relative to the page).
PAGE_KEPT = """async (url) => {
  if (!(await caches.has("backcare-pages"))) return false;
  const cache = await caches.open("backcare-pages");
  return Boolean(await cache.match(new URL(url, location.href).href));
}"""


def queue_records(page: Any) -> list[dict[str, Any]]:
    return list(page.evaluate(READ_QUEUE))


def waiting_sessions(page: Any) -> list[dict[str, Any]]:
    """The sessions waiting on this device to be sent."""
    return [r["session"] for r in queue_records(page) if r["state"] == "waiting"]


def wait_for_worker(page: Any) -> str:
    """Wait until a service worker controls the page; its script URL."""
    return str(page.evaluate(CONTROLLED))


@contextmanager
def worker_context(browser: Any, live_server: Any) -> Iterator[Any]:
    """A page in a context with no request routing: Playwright's routes make Chromium's
    pages bypass service workers, so the `page` fixture's guard cannot be used here.
    Requests to other origins are still watched and fail the test."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 800})
    foreign: list[str] = []
    context.on("request", lambda r: None if r.url.startswith((live_server.url, "data:", "blob:"))
               else foreign.append(r.url))
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        context.close()
    assert not foreign, f"third-party requests were made: {foreign}"


def wait_for_empty_queue(page: Any) -> None:
    """Wait until nothing waits on the device to be sent (and nothing was refused)."""
    wait_until(page, f"async () => (await ({READ_QUEUE})()).length === 0")
