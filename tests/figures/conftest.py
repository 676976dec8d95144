"""Shared bits for the figure tests: the real library's exercises, a chromium, a PNG reader."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any

import pytest

from backcare.content import load_library

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = load_library(ROOT / "content")
SLUGS = sorted(LIBRARY.exercises)

@pytest.fixture(scope="session")
def chromium(browser: Any) -> Any:
    """The session's one chromium (tests/conftest.py)."""
    return browser


def decode_png(data: bytes) -> tuple[int, int, int, bytes]:
    """(width, height, bytes per pixel, raw unfiltered pixel rows) of an 8-bit RGB/RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks, header = 8, [], b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6), f"unsupported PNG: depth {depth}, colour {colour}"
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * bpp
    out = bytearray()
    prev = bytearray(stride)
    i = 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out += line
        prev = line
    return width, height, bpp, bytes(out)


def inked_pixels(png: bytes) -> int:
    """How many pixels are clearly not the white background."""
    width, height, bpp, pixels = decode_png(png)
    return sum(
        1 for k in range(0, width * height * bpp, bpp)
        if min(pixels[k], pixels[k + 1], pixels[k + 2]) < 200
    )
