"""Worksheet test helpers: read a PDF's text with pypdf and render a page with pdftoppm."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def squash(text: str) -> str:
    """Whitespace collapsed, so a phrase wrapped over two lines still matches."""
    return re.sub(r"\s+", " ", text).strip()


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text with whitespace collapsed."""
    return [squash(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def page_lines(pdf: bytes) -> list[list[str]]:
    """Each page's text as stripped lines (pypdf's line breaks)."""
    return [[line.strip() for line in page.extract_text().splitlines() if line.strip()]
            for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def pdftoppm() -> str:
    found = shutil.which("pdftoppm")
    if found is None:
        message = "pdftoppm (Debian poppler-utils) is not installed"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found


def render_gray(pdf: bytes, tmp_path: Path, page: int = 1, dpi: int = 50) -> tuple[int, int, bytes]:
    """One page as 8-bit grey pixels (width, height, bytes), via pdftoppm's PGM output."""
    source = tmp_path / "sheet.pdf"
    source.write_bytes(pdf)
    subprocess.run([pdftoppm(), "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", str(source), str(tmp_path / "page")], check=True)
    data = (tmp_path / "page.pgm").read_bytes()
    # binary PGM: "P5" <width> <height> <maxval> then one byte per pixel
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert match, "pdftoppm did not write a binary PGM"
    width, height, maxval = (int(g) for g in match.groups())
    assert maxval == 255
    pixels = data[match.end():]
    assert len(pixels) == width * height
    return width, height, pixels
