"""`backcare play` for real: a separate process on a pseudo-terminal, keys and all.

The process writes its session log to a SQLite file of its own (DATABASE_URL), which the
test then reads with sqlite3; so this runs the same on the SQLite and PostgreSQL passes.
"""

from __future__ import annotations

import codecs
import fcntl
import json
import os
import re
import select
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from backcare.content import Library

from .conftest import CONTENT, FIVE_MINUTE, ROOT

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
SCRIPTED = ["--red-flags-none", "--pain-before", "3", "--pain-after", "2", "--feeling", "better"]


NAME_LINE = re.compile(r"▶ \d+:\d\d  Get ready: (.+?)(?: — (?:Left|Right) side)?$")


class Screen:
    """What the process has printed so far, with colours and cursor moves taken out.

    Kept up to date chunk by chunk, so reacting to it stays cheap however long the run."""

    def __init__(self) -> None:
        self.raw: list[str] = []
        self.clean: list[str] = []
        self.names: list[str] = []  # exercise names from the "▶ m:ss  Get ready: ..." lines
        self._pending = ""
        self._line = ""

    def feed(self, data: str) -> None:
        self.raw.append(data)
        text = self._pending + data
        cut = text.rfind("\x1b")
        if cut != -1 and not ANSI.match(text, cut):  # a sequence split across two reads
            text, self._pending = text[:cut], text[cut:]
        else:
            self._pending = ""
        new = ANSI.sub("", text).replace("\r", "")
        self.clean.append(new)
        *done, self._line = (self._line + new).split("\n")
        for line in done:
            found = NAME_LINE.search(line)
            if found:
                self.names.append(found.group(1))

    @property
    def tail(self) -> str:
        return "".join(self.clean[-20:])

    @property
    def text(self) -> str:
        return "".join(self.clean)


React = Callable[[Screen, Callable[[bytes], None], "subprocess.Popen[bytes]"], None]


def _as_a_terminal_starts_it() -> None:
    """Ctrl-C reaches the player as it would from a terminal, even when this test run was
    started in the background of a shell without job control (which ignores SIGINT in its
    background commands, and the ignoring is inherited)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@dataclass
class Run:
    code: int
    screen: Screen
    db: Path
    termios_before: list[object]
    termios_after: list[object]

    @property
    def raw(self) -> str:
        return "".join(self.screen.raw)

    @property
    def text(self) -> str:
        return self.screen.text

    def sessions(self) -> list[sqlite3.Row]:
        with sqlite3.connect(self.db) as conn:
            conn.row_factory = sqlite3.Row
            return conn.execute("SELECT * FROM practice_practicesession").fetchall()


def play(tmp_path: Path, *args: str, react: React | None = None, timeout: float = 60) -> Run:
    """Run `backcare play ARGS` on a new pty; ``react(screen, send, process)`` is called
    after every read and may type keys."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    before = termios.tcgetattr(slave)
    db = tmp_path / "t.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "TERM": "xterm-256color",
           "BACKCARE_CONTENT_DIR": str(CONTENT), "COLUMNS": "100", "LINES": "40"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "backcare.cli.main", "play", *args],
                            stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env,
                            preexec_fn=_as_a_terminal_starts_it)
    screen = Screen()
    decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def send(data: bytes) -> None:
        os.write(master, data)

    deadline = time.monotonic() + timeout
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 0.02)
            if ready:
                screen.feed(decoder.decode(os.read(master, 65536)))
                if react is not None:
                    react(screen, send, proc)
            elif proc.poll() is not None:
                break
            if time.monotonic() > deadline:
                proc.kill()
                raise AssertionError("backcare play did not finish in time:\n" + screen.tail)
        after = termios.tcgetattr(slave)
    finally:
        os.close(master)
        os.close(slave)
        if proc.poll() is None:
            proc.kill()
    return Run(proc.wait(), screen, db, before, after)


def exercise_names(library: Library) -> list[str]:
    return list(dict.fromkeys(s.name for s in library.timeline(FIVE_MINUTE).steps))


def test_the_five_minute_routine_plays_through_and_is_logged(tmp_path: Path,
                                                             library: Library) -> None:
    run = play(tmp_path, FIVE_MINUTE, "--speed", "60", *SCRIPTED)
    assert run.code == 0, run.text[-2000:]
    assert run.screen.names == exercise_names(library)
    # Every exercise, cue and countdown was on screen, and the bell rang.
    for step in library.timeline(FIVE_MINUTE).steps:
        assert step.cue in run.text
    assert "GET READY" in run.text and "SWITCH SIDES" in run.text
    # Each exercise's precautions are on its get-ready screen.
    assert "Take care:" in run.text
    for slug in dict.fromkeys(s.exercise for s in library.timeline(FIVE_MINUTE).steps):
        first = library.exercises[slug].precautions[0]
        assert first[:30] in " ".join(run.text.split()), slug
    assert "MOVE" in run.text and "HOLD" in run.text  # pelvic tilt moves, the stretches hold
    assert "\a" in run.raw
    assert "All done" in run.text and "Saved to your session log." in run.text
    assert run.termios_after == run.termios_before  # the terminal is given back as it was

    [row] = run.sessions()
    assert row["routine"] == FIVE_MINUTE and row["plan"] == ""
    assert row["steps_done"] == row["steps_total"] == len(library.timeline(FIVE_MINUTE).steps)
    assert (row["pain_before"], row["pain_after"], row["feeling"]) == (3, 2, "better")
    assert not row["stopped_for_pain"]
    assert row["device"].startswith("cli-")
    assert row["ended_at"] >= row["started_at"]


