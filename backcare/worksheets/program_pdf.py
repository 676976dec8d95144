"""A clinician's program as a printable PDF, laid out like the routines' worksheets.

The first page: the program's title and length, who made it where and when it was last
updated, how many days a week, the clinician's note, what is left out for now, the QR code
of the program's link (drawn module by module with ReportLab rectangles, so any phone can
scan it from paper) with its code, and the "Get help now if…" box. Then each exercise with
its figure, dose, the clinician's note for it and "Your therapist chose this for you."
where that is so; then a two-week log. Every page has the short disclaimer and "Page X of
Y" in its footer, as the routine sheets (:mod:`backcare.worksheets.pdf`, whose styles,
footer and blocks this reuses). Plain Python.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
)
from reportlab.platypus.doctemplate import LayoutError

from backcare.content import Library
from backcare.vocabulary import current, gettext, use
from backcare.worksheets import CACHE, LAYOUT_VERSION, Worksheet, check_paper
from backcare.worksheets.blocks import WrappedOnce
from backcare.worksheets.cache import LRUCache
from backcare.worksheets.figure import FigureMaker, figure_maker
from backcare.worksheets.fonts import register_fonts
from backcare.worksheets.frames import HeavyFrame, LogGrid
from backcare.worksheets.pdf import (
    BOTTOM_MARGIN,
    FOOTER_GAP,
    INK,
    LOG_DAYS,
    LOG_ROW_HEIGHT,
    PAPERS,
    SHADE,
    SIDE_MARGIN,
    TICK_SIZE,
    TOP_MARGIN,
    _bullets,
    _Footer,
    _numbered_canvas,
    _p,
    _styles,
    _table_style,
    exercise_with_figure,
)
from backcare.worksheets.program_sheet import ProgramSheet, ProgramSheetItem

#: The QR code's side on paper: about 33 mm, which a phone reads from arm's length.
QR_SIDE = 33 * mm
#: The white margin around the code, in modules (the standard's quiet zone).
QR_QUIET = 4


class QrCode(Flowable):
    """A QR code from its module matrix (dark = True), ``side`` points square with its
    quiet zone, drawn as black rectangles (one per run of dark modules in a row)."""

    def __init__(self, matrix: tuple[tuple[bool, ...], ...], side: float) -> None:
        super().__init__()
        self._matrix = matrix
        self.width = self.height = side

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        count = len(self._matrix)
        if not count:
            return
        module = self.width / (count + 2 * QR_QUIET)
        canv = self.canv
        canv.saveState()
        canv.setFillColor(INK)
        for row_number, row in enumerate(self._matrix):
            y = self.height - (QR_QUIET + row_number + 1) * module
            column = 0
            while column < count:
                if not row[column]:
                    column += 1
                    continue
                start = column
                while column < count and row[column]:
                    column += 1
                canv.rect((QR_QUIET + start) * module, y, (column - start) * module, module,
                          stroke=0, fill=1)
        canv.restoreState()


def _paragraphs(text: str, style: ParagraphStyle) -> list[Flowable]:
    return [_p(line, style) for line in text.splitlines() if line.strip()]


def _qr_box(sheet: ProgramSheet, styles: dict[str, ParagraphStyle], width: float) -> Flowable:
    text: list[Flowable] = [
        _p(gettext("Open it on your phone"), styles["label"]),
        _p(gettext("Scan this code with your phone's camera to open your program. Or go "
                   "to {page} and type its code:").format(page=sheet.code_page), styles["body"]),
        _p(sheet.code, styles["title"]),
    ]
    table = Table([[QrCode(sheet.qr, QR_SIDE), text]],
                  colWidths=[QR_SIDE + 6 * mm, width - QR_SIDE - 6 * mm])
    table.setStyle(_table_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("BOX", (0, 0), (-1, -1), 0.75, INK),
                                 ("LEFTPADDING", (1, 0), (1, 0), 4)]))
    return table


def _intro(sheet: ProgramSheet, styles: dict[str, ParagraphStyle],
           width: float) -> list[Flowable]:
    out: list[Flowable] = [
        _p(gettext("backcare · printable worksheet"), styles["kicker"]),
        _p(sheet.title, styles["title"]),
        _p(sheet.subtitle, styles["subtitle"]),
        _p(sheet.made_by, styles["body"]),
        _p(sheet.days, styles["body"]),
    ]
    if sheet.note.strip():
        out += [_p(sheet.note_heading, styles["label"]), *_paragraphs(sheet.note, styles["body"])]
    if sheet.advice:
        out += [_p(gettext("Keep in mind"), styles["label"]), _bullets(sheet.advice, styles["body"])]
    if sheet.left_out:
        out += [_p(gettext("Left out for now"), styles["label"]),
                _bullets(sheet.left_out, styles["body"])]
    help_ = sheet.urgent_help
    out += [
        Spacer(1, 3 * mm),
        _qr_box(sheet, styles, width),
        _p(gettext("How to use this sheet"), styles["label"]),
        _p(gettext("Do the exercises in the order shown, slowly and without pushing into "
                   "pain. Afterwards, fill in a row of the two-week log on the last page."),
           styles["body"]),
        Spacer(1, 3 * mm),
        HeavyFrame([_p(help_.title, styles["urgent"]), _bullets(help_.signs, styles["cell"]),
                    _p(help_.action, styles["cellhead"])],
                   rule=2.5, pad=8, pad_below=6, space_below=3 * mm, ink=INK),
    ]
    return out


def _exercise(item: ProgramSheetItem, styles: dict[str, ParagraphStyle], figure: FigureMaker | None,
              headings: list[Flowable], stacked: bool) -> Flowable:
    ex = item.exercise
    text: list[Flowable] = [_p(f"{item.number}. {ex.name}", styles["name"]),
                            _p(item.dose, styles["dose"])]
    if item.chosen:
        text.append(_p(item.chosen, styles["label"]))
    if item.caution:
        text.append(_p(item.caution, styles["body"]))
    if item.note:
        text += [_p(gettext("From your therapist"), styles["label"]),
                 *_paragraphs(item.note, styles["body"])]
    return exercise_with_figure(ex, text, styles, figure, headings, stacked)


def _log_page(sheet: ProgramSheet, styles: dict[str, ParagraphStyle],
              width: float) -> list[Flowable]:
    head = [gettext("Day"), gettext("Date"), gettext("Done"), gettext("Pain before\n(0–10)"),
            gettext("Pain after\n(0–10)"), gettext("Notes")]
    fixed = [13 * mm, 30 * mm, 16 * mm, 30 * mm, 30 * mm]
    head_cells = [WrappedOnce(escape(h).replace("\n", "<br/>"), styles["cellhead"]) for h in head]
    return [
        PageBreak(),
        _p(gettext("Two-week log"), styles["h2"]),
        _p(sheet.title, styles["quiet"]),
        _p(gettext("Fill in one row each day you do your program: the date, a tick, and your "
                   "pain just before and just after, from 0 (no pain at all) to 10 (the worst "
                   "pain you can imagine)."), styles["body"]),
        Spacer(1, 4 * mm),
        LogGrid(head_cells, range(1, LOG_DAYS + 1), [*fixed, width - sum(fixed)],
                LOG_ROW_HEIGHT, styles["cell"], tick_size=TICK_SIZE, tick_column=2, ink=INK,
                shade=SHADE),
        Spacer(1, 4 * mm),
        _p(gettext("If your pain is getting worse from one week to the next, or something new "
                   "worries you, stop and talk to your healthcare provider."), styles["body"]),
    ]


def _render(sheet: ProgramSheet, paper: str, figure: FigureMaker | None, *,
            stacked: bool) -> tuple[bytes, int]:
    page_width, page_height = PAPERS[paper]
    width = page_width - 2 * SIDE_MARGIN
    styles = _styles()
    footer = _Footer(sheet.disclaimer, styles, SIDE_MARGIN, width)
    bottom = BOTTOM_MARGIN + footer.height + 2 * mm + FOOTER_GAP
    frame = Frame(SIDE_MARGIN, bottom, width, page_height - TOP_MARGIN - bottom,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=(page_width, page_height), invariant=1, lang=current(),
        title=gettext("{title}: printable worksheet").format(title=sheet.title),
        author="backcare", creator="backcare",
        subject=gettext("Exercises to do at home, with a two-week log"),
        leftMargin=SIDE_MARGIN, rightMargin=SIDE_MARGIN, topMargin=TOP_MARGIN,
        bottomMargin=bottom)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame],
                                       onPage=lambda canv, _doc: footer.draw_disclaimer(canv))])
    story = _intro(sheet, styles, width)
    headings: list[Flowable] = [_p(gettext("The exercises"), styles["h2"])]
    for item in sheet.items:
        story.append(_exercise(item, styles, figure, headings, stacked))
        headings = []
    story += _log_page(sheet, styles, width)
    pages: list[int] = []
    doc.build(story, canvasmaker=_numbered_canvas(footer, pages))
    return buffer.getvalue(), pages[-1]


def render_program_pdf(sheet: ProgramSheet, paper: str = "a4",
                       figure: FigureMaker | None = None) -> tuple[bytes, int]:
    """The program's worksheet as PDF bytes and its number of pages."""
    register_fonts()
    try:
        return _render(sheet, paper, figure, stacked=False)
    except LayoutError:  # an exercise beside its figure is taller than a page
        return _render(sheet, paper, figure, stacked=True)


