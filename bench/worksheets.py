"""How fast printable worksheets are made: warm, cold, cached, prebuilt, and against WeasyPrint.

    .venv/bin/python bench/worksheets.py [--runs 21] [--weasy-runs 5] [--cold-runs 3]
                                         [--only-longest]

Every build is the A4 worksheet with its figures, in English. Times are medians of
wall-clock milliseconds (this process's CPU milliseconds in brackets: on a busy machine the
two differ, and only a quiet machine's wall-clock counts).

- **warm**: what a running server does on a cache miss. The process has imported everything,
  loaded the library, compiled the demo figures and drawn them once (as the first worksheet,
  or the prebuild, of a process does); the worksheet cache is cleared before every build.
- **redraw**: warm, but the drawn figures forgotten too (compiled figures kept): roughly
  what the first worksheet after start-up costs on top of its imports.
- **cold**: the first worksheet of a fresh process, measured in a subprocess: from just
  after the library is loaded, so it includes importing ReportLab and the worksheet
  modules, loading the fonts and drawing every figure.
- **cached**: fetching a worksheet that is in the cache.
- **prebuilt**: after ``prebuild()``, every routine's worksheet in every language and paper
  size must be a cache hit (counted, not timed), with the same bytes as a fresh build.
- **WeasyPrint** (not a backcare dependency; ``pip install weasyprint==70.0`` with Debian's
  pango): the same sheet written as HTML + CSS, with the same figures as inline SVG (the
  same still frames' lines, circles and rectangles) and the same embedded font (Bitstream
  Vera from ReportLab), built to PDF; each build times making the sheet, the HTML and the
  PDF, like the warm build. ReportLab and WeasyPrint builds are interleaved, round by round.

Targets (issue #12), one PASS/FAIL line each; exits 1 when any fails (SKIP when WeasyPrint
cannot be imported, with the reason): the longest routine warm <= 30 ms; WeasyPrint >= 25x
the warm build, same sheet; every cached fetch <= 5 ms; every routine's sheet prebuilt.
The gates read wall-clock medians; on a shared machine they swing with its load, and the
CPU figures printed beside them are the steadier guide.

ReportLab runs its hot spots (number formatting, text widths, PDF escaping) in C when its
optional accelerator is installed (``pip install rl-accel``); the header line says which.
"""

from __future__ import annotations

import argparse
import gc
import html
import json
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from backcare.content import Library, load_library  # noqa: E402
from backcare.content.schema import Exercise  # noqa: E402
from backcare.figures.shapes import Circle, Line, Rect  # noqa: E402
from backcare.figures.still import still_frame  # noqa: E402
from backcare.plans import make_plan, profile_from_params  # noqa: E402
from backcare.worksheets import CACHE, Worksheet, plan_worksheet, routine_worksheet  # noqa: E402
from backcare.worksheets.cache import LRUCache  # noqa: E402
from backcare.worksheets.default_sheet import default_worksheet  # noqa: E402
from backcare.worksheets.figure import clear_frames  # noqa: E402
from backcare.worksheets.fonts import FONT_DIR  # noqa: E402
from backcare.worksheets.pdf import FIGURE_HEIGHT, FIGURE_WIDTH  # noqa: E402
from backcare.worksheets.prebuild import every_sheet, prebuild  # noqa: E402
from backcare.worksheets.sheet import Sheet, plan_sheet, routine_sheet  # noqa: E402

WARM_TARGET_MS = 30.0
WEASY_TARGET_RATIO = 25.0
CACHED_TARGET_MS = 5.0


@dataclass(frozen=True)
class Timing:
    wall: float  # ms, median
    cpu: float   # ms of this process's CPU time, median

    def __str__(self) -> str:
        return f"{self.wall:.1f} ({self.cpu:.0f})"


def timed(action: Callable[[], object], runs: int,
          before: Callable[[], object] | None = None) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for _ in range(runs):
        if before:
            before()
        gc.collect()
        cpu, wall = time.process_time(), time.perf_counter()
        action()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return walls, cpus


def median(samples: tuple[list[float], list[float]]) -> Timing:
    return Timing(statistics.median(samples[0]), statistics.median(samples[1]))


