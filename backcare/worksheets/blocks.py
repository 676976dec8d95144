"""The worksheet's own flowables: an exercise beside its figure, and lists.

:class:`ExerciseBlock` is one exercise as a single flowable that never splits: the headings
just above it (so none is left alone at a page's foot), then the figure column beside the
text column. It sets them exactly where Platypus would set the same flowables (headings as
in a frame, the two columns as the cells of a top-aligned table), but lays each of them out
once per width; a ``KeepTogether`` around a ``Table`` lays every paragraph out three or four
times and copies the frame on each try, which was most of a worksheet's build time.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from backcare.worksheets.text_runs import TextRun


class WrappedOnce(Paragraph):
    """A paragraph that is broken into lines once per width. Platypus asks again and again
    (a list measures its items, then measures them again as it draws them; a table, once
    to size its rows and again to draw them): the same width always gives the same lines."""

    _wrapped_for: tuple[float, float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # (a split that finds no room forgets the lines: then break them again)
        if (self._wrapped_for is not None and self._wrapped_for[0] == availWidth
                and "blPara" in self.__dict__):
            return self._wrapped_for[1], self._wrapped_for[2]
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped_for = (availWidth, width, height)
        return width, height


#: Each style's one text fragment, as ReportLab's markup parser makes it (kept as long as
#: the style is).
_FRAGMENTS: weakref.WeakKeyDictionary[ParagraphStyle, ParaFrag] = weakref.WeakKeyDictionary()


def _fragment(style: ParagraphStyle) -> ParaFrag:
    found = _FRAGMENTS.get(style)
    if found is None:
        _, frags, _ = ParaParser().parse("x", style)  # type: ignore[no-untyped-call]
        found = _FRAGMENTS[style] = frags[0]
    return found


def plain_text(text: str, style: ParagraphStyle) -> WrappedOnce:
    """A paragraph of plain text (no markup), the same as ``Paragraph(escape(text), style)``
    but set without ReportLab's markup parser: plain text always parses to one fragment in
    the style's font, so that fragment is made once per style and given the text. A sixth
    of a worksheet's build time went on parsing."""
    return WrappedOnce(text, style, frags=[_fragment(style).clone(text=cleanBlockQuotedText(text))])


@dataclass(frozen=True)
class _Placed:
    flowable: Flowable
    x: float    # from the block's left
    top: float  # from the block's top, downwards
    height: float


def _stacked(flowables: Sequence[Flowable], width: float, canv: Canvas,
             left: float = 0.0, centre_in: float | None = None,
             ) -> tuple[list[_Placed], float]:
    """``flowables`` one under the other as in a table cell: every space before and after
    counts, except the first's before and the last's after. ``centre_in``: centre each
    flowable in that width (from ``left``) instead of setting it flush left."""
    placed: list[_Placed] = []
    top = 0.0
    for n, flowable in enumerate(flowables):
        w, h = flowable.wrapOn(canv, width, 0x7FFFFFFF)
        if n:
            top += flowable.getSpaceBefore()
        x = left if centre_in is None else left + (centre_in - w) / 2
        placed.append(_Placed(flowable, x, top, h))
        top += h
        if n < len(flowables) - 1:
            top += flowable.getSpaceAfter()
    return placed, top


