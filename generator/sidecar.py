"""Sidecars: `content/sources/<name>.yml`, the contributor's word on one source.

Everything the rules can get wrong about a source can be stated here; the schema is
published as `schema/sidecar.schema.json` and mirrored by the checks below.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from generator.errors import Problem
from generator.models import ReportOverride, Sidecar, SourceMeta
from generator.yamlfile import LineDict, YamlError, load_yaml

SOURCE_KEYS: dict[str, tuple[type, ...]] = {
    "title": (str,),
    "url": (str,),
    "publisher": (str,),
    "published": (dt.date, str),
    "language": (str,),
    "description": (str,),
    "reports": (list,),
    "joins": (list,),
}
REPORT_KEYS: dict[str, tuple[type, ...]] = {
    "line": (int,),
    "title": (str,),
    "outlet": (str,),
    "date": (dt.date, str),
    "place": (str,),
    "url": (str,),
    "speakers": (list,),
    "id": (str,),
}
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
REPORT_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


def load_sidecar(path: Path, display: str) -> tuple[Sidecar, list[Problem]]:
    """Read a sidecar if there is one. A missing sidecar is an empty one."""
    if not path.exists():
        return Sidecar(path=None), []
    try:
        data = load_yaml(path, display)
    except YamlError as exc:
        return Sidecar(path=path), [exc.problem]
    if data is None:
        return Sidecar(path=path), []
    problems: list[Problem] = []
    if not isinstance(data, LineDict):
        return Sidecar(path=path), [Problem(display, 1, "a sidecar is a mapping of keys such as `title:`")]
    _check_keys(data, SOURCE_KEYS, display, problems)

    published = _date_value(data, "published", display, problems)
    meta = SourceMeta(
        title=_str(data, "title"),
        url=_str(data, "url"),
        publisher=_str(data, "publisher"),
        published=dt.date.fromisoformat(published) if published and len(published) == 10 else None,
        language=_str(data, "language"),
    )
    reports = []
    for entry in data.get("reports", []) if isinstance(data.get("reports"), list) else []:
        if not isinstance(entry, LineDict):
            problems.append(Problem(display, data.line_of("reports"), "each item of `reports` is a mapping"))
            continue
        if _check_keys(entry, REPORT_KEYS, display, problems) and "line" not in entry:
            problems.append(Problem(display, entry.line, "a `reports` item needs `line:` (where the report starts)"))
            continue
        if "line" not in entry:
            continue
        speakers = entry.get("speakers")
        if "id" in entry and isinstance(entry["id"], str) and not REPORT_ID.match(entry["id"]):
            problems.append(Problem(display, entry.line_of("id"), "`id` is lower-case letters, digits and dashes"))
        reports.append(ReportOverride(
            line=entry["line"],
            sidecar_line=entry.line,
            title=_str(entry, "title"),
            outlet=_str(entry, "outlet"),
            date=_date_value(entry, "date", display, problems),
            place=_str(entry, "place"),
            url=_str(entry, "url"),
            speakers=tuple(str(s) for s in speakers) if isinstance(speakers, list) else None,
            id=_str(entry, "id"),
        ))
    joins = data.get("joins", [])
    if isinstance(joins, list) and not all(isinstance(j, int) for j in joins):
        problems.append(Problem(display, data.line_of("joins"), "`joins` is a list of line numbers"))
        joins = []
    sidecar = Sidecar(
        path=path,
        meta=meta,
        reports=tuple(sorted(reports, key=lambda r: r.line)),
        joins=tuple(sorted(joins)) if isinstance(joins, list) else (),
        joins_line=data.line_of("joins"),
        description=_str(data, "description"),
    )
    return sidecar, problems


def _check_keys(entry: LineDict, allowed: dict[str, tuple[type, ...]], display: str,
                problems: list[Problem]) -> bool:
    ok = True
    for key, value in entry.items():
        if key not in allowed:
            problems.append(Problem(display, entry.line_of(key),
                                    f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})"))
            ok = False
        elif not isinstance(value, allowed[key]) or isinstance(value, bool):
            kinds = " or ".join(t.__name__ for t in allowed[key])
            problems.append(Problem(display, entry.line_of(key),
                                    f"{key!r} must be {kinds}, not {type(value).__name__}"))
            ok = False
    return ok


def _str(entry: LineDict, key: str) -> Any:
    value = entry.get(key)
    return value if isinstance(value, str) else None


def _date_value(entry: LineDict, key: str, display: str, problems: list[Problem]) -> str | None:
    """`2024-04-09`, `2024-04` or `2024`, checked to be a real date."""
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if not PARTIAL_DATE.match(text):
        problems.append(Problem(display, entry.line_of(key), f"{key!r} must be YYYY-MM-DD, YYYY-MM or YYYY: {text!r}"))
        return None
    try:
        dt.date.fromisoformat(text + "-01-01"[len(text) - 4:] if len(text) < 10 else text)
    except ValueError:
        problems.append(Problem(display, entry.line_of(key), f"{key!r} is not a real date: {text!r}"))
        return None
    return text
