"""A lint: no template, CLI module, player, PDF module or JS file says a word of its own.

Every user-facing word the code says comes from the gettext catalogue (backcare.vocabulary,
``{% translate %}``). These checks fail on English text that bypasses it:

- templates: visible text (outside tags, comments, ``{% translate %}`` and
  ``{% blocktranslate %}``) and the human-readable attributes (``alt``, ``title``,
  ``aria-label``, ``placeholder``, ``content`` of a description) written as literals;
- Python in the CLI, the terminal player, the worksheets and the PDF views: a string literal
  with words passed to an output call (print, console.print, rich tables and panels,
  argparse ``help=``/``description=``/``error()``, ReportLab ``Paragraph`` and
  ``draw*String``), unless it is wrapped in a gettext call;
- JS: any string literal with two or more words, or a capitalised word standing alone —
  the web player's words come from ``player_words()`` through the page.
"""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "backcare"
TEMPLATES = sorted(PACKAGE.glob("*/templates/**/*.html"))
JS_FILES = sorted(PACKAGE.glob("*/static/**/*.js"))
PYTHON_EDGES = sorted(
    p for folder in ("cli", "player", "worksheets", "printouts")
    for p in (PACKAGE / folder).glob("*.py")
)

WORD = re.compile(r"[A-Za-z]{2,}")
#: Words that are names, not English: the brand, units read the same in every language.
ALLOWED_BARE = {"backcare", "NPRS", "PDF", "JSON", "API", "min", "s", "x"}
TRANSLATE_BLOCK = re.compile(
    r"{%\s*blocktranslate\b.*?%}.*?{%\s*endblocktranslate\s*%}", re.S)
TEMPLATE_TAGS = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)
COMMENT_BLOCK = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)
READABLE_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description"}


def _words(text: str) -> list[str]:
    return [w for w in WORD.findall(text) if w not in ALLOWED_BARE]


class _VisibleText(HTMLParser):
    """Collects text nodes and readable attributes outside <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if value and name in READABLE_ATTRIBUTES and _words(value):
                self.found.append(f'{name}="{value.strip()}"')
            if (tag == "meta" and name == "content" and value and _words(value)
                    and ("name", "description") in attrs):
                self.found.append(f'meta description "{value.strip()}"')

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and _words(data):
            self.found.append(data.strip())


def untranslated_template_text(source: str) -> list[str]:
    source = COMMENT_BLOCK.sub("", source)
    source = TRANSLATE_BLOCK.sub("", source)
    source = TEMPLATE_TAGS.sub("", source)
    parser = _VisibleText()
    parser.feed(source)
    return parser.found


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_templates_say_nothing_outside_translate_tags(template: Path) -> None:
    found = untranslated_template_text(template.read_text(encoding="utf-8"))
    assert not found, f"{template.relative_to(ROOT)} has text outside translate tags: {found}"


def test_the_template_lint_catches_bare_text() -> None:
    assert untranslated_template_text("<p>Hold still</p>") == ["Hold still"]
    assert untranslated_template_text('<img alt="A figure" src="x">') == ['alt="A figure"']
    assert untranslated_template_text('<p>{% translate "Hold still" %}</p>') == []
    assert untranslated_template_text(
        "{% blocktranslate trimmed %}Hold {{ n }} s{% endblocktranslate %}") == []
    assert untranslated_template_text("<p>{{ name }} · backcare</p>") == []


# --- Python edges -------------------------------------------------------------------------

OUTPUT_CALLS = {
    "print", "Paragraph", "drawString", "drawCentredString", "drawRightString", "Panel",
    "Text", "Table", "add_column", "add_row", "rule", "error", "exit", "input", "ask",
    "log", "write", "append_text", "from_markup", "Rule", "Prompt", "Confirm", "status",
    "add_parser", "ArgumentParser", "add_argument", "add_argument_group", "heading",
    "line", "say", "show", "note",
}
OUTPUT_KEYWORDS = {"help", "description", "title", "caption", "epilog", "prompt", "message",
                   "text", "label", "metavar_help"}
#: Calls whose positional arguments are names (a subcommand, an option), not words.
NAMES_FIRST = {"add_parser", "add_argument"}
GETTEXT_CALLS = {"_", "gettext", "ngettext", "pgettext", "gettext_noop", "gettext_lazy"}
MARKUP = re.compile(r"\[/?[a-z #0-9_.-]*\]")


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _literal_words(node: ast.AST) -> str:
    """The words of a str literal or an f-string's literal parts ('' if none/translated)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values
                       if isinstance(v, ast.Constant) and isinstance(v.value, str))
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return " ".join(filter(None, (_literal_words(node.left), _literal_words(node.right))))
    elif isinstance(node, ast.IfExp):
        return " ".join(filter(None, (_literal_words(node.body), _literal_words(node.orelse))))
    else:
        return ""
    text = MARKUP.sub(" ", text)
    words = _words(text)
    return " ".join(words) if words else ""


