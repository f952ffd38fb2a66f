"""`archive add PATH`: bring a contributor's file into `content/sources/` under a clean, stable name.

The file is copied byte for byte (the archive cites it by line), a sidecar is written with
what could be read from the file for the contributor to complete, and an existing source
is never overwritten.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.addresses import NEW_SOURCE_STEM, NEW_SOURCE_STEM_LIMIT
from generator.errors import InputErrors, Problem
from generator.inputs import RESERVED_NAMES
from generator.models import SourceDocument
from generator.readers import SUFFIXES, reader_for
from generator.readers.decode import SourceDecodeError
from generator.render.markup import safe_url
from generator.split import is_title_like
from generator.text import numbered, slugify, truncate_at_word
from generator.yamlfile import shown


@dataclass(frozen=True)
class Added:
    source: Path
    sidecar: Path
    document: SourceDocument


def add_source(path: Path, sources: Path, root: Path, name: str | None = None) -> Added:
    """Copy `path` into `sources` and write its sidecar; raise `InputErrors` if it cannot be added."""
    display = str(path)
    suffix = path.suffix.lower()
    if suffix == ".htm":
        suffix = ".html"
    if suffix not in SUFFIXES:
        raise InputErrors([Problem(display, 0, f"unknown kind of source (known: {', '.join(SUFFIXES)})")])
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputErrors([Problem(display, 0, f"cannot read: {exc.strerror}")]) from None
    reader = reader_for(Path(f"x{suffix}"))
    try:
        document = reader(data, Path("sources") / f"incoming{suffix}", display)
    except SourceDecodeError as exc:
        raise InputErrors([exc.problem]) from None

    digest = hashlib.sha256(data).hexdigest()
    for existing in sorted(sources.iterdir()) if sources.is_dir() else []:
        if (existing.suffix.lower() in SUFFIXES and not existing.is_symlink()
                and hashlib.sha256(existing.read_bytes()).hexdigest() == digest):
            raise InputErrors([Problem(display, 0, "this exact file is already in the archive as "
                                                   f"{existing.relative_to(root).as_posix()}")])

    stem = checked_name(name, display) if name else source_name(document)
    stem = unique_name(stem, sources)
    sources.mkdir(parents=True, exist_ok=True)
    target, sidecar = sources / f"{stem}{suffix}", sources / f"{stem}.yml"
    with open(target, "xb") as out:  # "x": never overwrite, even if a file appeared meanwhile
        out.write(data)
    with open(sidecar, "x", encoding="utf-8") as out:
        out.write(sidecar_text(document, path.name))
    return Added(target, sidecar, document)


def source_name(document: SourceDocument) -> str:
    """`2024-04-09-lavrov-china-and-russia-working-to-establish`: date if known, then the title's words."""
    title = document.meta.title or next((b.text for b in document.blocks if is_title_like(b)), None)
    title = title or (document.blocks[0].text if document.blocks else "source")
    slug = slugify(title, limit=NEW_SOURCE_STEM_LIMIT)
    if document.meta.published:
        slug = f"{document.meta.published.iso}-{slug}"
    return truncate_at_word(slug, NEW_SOURCE_STEM_LIMIT, separator="-")


def checked_name(name: str, display: str) -> str:
    if not NEW_SOURCE_STEM.match(name) or len(name) > NEW_SOURCE_STEM_LIMIT:
        raise InputErrors([Problem(display, 1, f"--name {shown(name)}: use lower-case letters, digits, - and _, "
                                               f"at most {NEW_SOURCE_STEM_LIMIT} characters")])
    if name in RESERVED_NAMES:
        raise InputErrors([Problem(display, 1, f"--name {name!r}: its page would replace the list of compilations; "
                                               "choose another name")])
    return name


def unique_name(stem: str, sources: Path) -> str:
    taken = {p.stem.casefold() for p in sources.iterdir()} if sources.is_dir() else set()
    return numbered(stem, taken | RESERVED_NAMES)


def sidecar_text(document: SourceDocument, original_name: str) -> str:
    """What the file says about itself, and commented fields for the contributor to fill in."""
    meta = document.meta
    known: dict[str, object] = {}
    first_title = next((b.text for b in document.blocks[:1] if is_title_like(b)), None)
    url = meta.url if meta.url and safe_url(meta.url) and meta.url.startswith("http") else None
    for key, value in (("title", meta.title or first_title), ("url", url), ("publisher", meta.publisher),
                       ("published", meta.published.iso if meta.published else None),
                       ("language", meta.language)):
        if value:
            known[key] = value
    header = (f"# Sidecar for the file added as {shown(original_name)}; see CONTRIBUTING.md for every field.\n"
              "# Read from the file itself: check it. Fill in what is missing, then run `archive build`.\n")
    body = yaml.safe_dump(known, sort_keys=False, allow_unicode=True, width=1000) if known else ""
    missing = [key for key in ("title", "url", "publisher", "published", "language") if key not in known]
    hints = {"title": "title of the compilation", "url": "https://… where it was published",
             "publisher": "who published it", "published": "YYYY-MM-DD", "language": "en"}
    todo = "".join(f"# {key}: {hints[key]}\n" for key in missing)
    corrections = ("# reports:             # corrections, by the line where a report starts\n"
                   "#   - line: 12\n#     title: …\n#     outlet: …\n#     date: YYYY-MM-DD\n")
    return header + body + todo + corrections
