"""Sidecars: `content/sources/<name>.yml`, the contributor's word on one source.

Everything the rules can get wrong about a source can be stated here. The schema is
published as `generator/schemas/sidecar.schema.json` and is what validates a sidecar;
this module adds what a schema cannot say (a date that does not exist).
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import Problem, Problems
from generator.models import ReportDate, ReportOverride, Sidecar, SourceMeta
from generator.schemas import invalid_parts, schema_problems
from generator.yamlfile import LineDict, YamlError, load_yaml, shown


def load_sidecar(path: Path, display: str, problems: Problems) -> Sidecar:
    """Read a sidecar if there is one, adding what is wrong to `problems`. A missing sidecar is an empty one."""
    if not path.exists():
        return Sidecar(path=None)
    try:
        data = load_yaml(path, display)
    except YamlError as exc:
        problems.append(exc.problem)
        return Sidecar(path=path)
    if data is None:
        return Sidecar(path=path)
    already = len(problems.items)
    schema_problems("sidecar", data, display, problems)
    if not isinstance(data, LineDict):
        if len(problems.items) == already:
            problems.append(Problem(display, 1, "a sidecar is a mapping of keys"))
        return Sidecar(path=path)
    if len(problems.items) > already:
        data = valid_parts(data)

    meta = SourceMeta(
        title=data.get("title"),
        url=data.get("url"),
        publisher=data.get("publisher"),
        published=real_date(data, "published", display, problems),
        language=data.get("language"),
    )
    reports = [
        ReportOverride(
            line=entry["line"],
            sidecar_line=entry.line,
            title=entry.get("title"),
            outlet=entry.get("outlet"),
            date=real_date(entry, "date", display, problems),
            place=entry.get("place"),
            url=entry.get("url"),
            speakers=tuple(entry["speakers"]) if "speakers" in entry else None,
            id=entry.get("id"),
        )
        for entry in data.get("reports", [])
    ]
    sidecar = Sidecar(
        path=path,
        meta=meta,
        reports=tuple(sorted(reports, key=lambda r: r.line)),
        joins=tuple(sorted(data.get("joins", []))),
        joins_line=data.line_of("joins"),
        description=data.get("description"),
    )
    return sidecar


def valid_parts(data: LineDict) -> LineDict:
    """The sidecar without the keys and report entries the schema refused, so the rest is still checked."""
    invalid = invalid_parts("sidecar", data)
    kept = LineDict({key: value for key, value in data.items() if () not in invalid and (key,) not in invalid})
    kept.line, kept.key_lines = data.line, data.key_lines
    if "reports" in kept:
        kept["reports"] = [entry for index, entry in enumerate(kept["reports"]) if ("reports", index) not in invalid]
    return kept


def real_date(entry: LineDict, key: str, display: str, problems: Problems) -> ReportDate | None:
    """The schema checks the shape (`2024-04-09`, `2024-04`, `2024`); this checks the day exists."""
    text = entry.get(key)
    if text is None:
        return None
    try:
        return ReportDate.from_iso(str(text))
    except ValueError:
        problems.append(Problem(display, entry.line_of(key), f"{key!r} is not a real date: {shown(text)}"))
        return None
