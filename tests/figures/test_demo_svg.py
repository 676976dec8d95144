"""The SVG: valid, self-contained, accessible, animated by CSS only, still under reduced motion;
the still frame and its ReportLab drawing."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from backcare.figures import compile_demo, description, render_svg, still_frame, svg_size
from backcare.figures.shapes import Circle, Line, Rect

from .conftest import LIBRARY, SLUGS, inked_pixels

NS = "{http://www.w3.org/2000/svg}"
SVGS = {slug: render_svg(LIBRARY.exercises[slug]) for slug in SLUGS}


@pytest.mark.parametrize("slug", SLUGS)
def test_svg_is_valid_self_contained_and_scriptless(slug: str) -> None:
    text = SVGS[slug]
    root = ET.fromstring(text)
    assert root.tag == f"{NS}svg"
    assert not list(root.iter(f"{NS}script"))
    lowered = text.lower()
    assert "<script" not in lowered and "javascript:" not in lowered
    assert not re.search(r"\son\w+\s*=", text), "no event handler attributes"
    assert "href" not in lowered and "url(" not in lowered and "@import" not in lowered
    assert re.findall(r"https?://[^\"' ]+", text) == ["http://www.w3.org/2000/svg"]
    assert "<foreignobject" not in lowered and "<image" not in lowered


@pytest.mark.parametrize("slug", SLUGS)
def test_svg_is_labelled(slug: str) -> None:
    exercise = LIBRARY.exercises[slug]
    root = ET.fromstring(SVGS[slug])
    assert root.get("role") == "img"
    label = root.get("aria-label") or ""
    assert exercise.name in label and len(label) > 60
    title = root.find(f"{NS}title")
    assert title is not None and exercise.name in (title.text or "")
    texts = [" ".join(t.text or "" for t in root.iter(f"{NS}text"))]  # wrapped lines, read on
    side = exercise.demo.side_shown
    if exercise.per_side:
        assert side is not None
        other = "right" if side == "left" else "left"
        assert f"{side.capitalize()} side shown. Repeat on the {other}." in texts[0]
        assert f"{side.capitalize()} side shown" in label
    else:
        assert side is None and "side shown" not in texts[0]


@pytest.mark.parametrize("slug", SLUGS)
def test_svg_animates_with_css_and_rests_held_under_reduced_motion(slug: str) -> None:
    text = SVGS[slug]
    figure = compile_demo(LIBRARY.exercises[slug])
    style = ET.fromstring(text).find(f"{NS}style")
    assert style is not None and style.text
    css = style.text
    assert "@keyframes" in css
    durations = {float(d) for d in re.findall(r"animation:\S+ ([\d.]+)s linear infinite", css)}
    assert len(durations) == 1 and durations.pop() == pytest.approx(figure.track.duration)
    assert "@media (prefers-reduced-motion:reduce)" in css and "animation:none" in css
    # every animated group also carries its held transform as an attribute
    for cls in re.findall(r'<g class="([\w-]+)"', text):
        assert re.search(rf'<g class="{cls}" transform="[^"]+"', text)


def test_static_still_svg_has_no_animation() -> None:
    text = render_svg(LIBRARY.exercises["bridge"], animate=False, frame="start")
    assert "@keyframes" not in text
    ET.fromstring(text)


@pytest.mark.parametrize("slug", SLUGS)
def test_still_frame_is_shapes_inside_its_box(slug: str) -> None:
    exercise = LIBRARY.exercises[slug]
    still = still_frame(exercise)
    x0, y0, x1, y1 = still.box
    assert x1 > x0 and y1 > y0
    body = [s for s in still.shapes if isinstance(s, (Line, Circle)) and not
            (isinstance(s, Line) and s.a[1] == 0 == s.b[1])]
    assert len(body) >= 15
    for shape in still.shapes:
        points = ([shape.a, shape.b] if isinstance(shape, Line) else
                  [shape.centre] if isinstance(shape, Circle) else
                  [(shape.x, shape.y), (shape.x + shape.w, shape.y + shape.h)])
        for x, y in points:
            assert x0 - 0.01 <= x <= x1 + 0.01 and y0 - 0.01 <= y <= y1 + 0.01
    assert any(isinstance(s, Rect) for s in still.shapes) == bool(
        set(exercise.demo.props) & {"mat", "chair", "door-frame", "towel", "pillow"})


def test_gallery_sizes_match_the_svg() -> None:
    for slug in SLUGS[:5]:
        exercise = LIBRARY.exercises[slug]
        root = ET.fromstring(SVGS[slug])
        assert (int(root.get("width")), int(root.get("height"))) == svg_size(exercise)
        assert description(exercise, compile_demo(exercise)) == root.get("aria-label")


def test_reportlab_frames_print_and_are_not_blank(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    from reportlab.pdfgen.canvas import Canvas

    from backcare.figures.reportlab_frame import draw_frame, frame_drawing

    assert frame_drawing(LIBRARY.exercises["bridge"], 200, 140).width == 200
    for slug in SLUGS:
        pdf = tmp_path / f"{slug}.pdf"
        canvas = Canvas(str(pdf), pagesize=(220, 160))
        draw_frame(canvas, LIBRARY.exercises[slug], 10, 10, 200, 140)
        canvas.save()
        subprocess.run(["pdftoppm", "-png", "-r", "72", "-singlefile", str(pdf),
                        str(tmp_path / slug)], check=True)
        inked = inked_pixels((tmp_path / f"{slug}.png").read_bytes())
        assert inked > 400, f"{slug}: only {inked} inked pixels"


def test_svg_side_does_not_need_reportlab() -> None:
    import sys

    code = ("import sys; import backcare.figures as f; "
            "assert 'reportlab' not in sys.modules and 'django' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
