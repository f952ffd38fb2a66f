"""`mkdocs build --strict`, rebuilding only the pages whose Markdown changed when that gives the same site.

MkDocs' dirty build renders a page only when its source is newer than its HTML; the writer keeps
the modification time of every page it did not change, so after adding one source MkDocs renders
the new pages, the pages whose links changed and the listings, and nothing else. A dirty build
equals a clean one only under conditions this module checks before it takes that road:

- the last build succeeded from the same site-wide inputs: `mkdocs.yml`, the theme overrides and
  hooks, the versions of MkDocs, Material and Python-Markdown, this module's own code (its plugin
  shapes every page), the same `site_dir` (the navigation, header and footer of every page come
  from these);
- no page of the navigation was removed since (every page's sidebar lists them); a removed page
  outside it, or a removed file, has its built output deleted from the site before the build (a
  dirty build would leave it behind), and the pages that linked to it changed with it, so they are
  rendered again (a long listing that reshapes removes its old pages, a pair of reports whose
  shared passage became a stock phrase its compare page);
- every plugin works page by page: a plugin that gathers from every page (Material's `search` or
  `tags`, say) would see only the pages rendered again, so their presence means a clean build.

Otherwise, and with `--clean`, it is an ordinary clean build. `tests/test_incremental.py` builds
an archive, adds a source, and checks that the incremental site equals a clean one byte for byte.

Every page also loses the indentation the theme's templates leave in it (`compact`), a fifth of
its bytes; this runner adds that step as a page-by-page plugin, so it needs no hook in mkdocs.yml.
The same plugin leaves out the theme's source maps, and its files for Material's own search (lunr,
the worker) when the site has no search plugin: 2.2 of the theme's 2.4 MB.

The build goes into a staging folder that starts as the live site with every file hard-linked
(`writer.staged_site`), and is swapped in whole once it succeeds. MkDocs writes files in place,
which would write through a link into the live site; here every file it writes replaces the one
there instead (`replacing_write`, `replacing_copy`).

Run as `python -m generator.sitebuild [--clean] [--quiet] [--site-dir DIR] --config-file mkdocs.yml`
(MkDocs, or the engine ARCHIVE_ENGINE names, runs in its own process, as `archive build` always ran
it). The record of the last build is kept in `.archive-cache/site/`: removed when a build starts,
written as `record.next.json` when it ends, and made the record by `commit_record` once the new
site is in place, so a build that stops half-way is followed by a clean one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import re
import shutil
import sys
from collections.abc import Sequence
from importlib import import_module
from importlib.metadata import version
from pathlib import Path
from typing import Any

from generator.cache import FOLDER

PAGE_BY_PAGE_PLUGINS = frozenset({"material/offline"})
"""Plugins whose output for a page depends on that page alone (hooks of the project are checked by
their bytes and are page by page too). `material/offline` only adds settings and, with no search
plugin, does nothing after the build."""
ENGINE_SETUP = {"properdocs": "properdocs.replacement"}
"""What an engine's own command imports first: ProperDocs makes `mkdocs.*` imports (Material's) its own."""
PACKAGES = ("mkdocs-material", "Markdown")
RECORD = "record.json"
NEXT_RECORD = "record.next.json"
KEPT_AS_WRITTEN = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL)
INDENTED_BREAK = re.compile(r"[ \t\r]*\n[ \t\r\n]*")
BLOCKS = frozenset(("html head body meta link title script style noscript header nav main article section aside "
                    "footer div p ul ol li dl dt dd table caption thead tbody tfoot tr td th h1 h2 h3 h4 h5 h6 hr "
                    "form details summary figure").split())
"""Elements that stand on their own line in a page (or in its head), so a line break beside one never shows."""
TAG_BREAK = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>\n(?=</?([a-zA-Z][a-zA-Z0-9]*))")


def _unbreak(match: re.Match[str]) -> str:
    tag = match.group(0)
    return tag[:-1] if match.group(2).lower() in BLOCKS or match.group(3).lower() in BLOCKS else tag


def compact(html: str) -> str:
    """The page without the theme's indentation: a run of spaces, tabs and line breaks that holds a
    line break shows as one space whatever its length, so it becomes one line break. Inside `<pre>`,
    `<textarea>`, `<script>` and `<style>`, where white space is kept as written, nothing changes;
    non-breaking spaces are not white space here. A line break between two tags one of which is a
    block's (`BLOCKS`) goes: it shows nowhere."""
    pieces = KEPT_AS_WRITTEN.split(html)
    # split() gives text, then each kept element and its tag name, then text again
    return "".join(TAG_BREAK.sub(_unbreak, INDENTED_BREAK.sub("\n", piece)) if index % 3 == 0 else piece
                   for index, piece in enumerate(pieces) if index % 3 != 2)


