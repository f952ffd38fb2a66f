"""Shared fixtures: throwaway archive projects built from the repo's config and registries."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import Project

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = REPO / "content" / "sources" / "000_600d39537292fdeb.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/golden/ from the generator")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


ProjectFactory = Callable[..., Project]


@pytest.fixture
def make_project(tmp_path: Path) -> ProjectFactory:
    """A project folder with the repo's mkdocs.yml, theme overrides and registries, and the given sources."""

    made = 0

    def factory(*sources: Path, texts: dict[str, str | bytes] | None = None) -> Project:
        nonlocal made
        made += 1
        root = tmp_path / f"archive{made}"
        (root / "content" / "sources").mkdir(parents=True)
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(REPO / "site_overrides", root / "site_overrides")
        for registry in ("people.yml", "outlets.yml"):
            shutil.copy(REPO / "content" / registry, root / "content" / registry)
        for source in sources:
            shutil.copy(source, root / "content" / "sources" / source.name)
            if source.with_suffix(".yml").exists():
                shutil.copy(source.with_suffix(".yml"), root / "content" / "sources" / source.with_suffix(".yml").name)
        for relative, text in (texts or {}).items():
            target = root / "content" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                target.write_bytes(text)
            else:
                target.write_text(text, encoding="utf-8")
        return Project(root)

    return factory