def literals_said(source: str) -> list[str]:
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or _call_name(node) in GETTEXT_CALLS:
            continue
        name = _call_name(node)
        if name in OUTPUT_CALLS and name not in NAMES_FIRST:
            for arg in node.args:
                words = _literal_words(arg)
                if words:
                    found.append(f"line {node.lineno}: {name}(... {words!r})")
        for keyword in node.keywords:
            if keyword.arg in OUTPUT_KEYWORDS:
                words = _literal_words(keyword.value)
                if words:
                    found.append(f"line {node.lineno}: {name}({keyword.arg}={words!r})")
    return found


@pytest.mark.parametrize("module", PYTHON_EDGES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_python_edges_say_only_vocabulary(module: Path) -> None:
    found = literals_said(module.read_text(encoding="utf-8"))
    assert not found, f"{module.relative_to(ROOT)} says words of its own: {found}"


def test_the_python_lint_catches_bare_literals() -> None:
    assert literals_said('console.print("Well done")') == ["line 1: print(... 'Well done')"]
    assert literals_said('p.add_argument("--lang", help="The language")') != []
    assert literals_said('console.print(_("Well done"))') == []
    assert literals_said('console.print(f"[bold]{_(\'Hold\')}[/bold]")') == []


# --- JS -----------------------------------------------------------------------------------

JS_STRING = re.compile(r"""(?<![\w$])(["'`])((?:\\.|(?!\1).)*)\1""")
JS_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
#: A string that is code, not words: selectors, event names, storage keys, CSS, MIME types.
NOT_WORDS = re.compile(
    r"^[\s\w.#:\[\]=\-\"'>*,()/@%+]*$"
)


def js_words(source: str) -> list[str]:
    found = []
    for line_no, line in enumerate(JS_COMMENT.sub(lambda m: "\n" * m.group().count("\n"),
                                                  source).splitlines(), 1):
        if line.lstrip().startswith(("import ", "export {")) or "console." in line:
            continue
        for match in JS_STRING.finditer(line):
            text = re.sub(r"\$\{[^}]*\}", " ", match.group(2))
            words = [w for w in WORD.findall(text) if w not in ALLOWED_BARE]
            two_words = re.search(r"[A-Za-z]{2,}[ ,.!?;:]+[A-Za-z]{2,}", text)
            capitalised = len(words) == 1 and re.fullmatch(r"[A-Z][a-z]+[.!?]?", text.strip())
            code_like = bool(re.search(r"[.#\[\]=>]|^\w+(-\w+)+$", text)) and not two_words
            if (two_words or capitalised) and (code_like or _is_code(text)):
                continue
            if two_words or capitalised:
                found.append(f"line {line_no}: {match.group(0)}")
    return found


#: Key names (KeyboardEvent.key) and header names: code, not words.
JS_NAMES = {"Spacebar", "Space", "Escape", "Enter", "Tab", "ArrowLeft", "ArrowRight", "ArrowUp",
            "ArrowDown", "Backspace", "Accept", "Content-Type", "GET", "POST", "DELETE"}


def _is_code(text: str) -> bool:
    """CSS selectors and lists of class names or properties, not sentences."""
    stripped = text.strip()
    if stripped in JS_NAMES:
        return True
    if re.fullmatch(r"[a-z][a-z0-9-]*(\s*,\s*[a-z][a-z0-9-]*)+", stripped):
        return True  # "input, textarea, select": a selector list
    if re.fullmatch(r"[\w-]+(\s+[\w-]+)*", stripped) and stripped == stripped.lower() \
            and "-" in stripped:
        return True  # "on cue done" style class lists always carry a hyphen or are lower-case
    return bool(re.fullmatch(r"[\w\s.#:\[\]=\"'>*,()-]+", stripped)) and bool(
        re.search(r"[.#\[\]>]", stripped))


@pytest.mark.parametrize("script", JS_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_js_says_no_words_of_its_own(script: Path) -> None:
    found = js_words(script.read_text(encoding="utf-8"))
    assert not found, f"{script.relative_to(ROOT)} has English of its own: {found}"


def test_the_js_lint_catches_sentences() -> None:
    assert js_words('el.textContent = "Get ready";') != []
    assert js_words('button.textContent = "Pause";') != []
    assert js_words('el.textContent = words.pause;') == []
    assert js_words('document.querySelector("#player .countdown");') == []
    assert js_words('el.classList.add("on", "cue");') == []
