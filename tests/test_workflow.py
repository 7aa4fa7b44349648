"""The GitHub Pages workflow: valid YAML, and it runs `make site`, whose command the tests run too."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from mkdocs.config import load_config

from conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_pages_workflow_parses_and_publishes_what_make_site_builds():
    workflow = _workflow()
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as true
    assert "push" in triggers and "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}

    build = workflow["jobs"]["build"]["steps"]
    assert [step["run"] for step in build if "run" in step] == ["make site"]
    python = next(step for step in build if step.get("uses", "").startswith("actions/setup-python@"))
    assert float(python["with"]["python-version"]) >= 3.11
    upload = next(step for step in build if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    site_dir = load_config(str(REPO / "mkdocs.yml")).site_dir  # made absolute by MkDocs
    assert (REPO / upload["with"]["path"]).resolve() == Path(site_dir).resolve()

    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])


def test_make_site_is_the_strict_mkdocs_build_the_tests_run():
    """`make site` is `mkdocs build --strict`, which the `sample_site` fixture runs on every `make test`."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^site:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe, "no `site` target in the Makefile"
    assert re.fullmatch(r"\t\$\(BIN\)/mkdocs build --strict\n", recipe.group(1)), recipe.group(1)
