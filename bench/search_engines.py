"""The search engines the site could ship, compared on one synthetic archive (how the choice was made).

`python -m bench.search_engines --reports N` builds the synthetic archive of `bench.search_browser`,
indexes its passages (title and text) with MiniSearch, FlexSearch and lunr (its index prebuilt by the
Python `lunr` package, the `bench` extra), and measures in Node (V8, as in Chromium) what a page
would pay before its first result: the index's size, the time to parse and load it, the heap it
takes, and one query. The three load their whole index for any query; the archive's own index
(`generator/search_index.py`) loads the manifest and the shards of the query's words, which it
prints beside them. The npm packages are fetched with `npm pack` into a temporary folder.

It prints one JSON line per engine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.search_browser import make_archive
from generator.addresses import SEARCH, SEARCH_MANIFEST, search_terms_shard
from generator.build import generate
from generator.pieces import read_script
from generator.project import Project
from generator.search_index import build_search_index, ordered_reports, shard_of

PACKAGES = {"minisearch": "minisearch@7.2.0", "flexsearch": "flexsearch@0.8.212", "lunr": "lunr@2.3.9"}
ENTRY = {"minisearch": "dist/cjs/index.cjs", "flexsearch": "dist/flexsearch.bundle.min.js", "lunr": "lunr.js"}
"""Each package's CommonJS build, for Node's `require`."""
QUERY = "cooperation"

NODE = r"""
const fs = require("fs");
const [engine, phase, packageDir, input, output] = process.argv.slice(2);
const required = require(packageDir);  // the package's CommonJS file
const lib = required.default || required;
const now = () => Number(process.hrtime.bigint()) / 1e6;

async function build() {
  const docs = JSON.parse(fs.readFileSync(input, "utf8"));
  const start = now();
  let data;
  if (engine === "minisearch") {
    const index = new lib({fields: ["title", "text"], idField: "id"});
    index.addAll(docs);
    data = JSON.stringify(index);
  } else if (engine === "flexsearch") {
    const index = new lib.Index({tokenize: "forward"});
    for (const doc of docs) index.add(doc.id, doc.title + " " + doc.text);
    const parts = {};
    await index.export((key, value) => { parts[key] = value; });
    data = JSON.stringify(parts);
  }
  fs.writeFileSync(output, data);
  console.log(JSON.stringify({build_seconds: (now() - start) / 1000}));
}

function load() {
  global.gc();
  const before = process.memoryUsage();
  const text = fs.readFileSync(input, "utf8");
  const start = now();
  let index, search;
  if (engine === "minisearch") {
    index = lib.loadJSON(text, {fields: ["title", "text"], idField: "id"});
    search = (q) => index.search(q, {prefix: true}).length;
  } else if (engine === "flexsearch") {
    const parts = JSON.parse(text);
    index = new lib.Index({tokenize: "forward"});
    for (const key of Object.keys(parts)) index.import(key, parts[key]);
    search = (q) => index.search(q, {limit: 100000}).length;
  } else {
    index = lib.Index.load(JSON.parse(text));
    search = (q) => index.search(q).length;
  }
  const loaded = now();
  const hits = search(process.argv[7]);
  const searched = now();
  global.gc();
  const after = process.memoryUsage();
  console.log(JSON.stringify({
    load_ms: loaded - start, query_ms: searched - loaded, hits: hits,
    heap_mb: (after.heapUsed + after.external - before.heapUsed - before.external) / 2 ** 20,
  }));
}

(phase === "build" ? build() : Promise.resolve(load())).catch((error) => { console.error(error); process.exit(1); });
"""


def fetch_packages(folder: Path) -> dict[str, Path]:
    """`npm pack` each engine (the registry's tarball, as vendoring would take it) and unpack it."""
    subprocess.run(["npm", "pack", "--silent", "--pack-destination", str(folder), *PACKAGES.values()],
                   check=True, capture_output=True, timeout=300)
    found = {}
    for name, spec in PACKAGES.items():
        tarball = folder / (spec.replace("@", "-") + ".tgz")
        with tarfile.open(tarball) as archive:
            archive.extractall(folder / name, filter="data")
        found[name] = folder / name / "package" / ENTRY[name]
    return found


def node(*args: str) -> dict[str, Any]:
    out = subprocess.run(["node", "--expose-gc", "--max-old-space-size=8192", *args], check=True,
                         capture_output=True, text=True, timeout=3600).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def lunr_index(documents: list[dict[str, object]], target: Path) -> float:
    from lunr import lunr  # the `bench` extra: pip install -e '.[bench]'

    start = time.perf_counter()
    index = lunr(ref="id", fields=["title", "text"], documents=documents)
    target.write_text(json.dumps(index.serialize()), encoding="utf-8")
    return time.perf_counter() - start


def own_index_cost(pages: dict[str, str], query: str) -> dict[str, Any]:
    """What the archive's own index loads for `query`: the manifest and the query word's term shard."""
    manifest_text = pages[SEARCH_MANIFEST]
    payload = read_script(manifest_text)
    assert isinstance(payload, dict)
    shard = pages[search_terms_shard(shard_of(payload['shards'], query))]
    terms = sum(len(text.encode("utf-8")) for path, text in pages.items() if path.startswith(f"{SEARCH}/terms/"))
    return {"engine": "archive (sharded)", "index_mb": round((terms + len(manifest_text.encode("utf-8"))) / 2**20, 2),
            "loaded_for_query_mb": round((len(manifest_text.encode("utf-8")) + len(shard.encode("utf-8"))) / 2**20, 2)}


def run(reports: int, seed: int) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="bench-engines-") as folder:
        root = Path(folder)
        (root / "archive").mkdir()
        make_archive(root / "archive", reports, seed)
        archive = generate(Project(root / "archive"), use_cache=False)
        documents: list[dict[str, object]] = []
        for report in ordered_reports(archive.reports):
            documents.append({"id": len(documents), "title": report.title, "text": ""})
            documents.extend({"id": len(documents), "title": "", "text": p.block.text} for p in report.passages)
        docs_file = root / "docs.json"
        docs_file.write_text(json.dumps(documents), encoding="utf-8")
        packages = fetch_packages(root)
        script = root / "engine.cjs"
        script.write_text(NODE, encoding="utf-8")
        results = [{"reports": len(archive.reports), "passages": len(documents),
                    **own_index_cost(build_search_index(archive.catalogue), QUERY)}]
        for engine in ("minisearch", "flexsearch", "lunr"):
            index_file = root / f"{engine}.json"
            if engine == "lunr":
                built = {"build_seconds": lunr_index(documents, index_file)}
            else:
                built = node(str(script), engine, "build", str(packages[engine]), str(docs_file), str(index_file))
            loaded = node(str(script), engine, "load", str(packages[engine]), str(index_file), "-", QUERY)
            size = index_file.stat().st_size / 2**20
            results.append({"reports": len(archive.reports), "passages": len(documents), "engine": engine,
                            "index_mb": round(size, 2), "loaded_for_query_mb": round(size, 2),
                            **{key: round(value, 1) if isinstance(value, float) else value
                               for key, value in {**built, **loaded}.items()}})
        shutil.rmtree(root / "archive")
        return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search_engines", description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for result in run(args.reports, args.seed):
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