def program_cache_key(library: Library, sheet: ProgramSheet, paper: str, language: str) -> str:
    """``wsp<layout>-<language>-<content hash>-<sheet hash>-<paper>``: the sheet's every word
    is in its hash, so an edit, a hurt mark or another link makes another key."""
    digest = hashlib.sha256(repr(sheet).encode()).hexdigest()[:16]
    content = library.content_hash[:16] if library.content_hash else "unhashed"
    return f"wsp{LAYOUT_VERSION}-{language}-{content}-{digest}-{paper}"


def program_worksheet(library: Library, make_sheet: Callable[[Library], ProgramSheet], paper: str = "a4", *,
                      filename: str = "program-worksheet", language: str | None = None,
                      cache: LRUCache[Worksheet] | None = CACHE) -> Worksheet:
    """The worksheet of the sheet ``make_sheet()`` makes (called in the worksheet's
    language, with ``library`` in that language), on ``paper``. ValueError for a paper
    that is not a4 or letter; PlanError when nothing in the program is left to play."""
    paper = check_paper(paper)
    with use(language or current()) as code:
        sheet = make_sheet(library.in_language(code))
        key = program_cache_key(library, sheet, paper, code)

        def build() -> Worksheet:
            with use(code):
                pdf, pages = render_program_pdf(sheet, paper, figure_maker())
            return Worksheet(key=key, filename=f"{filename}-{paper}.pdf", paper=paper,
                             pages=pages, pdf=pdf)

        if cache is None or not library.content_hash:
            return build()
        return cache.get_or_make(key, build)
