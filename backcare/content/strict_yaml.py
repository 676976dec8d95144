"""Parse one content file's YAML with limits, so hostile YAML fails fast and says where.

Content files are plain YAML: mappings, lists and text, nothing else. This parser refuses
what content never needs and an attacker would use: anchors and aliases (the "billion
laughs"), tags (``!!python/object``, ``!!binary``), nesting deeper than ``MAX_DEPTH``
(50,000 ``[`` would exhaust Python's recursion), more than ``MAX_NODES`` values in a file,
field names that are not text or appear twice, and text that is not plain
(see :mod:`backcare.content.plain_text`). Each refusal names the field and the line.
"""

from __future__ import annotations

import re
from typing import Any, cast

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from backcare.content.plain_text import QUOTE_CHARS, character_name, clip, quote, text_problem

#: The real content nests 7 levels deep at most (an exercise's demo frames).
MAX_DEPTH = 32
#: The biggest real file holds under 150 values; 5,000 parse in a tenth of a second.
MAX_NODES = 5_000

_STR = "tag:yaml.org,2002:str"
_READ_AS = {
    "tag:yaml.org,2002:bool": "true or false",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "empty (null)",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:merge": "a merge of another mapping",
}
#: Refused before scanning: the scanner reads NUL as the end of the text and NEL, U+2028
#: and U+2029 as line breaks, so it could not say which field holds them.
_UNREADABLE = re.compile("[\x00\x85\u2028\u2029\ud800-\udfff\ufffe\uffff]")


class ContentRuleError(Exception):
    """The file breaks a rule: ``message`` about the field at ``path``, found at ``line``."""

    def __init__(self, path: tuple[int | str, ...], message: str, line: int,
                 column: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line
        self.column = column


def _unreadable(data: str) -> None:
    """Refuse what the scanner cannot read at all (see ``_UNREADABLE``), naming the place."""
    found = _UNREADABLE.search(data)
    if found:
        line = data.count("\n", 0, found.start()) + 1
        column = found.start() - (data.rfind("\n", 0, found.start()) + 1) + 1
        why = text_problem(found.group()) or (
            f"contains {character_name(found.group())}, which is not a character")
        raise ContentRuleError((), why, line, column)


class _StrictComposer:
    """The limits above, checked while the file is composed from the parser's events.

    Shared by the pure-Python loader and the one on libyaml's parser: the events are the
    same, so every limit is checked by this same code, in the same order.
    """

    def _start_limits(self) -> None:
        self._path: list[int | str] = []
        self._depth = 0
        self._nodes = 0

    # PyYAML's stubs leave the parser and resolver untyped; these keep mypy --strict quiet.
    def _peek(self) -> Any:
        return cast(Any, self).peek_event()

    def _next(self) -> Any:
        return cast(Any, self).get_event()

    def _at(self, kind: type[Any]) -> bool:
        return bool(cast(Any, self).check_event(kind))

    def _tag(self, kind: type[Node], value: str | None, implicit: Any) -> str:
        return str(cast(Any, self).resolve(kind, value, implicit))

    def _broken(self, message: str, event_or_node: Any) -> ContentRuleError:
        return ContentRuleError(tuple(self._path), message, event_or_node.start_mark.line + 1)

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        # An error ends the parse, so the depth and path need no unwinding on the way out.
        event = self._peek()
        if isinstance(event, AliasEvent):
            raise self._broken(f"uses the YAML alias *{clip(str(event.anchor), QUOTE_CHARS)}; "
                               "aliases are not allowed in content files: write the value out",
                               event)
        if isinstance(event, NodeEvent) and event.anchor is not None:
            raise self._broken(f"sets the YAML anchor &{clip(event.anchor, QUOTE_CHARS)}; "
                               "anchors are not allowed in content files: write the value out",
                               event)
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = clip(str(tag).replace("tag:yaml.org,2002:", "!!"), QUOTE_CHARS)
            raise self._broken(f"uses the YAML tag {shown}; "
                               "tags are not allowed in content files", event)
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise ContentRuleError((), f"holds more than {MAX_NODES:,} values; "
                                   f"the limit is {MAX_NODES:,}", event.start_mark.line + 1)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise self._broken(f"is nested more than {MAX_DEPTH} levels deep; "
                               "content needs far fewer", event)
        if isinstance(event, ScalarEvent):
            node: Node = self._compose_scalar(is_key=isinstance(parent, MappingNode)
                                              and index is None)
        elif isinstance(event, SequenceStartEvent):
            node = self._compose_sequence()
        else:
            node = self._compose_mapping()
        self._depth -= 1
        return node

    def _compose_scalar(self, is_key: bool) -> ScalarNode:
        event = self._next()
        problem = text_problem(event.value)
        if problem:
            raise self._broken(f"has a field name that {problem}" if is_key else problem, event)
        tag = self._tag(ScalarNode, event.value, event.implicit)
        return ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)

    def _compose_sequence(self) -> SequenceNode:
        start = self._next()
        tag = self._tag(SequenceNode, None, start.implicit)
        node = SequenceNode(tag, [], start.start_mark, None, flow_style=start.flow_style)
        while not self._at(SequenceEndEvent):
            self._path.append(len(node.value))
            node.value.append(self.compose_node(node, len(node.value)))
            self._path.pop()
        node.end_mark = self._next().end_mark
        return node

    def _compose_mapping(self) -> MappingNode:
        start = self._next()
        tag = self._tag(MappingNode, None, start.implicit)
        node = MappingNode(tag, [], start.start_mark, None, flow_style=start.flow_style)
        seen: dict[str, int] = {}
        while not self._at(MappingEndEvent):
            key = self.compose_node(node, None)
            name = self._field_name(key, seen)
            self._path.append(name)
            node.value.append((key, self.compose_node(node, key)))
            self._path.pop()
        node.end_mark = self._next().end_mark
        return node

    def _field_name(self, key: Node, seen: dict[str, int]) -> str:
        line = key.start_mark.line + 1 if key.start_mark else 0
        if isinstance(key, ScalarNode) and key.tag == _STR:
            name = str(key.value)
            if name in seen:
                self._path.append(name)
                raise self._broken(f"is given twice (first on line {seen[name]}); "
                                   "each field may appear once", key)
            seen[name] = line
            return name
        if isinstance(key, ScalarNode):
            read_as = _READ_AS.get(key.tag, "something other than text")
            raise self._broken(f"has the field name {quote(key.value)}, which YAML reads as "
                               f"{read_as}; field names must be words", key)
        what = "a list" if isinstance(key, SequenceNode) else "a mapping"
        raise self._broken(f"has a field name that is {what}; field names must be words", key)

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return cast(Any, super()).construct_object(node, deep)
        except (ValueError, OverflowError) as exc:  # e.g. the date 2021-13-45
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read the value {quote(node.value)}: {clip(str(exc), 120)}",
                node.start_mark) from None


