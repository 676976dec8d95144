"""Every edge states the same total, to the second, for every routine and a set of plans.

For each case the test reads five numbers, each from the edge itself:

- the page's stated total (the routine page's "Follow along" time; a plan's "Total time"),
- ``GET /api/timeline``'s ``total_seconds``,
- the worksheet PDF's stated "Total time",
- ``backcare play <slug> --script --json`` (a separate process),
- the web player's schedule, built in a real chromium under a controlled clock,

and checks they are one number. Nothing here computes a duration of its own; the only
arithmetic is ``format_duration``, the one wording of a duration every edge uses.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from backcare.content import load_library
from backcare.content.wording import format_duration

from .player_helpers import api_timeline, open_player, pass_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
ROUTINES = sorted(load_library(ROOT / "content").routines)
FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"
#: (routine, plan query, the same plan as `backcare play` options)
PLANS = [
    (FIVE, "floor=1&conditions=none-known&minutes=3", ["--condition", "none-known",
                                                       "--minutes", "3"]),
    (FIVE, "floor=0&conditions=none-known", ["--no-floor", "--condition", "none-known"]),
    ("dont-crack-your-back", "floor=1&conditions=disc&minutes=4",
     ["--condition", "disc", "--minutes", "4"]),
    ("10-best-lower-back-exercises", "floor=1&conditions=pregnancy",
     ["--condition", "pregnancy"]),
]
CASES = [(slug, "", []) for slug in ROUTINES] + PLANS


def _visible(body: str) -> str:
    body = re.sub(r"<(head|script|style)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def _page_total(page: Any, routine: str, query: str) -> str:
    url = f"/routines/{routine}/plan/?{query}" if query else f"/routines/{routine}/"
    response = page.request.get(url)
    assert response.ok, (url, response.status)
    text = _visible(response.text())
    label = "Total time" if query else "Time"
    match = re.search(rf"{label} (?:about \d+ min \()?(\d+ min(?: \d+ s)?|\d+ s)", text)
    assert match, f"{url} states no total: {text[:400]}"
    return match.group(1)


def _worksheet_total(page: Any, routine: str, query: str) -> str:
    url = f"/routines/{routine}/worksheet.pdf" + (f"?{query}" if query else "")
    response = page.request.get(url)
    assert response.ok, (url, response.status)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    match = re.search(r"Total time:? (\d+ min(?: \d+ s)?|\d+ s)", re.sub(r"\s+", " ", text))
    assert match, f"{url} states no total: {text[:400]}"
    return match.group(1)


def _cli_total(routine: str, options: list[str], var_dir: Path) -> int:
    env = {**os.environ, "BACKCARE_VAR_DIR": str(var_dir), "BACKCARE_LANG": "en"}
    result = subprocess.run(
        [sys.executable, "-m", "backcare.cli.main", "play", routine, "--script", "--json",
         "--red-flags-none", *options],
        capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    script = json.loads(result.stdout)
    assert sum(p["seconds"] for p in script["phases"]) == script["total_seconds"]
    return int(script["total_seconds"])


@pytest.mark.parametrize(("routine", "query", "options"), CASES,
                         ids=[f"{s}?{q}" if q else s for s, q, _ in CASES])
def test_page_api_worksheet_cli_and_web_player_state_one_total(
    page: Any, live_server: Any, tmp_path: Path, routine: str, query: str,
    options: list[str],
) -> None:
    pass_the_screen(page, live_server)
    api = api_timeline(page, routine, query)["total_seconds"]
    stated = format_duration(api)

    assert _page_total(page, routine, query) == stated
    assert _worksheet_total(page, routine, query) == stated
    assert _cli_total(routine, options, tmp_path) == api
    open_player(page, f"/routines/{routine}/play/" + (f"?{query}" if query else ""))
    assert page.evaluate("window.backcarePlayer.schedule.total") == api * 1000
