"""A routine's worksheet, read back from the PDF the way a printer or a reader would."""

from __future__ import annotations

import re

import pytest

from backcare.content import Library
from backcare.worksheets import fonts, routine_worksheet
from backcare.worksheets.pdf import PAPERS
from backcare.worksheets.wording import dose_text

from .conftest import page_lines, page_texts, reader, render_gray, squash

ROUTINES = (
    "10-best-lower-back-exercises", "back-pain-relief-exercises-stretches",
    "back-pain-relief-stretches-5-minute-real-time-routine", "dont-crack-your-back",
    "lower-back-pain-back-flexion-stretches", "seated-back-pain-relief-stretches",
    "upper-back-pain-exercises-stretches",
)


def test_every_routine_is_covered(library: Library) -> None:
    assert set(ROUTINES) == set(library.routines)


@pytest.mark.parametrize("slug", ROUTINES)
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_worksheet_has_every_exercise_its_dose_and_the_disclaimer(
    library: Library, slug: str, paper: str
) -> None:
    sheet = routine_worksheet(library, slug, paper, cache=None)
    pages = page_texts(sheet.pdf)
    text = " ".join(pages)
    routine = library.routines[slug]
    assert squash(routine.title) in text
    assert squash(routine.suits) in text
    for number, item in enumerate(library.dosed(routine), start=1):
        assert f"{number}. {item.exercise.name}" in text
        assert dose_text(item.dose, item.exercise) in text
        for step in item.exercise.steps:
            assert squash(step) in text
        for precaution in item.exercise.precautions:
            assert squash(precaution) in text
    # the short disclaimer and "Page X of Y" are in the footer of every page
    disclaimer = squash(library.site.disclaimer_short)
    assert len(pages) >= 2
    assert sheet.pages == len(pages)
    for number, page in enumerate(pages, start=1):
        assert disclaimer in page, f"page {number} has no disclaimer"
        assert f"Page {number} of {len(pages)}" in page
        assert re.findall(r"Page \d+ of (\d+)", page) == [str(len(pages))]


def test_doses_are_worded_like_the_reference_sheet(library: Library) -> None:
    text = " ".join(page_texts(routine_worksheet(library, "10-best-lower-back-exercises",
                                                 cache=None).pdf))
    assert "Hold 30 s · 3 times · each side" in text  # single knee to chest
    assert "10 times · hold 5 s" in text               # bridge


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_two_week_log_has_a_page_of_its_own(library: Library, paper: str) -> None:
    slug = "10-best-lower-back-exercises"
    lines = page_lines(routine_worksheet(library, slug, paper, cache=None).pdf)
    last = lines[-1]
    assert "Two-week log" in last
    assert not any("Two-week log" in line for page in lines[:-1] for line in page)
    # 14 numbered rows, and the column heads
    days = [line for line in last if re.fullmatch(r"\d{1,2}", line)]
    assert days == [str(d) for d in range(1, 15)]
    joined = " ".join(last)
    for head in ("Day", "Date", "Done", "Pain before", "Pain after", "Notes"):
        assert head in joined
    # no exercise is on the log page
    names = {ex.name for ex in library.exercises.values()}
    assert not any(re.fullmatch(rf"\d+\. {re.escape(n)}", line) for n in names for line in last)


def test_a4_and_letter_have_their_own_page_size(library: Library) -> None:
    slug = "lower-back-pain-back-flexion-stretches"
    for paper, (width, height) in PAPERS.items():
        pdf = reader(routine_worksheet(library, slug, paper, cache=None).pdf)
        for page in pdf.pages:
            assert float(page.mediabox.width) == pytest.approx(width, abs=0.01)
            assert float(page.mediabox.height) == pytest.approx(height, abs=0.01)
    a4 = reader(routine_worksheet(library, slug, "a4", cache=None).pdf).pages[0].mediabox
    letter = reader(routine_worksheet(library, slug, "letter", cache=None).pdf).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)


def _content_streams(pdf: bytes) -> list[bytes]:
    out = []
    for page in reader(pdf).pages:
        contents = page.get_contents()
        assert contents is not None
        out.append(contents.get_data())
    return out


def test_fonts_are_embedded_and_text_is_never_below_10_pt(library: Library) -> None:
    pdf = routine_worksheet(library, "dont-crack-your-back", cache=None).pdf
    seen = 0
    for page in reader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert font["/Subtype"] == "/TrueType", font["/BaseFont"]
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
            seen += 1
    assert seen
    sizes = [float(size) for stream in _content_streams(pdf)
             for size in re.findall(rb"/F[\w+]+ ([\d.]+) Tf", stream)]
    assert sizes and min(sizes) >= 10


