"""Set a run of plain paragraphs (and list labels) in one PDF text object.

A ReportLab paragraph draws itself in a graphics state of its own, moved to its place,
with its colour set and a text object of its own. For a plain paragraph — one font, set
flush left, no background, border or bullet, every line of natural width — the lines it
writes are simply its words from a first baseline down by its leading. :class:`TextRun`
writes exactly those lines, for as many paragraphs in a row as come, in one text object;
anything else is drawn by its own ``drawOn``, after the run so far is closed, so the
reading order stays the drawing order ("1." before the step it numbers).
"""

from __future__ import annotations

from typing import Any, TypeGuard

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_LEFT
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable, Paragraph


def _lines(paragraph: Flowable) -> Any:
    """The paragraph's lines, as its last ``wrap`` broke them (ReportLab's ``blPara``)."""
    return paragraph.__dict__["blPara"]


def is_plain(flowable: Flowable) -> TypeGuard[Paragraph]:
    """A paragraph, already broken into lines, that :class:`TextRun` sets as it would."""
    if not isinstance(flowable, Paragraph) or "blPara" not in flowable.__dict__:
        return False
    style, lines = flowable.style, _lines(flowable)
    return (lines.kind == 0 and style.alignment == TA_LEFT and not style.backColor
            and not (style.borderWidth and style.borderColor) and not flowable.bulletText
            and not style.firstLineIndent and not hasattr(flowable, "_offsets")
            and all(extra > -1e-8 for extra, _ in lines.lines))


class TextRun:
    """Plain paragraphs and labels, drawn on ``canv`` in one text object until
    :meth:`close` (or a flowable that is not plain) ends it."""

    def __init__(self, canv: Canvas) -> None:
        self.canv = canv
        self._text: PDFTextObject | None = None
        self._font: tuple[str, float, float] | None = None
        self._colour: Color | None = None

    def _begin(self, name: str, size: float, leading: float, colour: Color) -> PDFTextObject:
        if self._text is None:
            self._text = self.canv.beginText()
            self._font = self._colour = None
        if self._font != (name, size, leading):
            self._text.setFont(name, size, leading)
            self._font = (name, size, leading)
        if self._colour != colour:
            self._text.setFillColor(colour)
            self._colour = colour
        return self._text

    def label(self, text: str, x: float, baseline: float, name: str, size: float,
              colour: Color) -> None:
        run = self._begin(name, size, self._font[2] if self._font else size, colour)
        run.setTextOrigin(x, baseline)
        run.textOut(text)

    def draw(self, flowable: Flowable, x: float, bottom: float) -> None:
        """``flowable`` with its bottom left at (x, bottom), as its ``drawOn`` would."""
        if not is_plain(flowable):
            self.close()
            flowable.drawOn(self.canv, x, bottom)
            return
        lines, style = _lines(flowable), flowable.style
        if not lines.lines:
            return
        run = self._begin(lines.fontName, lines.fontSize, style.leading, lines.textColor)
        drop = (lines.fontSize if rl_config.paraFontSizeHeightOffset
                else getattr(lines, "ascent", lines.fontSize))
        run.setTextOrigin(x + style.leftIndent, bottom + flowable.height - drop)
        for _, words in lines.lines:
            run.textLine(" ".join(words))

    def close(self) -> None:
        if self._text is not None:
            self.canv.drawText(self._text)
            self._text = None
