"""Does backcare stay fast and small as the library grows? 1×, 10× and 100× the content.

    .venv/bin/python bench/scale.py                 # 1×, 10× and 100× (about 5 minutes)
    .venv/bin/python bench/scale.py --sizes 1,10    # a quicker look

For each size it writes the content into a temporary folder (n× = every exercise and
routine copied n-1 more times under new slugs, ``-x2`` …, with their Spanish; the
condition page names its routines and their copies, up to the 100 a page may name), then,
each in a fresh process with ``BACKCARE_CONTENT_DIR`` pointed at it and a temporary var/:

- **first load**: what ``check-content`` and the first start of new content cost (every
  demo figure drawn and checked; the pass is recorded in var/);
- **load**, --loads times (median): what every later start costs (the verdict is on
  record), the part of it spent in ``Library.build``, the peak memory of the process
  (ru_maxrss) and what the load added to it;
- **pages** through Django's test client with the response cache off: ``/back-pain/`` and
  its last page, ``/exercises/`` and its last page, a routine page, an exercise page and
  ``/es/back-pain/``, each weighed as a first visit asks for it (HTML plus every asset it
  references at once, uncompressed; lazy images are listed apart) with its request count
  and its render time (median of 5).

Then ``/history/`` (first and last page) and ``GET /api/sessions`` for a person with
--sessions sessions, and as many of another device's, in a temporary SQLite database:
median and p90 of 21 requests through the whole Django stack.

Times are wall clock with the process's CPU time beside them. The machine may be shared,
and other processes stretch the wall clock but not this process's CPU time, so the time
targets are gated on CPU time (the wall clock is printed next to it). Targets, one
PASS/FAIL line each: the 100× load ≤ 10 s; the load and ``Library.build`` grow linearly
(per copy at the largest size ≤ 2× the next size's); every page ≤ 50 KB in ≤ 5 requests at
every size; ``/history/`` ≤ 50 ms. Exit status 1 when one is missed.

The loader refuses more than 1,000 files a folder and more than 1 MB of content (guards
against hostile content sized for today's library); 100× content is over both, so this
script raises both limits for its own run and says so.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# bench/grow_content.py and bench/scale_measure.py, beside this file.
from grow_content import grow_content  # noqa: E402
from scale_measure import measure_first_load, measure_history, measure_load_and_pages  # noqa: E402

LOAD_BUDGET_S = 10.0
LINEAR_SLACK = 2.0
PAGE_BUDGET_BYTES = 50 * 1024
PAGE_BUDGET_REQUESTS = 5
HISTORY_BUDGET_MS = 50.0


def _child(what: str, env: dict[str, str], *extra: str) -> dict[str, Any]:
    result = subprocess.run(  # noqa: S603  (this script, with the venv's python)
        [sys.executable, __file__, "--child", what, *extra], env=env, cwd=ROOT,
        capture_output=True, text=True, timeout=1800, check=False)
    if result.returncode != 0:
        raise SystemExit(f"measuring {what} failed:\n{result.stderr[-3000:]}{result.stdout[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _env(content: Path, var: Path) -> dict[str, str]:
    var.mkdir(parents=True, exist_ok=True, mode=0o700)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BACKCARE_ENV")}
    env.update({
        "BACKCARE_CONTENT_DIR": str(content), "BACKCARE_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "backcare.site.settings", "ALLOWED_HOSTS": "localhost",
        "BACKCARE_RESPONSE_CACHE_BYTES": "0",  # measure rendering, not the response cache
        "DEBUG": "0", "PYTHONHASHSEED": "0",
    })
    return env


def _load_average() -> str:
    return " ".join(f"{n:.1f}" for n in os.getloadavg())


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--sizes", default="1,10,100",
                        help="content sizes to measure, comma-separated multiples (default 1,10,100)")
    parser.add_argument("--sessions", type=int, default=10_000,
                        help="sessions of the one person whose /history/ is timed (default 10000)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the grown content here and keep it (default: a temporary folder)")
    parser.add_argument("--loads", type=int, default=3,
                        help="loads of each size, in fresh processes; the median is reported (default 3)")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--sessions-child", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure = {"first-load": measure_first_load, "load": measure_load_and_pages,
                   "load-only": lambda: measure_load_and_pages(pages=False),
                   "history": lambda: measure_history(args.sessions_child)}[args.child]
        print(json.dumps(measure()))
        return 0
    try:
        sizes = sorted({int(s) for s in args.sizes.split(",")})
    except ValueError:
        parser.error(f"--sizes must be whole numbers separated by commas, not {args.sizes!r}")
    if not sizes or min(sizes) < 1 or max(sizes) > 200:
        parser.error("--sizes must each be from 1 to 200")
    if not 1 <= args.sessions <= 200_000:
        parser.error("--sessions must be from 1 to 200000")
    if not 1 <= args.loads <= 20:
        parser.error("--loads must be from 1 to 20")

    tmp = Path(tempfile.mkdtemp(prefix="backcare-scale-"))
    where = args.keep or tmp
    results: dict[int, dict[str, Any]] = {}
    failures = 0

    def gate(ok: bool, line: str) -> None:
        nonlocal failures
        failures += not ok
        print(f"{_verdict(ok)} {line}")

    try:
        print(f"backcare at scale — {os.cpu_count()} cores, load average {_load_average()} at the "
              f"start; pages through Django's test client, response cache off; times are "
              f"wall clock (CPU time of the process in brackets)")
        for size in sizes:
            content = where / f"content-{size}x"
            counts = grow_content(CONTENT, content, size)
            env = _env(content, tmp / f"var-{size}x")
            first = _child("first-load", env)
            loads = [_child("load", env)] + [_child("load-only", env) for _ in range(args.loads - 1)]
            load = {**loads[0],
                    **{key: statistics.median(run[key] for run in loads)
                       for key in ("load_s", "load_cpu_s", "build_s", "build_cpu_s")}}
            results[size] = {**first, **load, **counts}
            print(f"\n{size}×: {load['exercises']:,} exercises, {load['routines']:,} routines "
                  f"({load['items']:,} routine items), {counts['conditions']} condition page")
            print(f"  first load, drawing every demo (check-content's work): "
                  f"{first['first_load_s']:.2f} s ({first['first_load_cpu_s']:.2f} s)")
            print(f"  load, the demos' verdict on record (every later start), median of "
                  f"{len(loads)}: {load['load_s']:.2f} s ({load['load_cpu_s']:.2f} s), of which "
                  f"Library.build {load['build_s'] * 1000:.0f} ms ({load['build_cpu_s'] * 1000:.0f} ms)")
            print(f"  peak RSS {load['rss_peak_kib'] / 1024:.0f} MiB, "
                  f"{(load['rss_peak_kib'] - load['rss_before_kib']) / 1024:.0f} MiB of it the load")
            if load["exercises"] > first["file_limit"]:
                print(f"  note: {load['exercises']:,} exercise files is over the loader's limit of "
                      f"{first['file_limit']:,} a folder (loader.MAX_FILES_PER_FOLDER), raised for "
                      f"this run")
            if counts["bytes"] > first["byte_limit"]:
                print(f"  note: {counts['bytes'] / 1024:,.0f} KB of content is over the loader's "
                      f"limit of {first['byte_limit'] / 1024:,.0f} KB (safe_file.MAX_TOTAL_BYTES), "
                      f"raised for this run")
            for page in load["pages"]:
                ok = page["weight"] <= PAGE_BUDGET_BYTES and page["requests"] <= PAGE_BUDGET_REQUESTS
                failures += not ok
                lazy = (f" + {page['lazy']} lazy images ({page['lazy_bytes'] / 1024:.0f} KB)"
                        if page["lazy"] else "")
                print(f"  {_verdict(ok)} {page['path'][:50]:<50} {page['weight'] / 1024:5.1f} KB "
                      f"({page['html'] / 1024:4.1f} KB HTML) {page['requests']} requests, "
                      f"render {page['median_ms']:5.1f} ms ({page['cpu_ms']:5.1f} ms){lazy}")

        print("\ngrowth — CPU time per copy of the content, relative to the smallest size:")
        base = results[sizes[0]]
        for size in sizes:
            r = results[size]
            copies = size / sizes[0]
            load_growth = r["load_cpu_s"] / base["load_cpu_s"] / copies
            build_growth = r["build_cpu_s"] / base["build_cpu_s"] / copies
            print(f"  {size:>4}×  load {r['load_cpu_s']:6.2f} s ({load_growth:4.2f}× per copy)   "
                  f"Library.build {r['build_cpu_s'] * 1000:7.1f} ms ({build_growth:4.2f}× "
                  f"per copy)   first load {r['first_load_cpu_s']:6.2f} s   peak RSS "
                  f"{r['rss_peak_kib'] / 1024:4.0f} MiB")
        biggest = sizes[-1]
        if biggest >= 100:
            top = results[biggest]
            gate(top["load_cpu_s"] <= LOAD_BUDGET_S,
                 f"{biggest}× load {top['load_cpu_s']:.2f} s of CPU <= {LOAD_BUDGET_S:.0f} s "
                 f"(wall clock {top['load_s']:.2f} s on this machine)")
        if len(sizes) >= 2:
            mid, top = results[sizes[-2]], results[biggest]
            for key, what in (("load_cpu_s", "the load"), ("build_cpu_s", "Library.build")):
                per_mid, per_top = mid[key] / sizes[-2], top[key] / biggest
                gate(per_top <= LINEAR_SLACK * per_mid,
                     f"{what} grows linearly: {per_top * 1000:.2f} ms per copy at {biggest}× <= "
                     f"{LINEAR_SLACK:.0f} × {per_mid * 1000:.2f} ms at {sizes[-2]}×")
        gate(all(p["weight"] <= PAGE_BUDGET_BYTES and p["requests"] <= PAGE_BUDGET_REQUESTS
                 for r in results.values() for p in r["pages"]),
             f"every page <= {PAGE_BUDGET_BYTES // 1024} KB in <= {PAGE_BUDGET_REQUESTS} requests "
             f"at {', '.join(f'{s}×' for s in sizes)}")

        history = _child("history", _env(CONTENT, tmp / "var-history"),
                         "--sessions-child", str(args.sessions))
        print(f"\n/history/ with {history['sessions']:,} sessions of one device (and as many of "
              f"another), SQLite, 21 requests each: median (median CPU), p90")
        for name in ("history", "history_last", "api"):
            if name in history:
                h = history[name]
                print(f"  {h['path']:<22} {h['weight'] / 1024:5.1f} KB ({h['html'] / 1024:4.1f} KB "
                      f"body) {h['requests']} requests, {h['median_ms']:5.1f} ms "
                      f"({h['cpu_ms']:5.1f} ms), p90 {h['p90_ms']:5.1f} ms")
        first_page = history["history"]
        gate(first_page["cpu_ms"] <= HISTORY_BUDGET_MS,
             f"/history/ {first_page['cpu_ms']:.1f} ms of server CPU (median) <= "
             f"{HISTORY_BUDGET_MS:.0f} ms (wall clock {first_page['median_ms']:.1f} ms)")
        gate(all(history[n]["weight"] <= PAGE_BUDGET_BYTES
                 and history[n]["requests"] <= PAGE_BUDGET_REQUESTS
                 for n in ("history", "history_last") if n in history),
             f"/history/ pages <= {PAGE_BUDGET_BYTES // 1024} KB in <= {PAGE_BUDGET_REQUESTS} requests")
        print(f"load average {_load_average()} at the end")
        return 1 if failures else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
