"""The code's shape: no import cycle in generator/, short modules, one owner for every page address."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

from generator import addresses, writer
from generator.build import generate
from tests.conftest import DIGEST, REPO, SEED, ProjectFactory

PACKAGE = REPO / "generator"
MAX_LINES = 350
LONG_REASON = "Why this module is long:"


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def runtime_imports(path: Path) -> set[str]:
    """Modules of `generator` that `path` imports when it runs (imports under `if TYPE_CHECKING:` do not count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(node) for stmt in ast.walk(tree) if isinstance(stmt, ast.If)
               and isinstance(stmt.test, ast.Name) and stmt.test.id == "TYPE_CHECKING"
               for node in ast.walk(stmt)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("generator"))
    return found


def import_graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: {m for m in runtime_imports(path) if m in modules and m != name} for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as the list of modules around it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target):], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_in_generator() -> None:
    graph = import_graph()
    assert "generator.render.report" in graph and "generator.render.markup" in graph["generator.render.report"]
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: module_name(p))
def test_modules_are_short_or_say_why(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    assert lines <= MAX_LINES or LONG_REASON in docstring, (
        f"{module_name(path)} has {lines} lines; split it, or say in its docstring '{LONG_REASON} …'")


def test_writer_owns_exactly_the_addresses_folders_and_files() -> None:
    assert writer.OWNED_DIRS == addresses.OWNED_DIRS
    assert writer.OWNED_FILES == addresses.OWNED_FILES


def test_mkdocs_yml_agrees_with_the_addresses() -> None:
    class ConfigLoader(yaml.SafeLoader):
        """Reads MkDocs' tags (`!ENV SITE_URL`) as plain values: only the paths matter here."""

    ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)
    assert config["docs_dir"] == addresses.DOCS_DIR and config["site_dir"] == addresses.SITE_DIR
    assert tuple(config["not_in_nav"].split()) == addresses.NOT_IN_NAV
    nav = {page for entry in config["nav"] for page in entry.values()}
    listings = {addresses.HOME, addresses.REPORT_INDEX, addresses.TIMELINE, addresses.PEOPLE_INDEX,
                addresses.OUTLET_INDEX, addresses.TOPICS, addresses.COMPARE_INDEX, addresses.COMPILATION_INDEX,
                addresses.GLOSSARY, addresses.SEARCH_PAGE, addresses.DATA_PAGE}
    assert nav == listings


def test_every_generated_file_lies_where_the_writer_owns(make_project: ProjectFactory) -> None:
    pages = generate(make_project(SEED, DIGEST)).pages
    owned_dirs = tuple(f"{folder}/" for folder in addresses.OWNED_DIRS)
    strays = [path for path in pages if path not in addresses.OWNED_FILES and not path.startswith(owned_dirs)]
    assert not strays
    assert set(addresses.OWNED_FILES) <= set(pages)


def test_no_module_but_addresses_spells_a_page_folder() -> None:
    """Page addresses are built by `generator/addresses.py` only (docstrings may mention them)."""
    folders = tuple(f"{folder}/" for folder in addresses.OWNED_DIRS)
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "addresses.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # docstrings, of modules, functions, classes and attributes: bare string statements
        docstrings = {id(node.value) for node in ast.walk(tree)
                      if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                    and any(folder in node.value for folder in folders)):
                offenders.append(f"{module_name(path)}:{node.lineno}: {node.value[:60]!r}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("stem", ["a", "2024-04-09-lavrov", "x_y-z", "0" * 60, "-bad", "Upper", "dot.dot", ""])
def test_every_name_archive_add_gives_is_one_the_build_accepts(stem: str) -> None:
    from generator.readers import SUFFIXES

    if addresses.NEW_SOURCE_STEM.match(stem):
        assert all(addresses.SOURCE_NAME.match(stem + suffix) for suffix in SUFFIXES)
    else:
        assert stem in ("-bad", "Upper", "dot.dot", "")


IMPURE_MODULES = {"os", "shutil", "subprocess", "tempfile", "pathlib", "io"}


@pytest.mark.parametrize("path", sorted((PACKAGE / "render").glob("*.py")), ids=lambda p: module_name(p))
def test_rendering_does_no_io(path: Path) -> None:
    """`generator/render/` turns records into text; reading and writing files is the build's and the writer's."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert not {alias.name.split(".")[0] for alias in node.names} & IMPURE_MODULES, ast.unparse(node)
        elif isinstance(node, ast.ImportFrom):
            assert (node.module or "").split(".")[0] not in IMPURE_MODULES, ast.unparse(node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id != "open", f"{module_name(path)}:{node.lineno} opens a file"
