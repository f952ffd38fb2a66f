"""The GitHub workflows parse and do what CONTRIBUTING.md promises reviewers."""

from __future__ import annotations

import yaml

from tests.conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"


def load(name: str) -> dict:  # type: ignore[type-arg]
    data = yaml.safe_load((WORKFLOWS / name).read_text())
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def steps_text(job: dict) -> str:  # type: ignore[type-arg]
    return "\n".join(str(step.get("run", "")) + " " + str(step.get("uses", "")) for step in job["steps"])


def test_pull_request_workflow_checks_tests_builds_and_uploads_the_site() -> None:
    workflow = load("pull-request.yml")
    assert "pull_request" in workflow["on"]
    steps = steps_text(workflow["jobs"]["check"])
    for expected in ("make site", "archive check", "make test", "mkdocs build --strict", "actions/upload-artifact"):
        assert expected in steps
    upload = next(s for s in workflow["jobs"]["check"]["steps"] if "upload-artifact" in str(s.get("uses")))
    assert upload["with"]["path"] == "site/"


def test_pages_workflow_deploys_main_with_the_official_actions() -> None:
    workflow = load("pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = steps_text(workflow["jobs"]["build"])
    assert "actions/configure-pages" in build and "actions/upload-pages-artifact" in build and "make site" in build
    assert "actions/deploy-pages" in steps_text(workflow["jobs"]["deploy"])
    assert workflow["jobs"]["deploy"]["needs"] == "build"


def test_ci_entry_point_runs_the_readme_test_command() -> None:
    assert "make test" in (REPO / ".ci" / "run").read_text()
    assert "make test" in (REPO / "README.md").read_text()


def test_pull_request_template_has_the_checklist() -> None:
    template = (REPO / ".github" / "pull_request_template.md").read_text()
    assert template.count("- [ ]") >= 5 and "archive check" in template