def peak_kib(action: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    action()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024


# --- the same sheet as HTML for WeasyPrint (this comparison only) --------------------------

def figure_svg(exercise: Exercise) -> str:
    """The still frame the PDF draws, as inline SVG in the same box, with its captions."""
    if exercise.demo is None:
        return ""
    frame = still_frame(exercise, "held")
    scale = min(FIGURE_WIDTH / frame.width, FIGURE_HEIGHT / frame.height)
    x0, _, _, y1 = frame.box
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{frame.width * scale:.1f}pt" '
             f'height="{frame.height * scale:.1f}pt" viewBox="{x0:.2f} {-y1:.2f} '
             f'{frame.width:.2f} {frame.height:.2f}"><g transform="scale(1 -1)">']
    for shape in frame.shapes:
        if isinstance(shape, Line):
            parts.append(f'<line x1="{shape.a[0]:.2f}" y1="{shape.a[1]:.2f}" '
                         f'x2="{shape.b[0]:.2f}" y2="{shape.b[1]:.2f}" stroke="{shape.colour}" '
                         f'stroke-width="{shape.width}" stroke-linecap="round"/>')
        elif isinstance(shape, Circle):
            parts.append(f'<circle cx="{shape.centre[0]:.2f}" cy="{shape.centre[1]:.2f}" '
                         f'r="{shape.r:.2f}" fill="{shape.fill}" stroke="{shape.stroke}" '
                         f'stroke-width="{shape.width}"/>')
        elif isinstance(shape, Rect):
            parts.append(f'<rect x="{shape.x:.2f}" y="{shape.y:.2f}" width="{shape.w:.2f}" '
                         f'height="{shape.h:.2f}" rx="{shape.rx:.2f}" fill="{shape.fill}" '
                         f'stroke="{shape.stroke}" stroke-width="{1.2 / scale:.2f}"/>')
    parts.append("</g></svg>")
    parts += [f"<p class='caption'>{html.escape(c)}</p>" for c in frame.captions]
    return "".join(parts)


def weasy_html(sheet: Sheet, figures: dict[str, str]) -> str:
    e = html.escape
    faces = "".join(
        f"@font-face {{ font-family: Vera; src: url('{(FONT_DIR / name).as_uri()}');"
        f" font-weight: {weight}; font-style: {style}; }}"
        for name, weight, style in (("Vera.ttf", "normal", "normal"), ("VeraBd.ttf", "bold", "normal"),
                                    ("VeraIt.ttf", "normal", "italic")))
    out = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><style>", faces,
        "@page { size: A4; margin: 16mm 18mm 30mm;"
        f" @bottom-left {{ content: '{e(sheet.disclaimer)}'; font: 10pt Vera; width: 75%; }}"
        " @bottom-right { content: 'Page ' counter(page) ' of ' counter(pages);"
        " font: 10pt Vera; } }",
        "body { font: 12pt/15.5pt Vera; color: #000; } h1 { font-size: 22pt; margin: 0 0 4pt; }",
        "h2 { font-size: 16pt; } h3 { font-size: 15pt; margin: 0; } .dose { font-weight: bold; }",
        ".phase { background: #eee; font-weight: bold; font-size: 13pt; padding: 3pt 4pt; }",
        ".urgent { border: 2.5pt solid #000; padding: 0 8pt 6pt; break-inside: avoid; }",
        "table.ex { width: 100%; break-inside: avoid; margin-bottom: 5mm; border-collapse: collapse; }",
        "td.fig { width: 60mm; vertical-align: top; text-align: center; } td { vertical-align: top; }",
        ".caption { font-size: 10pt; text-align: left; } .quiet { font-size: 11pt; }",
        "table.log { border-collapse: collapse; width: 100%; break-before: page; }",
        "table.log td, table.log th { border: 0.75pt solid #000; height: 11.5mm; font-size: 11pt; }",
        ".tick { display: inline-block; width: 6mm; height: 6mm; border: 1pt solid #000; }",
        "</style></head><body>",
        f"<p class='quiet'>backcare · printable worksheet</p><h1>{e(sheet.title)}</h1>"
        f"<p>{e(sheet.subtitle)}</p>",
    ]
    if sheet.is_plan:
        out.append("<div class='urgent'><h2>Fitted for you</h2><ul>"
                   + "".join(f"<li>{e(x)}</li>" for x in sheet.fitted) + "</ul><ul>"
                   + "".join(f"<li>{e(x)}</li>" for x in sheet.changes) + "</ul></div>")
    else:
        out.append(f"<p><b>Who it suits</b><br>{e(sheet.suits)}</p>")
    help_ = sheet.urgent_help
    out.append("<p><b>How to use this sheet</b><br>Do the exercises in the order shown.</p>"
               f"<div class='urgent'><h2>{e(help_.title)}</h2><ul>"
               + "".join(f"<li>{e(s)}</li>" for s in help_.signs)
               + f"</ul><b>{e(help_.action)}</b></div><h2>The exercises</h2>")
    phase = ""
    for item in sheet.items:
        ex = item.exercise
        if item.phase and item.phase != phase:
            phase = item.phase
            out.append(f"<p class='phase'>{e(phase)}</p>")
        care = ("<p><b>Take care</b></p><ul>" + "".join(f"<li>{e(p)}</li>" for p in ex.precautions)
                + "</ul>") if ex.precautions else ""
        out.append(f"<table class='ex'><tr><td class='fig'>{figures.get(ex.slug, '')}</td><td>"
                   f"<h3>{item.number}. {e(ex.name)}</h3><p class='dose'>{e(item.dose)}</p>"
                   f"<p class='quiet'>{e(ex.position_label)}</p><ol>"
                   + "".join(f"<li>{e(s)}</li>" for s in ex.steps) + f"</ol>{care}</td></tr></table>")
    out.append("<h2>Two-week log</h2><table class='log'><tr><th>Day</th><th>Date</th><th>Done</th>"
               "<th>Pain before</th><th>Pain after</th><th>Notes</th></tr>"
               + "".join(f"<tr><td>{d}</td><td></td><td><span class='tick'></span></td><td></td>"
                         "<td></td><td></td></tr>" for d in range(1, 15)) + "</table></body></html>")
    return "".join(out)


