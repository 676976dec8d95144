"""The worksheet's typeface: Bitstream Vera, which ships inside ReportLab itself.

TrueType fonts are always embedded (as subsets) in the PDF, so a worksheet prints the same
everywhere, and no system font package is needed. Registered once per process.

Each face remembers the width of every word it has measured (:class:`MeasuringFont`):
breaking a paragraph into lines measures each of its words, ReportLab does it in pure
Python a character at a time, and every worksheet uses the same few thousand words.
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
#: Widths remembered per face; past this many the face starts again from none.
MEASURED_MAX = 50_000


class MeasuringFont(TTFont):
    """A TrueType face that remembers what each (text, size) measured: the same number
    ReportLab's own measure gives, since it is that measure, made once."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._widths: dict[tuple[str, float], float] = {}

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:  # noqa: N802
        key = (text, size)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) >= MEASURED_MAX:
                self._widths = {}
            width = self._widths[key] = super().stringWidth(text, size, encoding)
        return width



def register_fonts() -> None:
    """Register the four faces and their family (bold/italic mapping) with ReportLab."""
    global _done
    if _done:
        return
    with _lock:
        if _done:
            return
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(MeasuringFont(name, str(FONT_DIR / filename)))
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
