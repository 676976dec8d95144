"""The worksheet's typeface: Bitstream Vera, which ships inside ReportLab itself.

TrueType fonts are always embedded (as subsets) in the PDF, so a worksheet prints the same
everywhere, and no system font package is needed. Registered once per process.
"""

from __future__ import annotations

import threading
from pathlib import Path

import reportlab
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(reportlab.__file__).resolve().parent / "fonts"
REGULAR = "BackcareSans"
BOLD = "BackcareSans-Bold"
ITALIC = "BackcareSans-Italic"
BOLD_ITALIC = "BackcareSans-BoldItalic"
_FILES = {REGULAR: "Vera.ttf", BOLD: "VeraBd.ttf", ITALIC: "VeraIt.ttf", BOLD_ITALIC: "VeraBI.ttf"}
_lock = threading.Lock()
_done = False


def register_fonts() -> None:
    """Register the four faces and their family (bold/italic mapping) with ReportLab."""
    global _done
    if _done:
        return
    with _lock:
        if _done:
            return
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, ITALIC)
        addMapping(REGULAR, 1, 1, BOLD_ITALIC)
        _done = True


def missing_glyphs(text: str) -> set[str]:
    """Characters of ``text`` the regular face cannot draw (they would print as boxes)."""
    register_fonts()
    face = pdfmetrics.getFont(REGULAR).face  # type: ignore[attr-defined]  # TTFont has it; stubs lack it
    return {ch for ch in text if not ch.isspace() and ord(ch) not in face.charToGlyph}