def engine() -> str:
    """The site builder `archive build` runs: MkDocs, or ProperDocs, which reads the same config."""
    return os.environ.get("ARCHIVE_ENGINE") or "mkdocs"


def site_inputs(config: Any) -> str:
    """Digest of what every page is made with besides its own Markdown."""
    digest = hashlib.sha256()
    config_file = Path(str(config.config_file_path))
    parts: list[tuple[str, bytes]] = [("mkdocs.yml", config_file.read_bytes()), ("site_dir", config.site_dir.encode()),
                                      ("site_url", str(config.site_url).encode())]
    parts += [(package, version(package).encode()) for package in (engine(), *PACKAGES)]
    parts.append(("sitebuild.py", Path(__file__).read_bytes()))  # this runner's plugin shapes every page too
    custom_dir = config.theme.custom_dir
    if custom_dir:
        for path in sorted(Path(custom_dir).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                parts.append((path.relative_to(custom_dir).as_posix(), path.read_bytes()))
    for name, data in parts:
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def docs_files(config: Any) -> list[str]:
    """Every file under docs_dir, relative, sorted (os.walk: pathlib costs seconds over 30,000 files)."""
    root = str(config.docs_dir)
    found: list[str] = []
    for folder, _, names in os.walk(root):
        prefix = os.path.relpath(folder, root).replace(os.sep, "/")
        found.extend(name if prefix == "." else f"{prefix}/{name}" for name in names)
    return sorted(found)


def whole_site_plugins(config: Any) -> list[str]:
    return [name for name in config.plugins if name not in PAGE_BY_PAGE_PLUGINS and name not in config.hooks]


def nav_pages(config: Any) -> set[str] | None:
    """The docs-relative pages `nav` names, or None when the navigation is every page (no `nav`)."""
    if config.nav is None:
        return None
    found: set[str] = set()
    pending: list[Any] = [config.nav]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return found


def removed_files(record: dict[str, object] | None, files: list[str]) -> list[str]:
    """The files of `docs_dir` the last build had and this one has not."""
    built = record.get("files") if record else None
    return sorted(set(built) - set(files)) if isinstance(built, list) else []


def dirty_is_safe(config: Any, record: dict[str, object] | None, inputs: str, files: list[str]) -> bool:
    """Whether a dirty build gives the site a clean build would (see the module docstring)."""
    if record is None or not Path(config.site_dir).is_dir() or whole_site_plugins(config):
        return False
    if record.get("inputs") != inputs or not isinstance(record.get("files"), list):
        return False
    removed = removed_files(record, files)
    in_nav = nav_pages(config)
    pages = [name for name in removed if name.endswith(".md")]
    return not pages or (in_nav is not None and not in_nav.intersection(pages))


def delete_outputs(name: str, config: Any, removed: list[str]) -> None:
    """Delete what the removed files were built into, and the folders that leaves empty."""
    file_class = import_module(f"{name}.structure.files").File
    site = os.path.abspath(str(config.site_dir))
    for source in removed:
        output = file_class(source, str(config.docs_dir), site, config.use_directory_urls).abs_dest_path
        if os.path.isfile(output):
            os.unlink(output)
        folder = os.path.dirname(output)
        while folder.startswith(site + os.sep) and os.path.isdir(folder) and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)


class DirtyWarning(logging.Filter):
    """Drops MkDocs' warning that a dirty build may be inaccurate: this module only builds dirty
    when it is not, and in strict mode the warning alone would abort the build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def record_folder(root: Path) -> Path:
    return root / FOLDER / "site"


def last_build(root: Path) -> str | None:
    """How the live site was built: "incremental", "clean", or None if no record says."""
    try:
        built = json.loads((record_folder(root) / RECORD).read_text(encoding="utf-8")).get("built")
    except (OSError, ValueError, AttributeError):
        return None
    return built if isinstance(built, str) else None


def commit_record(root: Path) -> None:
    """The site just built is the live one now: its record is what the next build compares with."""
    folder = record_folder(root)
    if (folder / NEXT_RECORD).is_file():
        os.replace(folder / NEXT_RECORD, folder / RECORD)


def replacing_write(content: bytes, output_path: str) -> None:
    """MkDocs' `utils.write_file`, but the file is replaced, never rewritten in place (see above)."""
    os.makedirs(os.path.dirname(output_path), exist_ok=True)
    temporary = f"{output_path}.archive-tmp"
    with open(temporary, "wb") as out:
        out.write(content)
    os.replace(temporary, output_path)


