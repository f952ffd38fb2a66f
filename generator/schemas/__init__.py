"""The published JSON Schemas, and validation that reports each error at its YAML line.

`sidecar.schema.json` is what a contributor writes next to a source; `report.schema.json`
is the front matter the generator writes on every report page.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from generator.errors import ProblemKind, Problems
from generator.yamlfile import SHOWN, LineDict, shown


@cache
def validator(name: str) -> Draft202012Validator:
    schema = json.loads(resources.files("generator.schemas").joinpath(f"{name}.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_problems(name: str, data: Any, display: str, problems: Problems,
                    kind: ProblemKind = ProblemKind.INPUT) -> None:
    """One problem per schema violation, at the line of the offending key, added to `problems`."""
    for error in sorted(validator(name).iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        line = line_of(data, list(error.absolute_path)) or 1  # the file as a whole: its first line
        where = ".".join(str(p) for p in error.absolute_path)
        if error.validator == "additionalProperties":
            allowed = ", ".join(sorted(error.schema.get("properties", {})))
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            for key in extra:
                key_line = error.instance.line_of(key) if isinstance(error.instance, LineDict) else line
                problems.add(display, key_line, f"unknown key {shown(key)} (allowed: {allowed})", kind=kind)
            continue
        message = error.message.replace(repr(error.instance), shown(error.instance)) if isinstance(
            error.instance, str) else error.message
        message = message if len(message) <= 2 * SHOWN else message[: 2 * SHOWN - 1] + "…"
        problems.add(display, line, f"{where}: {message}" if where else message, kind=kind)


def line_of(data: Any, path: list[str | int]) -> int:
    """The line of the deepest mapping key on `path` that the YAML loader recorded."""
    line, node = getattr(data, "line", 0), data
    for step in path:
        if isinstance(node, LineDict) and isinstance(step, str):
            line = node.line_of(step)
            node = node.get(step)
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
            line = getattr(node, "line", line)
        else:
            break
    return line


def invalid_parts(name: str, data: Any) -> set[tuple[str | int, ...]]:
    """The top-level keys (and `reports` entries, as `("reports", i)`) that a schema violation is in."""
    parts: set[tuple[str | int, ...]] = set()
    for error in validator(name).iter_errors(data):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            extra = set(error.instance) - set(error.schema.get("properties", {}))
            parts.update((*path, key) for key in extra)
        else:
            parts.add(path)
    return {part[:2] if part[:1] == ("reports",) else part[:1] for part in parts}