def test_text_is_real_selectable_text(library: Library) -> None:
    # the text comes out of the PDF, not from an image: a text operator draws each line
    streams = b"".join(_content_streams(routine_worksheet(library, "dont-crack-your-back",
                                                          cache=None).pdf))
    assert streams.count(b" Tj") + streams.count(b" TJ") > 100
    assert b"/Image" not in streams


def test_same_input_gives_the_same_bytes(library: Library) -> None:
    slug = "back-pain-relief-exercises-stretches"
    first = routine_worksheet(library, slug, "letter", cache=None).pdf
    second = routine_worksheet(library, slug, "letter", cache=None).pdf
    assert first == second
    assert b"D:20000101000000" in first  # invariant mode: no build date in the file


def test_metadata_names_the_routine(library: Library) -> None:
    slug = "seated-back-pain-relief-stretches"
    meta = reader(routine_worksheet(library, slug, cache=None).pdf).metadata
    assert meta is not None
    assert library.routines[slug].title in (meta.title or "")
    assert meta.author == "backcare"


def test_the_font_can_draw_every_character_in_the_content(library: Library) -> None:
    texts = [library.site.disclaimer_short]
    for ex in library.exercises.values():
        texts += [ex.name, *ex.steps, *ex.precautions]
    for routine in library.routines.values():
        texts += [routine.title, routine.suits, *(p.name for p in routine.phases)]
    assert fonts.missing_glyphs(" ".join(texts)) == set()


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_first_page_renders_with_ink_on_it(library: Library, tmp_path, paper: str) -> None:
    pdf = routine_worksheet(library, "10-best-lower-back-exercises", paper, cache=None).pdf
    width, height, pixels = render_gray(pdf, tmp_path)
    inked = sum(1 for p in pixels if p < 200)
    share = inked / (width * height)
    assert 0.02 < share < 0.5, f"{share:.1%} of the first page is ink"
    # ink near the top (the title) and at the foot (the footer), nothing cut at the edges
    rows = [pixels[y * width:(y + 1) * width] for y in range(height)]
    inked_rows = [y for y, row in enumerate(rows) if any(p < 128 for p in row)]
    assert inked_rows[0] < height * 0.12
    assert inked_rows[-1] > height * 0.9
    edge = max(2, width // 50)
    for row in rows:
        assert min(row[:edge]) > 200 and min(row[-edge:]) > 200, "ink touches the page edge"


def test_pages_are_compressed(library: Library) -> None:
    # ReportLab compresses page streams by default; a worksheet stays small to download
    pdf = routine_worksheet(library, "10-best-lower-back-exercises", cache=None).pdf
    assert b"/FlateDecode" in pdf
    assert len(pdf) < 200_000


def test_an_exercise_longer_than_a_page_still_prints(library: Library) -> None:
    # no exercise is this long today; the layout must not fail when one is
    from dataclasses import replace

    from backcare.worksheets.figure import figure_maker
    from backcare.worksheets.pdf import render_pdf
    from backcare.worksheets.sheet import routine_sheet

    sheet = routine_sheet(library, "back-pain-relief-exercises-stretches")
    long_steps = tuple(f"Step {n}: " + "breathe out slowly and let the stretch settle. " * 4
                       for n in range(1, 31))
    first = sheet.items[0]
    huge = replace(first, exercise=first.exercise.model_copy(update={"steps": long_steps}))
    rendered = render_pdf(replace(sheet, items=(huge, *sheet.items[1:])), "a4", figure_maker())
    text = " ".join(page_texts(rendered.pdf))
    assert "Step 30: breathe out slowly" in text
    assert rendered.pages == len(page_texts(rendered.pdf)) >= 3


def test_precautions_are_bulleted_and_steps_numbered(library: Library) -> None:
    worksheet = routine_worksheet(library, "dont-crack-your-back", "a4")
    text = "\n".join(page_texts(worksheet.pdf))
    precaution = library.exercises["prone-props"].precautions[0]
    assert re.search(r"•\s*" + re.escape(precaution.split()[0]), text), "precautions lose their bullets"
    first_step = library.exercises["bridge"].steps[0]
    assert re.search(r"1\.\s*" + re.escape(first_step.split()[0]), text), "steps lose their numbers"
