"""Shared fixtures: paths, the corpus (when ../shared is there), one build of the sample archive."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SEED = FIXTURES / "seed" / "004_edb917d2bca7005c.txt"
CORPUS = REPO.parent / "shared" / "corpus"


def seed_id() -> str:
    """The seed's stable filing id: it has no accession number, so one derived from its bytes."""
    return "x-" + hashlib.sha1(SEED.read_bytes()).hexdigest()[:12]


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus of 624 real filings; tests that need it skip without it."""
    if not (CORPUS / "files").is_dir():
        pytest.skip("../shared/corpus is not here (fresh clone)")
    return CORPUS / "files"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> tuple[Path, str]:
    """The shipped sample archive built once with `mkdocs build --strict`: (site dir, build log)."""
    site = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, cwd=REPO, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    return site, log


@pytest.fixture
def archive_dir(tmp_path) -> Path:
    """A copy of the sample archive `filings/` (the test may change files in it)."""
    target = tmp_path / "filings"
    shutil.copytree(REPO / "filings", target)
    return target


def project_config(target: Path, *, docs: Path | None = None, extra: dict | None = None, **filings) -> Path:
    """The project's mkdocs.yml with absolute paths, written to `target`: the `filings` plugin's
    options updated with `filings` (its templates: the repository's), top-level keys with `extra`."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs or REPO / config["docs_dir"])
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    config.update(extra or {})
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "filings" in plugin:
            plugin["filings"].update(templates_dir=str(REPO / "site_templates"), **filings)
    target.write_text(yaml.safe_dump(config), encoding="utf-8")
    return target
