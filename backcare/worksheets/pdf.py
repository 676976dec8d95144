"""Lay a :class:`~backcare.worksheets.sheet.Sheet` out as a PDF with ReportLab Platypus.

Pages: the title, who it suits (or, for a plan, the person's answers and what changed),
the "Get help now if…" box (the routine's emergency signs), then each exercise with its
figure, dose, steps and precautions, kept on one page each; then the two-week log on a
page of its own. Every page has the short disclaimer and "Page X of Y" in its footer; the
total is known only at the end, so the canvas keeps each page until the document is saved
(a two-pass canvas).

Black on white, no type smaller than 10 pt, real text in an embedded TrueType font.
``invariant=1`` makes the bytes depend only on the input (no dates or random ids).
Every word it adds is said in the language in force (:mod:`backcare.vocabulary`), which
the document also declares as its language.

Built for speed (a worksheet is made on a cache miss, while someone waits): each exercise
is one flowable (:class:`~backcare.worksheets.blocks.ExerciseBlock`), the log and the
urgent box are drawn directly (:mod:`backcare.worksheets.frames`), plain text skips
ReportLab's markup parser and is broken into lines once, and the figures are drawn once per
process (:mod:`backcare.worksheets.figure`). The pages are the ones the Platypus tables and
lists drew before, to the pixel; ``bench/worksheets.py`` measures it.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from backcare.content.schema import Exercise
from backcare.vocabulary import Labels, current, gettext, gettext_noop
from backcare.worksheets import fonts
from backcare.worksheets.blocks import BulletList, ExerciseBlock, WrappedOnce, plain_text
from backcare.worksheets.figure import FigureMaker
from backcare.worksheets.frames import HeavyFrame, LogGrid
from backcare.worksheets.sheet import Sheet, SheetItem
from backcare.worksheets.text_runs import TextRun

PAPERS: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}
PAPER_LABELS = Labels({"a4": gettext_noop("A4"), "letter": gettext_noop("Letter")})

SIDE_MARGIN = 18 * mm
TOP_MARGIN = 16 * mm
BOTTOM_MARGIN = 12 * mm       # below the footer
FOOTER_GAP = 5 * mm           # between the text and the footer rule
PAGE_LABEL_WIDTH = 30 * mm    # room for "Page 10 of 10" beside the disclaimer
FIGURE_WIDTH = 55 * mm        # the most a figure may take; it keeps its own proportions
FIGURE_HEIGHT = 55 * mm
LOG_DAYS = 14
LOG_ROW_HEIGHT = 11.5 * mm
TICK_SIZE = 6 * mm            # the log's box to tick

# Streams are Flate-compressed binary, not ASCII85-wrapped as well: the wrapping only
# matters on 7-bit channels, makes a worksheet a quarter bigger and took a tenth of its
# build time. A ReportLab-wide setting; nothing else in backcare writes PDFs.
rl_config.useA85 = 0

INK = colors.black
RULE = colors.Color(0.55, 0.55, 0.55)
SHADE = colors.Color(0.93, 0.93, 0.93)


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    """The worksheet's paragraph styles: made once per process and only ever read."""
    base = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=12, leading=15.5,
                          textColor=INK, spaceAfter=0)

    def style(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "kicker": style("kicker", fontSize=11, leading=14, spaceAfter=2),
        "title": style("title", fontName=fonts.BOLD, fontSize=22, leading=27, spaceAfter=4),
        "subtitle": style("subtitle", fontSize=13, leading=17, spaceAfter=8),
        "label": style("label", fontName=fonts.BOLD, fontSize=12, leading=15.5, spaceBefore=6),
        "h2": style("h2", fontName=fonts.BOLD, fontSize=16, leading=20, spaceBefore=10,
                    spaceAfter=4),
        "phase": style("phase", fontName=fonts.BOLD, fontSize=13, leading=17, spaceBefore=10,
                       spaceAfter=8, backColor=SHADE, borderPadding=(3, 4, 3, 4)),
        "name": style("name", fontName=fonts.BOLD, fontSize=15, leading=19, spaceAfter=1),
        "dose": style("dose", fontName=fonts.BOLD, fontSize=13, leading=17),
        "quiet": style("quiet", fontSize=11, leading=14, spaceAfter=3),
        "caption": style("caption", fontSize=10, leading=12.5, spaceBefore=3),
        "cell": style("cell", fontSize=11, leading=13.5),
        "cellhead": style("cellhead", fontName=fonts.BOLD, fontSize=11, leading=13.5),
        "urgent": style("urgent", fontName=fonts.BOLD, fontSize=13, leading=17, spaceBefore=2),
        "footer": style("footer", fontSize=10, leading=12.5),
        "pageno": style("pageno", fontSize=10, leading=12.5, alignment=TA_RIGHT),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return plain_text(text, style)


def _bullets(lines: tuple[str, ...] | list[str], style: ParagraphStyle, *,
             numbered: bool = False) -> BulletList:
    labels = [f"{n}." if numbered else "•" for n in range(1, len(lines) + 1)]
    return BulletList([_p(line, style) for line in lines], labels, fonts.REGULAR,
                      style.fontSize, indent=16, space_before=1)


def _table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    """A table style in the worksheet's font (a table's own default is Helvetica 10)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                       ("FONTSIZE", (0, 0), (-1, -1), 11), *commands])


def _exercise_block(item: SheetItem, styles: dict[str, ParagraphStyle], width: float,
                    figure: FigureMaker | None, headings: list[Flowable],
                    stacked: bool) -> Flowable:
    """One exercise, kept on one page together with the ``headings`` just above it.

    The figure sits left of the text; ``stacked`` puts it above the text instead, so an
    exercise too long for one page (none is, today) can run on to the next.
    """
    ex = item.exercise
    text: list[Flowable] = [
        _p(f"{item.number}. {ex.name}", styles["name"]),
        _p(item.dose, styles["dose"]),
    ]
    return exercise_with_figure(ex, text, styles, figure, headings, stacked)


def exercise_with_figure(ex: Exercise, text: list[Flowable], styles: dict[str, ParagraphStyle],
                         figure: FigureMaker | None, headings: list[Flowable],
                         stacked: bool) -> Flowable:
    """An exercise's block on every sheet (a routine's, a program's): ``text`` (its name,
    dose, notes) then its position, steps and precautions, with its figure beside it (or
    above it when ``stacked``), kept together with the ``headings`` just above."""
    text = [*text, _p(ex.position_label, styles["quiet"]),
            _bullets(ex.steps, styles["body"], numbered=True)]
    if ex.precautions:
        text += [_p(gettext("Take care"), styles["label"]),
                 _bullets(ex.precautions, styles["body"])]
    key_frame = figure(ex, FIGURE_WIDTH, FIGURE_HEIGHT) if figure else None
    if key_frame is None:
        return KeepTogether([*headings, *text, Spacer(1, 5 * mm)])
    drawing: list[Flowable] = [key_frame.drawing]
    drawing += [_p(caption, styles["caption"]) for caption in key_frame.captions]
    if stacked:
        return KeepTogether([*headings, *drawing, Spacer(1, 2 * mm), *text, Spacer(1, 5 * mm)])
    return ExerciseBlock(headings, drawing, text, FIGURE_WIDTH, 5 * mm, 5 * mm)


def _log_page(sheet: Sheet, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    head = [gettext("Day"), gettext("Date"), gettext("Done"), gettext("Pain before\n(0–10)"),
            gettext("Pain after\n(0–10)"), gettext("Notes")]
    fixed = [13 * mm, 30 * mm, 16 * mm, 30 * mm, 30 * mm]
    widths = [*fixed, width - sum(fixed)]
    head_cells = [WrappedOnce(escape(h).replace("\n", "<br/>"), styles["cellhead"]) for h in head]
    table = LogGrid(head_cells, range(1, LOG_DAYS + 1), widths, LOG_ROW_HEIGHT, styles["cell"],
                    tick_size=TICK_SIZE, tick_column=2, ink=INK, shade=SHADE)
    if sheet.is_plan:
        title = gettext("{title} · fitted for you").format(title=sheet.title)
        how = gettext("Fill in one row each day you do your plan: the date, a tick, and your "
                      "pain just before and just after, from 0 (no pain at all) to 10 (the "
                      "worst pain you can imagine).")
    else:
        title = sheet.title
        how = gettext("Fill in one row each day you do this routine: the date, a tick, and "
                      "your pain just before and just after, from 0 (no pain at all) to 10 "
                      "(the worst pain you can imagine).")
    return [
        PageBreak(),
        _p(gettext("Two-week log"), styles["h2"]),
        _p(title, styles["quiet"]),
        _p(how, styles["body"]),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 4 * mm),
        _p(gettext("If your pain is getting worse from one week to the next, or something new "
                   "worries you, stop and talk to your healthcare provider."), styles["body"]),
    ]


def _urgent_box(sheet: Sheet, styles: dict[str, ParagraphStyle], width: float) -> Flowable:
    """"Get help now if…": the emergency signs and what to do, in a heavy frame."""
    help_ = sheet.urgent_help
    rows: list[Flowable] = [_p(help_.title, styles["urgent"]), _bullets(help_.signs, styles["cell"]),
                            _p(help_.action, styles["cellhead"])]
    return HeavyFrame(rows, rule=2.5, pad=8, pad_below=6, space_below=3 * mm, ink=INK)


def _intro(sheet: Sheet, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    out: list[Flowable] = [
        _p(gettext("backcare · printable worksheet"), styles["kicker"]),
        _p(sheet.title, styles["title"]),
        _p(sheet.subtitle, styles["subtitle"]),
    ]
    if sheet.is_plan:
        box: list[Flowable] = [_p(gettext("Fitted for you"), styles["h2"]),
                               _bullets(sheet.fitted, styles["body"])]
        box.append(_p(gettext("What changed from the routine"), styles["label"]))
        if sheet.changes:
            box.append(_bullets(sheet.changes, styles["body"]))
        else:
            box.append(_p(gettext("Nothing: this is the routine as published."),
                          styles["body"]))
        # one row per flowable, so a long list of changes can run on to the next page
        frame = Table([[f] for f in box], colWidths=[width])
        frame.setStyle(_table_style([
            ("BOX", (0, 0), (-1, -1), 1, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, 0), 6),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
        ]))
        out.append(frame)
    else:
        out += [_p(gettext("Who it suits"), styles["label"]), _p(sheet.suits, styles["body"])]
    out += [
        _p(gettext("How to use this sheet"), styles["label"]),
        _p(gettext("Do the exercises in the order shown, slowly and without pushing into "
                   "pain. Afterwards, fill in a row of the two-week log on the last page."),
           styles["body"]),
        Spacer(1, 3 * mm),
        _urgent_box(sheet, styles, width),
    ]
    return out


def _story(sheet: Sheet, width: float, figure: FigureMaker | None,
           stacked: bool) -> list[Flowable]:
    styles = _styles()
    story = _intro(sheet, styles, width)
    # Headings travel with the exercise below them, so none is left alone at a page's foot.
    headings: list[Flowable] = [_p(gettext("The exercises"), styles["h2"])]
    phase = ""
    for item in sheet.items:
        if item.phase and item.phase != phase:
            phase = item.phase
            headings.append(_p(phase, styles["phase"]))
        story.append(_exercise_block(item, styles, width, figure, headings, stacked))
        headings = []
    story += _log_page(sheet, styles, width)
    return story


class _Footer:
    """The short disclaimer at the foot of every page, "Page X of Y" on its first line."""

    def __init__(self, text: str, styles: dict[str, ParagraphStyle], left: float,
                 width: float) -> None:
        self.left = left
        self.width = width
        self.disclaimer = _p(text, styles["footer"])
        _, self.height = self.disclaimer.wrap(width - PAGE_LABEL_WIDTH, 10_000)
        self.page_style = styles["pageno"]

    def draw_disclaimer(self, canv: Canvas) -> None:
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        top = BOTTOM_MARGIN + self.height + 2 * mm
        canv.line(self.left, top, self.left + self.width, top)
        text = TextRun(canv)
        text.draw(self.disclaimer, self.left, BOTTOM_MARGIN)
        text.close()
        canv.restoreState()

    def draw_page_number(self, canv: Canvas, page: int, total: int) -> None:
        label = _p(gettext("Page {page} of {total}").format(page=page, total=total),
                   self.page_style)
        _, line = label.wrap(PAGE_LABEL_WIDTH, 100)
        label.drawOn(canv, self.left + self.width - PAGE_LABEL_WIDTH,
                     BOTTOM_MARGIN + self.height - line)


def _numbered_canvas(footer: _Footer, pages: list[int]) -> Callable[..., Canvas]:
    class NumberedCanvas(Canvas):
        """Keeps every page until save(), then writes "Page X of Y" on each."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # ReportLab's page reset

        def save(self) -> None:
            total = len(self._pages)
            pages.append(total)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                footer.draw_page_number(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int


def render_pdf(sheet: Sheet, paper: str = "a4", figure: FigureMaker | None = None) -> Rendered:
    """The worksheet as PDF bytes on ``paper`` ("a4" or "letter")."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    fonts.register_fonts()
    try:
        return _render(sheet, paper, figure, stacked=False)
    except LayoutError:
        # an exercise beside its figure is taller than a page: set figures above the text
        return _render(sheet, paper, figure, stacked=True)


def _render(sheet: Sheet, paper: str, figure: FigureMaker | None, *, stacked: bool) -> Rendered:
    page_width, page_height = PAPERS[paper]
    width = page_width - 2 * SIDE_MARGIN
    styles = _styles()
    footer = _Footer(sheet.disclaimer, styles, SIDE_MARGIN, width)
    bottom = BOTTOM_MARGIN + footer.height + 2 * mm + FOOTER_GAP
    frame = Frame(SIDE_MARGIN, bottom, width, page_height - TOP_MARGIN - bottom,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    buffer = io.BytesIO()
    if sheet.is_plan:
        title = gettext("{title} (fitted for you): printable worksheet")
    else:
        title = gettext("{title}: printable worksheet")
    doc = BaseDocTemplate(
        buffer, pagesize=(page_width, page_height), invariant=1, lang=current(),
        initialFontName=fonts.REGULAR, initialFontSize=12, initialLeading=15.5,
        title=title.format(title=sheet.title), author="backcare",
        subject=gettext("Exercises to do at home, with a two-week log"), creator="backcare",
        leftMargin=SIDE_MARGIN, rightMargin=SIDE_MARGIN, topMargin=TOP_MARGIN,
        bottomMargin=bottom,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame],
                                       onPage=lambda canv, _doc: footer.draw_disclaimer(canv))])
    pages: list[int] = []
    doc.build(_story(sheet, width, figure, stacked), canvasmaker=_numbered_canvas(footer, pages))
    return Rendered(buffer.getvalue(), pages[-1])