class ExerciseBlock(Flowable):
    """``headings`` across the full width, then ``figure`` (drawing and captions, centred
    in ``figure_width``) left of ``text``, a ``gutter`` between them, and ``space_below``
    after it all. The headings' spacing is a frame's: the larger of one's space after and
    the next one's space before."""

    def __init__(self, headings: Sequence[Flowable], figure: Sequence[Flowable],
                 text: Sequence[Flowable], figure_width: float, gutter: float,
                 space_below: float) -> None:
        super().__init__()
        self._headings = list(headings)
        self._figure = list(figure)
        self._text = list(text)
        self._figure_width = figure_width
        self._gutter = gutter
        self._space_below = space_below
        self._laid_out_for: float | None = None
        self._placed: list[_Placed] = []
        self.width = self.height = 0.0
        self.spaceBefore = headings[0].getSpaceBefore() if headings else 0.0

    def _lay_out(self, width: float) -> None:
        placed: list[_Placed] = []
        top = 0.0
        space_after: float | None = None  # the previous heading's, None at the top
        for heading in self._headings:
            _, h = heading.wrapOn(self.canv, width, 0x7FFFFFFF)
            if space_after is not None:
                top += max(space_after, heading.getSpaceBefore())
            placed.append(_Placed(heading, 0.0, top, h))
            top += h
            space_after = heading.getSpaceAfter()
        if space_after is not None:
            top += space_after  # the table under the headings has no space before
        column = self._figure_width + self._gutter
        figure, figure_height = _stacked(self._figure, self._figure_width, self.canv,
                                         centre_in=self._figure_width)
        text, text_height = _stacked(self._text, width - column, self.canv, left=column)
        for item in (*figure, *text):
            placed.append(_Placed(item.flowable, item.x, top + item.top, item.height))
        self._placed = placed
        self.width = width
        self.height = top + max(figure_height, text_height) + self._space_below
        self._laid_out_for = width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._laid_out_for != availWidth:
            self._lay_out(availWidth)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return []  # one exercise stays on one page; too tall for any page is a LayoutError

    def draw(self) -> None:
        run = TextRun(self.canv)
        for item in self._placed:
            run.draw(item.flowable, item.x, self.height - item.top - item.height)
        run.close()


class BulletList(Flowable):
    """Paragraphs one under the other, each indented ``indent`` with its label ("•", "1.")
    at the left of its first line: what a ``ListFlowable`` of them draws, with every label
    set in one text object instead of a state, a font and a text object each. Splits
    between items (and, for one item, inside its paragraph), so a long list runs on."""

    def __init__(self, items: Sequence[Flowable], labels: Sequence[str], font_name: str,
                 font_size: float, indent: float, space_before: float | None = None) -> None:
        super().__init__()
        self._space_before = space_before
        self._items = list(items)
        self._labels = list(labels)
        self._font = (font_name, font_size)
        self._indent = indent
        self._laid_out_for: float | None = None
        self._tops: list[float] = []
        self.width = self.height = 0.0

    def _copy(self, items: Sequence[Flowable], labels: Sequence[str],
              first: bool) -> BulletList:
        return BulletList(items, labels, *self._font, self._indent,
                          self._space_before if first else None)

    def getSpaceBefore(self) -> float:  # noqa: N802 (ReportLab's name)
        if self._space_before is not None:
            return self._space_before
        return self._items[0].getSpaceBefore() if self._items else 0.0

    def getSpaceAfter(self) -> float:  # noqa: N802 (ReportLab's name)
        return self._items[-1].getSpaceAfter() if self._items else 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._laid_out_for == availWidth:
            return self.width, self.height
        tops: list[float] = []
        top = 0.0
        space_after: float | None = None
        for item in self._items:
            _, h = item.wrapOn(self.canv, availWidth - self._indent, 0x7FFFFFFF)
            if space_after is not None:
                top += max(space_after, item.getSpaceBefore())
            tops.append(top)
            top += h
            space_after = item.getSpaceAfter()
        self._tops = tops
        self.width, self.height = availWidth, top
        self._laid_out_for = availWidth
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._laid_out_for = None  # a paragraph that finds no room forgets its lines
        if len(self._items) > 1:
            return [self._copy([item], [label], n == 0)
                    for n, (item, label) in enumerate(zip(self._items, self._labels,
                                                          strict=True))]
        if not self._items:
            return []
        parts = self._items[0].split(availWidth - self._indent, availHeight)
        return [self._copy([part], [self._labels[0] if n == 0 else ""], n == 0)
                for n, part in enumerate(parts)]

    def draw(self) -> None:
        name, size = self._font
        run = TextRun(self.canv)
        for item, label, top in zip(self._items, self._labels, self._tops, strict=True):
            if label:  # before its item, so the text reads "1. Lie on your back…"
                run.label(label, 0, self.height - top - size, name, size, colors.black)
            run.draw(item, self._indent, self.height - top - item.height)
        run.close()
