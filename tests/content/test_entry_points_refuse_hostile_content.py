"""Every kind of broken content stops every way in: check-content, serve and wsgi.py.

For each case in broken_cases.py (mistakes and attacks alike), three real processes run
on a broken copy of the fixture library, and each must refuse it within five seconds,
naming the file, without a traceback:

- ``backcare check-content DIR`` exits non-zero;
- ``backcare serve`` with ``BACKCARE_CONTENT_DIR=DIR`` exits non-zero before serving;
- ``import backcare.site.wsgi`` with ``BACKCARE_CONTENT_DIR=DIR`` exits with code 3.

The processes (three per case) run three at a time, all started by one session fixture.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from .broken_cases import ALL_CASES

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
SCRIPT = Path(sys.executable).with_name("backcare")  # the console script beside this python
BACKCARE = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "backcare.cli.main"]
LIMIT_SECONDS = 5
HANG_SECONDS = 20  # a process still running then has hung: it is killed and the test fails


@dataclass(frozen=True)
class Run:
    code: int | None  # None: killed after HANG_SECONDS
    output: str  # stdout and stderr
    seconds: float


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


#: name: (the command for a content folder, the exit codes that mean "refused")
ENTRY_POINTS: dict[str, tuple[Callable[[Path], list[str]], Callable[[int], bool]]] = {
    "check-content": (lambda content: [*BACKCARE, "check-content", str(content)],
                      lambda code: code != 0),
    "serve": (lambda content: [*BACKCARE, "serve", "--port", str(free_port())],
              lambda code: code != 0),
    "wsgi": (lambda content: [sys.executable, "-c", "import backcare.site.wsgi"],
             lambda code: code == 3),
}


def run(argv: list[str], content: Path, scratch: Path) -> Run:
    env = {key: value for key, value in os.environ.items() if key != "BACKCARE_DEBUG"}
    env.update(BACKCARE_CONTENT_DIR=str(content), DJANGO_SETTINGS_MODULE="backcare.site.settings",
               COLUMNS="400",
               # should a broken case ever get past the check, `serve` migrates a throwaway one
               DATABASE_URL=f"sqlite:///{scratch / 'db.sqlite3'}")
    start = time.monotonic()
    try:
        done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True,
                              errors="replace", timeout=HANG_SECONDS)
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"") + (exc.stderr or b"")
        text = out.decode(errors="replace") if isinstance(out, bytes) else out
        return Run(None, text, time.monotonic() - start)
    return Run(done.returncode, done.stdout + done.stderr, time.monotonic() - start)


@pytest.fixture(scope="session")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Future[Run]]:
    """Build every case once, then start all the processes, three at a time."""
    base = tmp_path_factory.mktemp("entry-points")
    built: list[tuple[str, Path, Path]] = []
    for number, (kind, breaker, *_) in enumerate(ALL_CASES):
        case_dir = base / f"case-{number:02}"
        content = case_dir / "mini"
        shutil.copytree(MINI, content)
        breaker(content)
        built.append((kind, content, case_dir))
    pool = ThreadPoolExecutor(max_workers=3)
    futures = {
        (entry, kind): pool.submit(run, command(content), content, case_dir)
        for kind, content, case_dir in built
        for entry, (command, _) in ENTRY_POINTS.items()
    }
    pool.shutdown(wait=False)
    return futures


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize(("kind", "breaker", "file", "field", "words"), ALL_CASES,
                         ids=[case[0] for case in ALL_CASES])
def test_the_entry_point_refuses_the_broken_content(
    runs: dict[tuple[str, str], Future[Run]], entry: str,
    kind: str, breaker: object, file: str, field: str, words: str,
) -> None:
    result = runs[(entry, kind)].result()
    assert result.code is not None, f"{entry} hung on {kind!r}: {result.output[-2000:]}"
    assert ENTRY_POINTS[entry][1](result.code), (result.code, result.output[-2000:])
    assert result.seconds < LIMIT_SECONDS, f"{entry} took {result.seconds:.1f} s"
    assert file in result.output, result.output[-2000:]
    assert words in result.output, result.output[-2000:]
    assert "Traceback" not in result.output
    assert "Serving backcare" not in result.output
    assert "\x1b" not in result.output

