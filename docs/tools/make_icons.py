"""Draw backcare's app icons (the installable web app's manifest and the Apple touch icon).

Run once after changing the drawing; the PNGs are committed:

    .venv/bin/python docs/tools/make_icons.py

Writes backcare/catalogue/static/catalogue/icons/: icon-192.png, icon-512.png (rounded
square, for "any" use), icon-maskable-512.png (full-bleed, the drawing inside the central
80 % circle that every mask keeps) and apple-touch-icon.png (180 px, full-bleed: iOS
rounds the corners itself). The drawing: a column of five vertebrae in a gentle curve,
white on the site's accent colour (site.css --accent).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ACCENT = (10, 97, 92)  # site.css --accent #0a615c
WHITE = (255, 255, 255)
OUT = Path(__file__).resolve().parents[2] / "backcare" / "catalogue" / "static" / "catalogue" / "icons"
SCALE = 4  # drawn large, then shrunk: smooth edges without anti-aliasing primitives


def draw(size: int, *, full_bleed: bool, inner: float) -> Image.Image:
    """The icon at ``size`` px; the vertebrae fill ``inner`` of its height."""
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if full_bleed:
        pen.rectangle((0, 0, big, big), fill=ACCENT)
    else:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 0.22, fill=ACCENT)
    column = big * inner
    top = (big - column) / 2
    bone_h = column / 5 * 0.74
    gap = column / 5 - bone_h
    offsets = (-0.035, 0.0, 0.035, 0.02, -0.03)  # the spine's gentle S, as a share of size
    for i, offset in enumerate(offsets):
        width = big * (0.22 + 0.025 * i)
        centre = big / 2 + offset * big
        y = top + i * (bone_h + gap)
        pen.rounded_rectangle((centre - width / 2, y, centre + width / 2, y + bone_h),
                              radius=bone_h * 0.45, fill=WHITE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    made = {
        "icon-192.png": draw(192, full_bleed=False, inner=0.62),
        "icon-512.png": draw(512, full_bleed=False, inner=0.62),
        "icon-maskable-512.png": draw(512, full_bleed=True, inner=0.50),
        "apple-touch-icon.png": draw(180, full_bleed=True, inner=0.58).convert("RGB"),
    }
    for name, image in made.items():
        image.save(OUT / name, optimize=True)
        print(OUT / name, image.size)


if __name__ == "__main__":
    main()
