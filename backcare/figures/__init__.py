"""Animated exercise figures drawn from data (plain Python; never imports Django).

A demo (the ``demo:`` block of an exercise, see ``backcare.content.demo_schema`` and
README.md here) gives a few keyframes of a 2-D figure. This package turns them into:

- ``render_svg(exercise)``: a self-contained animated SVG (CSS keyframes, no script), and
  ``svg_size`` / ``description`` for pages that embed it;
- ``still_frame(exercise)``: the held keyframe as plain shapes, which
  ``backcare.figures.reportlab_frame`` draws for printed worksheets (needs reportlab);
- ``compile_demo``, ``sample`` and ``demo_problems`` for checks: any moment of the loop as
  joint positions, and everything implausible about a demo.
"""

from backcare.figures.checks import demo_problems, figure_problems
from backcare.figures.kinematics import DemoError
from backcare.figures.motion import Figure, Track, compile_demo, sample, sample_times
from backcare.figures.still import StillFrame, still_frame
from backcare.figures.svg import description, render_svg, svg_size

__all__ = [
    "DemoError", "Figure", "StillFrame", "Track", "compile_demo", "demo_problems",
    "description", "figure_problems", "render_svg", "sample", "sample_times", "still_frame",
    "svg_size",
]
