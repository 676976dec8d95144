"""What a page may carry as script: modules of our own from /static/, and nothing inline
(the pages work without JavaScript, and the CSP allows only our own files)."""

from __future__ import annotations

import re

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)


def only_our_scripts(html: str) -> bool:
    """True when every <script> on the page is an empty tag loading one of our static files."""
    for attrs, body in SCRIPT.findall(html):
        src = re.search(r'\bsrc="([^"]+)"', attrs)
        if body.strip() or not src or not src.group(1).startswith("/static/"):
            return False
    return html.lower().count("<script") == len(SCRIPT.findall(html))
