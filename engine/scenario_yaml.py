r"""YAML for scenario files: the YAML 1.2 core schema, read safely and written back exactly.

PyYAML reads YAML 1.1, where ``yes``, ``on`` and ``Off`` are booleans, ``1:30`` is 90
(base 60), ``1_0`` is 10 and ``010`` is 8. Scenario files are read with the YAML 1.2
core schema instead, the one JSON-compatible reading:

- null: ``null``, ``Null``, ``NULL``, ``~`` or nothing;
- booleans: ``true``/``false`` in lower, title or upper case, nothing else;
- integers: decimal (``010`` is ten), ``0o`` octal and ``0x`` hexadecimal;
- floats: decimal with a point or exponent, ``.inf``, ``.nan``;
- anything else plain is text (so ``yes`` is the text "yes", refused where a boolean
  is expected, and ``1:30`` is text, refused where a number is expected).

Anchors and aliases are refused (an alias bomb cannot expand), as are duplicate keys.
A key that is a list or mapping (``? [a, b]``) is kept as its text, so the scenario's
validation reports it as an unknown key at its place. Scanning and parsing run in
libyaml when PyYAML has it, composing and construction in Python.

>>> read_yaml(chr(10).join(["a: yes", "b: 0x10", "c: 1:30", "d: 010", "e: Off", "f: 1_0"]))
{'a': 'yes', 'b': 16, 'c': '1:30', 'd': 10, 'e': 'Off', 'f': '1_0'}
>>> read_yaml(write_yaml({"name": "a" + chr(0x85) + "b", "x": "0o17", "y": "yes"}))["name"]
'a\x85b'
>>> read_yaml(write_yaml({"x": "0o17", "y": "yes", "z": "1:30"}))
{'x': '0o17', 'y': 'yes', 'z': '1:30'}
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Hashable
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode
from yaml.resolver import BaseResolver, Resolver

_TAG = "tag:yaml.org,2002:"

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?(?:\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN)$"
)


class CoreResolver(BaseResolver):
    """Plain scalars resolved by the YAML 1.2 core schema."""

    yaml_implicit_resolvers: dict[Any, Any] = {}


for _tag, _pattern, _first in (
    ("null", _NULL, ["~", "n", "N", ""]),
    ("bool", _BOOL, list("tTfF")),
    ("int", _INT, list("-+0123456789")),
    ("float", _FLOAT, list("-+.0123456789")),
):
    CoreResolver.add_implicit_resolver(_TAG + _tag, _pattern, _first)


class ComplexKey(str):
    """A mapping key that was a list or mapping, kept as its JSON text."""

    __slots__ = ()


class CoreConstructor(SafeConstructor):
    """PyYAML's safe constructor with the core schema's scalars and plain-data keys."""

    yaml_constructors = dict(SafeConstructor.yaml_constructors)

    def construct_core_null(self, node: ScalarNode) -> None:  # noqa: D102
        self._scalar_matching(node, _NULL, "null")

    def construct_core_bool(self, node: ScalarNode) -> bool:  # noqa: D102
        return self._scalar_matching(node, _BOOL, "boolean").lower() == "true"

    def construct_core_int(self, node: ScalarNode) -> int:  # noqa: D102
        text = self._scalar_matching(node, _INT, "integer")
        if text.startswith(("0o", "0x")):
            return int(text[2:], 8 if text[1] == "o" else 16)
        return int(text, 10)

    def construct_core_float(self, node: ScalarNode) -> float:  # noqa: D102
        text = self._scalar_matching(node, _FLOAT, "float").lower()
        if text.endswith(".inf"):
            return -math.inf if text.startswith("-") else math.inf
        if text == ".nan":
            return math.nan
        return float(text)

    def _scalar_matching(self, node: ScalarNode, pattern: re.Pattern[str], kind: str) -> str:
        text = str(self.construct_scalar(node))
        if not pattern.match(text):
            raise ConstructorError(
                None, None, f"{text[:40]!r} is not a YAML 1.2 {kind}", node.start_mark
            )
        return text

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Any, Any]:
        """A mapping whose keys are plain values; duplicates refused, complex keys as text."""
        if not isinstance(node, MappingNode):
            raise ConstructorError(
                None, None, f"expected a mapping, found {type(node).__name__}", node.start_mark
            )
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable) or isinstance(key, tuple | frozenset):
                key = ComplexKey(json.dumps(key, default=str, ensure_ascii=False))
            if key in mapping:
                raise ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"duplicate key {key!r}",
                    key_node.start_mark,
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


for _tag in ("null", "bool", "int", "float"):
    CoreConstructor.add_constructor(_TAG + _tag, getattr(CoreConstructor, f"construct_core_{_tag}"))


class TooManyValues(yaml.YAMLError):
    """The document holds more values (keys, entries, scalars) than the reader's budget."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"more than {limit} values")


