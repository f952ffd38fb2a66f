"""Proof that a refactor changes nothing: build the same projects with two checkouts, compare the files.

    python -m bench.same_output build CHECKOUT OUT   # build every project with the generator in CHECKOUT
    python -m bench.same_output compare OUT_A OUT_B  # byte-compare two such folders

`build` makes, under OUT, one project per case: the repository's own archive (content/ and site/),
the seed with the digest fixture (content/ and site/), and each fixture source alone (content/ only),
then runs `python -m generator build` in each with CHECKOUT first on the import path, so either
checkout's generator runs on identical input. `compare` reports every file that is missing on one
side or differs; the only tolerated difference is the build date in `sitemap.xml` (and its gzip).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SEED = REPO / "content" / "sources" / "000_600d39537292fdeb.txt"
LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")
TIMING = re.compile(r"in [0-9.]+ seconds")


def cases() -> dict[str, tuple[list[Path], bool]]:
    """Case name → (sources, whether to build the site too); `repo` copies the whole content/."""
    singles = sorted([*(FIXTURES / "sources").glob("*.txt"), *(FIXTURES / "html").glob("*.*"),
                      *(FIXTURES / "encodings").glob("*.*")])
    found: dict[str, tuple[list[Path], bool]] = {
        "repo": ([], True),
        "seed-digest": ([SEED, FIXTURES / "sources" / "digest_tass_reuters_mfa.txt"], True),
    }
    for source in singles:
        found[f"{source.parent.name}-{source.name}"] = ([source], False)
    return found


def make_project(root: Path, sources: list[Path]) -> None:
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "site_overrides", root / "site_overrides")
    if not sources:
        shutil.copytree(REPO / "content", root / "content")
        return
    (root / "content" / "sources").mkdir(parents=True)
    for registry in ("people.yml", "outlets.yml"):
        shutil.copy(REPO / "content" / registry, root / "content" / registry)
    for source in sources:
        shutil.copy(source, root / "content" / "sources" / source.name)
        if source.with_suffix(".yml").exists():
            shutil.copy(source.with_suffix(".yml"), root / "content" / "sources")


def build_all(checkout: Path, out: Path) -> None:
    environment = {**os.environ, "PYTHONPATH": str(checkout.resolve())}
    for name, (sources, site) in cases().items():
        root = out / name
        make_project(root, sources)
        command = [sys.executable, "-m", "generator", "build", "--no-cache"] + ([] if site else ["--no-site"])
        result = subprocess.run(command, cwd=root, env=environment, capture_output=True, text=True, check=False)
        log = f"exit {result.returncode}\n{result.stdout}{result.stderr}".replace(str(root.resolve()), "<project>")
        log = TIMING.sub("in N seconds", log)
        (out / f"{name}.log").write_text(log, encoding="utf-8")
        print(f"{name}: exit {result.returncode}")


def comparable(path: Path) -> bytes:
    data = path.read_bytes()
    if path.name == "sitemap.xml.gz":
        data = gzip.decompress(data)
    if path.name.startswith("sitemap.xml"):
        data = LASTMOD.sub(b"<lastmod/>", data)
    return data


def compare(a: Path, b: Path) -> list[str]:
    """Every difference between two output folders (the build logs included), one line each."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file() and ".archive-cache" not in p.parts}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file() and ".archive-cache" not in p.parts}
    differences = [f"only in {a}: {path}" for path in sorted(files_a - files_b)]
    differences += [f"only in {b}: {path}" for path in sorted(files_b - files_a)]
    differences += [f"differs: {path}" for path in sorted(files_a & files_b)
                    if comparable(a / path) != comparable(b / path)]
    return differences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build")
    build_cmd.add_argument("checkout", type=Path)
    build_cmd.add_argument("out", type=Path)
    compare_cmd = commands.add_parser("compare")
    compare_cmd.add_argument("a", type=Path)
    compare_cmd.add_argument("b", type=Path)
    args = parser.parse_args(argv)
    if args.command == "build":
        build_all(args.checkout, args.out)
        return 0
    differences = compare(args.a, args.b)
    for line in differences:
        print(line)
    files = sum(1 for p in args.a.rglob("*") if p.is_file())
    print(f"{files} files compared, {len(differences)} differences (sitemap dates ignored)")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