def replacing_copy(source_path: str, output_path: str) -> None:
    """MkDocs' `utils.copy_file`, but the file is replaced, never rewritten in place."""
    os.makedirs(os.path.dirname(output_path), exist_ok=True)
    if os.path.isdir(output_path):
        output_path = os.path.join(output_path, os.path.basename(source_path))
    temporary = f"{output_path}.archive-tmp"
    shutil.copyfile(source_path, temporary)
    os.replace(temporary, output_path)


def build_site(config_file: Path, *, clean: bool, quiet: bool, site_dir: Path | None = None) -> str:
    """Build the site; returns "incremental" or "clean", as it built."""
    name = engine()
    if name in ENGINE_SETUP:
        import_module(ENGINE_SETUP[name])
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger(name)
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    logging.getLogger(f"{name}.commands.build").addFilter(DirtyWarning())

    overrides = {"site_dir": str(site_dir)} if site_dir else {}
    config = import_module(f"{name}.config").load_config(str(config_file), strict=True, **overrides)
    folder = record_folder(Path(config.config_file_path).parent)
    record_path = folder / RECORD
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = None
    inputs, files = site_inputs(config), docs_files(config)
    dirty = not clean and dirty_is_safe(config, record, inputs, files)
    if dirty:
        delete_outputs(name, config, removed_files(record, files))
    # a build that stops half-way leaves pages newer than their sources: the next one must be clean
    record_path.unlink(missing_ok=True)
    (folder / NEXT_RECORD).unlink(missing_ok=True)
    utils: Any = import_module(f"{name}.utils")
    utils.write_file, utils.copy_file = replacing_write, replacing_copy
    for template in config.theme.static_templates:  # rewritten every build, the gzip copy in place
        Path(config.site_dir, f"{template}.gz").unlink(missing_ok=True)
    config.plugins["archive/compact"] = compact_plugin(name)
    import_module(f"{name}.commands.build").build(config, dirty=dirty)
    folder.mkdir(parents=True, exist_ok=True)
    built = "incremental" if dirty else "clean"
    (folder / NEXT_RECORD).write_text(json.dumps({"inputs": inputs, "files": files, "built": built}), encoding="utf-8")
    return built


SOURCE_MAPS = re.compile(r"assets/(?:javascripts|stylesheets)/.*\.map$")
"""The source maps of Material's scripts and stylesheets, read only by a browser's developer tools."""
SEARCH_PLUGIN_FILES = re.compile(r"assets/javascripts/(?:lunr|workers)/")
"""Material's files for its own search plugin (lunr, the worker). With the maps, 2.2 of its 2.4 MB."""


def compact_plugin(name: str) -> Any:
    """`compact` as a plugin of the engine, run after every page is rendered; it also leaves out the
    theme's source maps and its files for a search plugin the site does not have."""

    def on_files(self: Any, files: Any, config: Any, **kwargs: Any) -> Any:
        searches = any(plugin.endswith("search") for plugin in config.plugins)
        for file in [f for f in files if SOURCE_MAPS.match(f.src_uri)
                     or (not searches and SEARCH_PLUGIN_FILES.match(f.src_uri))]:
            files.remove(file)
        return files

    def on_post_page(self: Any, output: str, **kwargs: Any) -> str:
        return compact(output)

    return type("CompactPages", (import_module(f"{name}.plugins").BasePlugin,),
                {"on_files": on_files, "on_post_page": on_post_page})()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.sitebuild", description=__doc__.split("\n")[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--clean", action="store_true", help="always build the whole site")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--site-dir", type=Path, help="build here instead of mkdocs.yml's site_dir")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        build_site(args.config_file, clean=args.clean, quiet=args.quiet, site_dir=args.site_dir)
    except import_module(f"{engine()}.exceptions").Abort as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
