"""How fast printable worksheets are made, cold and cached, and what they weigh.

    .venv/bin/python bench/worksheets.py

For every routine (and one personal plan): the median time to build its A4 worksheet with
the worksheet cache cleared ("cold"), and with the figures' still frames cleared too
("+figs": nothing cached at all), the median time to get it again from the cache, the
peak Python memory of one fully cold build (tracemalloc) and the PDF's size. Targets: the
longest routine cold in <= 100 ms, every cached fetch <= 5 ms; exits 1 if one is missed.
The fully cold time is printed against the same 100 ms but does not gate. Wall-clock
times, CPU time in brackets: on a busy machine the two differ; run it on a quiet one.

For comparison, if WeasyPrint can be imported (it is not a backcare dependency; it needs
Debian's pango), the same worksheet is built through HTML -> PDF with it and the time ratio
is printed. Otherwise the bench says so and carries on.
"""

from __future__ import annotations

import gc
import html
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from backcare.content import Library, load_library  # noqa: E402
from backcare.figures.motion import clear_compiled  # noqa: E402
from backcare.plans import make_plan, profile_from_params  # noqa: E402
from backcare.worksheets import CACHE, plan_worksheet, routine_worksheet  # noqa: E402
from backcare.worksheets.figure import clear_frames, figure_maker  # noqa: E402
from backcare.worksheets.pdf import render_pdf  # noqa: E402
from backcare.worksheets.sheet import Sheet, plan_sheet, routine_sheet  # noqa: E402

COLD_RUNS = 7
CACHED_RUNS = 200
WEASY_RUNS = 3
COLD_TARGET_MS = 100.0
CACHED_TARGET_MS = 5.0


@dataclass(frozen=True)
class Timing:
    wall: float  # ms, median
    cpu: float   # ms of this process's CPU time, median

    def __str__(self) -> str:
        return f"{self.wall:.1f} ({self.cpu:.0f})"


def timed(action: Callable[[], object], runs: int,
          before: Callable[[], object] | None = None) -> Timing:
    walls, cpus = [], []
    for _ in range(runs):
        if before:
            before()
        gc.collect()
        cpu, wall = time.process_time(), time.perf_counter()
        action()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return Timing(statistics.median(walls), statistics.median(cpus))


def peak_kib(action: Callable[[], object]) -> float:
    CACHE.clear()
    clear_frames()
    clear_compiled()
    gc.collect()
    tracemalloc.start()
    action()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024


def weasy_html(sheet: Sheet) -> str:
    """The same worksheet as HTML + CSS for WeasyPrint (for this comparison only)."""
    e = html.escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><style>",
        "@page { size: A4; margin: 16mm 18mm 30mm;"
        f" @bottom-left {{ content: '{e(sheet.disclaimer)}'; font: 10pt 'DejaVu Sans'; width: 75%; }}"
        " @bottom-right { content: 'Page ' counter(page) ' of ' counter(pages);"
        " font: 10pt 'DejaVu Sans'; } }",
        "body { font: 12pt/1.3 'DejaVu Sans', sans-serif; color: #000; }",
        "h1 { font-size: 22pt; margin: 0 0 4pt; } h2 { font-size: 16pt; }",
        "section { break-inside: avoid; margin-bottom: 5mm; } .dose { font-weight: bold; }",
        "table { border-collapse: collapse; width: 100%; break-before: page; }",
        "td, th { border: 0.75pt solid #000; height: 11mm; font-size: 11pt; }",
        "</style></head><body>",
        f"<p>backcare · printable worksheet</p><h1>{e(sheet.title)}</h1><p>{e(sheet.subtitle)}</p>",
    ]
    if sheet.is_plan:
        fitted = "".join(f"<li>{e(x)}</li>" for x in sheet.fitted)
        parts.append(f"<h2>Fitted for you</h2><ul>{fitted}</ul>")
        parts.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in sheet.changes) + "</ul>")
    else:
        parts.append(f"<p><b>Who it suits</b><br>{e(sheet.suits)}</p>")
    parts.append("<h2>The exercises</h2>")
    for item in sheet.items:
        ex = item.exercise
        parts.append(f"<section><h3>{item.number}. {e(ex.name)}</h3><p class='dose'>{e(item.dose)}</p>"
                     f"<p>{e(ex.position_label)}</p><ol>"
                     + "".join(f"<li>{e(s)}</li>" for s in ex.steps) + "</ol>"
                     + ("<p><b>Take care</b></p><ul>" + "".join(f"<li>{e(p)}</li>" for p in ex.precautions)
                        + "</ul>" if ex.precautions else "") + "</section>")
    parts.append("<table><tr><th>Day</th><th>Date</th><th>Done</th><th>Pain before</th>"
                 "<th>Pain after</th><th>Notes</th></tr>"
                 + "".join(f"<tr><td>{d}</td><td></td><td>☐</td><td></td><td></td><td></td></tr>"
                           for d in range(1, 15)) + "</table></body></html>")
    return "".join(parts)


