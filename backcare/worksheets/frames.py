"""The worksheet's framed parts, drawn directly: the two-week log's grid and the heavy frame
of the "Get help now if…" box.

Each draws exactly what a Platypus ``Table`` with the same style drew (the same lines,
shading, padding and places), without a table's general machinery: sizing every cell
twice, a state, a translation and a font for each, and a ``KeepTogether`` around it. The
two tables were a quarter of a worksheet's build time.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from backcare.worksheets.text_runs import TextRun

ROUND = 1  # a table's lines have round caps


class LogGrid(Flowable):
    """A table of ``days`` rows under a shaded header row of ``head`` paragraphs: a grid of
    ``rule``-point lines, every cell's content middle-aligned with ``pad`` points at each
    side (3 above and below), the day's number on the left and an empty box to tick
    centred in column ``tick_column``. Splits between days, repeating the header row."""

    def __init__(self, head: Sequence[Paragraph], days: Sequence[int], widths: Sequence[float],
                 row_height: float, day_style: ParagraphStyle, *, tick_size: float,
                 tick_column: int, ink: Color, shade: Color, rule: float = 0.75,
                 pad: float = 5.0) -> None:
        super().__init__()
        self._head = list(head)
        self._days = list(days)
        self._widths = list(widths)
        self._row_height = row_height
        self._day_style = day_style
        self._tick = (tick_size, tick_column)
        self._ink, self._shade, self._rule, self._pad = ink, shade, rule, pad
        self._head_height = 0.0
        self._head_heights: list[float] = []

    def _like(self, days: Sequence[int]) -> LogGrid:
        return LogGrid(self._head, days, self._widths, self._row_height, self._day_style,
                       tick_size=self._tick[0], tick_column=self._tick[1], ink=self._ink,
                       shade=self._shade, rule=self._rule, pad=self._pad)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._head_heights = [cell.wrap(width - 2 * self._pad, 0x7FFFFFFF)[1]
                              for cell, width in zip(self._head, self._widths, strict=True)]
        self._head_height = max(self._head_heights) + 6  # 3 points above and below
        self.width = sum(self._widths)
        self.height = self._head_height + len(self._days) * self._row_height
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        fits = int((availHeight - self._head_height) // self._row_height)
        if fits < 1 or fits >= len(self._days):
            return []
        return [self._like(self._days[:fits]), self._like(self._days[fits:])]

    def draw(self) -> None:
        canv = self.canv
        lefts = [sum(self._widths[:n]) for n in range(len(self._widths) + 1)]
        head_bottom = self.height - self._head_height
        canv.saveState()
        canv.setFillColor(self._shade)
        canv.rect(0, head_bottom, self.width, self._head_height, stroke=0, fill=1)
        canv.restoreState()
        for cell, left, height in zip(self._head, lefts, self._head_heights, strict=False):
            cell.drawOn(canv, left + self._pad, head_bottom + (self._head_height - height) / 2)

        style = self._day_style
        numbers = canv.beginText()
        numbers.setFont(style.fontName, style.fontSize)
        numbers.setFillColor(style.textColor)
        size, column = self._tick
        canv.saveState()
        canv.setStrokeColor(self._ink)
        canv.setLineWidth(1)
        tick_left = lefts[column] + (self._widths[column] - size) / 2
        for n, day in enumerate(self._days):
            bottom = head_bottom - (n + 1) * self._row_height
            # a one-line paragraph, middle-aligned: its first baseline is a font size down
            line_top = bottom + (self._row_height + style.leading) / 2
            numbers.setTextOrigin(lefts[0] + self._pad, line_top - style.fontSize)
            numbers.textOut(str(day))
            canv.rect(tick_left, bottom + (self._row_height - size) / 2, size, size,
                      stroke=1, fill=0)
        canv.restoreState()
        canv.drawText(numbers)

        canv.saveState()
        canv.setLineCap(ROUND)
        canv.setStrokeColor(self._ink)
        canv.setLineWidth(self._rule)
        rows = [self.height, head_bottom,
                *(head_bottom - (n + 1) * self._row_height for n in range(len(self._days)))]
        for y in (rows[0], rows[-1], *rows[1:-1]):
            canv.line(0, y, self.width, y)
        for x in (lefts[0], lefts[-1], *lefts[1:-1]):
            canv.line(x, 0, x, self.height)
        canv.restoreState()


class HeavyFrame(Flowable):
    """``parts`` one under the other inside a ``rule``-point frame, ``pad`` points in from
    its sides, ``pad_below`` under the last, then ``space_below`` outside it; a part's own
    space before and after does not count (each was a table row of its own). Never split."""

    def __init__(self, parts: Sequence[Flowable], *, rule: float, pad: float,
                 pad_below: float, space_below: float, ink: Color) -> None:
        super().__init__()
        self._parts = list(parts)
        self._rule, self._pad, self._ink = rule, pad, ink
        self._pad_below, self._space_below = pad_below, space_below
        self._heights: list[float] = []
        self._box_height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._heights = [part.wrapOn(self.canv, availWidth - 2 * self._pad, 0x7FFFFFFF)[1]
                         for part in self._parts]
        self._box_height = sum(self._heights) + self._pad_below
        self.width, self.height = availWidth, self._box_height + self._space_below
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return []

    def draw(self) -> None:
        canv = self.canv
        y = self.height
        run = TextRun(canv)
        for part, height in zip(self._parts, self._heights, strict=True):
            y -= height
            run.draw(part, self._pad, y)
        run.close()
        bottom = self._space_below
        canv.saveState()
        canv.setLineCap(ROUND)
        canv.setStrokeColor(self._ink)
        canv.setLineWidth(self._rule)
        for x0, y0, x1, y1 in ((0, self.height, self.width, self.height),
                               (0, bottom, self.width, bottom),
                               (0, bottom, 0, self.height),
                               (self.width, bottom, self.width, self.height)):
            canv.line(x0, y0, x1, y1)
        canv.restoreState()
