"""The GitHub workflows parse, use the listed action versions, and do what CONTRIBUTING.md promises reviewers."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
ACTION_VERSIONS: dict[str, str] = yaml.safe_load((REPO / ".github" / "action-versions.yml").read_text())
"""The one list of actions and their major versions (`.github/action-versions.yml`)."""

BUILDS_THE_SITE = re.compile(r"\bmake site\b|\barchive build\b|\bmkdocs build\b|\bproperdocs build\b")


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text())
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def all_workflows() -> list[str]:
    return sorted(path.name for path in WORKFLOWS.glob("*.yml"))


def steps_text(job: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) + " " + str(step.get("uses", "")) for step in job["steps"])


def step_index(job: dict[str, Any], text: str) -> int:
    """Position of the first step whose `run` or `uses` contains `text`."""
    for index, step in enumerate(job["steps"]):
        if text in str(step.get("run", "")) + str(step.get("uses", "")):
            return index
    raise AssertionError(f"no step runs or uses {text!r}")


def test_action_versions_list_is_major_releases_of_official_actions() -> None:
    assert ACTION_VERSIONS, "the list is empty"
    for action, version in ACTION_VERSIONS.items():
        assert action.startswith("actions/"), action
        assert re.fullmatch(r"v\d+", version), f"{action}: {version!r} is not a major version tag"


@pytest.mark.parametrize("name", all_workflows())
def test_every_action_is_at_the_listed_version(name: str) -> None:
    workflow = load(name)
    for job_name, job in workflow["jobs"].items():
        for step in job["steps"]:
            if "uses" not in step:
                continue
            action, _, version = step["uses"].partition("@")
            assert action in ACTION_VERSIONS, f"{name}: {job_name} uses {action}, missing from action-versions.yml"
            assert version == ACTION_VERSIONS[action], (
                f"{name}: {job_name} uses {action}@{version}; the list says {ACTION_VERSIONS[action]}")


def test_every_listed_action_is_used() -> None:
    used = {str(step["uses"]).partition("@")[0] for name in all_workflows() for job in load(name)["jobs"].values()
            for step in job["steps"] if "uses" in step}
    assert set(ACTION_VERSIONS) == used, f"listed but unused: {sorted(set(ACTION_VERSIONS) - used)}"


@pytest.mark.parametrize("name", all_workflows())
def test_every_job_has_a_timeout_and_pip_downloads_are_cached(name: str) -> None:
    for job_name, job in load(name)["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int) and 0 < job["timeout-minutes"] <= 60, job_name
        if "make test" in steps_text(job):
            cache = job["steps"][step_index(job, "actions/cache")]
            assert "pip" in cache["with"]["path"] and "hashFiles('pyproject.toml')" in cache["with"]["key"]
            assert step_index(job, "actions/cache") < step_index(job, "make test")


def test_pull_request_workflow_tests_then_builds_once_and_uploads_a_named_preview() -> None:
    workflow = load("pull-request.yml")
    assert "pull_request" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    [job] = workflow["jobs"].values()
    steps = steps_text(job)
    assert len(BUILDS_THE_SITE.findall(steps)) == 1, "the pull request workflow builds the site more than once"
    assert "archive check" in (REPO / "Makefile").read_text().split("\ntest:")[1].split("\n\n")[0]
    assert step_index(job, "make test") < step_index(job, "archive build") < step_index(job, "actions/upload-artifact")
    upload = job["steps"][step_index(job, "actions/upload-artifact")]
    assert upload["with"]["path"] == "site/"
    assert upload["with"]["name"].startswith("site-preview-pr-${{ github.event.pull_request.number")
    template = (REPO / ".github" / "pull_request_template.md").read_text()
    assert "site-preview-pr-" in template


def test_pages_workflow_tests_then_deploys_main_for_its_pages_address() -> None:
    workflow = load("pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {}, "permissions belong to the jobs that need them"
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    order = [step_index(build, text) for text in
             ("make test", "actions/configure-pages", "make site", "actions/upload-pages-artifact")]
    assert order == sorted(order)
    site = build["steps"][step_index(build, "make site")]
    pages_id = build["steps"][step_index(build, "actions/configure-pages")]["id"]
    assert site["env"]["SITE_URL"] == "${{ steps." + pages_id + ".outputs.base_url }}"
    assert build["steps"][-1]["with"]["path"] == "site/"
    assert "actions/deploy-pages" in steps_text(deploy)


def test_ci_entry_point_runs_the_readme_test_command() -> None:
    assert "make test" in (REPO / ".ci" / "run").read_text()
    assert "make test" in (REPO / "README.md").read_text()


def test_pull_request_template_has_the_checklist() -> None:
    template = (REPO / ".github" / "pull_request_template.md").read_text()
    assert template.count("- [ ]") >= 5 and "archive check" in template


def unreadable(path: Path) -> bool:
    """A file no reviewer reads line by line: not UTF-8 text, or holding packed data (a run of
    1,000 characters without a space, which no sentence or page markup has)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return re.search(r"\S{1000}", text) is not None


def test_reviewers_diffs_name_packed_files_without_printing_them() -> None:
    """`.gitattributes` marks every generated file a reviewer cannot read (the packed search index,
    compressed data and source copies) `-diff`, and no readable page: a pull request's diff then
    shows the pages a source changed, and only names the packed pieces."""
    tracked = subprocess.run(["git", "ls-files", "-z", "content", "tests/golden"], cwd=REPO,
                             capture_output=True, check=True).stdout.decode().split("\0")
    files = [name for name in tracked if name]
    attrs = subprocess.run(["git", "check-attr", "diff", "-z", "--", *files], cwd=REPO,
                           capture_output=True, check=True).stdout.decode().split("\0")
    no_diff = {attrs[i] for i in range(0, len(attrs) - 2, 3) if attrs[i + 2] == "unset"}
    packed = {name for name in files if unreadable(REPO / name)}
    assert packed, "the repository's archive has packed search pieces and compressed data"
    assert packed <= no_diff, sorted(packed - no_diff)
    assert not any(name.endswith((".md", ".yml", ".txt", ".json", ".csv")) for name in no_diff), sorted(no_diff)
