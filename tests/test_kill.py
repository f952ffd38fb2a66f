"""A build killed at any moment leaves a state that `archive check` accepts or that the next build completes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SEED, ProjectFactory

pytestmark = pytest.mark.slow

SECOND = "Second report\n\nLONDON, May 2, 2024 (Reuters) - Lavrov said {n} things about the talks.\n"


def archive(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=root, capture_output=True, text=True,
                          check=False, timeout=120)


def leftovers(root: Path) -> list[str]:
    return sorted([p.name for p in (root / "content").glob(".archive-staging*")]
                  + [p.name for p in root.glob(".archive-site-*")])


def test_builds_killed_at_random_moments(make_project: ProjectFactory) -> None:
    project = make_project(SEED)
    root = project.root
    started = time.perf_counter()
    assert archive(root, "build").returncode == 0
    duration = time.perf_counter() - started
    chance = random.Random(9)
    outcomes = {"check accepted": 0, "next build completed": 0}
    for n in range(20):
        # every build has something to change: a source comes and goes, another one changes
        second = project.sources / "second.txt"
        if n % 3 == 2:
            second.unlink(missing_ok=True)
        else:
            second.write_text(SECOND.format(n=n))
        build = subprocess.Popen([sys.executable, "-m", "generator", "build"], cwd=root, start_new_session=True,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(chance.uniform(0.05, duration))
        os.killpg(build.pid, signal.SIGKILL)  # the build and MkDocs under it, as a crash would
        build.wait()
        assert (root / "site" / "index.html").is_file(), f"kill {n}: site/ is gone"
        if archive(root, "check", "--no-site").returncode == 0:
            outcomes["check accepted"] += 1
            continue
        result = archive(root, "build")
        assert result.returncode == 0, f"kill {n}: the next build failed:\n{result.stderr}"
        assert leftovers(root) == [], f"kill {n}"
        checked = archive(root, "check", "--no-site")
        assert checked.returncode == 0, f"kill {n}: {checked.stderr}"
        outcomes["next build completed"] += 1
    print(outcomes)  # shown with `pytest -s`
    assert sum(outcomes.values()) == 20
    assert archive(root, "build").returncode == 0 and leftovers(root) == []
