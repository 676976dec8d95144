"""/p/<share_key>/qr.svg and /p/<share_key>/worksheet.pdf."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import segno
from django.test import Client
from pypdf import PdfReader

from backcare.programs.models import Program
from backcare.programs.qr import qr_matrix, qr_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_the_qr_code_is_svg_made_from_the_programs_link(program: Program) -> None:
    response = Client().get(f"/p/{program.share_key}/qr.svg")  # no screen needed: it is a link
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    text = response.content.decode()
    assert not text.startswith("<?xml")  # fit to put inside a page as it is
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text == "QR code that opens this program"
    link = f"http://testserver/p/{program.share_key}/"
    assert text == qr_svg(link, title="QR code that opens this program")
    assert Client().get("/p/no-such-key/qr.svg").status_code == 404


def test_the_matrix_is_segnos_for_the_link() -> None:
    link = "https://backcare.example/p/abc/"
    code = segno.make_qr(link, error="m", boost_error=False)
    expected = [tuple(bool(m) for m in row) for row in code.matrix_iter(scale=1, border=0)]
    assert list(qr_matrix(link)) == expected
    assert "<title>QR code: opens the program</title>" in qr_svg(link)


def test_the_worksheet_needs_the_screen(program: Program) -> None:
    response = Client().get(f"/p/{program.share_key}/worksheet.pdf")
    assert response.status_code == 302 and response["Location"].startswith("/screen/")


def pdf_text(content: bytes) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(content)).pages)


def test_the_worksheet_holds_the_program(program: Program, screened: Client) -> None:
    response = screened.get(f"/p/{program.share_key}/worksheet.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "private" in response["Cache-Control"]
    text = " ".join(pdf_text(response.content).split())
    for expected in ("Evening back care", "Carol Ames", "Clinic North",
                     "Slow and easy. Stop if it pinches.", "Pelvic tilt", "Bridge", "Cat/cow",
                     "6 times · about 7 s each", "8 times", "5 times", "Breathe out as you tilt.",
                     "Your therapist chose this for you.", "Two-week log", "Get help now"):
        assert expected in text, expected
    code = program.code
    assert f"{code[:4]}-{code[4:]}" in text and "http://testserver/p/" in text
    assert text.count("Your therapist chose this for you.") == 1


def test_the_worksheet_on_letter_and_a_bad_paper(program: Program, screened: Client) -> None:
    letter = screened.get(f"/p/{program.share_key}/worksheet.pdf?paper=letter")
    assert letter.status_code == 200
    box = PdfReader(io.BytesIO(letter.content)).pages[0].mediabox
    assert round(float(box.width)) == 612
    assert screened.get(f"/p/{program.share_key}/worksheet.pdf?paper=a3").status_code == 400


def test_the_worksheet_in_spanish(program: Program, screened: Client) -> None:
    response = screened.get(f"/es/p/{program.share_key}/worksheet.pdf")
    assert response.status_code == 200
    assert "Clinic North" in pdf_text(response.content)
