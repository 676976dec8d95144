"""Draw every exercise's demo figure on one PNG: the held pose and a moment mid-movement.

    make contact-sheet            # or: .venv/bin/python docs/tools/contact_sheet.py [--out PATH]

Writes docs/figures-contact-sheet.png. Each cell is one exercise: its name, the figure
resting in the held pose (``render_svg(animate=False, frame="held")``, as the player's
``?pose=held`` shows it) and the moving figure paused halfway from the start toward the
hold. Chromium (Playwright, /usr/bin/chromium) rasterises the page with every animation
paused at a fixed time, so the same content gives the same picture.
"""

from __future__ import annotations

import argparse
import sys
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from backcare.content import load_library  # noqa: E402
from backcare.figures import compile_demo, render_svg  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--font-render-hinting=none"]
COLUMNS = 4
CELL_WIDTH = 330  # CSS pixels per exercise (two pictures)

PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
body {{ margin: 0; padding: 16px; background: #fff; color: #1f2a30;
       font: 13px/1.3 "DejaVu Sans", Arial, sans-serif; width: {width}px; }}
h1 {{ font-size: 18px; margin: 0 0 4px; }}
p.key {{ margin: 0 0 12px; color: #4f5b62; }}
.grid {{ display: grid; grid-template-columns: repeat({columns}, {cell}px); gap: 10px; }}
.cell {{ border: 1px solid #dcdcd4; border-radius: 6px; padding: 6px; }}
.cell h2 {{ font-size: 13px; margin: 0 0 4px; height: 2.6em; overflow: hidden; }}
.pair {{ display: grid; grid-template-columns: 1fr 1fr; gap: 6px; align-items: end; }}
.pair svg {{ width: 100%; height: auto; display: block; }}
.pair span {{ display: block; font-size: 11px; color: #4f5b62; text-align: center; }}
</style></head><body>
<h1>backcare demo figures</h1>
<p class="key">Each exercise: the held pose (left) and halfway through the movement into it
(right). Orange is the part that works. Regenerate with <code>make contact-sheet</code>.</p>
<div class="grid">{cells}</div></body></html>"""


def build_page(content: Path) -> tuple[str, list[tuple[str, float]]]:
    """The page, and for each moving figure its id and the moment to pause it at (ms)."""
    library = load_library(content)
    cells, pauses = [], []
    for exercise in sorted(library.exercises.values(), key=lambda e: e.name.lower()):
        track = compile_demo(exercise).track
        middle = track.timing.rest + track.timing.move / 2
        held = render_svg(exercise, animate=False, frame="held", text=False)
        moving = render_svg(exercise, text=False)
        cells.append(
            f'<div class="cell"><h2>{escape(exercise.name)}</h2><div class="pair">'
            f"<div>{held}<span>held</span></div>"
            f'<div id="m-{exercise.slug}">{moving}<span>moving</span></div></div></div>')
        pauses.append((exercise.slug, middle * 1000))
    width = COLUMNS * CELL_WIDTH + (COLUMNS - 1) * 10
    return PAGE.format(width=width, columns=COLUMNS, cell=CELL_WIDTH,
                       cells="".join(cells)), pauses


PAUSE = """(pauses) => {
  for (const [slug, ms] of pauses) {
    const box = document.getElementById('m-' + slug);
    for (const a of box.querySelector('svg').getAnimations({subtree: true})) {
      a.pause(); a.currentTime = ms;
    }
  }
}"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "figures-contact-sheet.png")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    args = parser.parse_args(argv)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("contact sheet: Playwright is not installed (pip install -e '.[dev]')",
              file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print(f"contact sheet: no chromium at {CHROMIUM}", file=sys.stderr)
        return 2
    html, pauses = build_page(args.content)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 800, "height": 600},
                                    device_scale_factor=1, reduced_motion="no-preference")
            page.set_content(html)
            page.evaluate(PAUSE, [list(p) for p in pauses])
            png = page.screenshot(full_page=True, animations="allow")
        finally:
            browser.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(png)
    print(f"contact sheet: {len(pauses)} exercises -> {args.out} ({len(png) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