# --- cold: the first worksheet of a fresh process --------------------------------------------

COLD_SCRIPT = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from backcare.content import load_library
library = load_library(Path(sys.argv[1]) / "content")
start = time.perf_counter()
import backcare.worksheets as worksheets
imported = time.perf_counter()
worksheets.routine_worksheet(library, sys.argv[2], "a4", cache=None)
first = time.perf_counter()
worksheets.routine_worksheet(library, sys.argv[2], "a4", cache=None)
second = time.perf_counter()
print(json.dumps({"imports": (imported - start) * 1000, "cold": (first - start) * 1000,
                  "second": (second - first) * 1000}))
"""


def cold_runs(slug: str, runs: int) -> dict[str, float]:
    results = [json.loads(subprocess.run(
        [sys.executable, "-c", COLD_SCRIPT, str(ROOT), slug], check=True, capture_output=True,
        text=True).stdout) for _ in range(runs)]
    return {k: statistics.median(r[k] for r in results) for k in results[0]}


# --- the run ---------------------------------------------------------------------------------

def load_weasyprint() -> tuple[Any, str]:
    try:
        import weasyprint  # type: ignore[import-not-found]
    except Exception as exc:  # ImportError, or OSError when pango is missing
        return None, f"{type(exc).__name__}: {exc}".splitlines()[0][:160]
    return weasyprint, f"WeasyPrint {weasyprint.__version__}"


def prebuilt_check(library: Library) -> tuple[bool, str]:
    cache: LRUCache[Worksheet] = LRUCache(max_entries=8, max_bytes=8 << 20,
                                          size_of=lambda w: len(w.pdf), max_pinned_bytes=64 << 20)
    done = prebuild(library, cache=cache)
    sheets = list(every_sheet(library))
    hits = same = 0
    for language, paper, slug in sheets:
        before = cache.stats.hits
        kept = default_worksheet(library, slug, paper, cache=cache, language=language)
        hits += cache.stats.hits - before
        same += kept.pdf == default_worksheet(library, slug, paper, cache=None,
                                              language=language).pdf
    ok = hits == same == len(sheets) and not done.over_budget
    return ok, (f"prebuilt {done.pinned} worksheets ({len(library.routines)} routines x "
                f"languages x papers) in {done.seconds:.2f} s, {done.pinned_bytes / 1e6:.1f} MB; "
                f"then {hits}/{len(sheets)} cache hits, {same}/{len(sheets)} equal to a fresh build")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="ReportLab builds per measure")
    parser.add_argument("--weasy-runs", type=int, default=5, help="WeasyPrint builds")
    parser.add_argument("--cold-runs", type=int, default=3, help="fresh processes")
    parser.add_argument("--only-longest", action="store_true",
                        help="measure only the longest routine (the gated one)")
    args = parser.parse_args()

    cold = None  # first: a fresh process, before this one warms the machine's caches
    library: Library = load_library(ROOT / "content")
    longest = max(library.routines, key=library.estimated_seconds)
    cold = cold_runs(longest, args.cold_runs)
    try:
        import _rl_accel  # type: ignore[import-not-found]  # noqa: F401
        accel = "with ReportLab's C accelerator (rl_accel)"
    except ImportError:
        accel = "without ReportLab's C accelerator (rl_accel not installed)"
    weasyprint, weasy_name = load_weasyprint()
    print(f"backcare worksheets, A4 with figures, {accel}; {weasy_name}\n")

    plan = make_plan(library, longest, profile_from_params(
        {"floor": "0", "conditions": "disc", "minutes": "10", "skip": "bridge"}))
    cases: list[tuple[str, Callable[[], Worksheet], Callable[[], Sheet]]] = [
        (slug, (lambda s=slug: routine_worksheet(library, s, "a4")),
         (lambda s=slug: routine_sheet(library, s)))
        for slug in sorted(library.routines, key=library.estimated_seconds)
    ]
    cases.append((f"plan: {longest} (no floor, disc, 10 min)",
                  lambda: plan_worksheet(library, plan, "a4"), lambda: plan_sheet(library, plan)))
    if args.only_longest:
        cases = [case for case in cases if case[0] == longest]
    figures = {slug: figure_svg(ex) for slug, ex in library.exercises.items()}

    header = (f"{'worksheet':<50} {'ex.':>3} {'pp.':>3} {'KB':>3} {'warm ms':>10} "
              f"{'redraw ms':>10} {'cached ms':>9} {'peak KiB':>8}")
    if weasyprint:
        header += f" {'WeasyPrint ms':>14} {'ratio':>6}"
    print(header)
    worst_cached = 0.0
    longest_warm = Timing(0.0, 0.0)
    longest_ratio = longest_cpu_ratio = 0.0
    for name, build, make_sheet in cases:
        build()  # draws this sheet's figures, as any earlier sheet of a running process has
        warm_samples: tuple[list[float], list[float]] = ([], [])
        weasy_samples: tuple[list[float], list[float]] = ([], [])
        rounds = max(1, args.weasy_runs) if weasyprint else 1
        for round_ in range(rounds):  # interleaved: a noisy moment hurts both alike
            runs = args.runs // rounds + (1 if round_ < args.runs % rounds else 0)
            walls, cpus = timed(build, runs, before=CACHE.clear)
            warm_samples[0].extend(walls)
            warm_samples[1].extend(cpus)
            if weasyprint:
                walls, cpus = timed(lambda make_sheet=make_sheet: weasyprint.HTML(
                    string=weasy_html(make_sheet(), figures)).write_pdf(), 1)
                weasy_samples[0].extend(walls)
                weasy_samples[1].extend(cpus)
        warm = median(warm_samples)
        redraw = median(timed(build, max(3, args.runs // 3),
                              before=lambda: (CACHE.clear(), clear_frames())))
        build()
        worksheet = build()
        cached = median(timed(build, 200))
        CACHE.clear()
        peak = peak_kib(build)
        worst_cached = max(worst_cached, cached.wall)
        line = (f"{name[:50]:<50} {len(make_sheet().items):>3} {worksheet.pages:>3} "
                f"{len(worksheet.pdf) / 1024:>3.0f} {warm!s:>10} {redraw!s:>10} "
                f"{cached.wall:>9.4f} {peak:>8.0f}")
        if weasyprint:
            weasy = median(weasy_samples)
            ratio = weasy.wall / warm.wall
            line += f" {weasy!s:>14} {ratio:>5.1f}x"
            if name == longest:
                longest_ratio, longest_cpu_ratio = ratio, weasy.cpu / warm.cpu
        if name == longest:
            longest_warm = warm
        print(line)

    print(f"\ncold, the first worksheet of a fresh process (median of {args.cold_runs}): "
          f"{cold['cold']:.0f} ms, of which {cold['imports']:.0f} ms importing; its second "
          f"worksheet: {cold['second']:.1f} ms")
    prebuilt_ok, prebuilt_text = prebuilt_check(library)

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    checks = [
        (longest_warm.wall <= WARM_TARGET_MS,
         f"warm build of the longest routine ({longest}) with figures: {longest_warm.wall:.1f} ms "
         f"median wall-clock, {longest_warm.cpu:.1f} ms CPU (target <= {WARM_TARGET_MS:.0f} ms)"),
        (worst_cached <= CACHED_TARGET_MS,
         f"slowest cached fetch: {worst_cached:.4f} ms (target <= {CACHED_TARGET_MS:.0f} ms)"),
        (prebuilt_ok, prebuilt_text),
    ]
    failed = False
    for ok, text in checks:
        print(f"{verdict(ok)}  {text}")
        failed |= not ok
    if weasyprint:
        ok = longest_ratio >= WEASY_TARGET_RATIO
        print(f"{verdict(ok)}  WeasyPrint / warm ReportLab, same sheet with figures: "
              f"{longest_ratio:.1f}x wall-clock, {longest_cpu_ratio:.1f}x CPU "
              f"(target >= {WEASY_TARGET_RATIO:.0f}x)")
        failed |= not ok
    else:
        print(f"SKIP  WeasyPrint comparison: cannot import it ({weasy_name})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