class StrictLoader(_StrictComposer, yaml.SafeLoader):
    """yaml.SafeLoader (the pure-Python scanner and parser) with the limits above."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._start_limits()

    def check_printable(self, data: str) -> None:
        # Control and bidi characters pass here so that compose_node can name the field
        # that holds them; only what the scanner cannot read at all is refused up front.
        _unreadable(data)


if yaml.__with_libyaml__:
    from yaml._yaml import CParser
    from yaml.composer import Composer
    from yaml.constructor import SafeConstructor
    from yaml.resolver import Resolver

    class StrictCLoader(_StrictComposer, Composer, CParser, SafeConstructor, Resolver):
        """libyaml's scanner and parser (about 8x faster), composed by the same Python code
        as :class:`StrictLoader`: libyaml's own composer (yaml.CSafeLoader) cannot be hooked
        to count depth, values or anchors, its events can. Used for files it parses without
        an error; libyaml words its errors differently, so for those the pure-Python loader
        parses again and says what is wrong, the same words every time."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            Composer.__init__(self)
            self._start_limits()

    _C_LOADER: type[StrictCLoader] | None = StrictCLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _C_LOADER = None


def _load(loader: Any) -> Any:
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def parse(text: str) -> Any:
    """The data in ``text``; raises :class:`ContentRuleError` or :class:`yaml.YAMLError`.

    The same data and the same refusals as the pure-Python :class:`StrictLoader`, faster:
    libyaml parses, the limits are checked on its events by the same code, and any file
    libyaml cannot parse is parsed again in Python, which says why in its own words.
    """
    if _C_LOADER is not None and not _UNREADABLE.search(text):
        try:
            return _load(_C_LOADER(text))
        except yaml.YAMLError:
            pass
    return _load(StrictLoader(text))