def test_h_stops_at_once_logs_it_and_says_what_to_do(tmp_path: Path, library: Library) -> None:
    second = exercise_names(library)[1]

    def hurt_in_second_exercise(out: Screen, send: Callable[[bytes], None], proc: object) -> None:
        if second in out.names and not getattr(hurt_in_second_exercise, "sent", False):
            hurt_in_second_exercise.sent = True  # type: ignore[attr-defined]
            send(b"h")
        elif "Type its number" in out.tail and not getattr(hurt_in_second_exercise, "told", False):
            hurt_in_second_exercise.told = True  # type: ignore[attr-defined]
            send(b"\r")  # Enter: the one on screen when it stopped

    run = play(tmp_path, FIVE_MINUTE, "--speed", "20", "--no-sound", *SCRIPTED,
               react=hurt_in_second_exercise)
    assert run.code == 0, run.text[-2000:]
    assert "STOP." in run.text
    assert "contact your doctor or physical therapist" in run.text
    assert "Get help now if" in run.text  # the urgent-help box, as on the web
    assert "Which exercise hurt?" in run.text and "(on screen when you stopped)" in run.text
    assert f"{second} will be left out of your next plans" in run.text
    assert "All done" not in run.text
    assert "\a" not in run.raw  # --no-sound
    assert run.termios_after == run.termios_before
    [row] = run.sessions()
    assert row["stopped_for_pain"] == 1
    assert 0 < row["steps_done"] < row["steps_total"]
    assert library.exercises[row["painful_exercise"]].name == second
    assert run.screen.names == exercise_names(library)[:2]

    # The next run on this computer leaves it out, and says why.
    again = play(tmp_path, FIVE_MINUTE, "--speed", "120", "--no-sound", *SCRIPTED)
    assert again.code == 0, again.text[-2000:]
    assert "Left out because it hurt on" in again.text
    assert second not in again.screen.names
    # `backcare plan` on this computer leaves it out too, until `backcare include-again`.
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{run.db}", "BACKCARE_CONTENT_DIR": str(CONTENT)}

    def cli(*words: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "backcare.cli.main", *words], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=60)

    planned = cli("plan", FIVE_MINUTE, "--red-flags-none", "--condition", "none-known", "--json")
    assert planned.returncode == 0, planned.stderr
    assert row["painful_exercise"] in {i["exercise"] for i in json.loads(planned.stdout)["left_out"]}
    assert cli("include-again", row["painful_exercise"]).returncode == 0
    assert cli("include-again", row["painful_exercise"]).returncode == 1  # already back
    planned = cli("plan", FIVE_MINUTE, "--red-flags-none", "--condition", "none-known", "--json")
    assert row["painful_exercise"] in {s["exercise"] for s in json.loads(planned.stdout)["steps"]}


def test_ctrl_c_ends_cleanly_and_keeps_the_partial_session(tmp_path: Path,
                                                           library: Library) -> None:
    def interrupt(out: Screen, send: Callable[[bytes], None], proc: subprocess.Popen[bytes]) -> None:
        if len(out.names) >= 2 and not getattr(interrupt, "sent", False):
            interrupt.sent = True  # type: ignore[attr-defined]
            proc.send_signal(signal.SIGINT)

    run = play(tmp_path, FIVE_MINUTE, "--speed", "20", *SCRIPTED, react=interrupt)
    assert run.code == 130, run.text[-2000:]
    assert "Traceback" not in run.text
    assert "Interrupted after" in run.text
    assert run.termios_after == run.termios_before
    [row] = run.sessions()
    assert not row["stopped_for_pain"] and row["steps_done"] < row["steps_total"]


def test_keys_pause_skip_and_quit(tmp_path: Path, library: Library) -> None:
    names = exercise_names(library)
    typed: list[bytes] = []

    def keys(out: Screen, send: Callable[[bytes], None], proc: object) -> None:
        seen = out.names
        if not typed and seen:
            typed.append(b" ")
            send(b" ")  # pause in the first get-ready...
        elif len(typed) == 1 and "PAUSED" in out.tail:
            typed.append(b"s")
            send(b"s")  # ...skip the first exercise (which also resumes)...
        elif len(typed) == 2 and len(seen) >= 3:
            typed.append(b"q")
            send(b"q")  # ...and quit in the third.

    run = play(tmp_path, FIVE_MINUTE, "--speed", "20", "--no-sound", *SCRIPTED, react=keys)
    assert run.code == 0, run.text[-2000:]
    assert typed == [b" ", b"s", b"q"]
    assert f"(skipped the rest of {names[0]})" in run.text
    assert "Stopped early" in run.text
    [row] = run.sessions()
    first_steps = sum(1 for s in library.timeline(FIVE_MINUTE).steps if s.name == names[0])
    assert not row["stopped_for_pain"]
    assert row["steps_done"] <= row["steps_total"] - first_steps
    assert run.termios_after == run.termios_before


def test_on_a_terminal_it_asks_how_much_it_hurts_before_and_after(tmp_path: Path) -> None:
    answered: list[str] = []

    def answer(out: Screen, send: Callable[[bytes], None], proc: object) -> None:
        if not answered and "hurt right now" in out.tail:
            answered.append("before")
            send(b"4\n")
        elif len(answered) == 1 and "hurt now, from 0 to 10" in out.tail:
            answered.append("after")
            send(b"1\n")
        elif len(answered) == 2 and "[b/s/w" in out.tail:
            answered.append("feeling")
            send(b"b\n")

    run = play(tmp_path, FIVE_MINUTE, "--speed", "120", "--no-sound", "--red-flags-none",
               react=answer)
    assert run.code == 0, run.text[-2000:]
    assert answered == ["before", "after", "feeling"]
    [row] = run.sessions()
    assert (row["pain_before"], row["pain_after"], row["feeling"]) == (4, 1, "better")