class _NoAliasComposer(Composer):
    """The composer, refusing anchors and aliases before anything is built from them.

    It also counts the nodes it builds and stops at ``max_nodes``, so the time spent on
    a document is bounded by the budget rather than by the document's size.
    """

    max_nodes: int | None = None
    _nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: D102
        self._nodes += 1
        if self.max_nodes is not None and self._nodes > self.max_nodes:
            raise TooManyValues(self.max_nodes)
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None,
                None,
                "YAML aliases (*name) are not allowed in a scenario; write the value out",
                event.start_mark,  # type: ignore[arg-type]
            )
        if getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None,
                None,
                "YAML anchors (&name) are not allowed in a scenario; write the value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)


_Parser: Any = getattr(yaml.cyaml, "CParser", None) if yaml.__with_libyaml__ else None

if _Parser is not None:

    class CoreLoader(_NoAliasComposer, _Parser, CoreConstructor, CoreResolver):  # type: ignore[misc]
        """Scenario YAML: libyaml's scanner and parser, the core schema, no aliases."""

        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            _NoAliasComposer.__init__(self)
            CoreConstructor.__init__(self)
            CoreResolver.__init__(self)

else:  # pragma: no cover - PyYAML built without libyaml

    class CoreLoader(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        _NoAliasComposer,
        CoreConstructor,
        CoreResolver,
    ):
        """Scenario YAML: PyYAML's own scanner and parser, the core schema, no aliases."""

        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            _NoAliasComposer.__init__(self)
            CoreConstructor.__init__(self)
            CoreResolver.__init__(self)


# Characters a YAML reader would fold or drop outside double quotes.
_NEEDS_ESCAPES = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


class CoreDumper(yaml.SafeDumper):
    """Writes plain data that ``CoreLoader`` (and a YAML 1.1 reader) reads back unchanged.

    Its resolver knows both schemas' implicit types, so text either would misread as a
    number, boolean or null is quoted.
    """

    yaml_implicit_resolvers: dict[Any, Any] = {}

    def represent_text(self, data: str) -> ScalarNode:
        """Text with line breaks or control characters is written double-quoted, escaped."""
        style = '"' if _NEEDS_ESCAPES.search(data) else None
        return self.represent_scalar(_TAG + "str", data, style=style)


for _resolvers in (Resolver.yaml_implicit_resolvers, CoreResolver.yaml_implicit_resolvers):
    for _first, _entries in _resolvers.items():
        for _tag, _pattern in _entries:
            CoreDumper.add_implicit_resolver(_tag, _pattern, [_first])
CoreDumper.add_representer(str, CoreDumper.represent_text)


def read_yaml(text: str, max_nodes: int | None = None) -> Any:
    """Parse one YAML document with the core schema.

    Args:
        text: the document.
        max_nodes: stop with ``TooManyValues`` after composing this many nodes.

    Raises:
        TooManyValues: the document has more than ``max_nodes`` nodes.
        yaml.YAMLError: not YAML, an alias or anchor, a duplicate key, a refused tag.
        ValueError: an integer too long to convert.
    """
    loader = CoreLoader(text)
    loader.max_nodes = max_nodes
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def write_yaml(data: Any) -> str:
    """Plain data as YAML that ``read_yaml`` reads back as the same data."""
    return yaml.dump(data, Dumper=CoreDumper, sort_keys=False, allow_unicode=True, width=4096)


__all__ = [
    "ComplexKey",
    "CoreDumper",
    "CoreLoader",
    "CoreResolver",
    "TooManyValues",
    "read_yaml",
    "write_yaml",
]
