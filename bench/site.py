"""The whole build at scale: generate `content/`, then `mkdocs build`, on a synthetic archive.

`python -m bench.site --sources N` writes N compilations (as `bench.rebuild` does), runs the
generator and MkDocs, and prints one JSON line: reports, files, generate_seconds, mkdocs_seconds,
site_mb. It shows that the site grows linearly: reports are not in the sidebar navigation.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.rebuild import REPO, make_archive
from generator.build import generate
from generator.mkdocs_site import run_mkdocs
from generator.project import Project
from generator.writer import write_pages


def run(sources: int, per_source: int, seed: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench-site-") as folder:
        root = Path(folder)
        held = make_archive(root, sources, per_source, seed)
        shutil.move(held, root / "content" / "sources" / held.name)
        shutil.copytree(REPO / "site_overrides", root / "site_overrides")
        project = Project(root)
        start = time.perf_counter()
        archive = generate(project, use_cache=False)
        write_pages(project.content, archive.pages)
        generate_seconds = time.perf_counter() - start
        start = time.perf_counter()
        run_mkdocs(project.root, "build", "--strict", "--quiet")
        mkdocs_seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())
        return {
            "reports": len(archive.reports),
            "files": len(archive.pages),
            "generate_seconds": round(generate_seconds, 2),
            "mkdocs_seconds": round(mkdocs_seconds, 2),
            "site_mb": round(size / 2**20, 1),
        }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.site", description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=int, default=400)
    parser.add_argument("--per-source", type=int, default=4)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.sources, args.per_source, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
