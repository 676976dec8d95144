"""backcare's start-up against the targets of issue #12: a CLI command, and the server.

    .venv/bin/python bench/startup.py                  # --runs 10 --port 0 (a free port)

1. ``backcare show pelvic-tilt``, the whole process: one untimed run first (it compiles
   nothing and records nothing new once var/ holds the figures' verdict), then --runs timed
   runs; the median wall time, PASS at <= 0.30 s. The developer's var/ is used, as a person
   typing the command would; whether it held the verdict before the first run is printed
   (without it, that first run draws every demo figure once and records the pass).
2. ``backcare serve --port P`` and ``make run PORT=P``, from starting the command to the
   first 200 on /back-pain/, in a temporary var dir (BACKCARE_VAR_DIR; the developer's
   database is never touched). First a cold start (no database, no figures' verdict: both
   are made), then --serve-runs warm starts ("after set-up": the database migrated, the
   verdict recorded); the warm median is gated at <= 2 s, the cold one is only shown.
3. How many times each process read the library: every Python process started here gets
   a ``sitecustomize`` (on PYTHONPATH) that counts calls to
   ``backcare.content.loader.collect_problems`` per process id (a forked process keeps the
   count wrapper and logs under its own id). PASS when no process read it more than once.
   `backcare serve` runs granian in its own process: granian forks its workers from it
   after it has loaded the site, so the workers read nothing and one read is listed in all;
   granian started on its own (`granian --interface wsgi backcare.site.wsgi:application`)
   would list one read in each worker instead, which is once per process as well.

Prints one PASS/FAIL line per target and exits 1 when any fails. Loopback only.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
BACKCARE = str(VENV_BIN / "backcare")
SHOW_TARGET_S = 0.30
FIRST_200_TARGET_S = 2.0
PAGE = "/back-pain/"
VERDICT = "figures-checked"

#: Counts library reads per process: wraps collect_problems as soon as its module is loaded,
#: before anything imports the name from it.
SITECUSTOMIZE = '''
import os, sys
_LOG = os.environ.get("BACKCARE_BENCH_LOADS")
if _LOG:
    import importlib.abc, importlib.machinery

    class _CountLoads(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name != "backcare.content.loader":
                return None
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            if spec is None or spec.loader is None:
                return spec
            run = spec.loader.exec_module

            def exec_module(module):
                run(module)
                real = module.collect_problems

                def counted(*args, **kwargs):
                    who = os.path.basename(sys.argv[0]) if sys.argv else "?"
                    if who == "__main__.py":
                        who = os.path.basename(os.path.dirname(sys.argv[0]))
                    with open(_LOG, "a", encoding="utf-8") as log:
                        log.write(f"{os.getpid()} {who}\\n")
                    return real(*args, **kwargs)

                module.collect_problems = counted

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, _CountLoads())
'''


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def status_of(port: int) -> int | None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", PAGE)
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()


def loads_by_process(log: Path) -> Counter[str]:
    if not log.exists():
        return Counter()
    return Counter(line.strip() for line in log.read_text(encoding="utf-8").splitlines()
                   if line.strip())


def loads_text(loads: Counter[str]) -> str:
    return ", ".join(f"{who.split()[1]} (pid {who.split()[0]}) {n}" for who, n in loads.items())


# --- 1. the CLI -------------------------------------------------------------------------------

def time_show(runs: int) -> tuple[list[float], bool, Counter[str]]:
    var_dir = Path(os.environ.get("BACKCARE_VAR_DIR") or ROOT / "var")
    had_verdict = (var_dir / VERDICT).exists()
    command = [BACKCARE, "show", "pelvic-tilt"]
    subprocess.run(command, check=True, capture_output=True)  # the untimed first run
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "loads"
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL,
                       env=counting_env(Path(folder), log))
        loads = loads_by_process(log)
    return times, had_verdict, loads


# --- 2. the server ----------------------------------------------------------------------------

@dataclass
class Start:
    seconds: float
    loads: Counter[str] = field(default_factory=Counter)


def counting_env(folder: Path, log: Path, var_dir: Path | None = None) -> dict[str, str]:
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(folder), "BACKCARE_BENCH_LOADS": str(log)}
    if var_dir is not None:
        env["BACKCARE_VAR_DIR"] = str(var_dir)
        env.pop("DATABASE_URL", None)  # SQLite in the temporary var dir
    return env


def start_once(command: list[str], port: int, folder: Path, var_dir: Path,
               timeout: float = 60) -> Start:
    log = folder / "loads"
    log.unlink(missing_ok=True)
    env = counting_env(folder, log, var_dir)
    output = folder / "server.log"
    with output.open("wb") as sink:
        started = time.perf_counter()
        # A session of its own, so the whole group (make, granian's main process and its
        # workers) is stopped together afterwards.
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sink, stderr=sink,
                                start_new_session=True)
        try:
            while True:
                if status_of(port) == 200:
                    seconds = time.perf_counter() - started
                    break
                if proc.poll() is not None:
                    raise SystemExit(f"{' '.join(command)} exited with {proc.returncode}:\n"
                                     + output.read_text(errors="replace")[-2000:])
                if time.perf_counter() - started > timeout:
                    raise SystemExit(f"no 200 on {PAGE} within {timeout:.0f} s")
                time.sleep(0.01)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
    time.sleep(0.3)  # the workers' last lines, and the port free again
    return Start(seconds, loads_by_process(log))


def time_server(name: str, command: list[str], port: int, runs: int) -> tuple[Start, list[Start]]:
    with tempfile.TemporaryDirectory() as folder:
        var_dir = Path(folder) / "var"
        cold = start_once(command, port, Path(folder), var_dir)
        if not (var_dir / VERDICT).exists():
            raise SystemExit(f"{name}: no figures' verdict recorded after the first start")
        warm = [start_once(command, port, Path(folder), var_dir) for _ in range(runs)]
    return cold, warm


# --- report -----------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs of the CLI command")
    parser.add_argument("--serve-runs", type=int, default=3,
                        help="warm starts of each server command")
    parser.add_argument("--port", type=int, default=0, help="the server's port (default: free)")
    parser.add_argument("--no-make", action="store_true", help="leave out `make run`")
    args = parser.parse_args()
    for name in ("runs", "serve_runs"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.port and not 1024 <= args.port <= 65535:
        parser.error(f"--port must be from 1024 to 65535, not {args.port}")
    port = args.port or free_port()

    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} cores at the start (timings from a busy "
          f"machine overstate every start-up)")
    lines: list[tuple[bool, str]] = []
    times, had_verdict, show_loads = time_show(args.runs)
    median = statistics.median(times)
    print(f"backcare show pelvic-tilt: {args.runs} runs, median {median:.3f} s "
          f"(min {min(times):.3f}, max {max(times):.3f}); var/{VERDICT} "
          f"{'held' if had_verdict else 'did not hold'} a verdict before the untimed first run")
    lines.append((median <= SHOW_TARGET_S,
                  f"`backcare show pelvic-tilt` whole process: median {median:.3f} s "
                  f"<= {SHOW_TARGET_S:.2f} s (warm)"))
    lines.append((max(show_loads.values(), default=0) == 1,
                  f"`backcare show` reads the library once: {loads_text(show_loads)}"))

    commands = {"backcare serve": [BACKCARE, "serve", "--port", str(port)]}
    if not args.no_make and shutil.which("make"):
        commands["make run"] = ["make", "-s", "run", f"PORT={port}"]
    for name, command in commands.items():
        cold, warm = time_server(name, command, port, args.serve_runs)
        warm_median = statistics.median(s.seconds for s in warm)
        print(f"{name}: first 200 on {PAGE} after {cold.seconds:.2f} s cold (no database, no "
              f"verdict); warm {', '.join(f'{s.seconds:.2f}' for s in warm)} s "
              f"(median {warm_median:.2f}); loads per process, cold: {loads_text(cold.loads)}; "
              f"warm: {loads_text(warm[-1].loads)}")
        lines.append((warm_median <= FIRST_200_TARGET_S,
                      f"`{name}` (set up) -> first 200 on {PAGE}: median {warm_median:.2f} s "
                      f"<= {FIRST_200_TARGET_S:.1f} s (cold: {cold.seconds:.2f} s, not gated)"))
        most = max((n for s in (cold, *warm) for n in s.loads.values()), default=0)
        processes = len(warm[-1].loads)
        lines.append((most == 1,
                      f"`{name}`: the library read at most once in every process (most: "
                      f"{most}; {processes} process(es) read it: granian's workers, forked "
                      f"after the site loaded, inherit it and read nothing)"))

    print()
    for good, text in lines:
        print(f"{'PASS' if good else 'FAIL'}  {text}")
    return 0 if all(good for good, _ in lines) else 1


if __name__ == "__main__":
    sys.exit(main())
