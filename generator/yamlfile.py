"""Safe YAML loading that remembers the line of every mapping and list item.

Contributors edit these files by hand; an error must point at the line to fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem


class LineDict(dict[str, Any]):
    """A mapping from YAML that knows the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    """SafeLoader (no object construction) that records source lines."""


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
        result[str(key)] = loader.construct_object(value_node, deep=True)  # type: ignore[no-untyped-call]
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _construct_timestamp_as_text(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    # Dates stay text: the checks say "not a real date: 2024-02-30" instead of crashing.
    return str(loader.construct_scalar(node))


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


def check_keys(entry: LineDict, allowed: dict[str, type], display: str, problems: list[Problem]) -> bool:
    """Unknown keys and values of the wrong type, one problem each at the key's line."""
    ok = True
    for key, value in entry.items():
        if key not in allowed:
            problems.append(Problem(display, entry.line_of(key),
                                    f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})"))
            ok = False
        elif not isinstance(value, allowed[key]):
            problems.append(Problem(display, entry.line_of(key),
                                    f"{key!r} must be {allowed[key].__name__}, not {type(value).__name__}"))
            ok = False
    return ok


def load_yaml(path: Path, display: str) -> Any:
    """Parse a YAML file; a syntax error becomes a `YamlError` naming the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(Problem(display, 0, f"not UTF-8 text: {exc.reason}")) from None
    except OSError as exc:
        raise YamlError(Problem(display, 0, f"cannot read: {exc.strerror}")) from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise YamlError(Problem(display, line, f"YAML does not parse: {exc.problem or exc}")) from None
    except yaml.YAMLError as exc:
        raise YamlError(Problem(display, 0, f"YAML does not parse: {exc}")) from None


class YamlError(ValueError):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))