def main() -> int:
    library: Library = load_library(ROOT / "content")
    figures = "with figures" if figure_maker() else "without figures (reportlab_frame missing)"
    first = time.perf_counter()
    routine_worksheet(library, next(iter(library.routines)), "letter", cache=None)
    print(f"backcare worksheets, A4, {figures}; first build in a fresh process "
          f"(imports, font loading): {(time.perf_counter() - first) * 1000:.0f} ms\n")

    longest = max(library.routines, key=library.estimated_seconds)
    plan = make_plan(library, longest, profile_from_params(
        {"floor": "0", "conditions": "disc", "minutes": "10", "skip": "bridge"}))
    cases: list[tuple[str, Callable[[], object], Sheet]] = [
        (slug, (lambda s=slug: routine_worksheet(library, s, "a4")), routine_sheet(library, slug))
        for slug in sorted(library.routines, key=library.estimated_seconds)
    ]
    cases.append((f"plan: {longest} (no floor, disc, 10 min)",
                  lambda: plan_worksheet(library, plan, "a4"), plan_sheet(library, plan)))

    try:
        import weasyprint  # type: ignore[import-not-found]
    except Exception as exc:  # ImportError, or OSError when pango is missing
        weasyprint = None
        print(f"WeasyPrint not available ({type(exc).__name__}); no comparison.\n")

    header = (f"{'worksheet':<58} {'ex.':>3} {'pp.':>3} {'KB':>3} {'cold ms':>12} "
              f"{'+figs ms':>12} {'cached ms':>9} {'peak KiB':>8}")
    if weasyprint:
        header += f" {'text-only ms':>12} {'WeasyPrint ms':>13} {'ratio':>6}"
    print(header)
    failures: list[str] = []
    worst_cached = 0.0
    longest_cold = longest_colder = Timing(0.0, 0.0)
    for name, build, sheet in cases:
        cold = timed(build, COLD_RUNS, before=CACHE.clear)
        colder = timed(build, COLD_RUNS, before=lambda: (CACHE.clear(), clear_frames(), clear_compiled()))
        worksheet = build()
        cached = timed(build, CACHED_RUNS)
        peak = peak_kib(build)
        worst_cached = max(worst_cached, cached.wall)
        if name == longest:
            longest_cold, longest_colder = cold, colder
        line = (f"{name[:58]:<58} {len(sheet.items):>3} {worksheet.pages:>3} "  # type: ignore[attr-defined]
                f"{len(worksheet.pdf) / 1024:>3.0f} {cold!s:>12} {colder!s:>12} "  # type: ignore[attr-defined]
                f"{cached.wall:>9.4f} {peak:>8.0f}")
        if weasyprint:
            # like for like: the HTML has no figures, so neither does this ReportLab build
            text_only = timed(lambda sheet=sheet: render_pdf(sheet, "a4", None), COLD_RUNS)
            document = weasy_html(sheet)
            weasy = timed(lambda document=document: weasyprint.HTML(string=document).write_pdf(),
                          WEASY_RUNS)
            line += (f" {text_only!s:>12} {weasy!s:>13} "
                     f"{weasy.cpu / text_only.cpu:>5.1f}x")
        print(line)

    print()
    print("Times: median wall-clock ms (CPU ms in brackets). cold: the worksheet cache cleared;\n"
          "the figure poses, worked out once per exercise and process, kept. +figs: poses "
          "cleared too, nothing cached at all.\nPeak memory: one build with nothing cached. "
          "ratio: WeasyPrint CPU / ReportLab text-only CPU, same content, no figures.")

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    checks = [
        (longest_cold.wall <= COLD_TARGET_MS,
         f"cold build of the longest routine ({longest}): {longest_cold.wall:.1f} ms "
         f"(target <= {COLD_TARGET_MS:.0f} ms)"),
        (worst_cached <= CACHED_TARGET_MS,
         f"slowest cached fetch: {worst_cached:.4f} ms (target <= {CACHED_TARGET_MS:.0f} ms)"),
    ]
    for ok, text in checks:
        print(f"{verdict(ok)}  {text}")
        if not ok:
            failures.append(text)
    print(f"{verdict(longest_colder.wall <= COLD_TARGET_MS)}  (not gating) the same with "
          f"nothing cached, figure poses included: {longest_colder.wall:.1f} ms")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
