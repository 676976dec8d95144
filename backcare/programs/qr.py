"""QR codes for a program's share link: an SVG to put in a page, and the module matrix the
program worksheet draws with ReportLab.

Made with segno (a QR code, never a micro QR; error correction level M, enough for a
printed sheet that gets a little creased). The SVG has no XML declaration, so it can sit
inside an HTML page as it is, and carries a ``<title>`` naming what it opens.
"""

from __future__ import annotations

import io

import segno

from backcare.vocabulary import gettext

#: The quiet zone around the code, in modules (the standard asks for four).
BORDER = 4
#: Pixels a module takes in the SVG: 33 modules + the border come to about 200 px.
SCALE = 5


def _code(url: str) -> segno.QRCode:
    return segno.make_qr(url, error="m", boost_error=False)


def qr_svg(url: str, title: str | None = None) -> str:
    """The QR code of ``url`` as inline-safe SVG (no XML declaration), with a title
    (``title``, else one saying it opens the program), black on white."""
    out = io.BytesIO()
    _code(url).save(out, kind="svg", xmldecl=False, scale=SCALE, border=BORDER,
                    dark="#000", light="#fff", svgclass="qr-code",
                    title=title if title is not None else gettext("QR code: opens the program"))
    return out.getvalue().decode("utf-8")


def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code of ``url`` as rows of modules (True = dark), without the quiet zone."""
    return tuple(tuple(bool(module) for module in row)
                 for row in _code(url).matrix_iter(scale=1, border=0))
