"""What counts as plain text in content, and how untrusted text is quoted or shown safely.

Content text ends up in web pages, PDFs and the terminal. A terminal obeys control
characters (ESC starts a command that can clear the screen or retitle the window) and
bidirectional-override characters can make text read differently from what it holds, so
neither may appear in content. The same rules make error messages safe to print: a problem
message quotes at most ``QUOTE_CHARS`` characters of a bad value, escaped.
"""

from __future__ import annotations

import re
import unicodedata

#: The longest text one content value may hold (the schema's own limits are lower still).
MAX_TEXT_CHARS = 4000
#: How much of a bad value a problem message quotes.
QUOTE_CHARS = 80

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
#: Printable to a terminal only as an escape, even inside JSON (which escapes U+0000-U+001F).
BEYOND_JSON_ESCAPES = f"\x7f-\x9f{_BIDI}\u2028\u2029\ufeff\ud800-\udfff"
#: Never allowed in content text. A newline is (block text); a tab is not (no content uses one).
_NOT_PLAIN = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI}\u2028\u2029\ufeff]")
#: Never printed as is: the above, a newline, and lone surrogates (undecodable file names).
_UNSAFE_IN_A_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\u2028\u2029\ufeff\ud800-\udfff]")
_UNSAFE_IN_TEXT = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI}\u2028\u2029\ufeff\ud800-\udfff]")

_NAMES = {
    0x00: "null", 0x07: "bell", 0x08: "backspace", 0x09: "tab", 0x0A: "line feed",
    0x0B: "vertical tab", 0x0C: "form feed", 0x0D: "carriage return", 0x1B: "escape",
    0x7F: "delete", 0x85: "next line", 0x9B: "control sequence introducer",
}


def character_name(char: str) -> str:
    """``U+001B (escape)``: the code point and a readable name."""
    code = ord(char)
    name = _NAMES.get(code) or unicodedata.name(char, "").lower()
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


def text_problem(text: str) -> str | None:
    """Why ``text`` is not plain text, or None when it is."""
    if len(text) > MAX_TEXT_CHARS:
        return f"is {len(text):,} characters long; the limit is {MAX_TEXT_CHARS:,}"
    found = _NOT_PLAIN.search(text)
    if found is None:
        return None
    char = found.group()
    if char == "\t":
        return "contains a tab (U+0009); use spaces"
    kind = "control character" if unicodedata.category(char) == "Cc" else "invisible character"
    return f"contains the {kind} {character_name(char)}; only plain text is allowed"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control, bidi and undecodable character written as an escape.

    ESC becomes the four characters ``\\x1b``, so printing the result can never send the
    terminal a command. Newlines are kept only when ``multiline``.
    """
    return (_UNSAFE_IN_TEXT if multiline else _UNSAFE_IN_A_LINE).sub(_escape, text)


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending with "…" when it was longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quote(value: object, limit: int = QUOTE_CHARS) -> str:
    """A bad value for a problem message: repr of at most ``limit`` characters, escaped."""
    if isinstance(value, str):
        if len(value) <= limit:
            return for_terminal(repr(value))
        return f"{for_terminal(repr(value[:limit]))}… ({len(value):,} characters)"
    try:
        text = repr(value)
    except ValueError:  # Python refuses to write out an int of more than 4,300 digits
        digits = int(abs(value).bit_length() * 0.30103) + 1 if isinstance(value, int) else 0
        return f"a number about {digits:,} digits long"
    if len(text) <= limit:
        return for_terminal(text)
    return f"{for_terminal(text[:limit])}… ({len(text):,} characters)"
