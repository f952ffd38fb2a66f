"""Safe YAML loading that remembers the line of every mapping and list item.

Contributors edit these files by hand; an error must point at the line to fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem, ProblemError, Problems


class LineDict(dict[str, Any]):
    """A mapping from YAML that knows the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


MAX_YAML_BYTES = 2_000_000
"""No hand-edited registry, sidecar or annotation file comes near this; a bigger one is refused unread."""

MAX_EXPANDED = 4_000_000
"""Characters (and values) a document may stand for once its aliases are expanded: an alias bomb
(`b: [*a, *a, …]` nested) is refused at its first alias instead of filling memory when printed."""

SHOWN = 80
"""At most this many characters of a value appear in a message."""


class _LineLoader(yaml.SafeLoader):
    """SafeLoader (no object construction) that records source lines and bounds alias expansion."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.alias_lines: list[int] = []

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):  # type: ignore[no-untyped-call]
            self.alias_lines.append(self.peek_event().start_mark.line + 1)  # type: ignore[no-untyped-call]
        return super().compose_node(parent, index)  # type: ignore[no-untyped-call]

    def compose_document(self) -> Any:
        node = super().compose_document()  # type: ignore[no-untyped-call]
        if node is not None and self.alias_lines and expanded_size(node) > MAX_EXPANDED:
            raise yaml.composer.ComposerError(
                None, None, f"aliases expand to more than {MAX_EXPANDED:,} characters; write the values out",
                yaml.Mark("", 0, self.alias_lines[0] - 1, 0, None, None))  # type: ignore[no-untyped-call,arg-type]
        return node


def expanded_size(root: yaml.Node) -> int:
    """Characters and values the document stands for with every alias written out, capped past the limit.

    Each node is measured once (aliases share nodes), so this is linear in the document; an alias
    inside its own anchor (a recursive structure) counts as too big.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        children = node_children(node)
        if finished:
            total = 1 + (len(node.value) if isinstance(node, yaml.ScalarNode) else 0)
            sizes[id(node)] = min(total + sum(sizes[id(child)] for child in children), MAX_EXPANDED + 1)
            open_nodes.discard(id(node))
        elif id(node) in open_nodes:
            return MAX_EXPANDED + 1
        elif id(node) not in sizes:
            open_nodes.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
    return sizes[id(root)]


def node_children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def shown(value: object) -> str:
    """A value for a message: its repr, cut to `SHOWN` characters."""
    text = repr(value) if not isinstance(value, (list, dict)) else type(value).__name__
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)  # type: ignore[no-untyped-call]
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain value", key_node.start_mark
            )
        if str(key) in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {shown(key)} stands twice in this mapping", key_node.start_mark
            )
        result[str(key)] = loader.construct_object(value_node, deep=True)  # type: ignore[no-untyped-call]
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _construct_timestamp_as_text(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    # Dates stay text: the checks say "not a real date: 2024-02-30" instead of crashing.
    return str(loader.construct_scalar(node))


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


def check_keys(entry: LineDict, allowed: dict[str, type], display: str, problems: Problems) -> bool:
    """Unknown keys and values of the wrong type, one problem each at the key's line."""
    ok = True
    for key, value in entry.items():
        if key not in allowed:
            problems.append(Problem(display, entry.line_of(key),
                                    f"unknown key {shown(key)} (allowed: {', '.join(sorted(allowed))})"))
            ok = False
        elif not isinstance(value, allowed[key]):
            problems.append(Problem(display, entry.line_of(key),
                                    f"{shown(key)} must be {allowed[key].__name__}, not {type(value).__name__}"))
            ok = False
    return ok


def load_yaml(path: Path, display: str) -> Any:
    """Parse a YAML file; a syntax error, a file too big or an alias bomb becomes a `YamlError` naming the line."""
    try:
        if path.is_symlink():
            raise YamlError(Problem(display, 1, "is a symbolic link; the archive takes only regular files"))
        if path.stat().st_size > MAX_YAML_BYTES:
            raise YamlError(Problem(display, 1, f"file is larger than {MAX_YAML_BYTES:,} bytes; "
                                                "a registry, sidecar or annotation file is never this big"))
        data = path.read_bytes()
    except OSError as exc:
        raise YamlError(Problem(display, 1, f"cannot read: {exc.strerror}")) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlError(Problem(display, line, f"not UTF-8 text: byte 0x{data[exc.start]:02x} "
                                               "cannot be read; save the file as UTF-8")) from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader is a SafeLoader
    except RecursionError:
        raise YamlError(Problem(display, 1, "YAML does not parse: nested too deeply")) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlError(Problem(display, line, f"YAML does not parse: {exc.problem or exc}")) from None
    except yaml.YAMLError as exc:
        raise YamlError(Problem(display, 1, f"YAML does not parse: {exc}")) from None


class YamlError(ProblemError):
    """A YAML file cannot be read or does not parse."""
