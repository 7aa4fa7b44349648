"""`--strict` fails a build on any MkDocs warning: with `python -m builder build --quiet`, for the
pages MkDocs builds and for those the page workers build (builder/pagebuild.py), and after a
`mkdocs build -q` or `-v` has filled the page cache.

(`mkdocs build -q --strict` itself passes with warnings: MkDocs' `-q` raises its logger to
ERROR, so no warning is made to be counted; mkdocs/mkdocs#4126. `python -m builder build --quiet
--strict` is the quiet strict build.)"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, project_config

#: A page of the docs folder with a link to a missing page (a warning logged while the page is
#: built, in a worker when workers build the pages) and a link to a missing anchor (a warning of
#: the check after the pages are built).
BROKEN = "# Broken\n\n[gone](nowhere.md) and [no such anchor](#no-such-anchor)\n"
WARNINGS = [
    "Doc file 'broken.md' contains a link 'nowhere.md', but the target is not found among documentation files.",
    "Doc file 'broken.md' contains a link '#no-such-anchor', but there is no such anchor on this page.",
]


def _config(tmp: Path, *, workers: bool, cache: bool = False) -> Path:
    """The project's mkdocs.yml over a docs folder with `broken.md` (left out of the nav on purpose):
    its pages built by MkDocs, or by two workers; with a page cache under `tmp`, or none."""
    docs = tmp / "docs"
    if not docs.exists():
        shutil.copytree(REPO / "site_templates" / "docs", docs)
        (docs / "broken.md").write_text(BROKEN, encoding="utf-8")
    target = tmp / f"mkdocs-{'workers' if workers else 'mkdocs'}{'-cache' if cache else ''}.yml"
    return project_config(target, docs=docs, extra={"not_in_nav": "/broken.md"}, filings_dir=str(REPO / "filings"),
                          cache_dir=str(tmp / "cache") if cache else "", workers=2,
                          parallel_from=10 if workers else 100_000)


def _env(stats: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FILINGS_WORKERS", "FILINGS_CACHE_DIR")}
    env.update(NO_MKDOCS_2_WARNING="1", FILINGS_BUILD_STATS=str(stats))
    return env


def _cli(config: Path, out: Path, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "builder", "build", str(REPO / "filings"), "--out", str(out),
                           "--config-file", str(config), *flags],
                          capture_output=True, text=True, cwd=config.parent, env=_env(config.parent / "stats.json"))


def _mkdocs(config: Path, site: Path, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *flags, "-f", str(config), "-d", str(site)],
                          capture_output=True, text=True, cwd=config.parent, env=_env(config.parent / "stats.json"))


def _built_by_workers(tmp: Path) -> bool:
    return json.loads((tmp / "stats.json").read_text())["page_count"] is not None


@pytest.mark.parametrize("workers", [False, True], ids=["pages-built-by-mkdocs", "pages-built-by-workers"])
def test_quiet_strict_cli_build_fails_on_warnings_and_prints_only_them(tmp_path, workers):
    config = _config(tmp_path, workers=workers)
    quiet = _cli(config, tmp_path / "site", "--strict", "--quiet")
    assert quiet.returncode == 1, quiet.stdout + quiet.stderr
    assert not (tmp_path / "site").exists()
    assert [line for line in quiet.stderr.splitlines() if line] == [f"WARNING {w}" for w in WARNINGS], quiet.stderr
    assert quiet.stdout == "\nAborted with 2 warnings in strict mode!\n"  # MkDocs' Abort, on stdout; no summary

    loud = _cli(config, tmp_path / "site", "--strict")
    assert loud.returncode == 1 and loud.stdout == "\nAborted with 2 warnings in strict mode!\n", loud.stderr
    for warning in WARNINGS:
        assert f"WARNING {warning}" in loud.stderr
    assert _built_by_workers(tmp_path) == workers


@pytest.mark.parametrize("workers", [False, True], ids=["pages-built-by-mkdocs", "pages-built-by-workers"])
def test_quiet_cli_build_without_strict_passes_and_prints_the_warnings_and_the_summary(tmp_path, workers):
    result = _cli(_config(tmp_path, workers=workers), tmp_path / "site", "--quiet")
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if line] == [f"WARNING {w}" for w in WARNINGS]
    assert re.fullmatch(r"built .+: \d+ filings, \d+ registrants, \d+ documents, \d+ problems in \d+\.\d s\n",
                        result.stdout)
    assert _built_by_workers(tmp_path) == workers


@pytest.mark.parametrize("flag", ["-q", "-v"])
def test_a_quiet_or_verbose_mkdocs_build_keeps_no_page_that_hides_a_warning_from_a_later_strict_build(tmp_path, flag):
    config = _config(tmp_path, workers=True, cache=True)
    first = _mkdocs(config, tmp_path / "site", flag)  # -q: no warning made; -v: no anchor link noted
    assert first.returncode == 0, first.stderr
    assert _built_by_workers(tmp_path)

    strict = _mkdocs(config, tmp_path / "site", "--strict")
    assert strict.returncode == 1, strict.stderr
    for warning in WARNINGS:
        assert warning in strict.stderr
    assert "Aborted with 2 warnings in strict mode!" in strict.stdout + strict.stderr

    again = _mkdocs(config, tmp_path / "site", "--strict")  # the pages kept by a strict build keep their warnings
    assert again.returncode == 1 and "Aborted with 2 warnings in strict mode!" in again.stdout + again.stderr
    assert json.loads((tmp_path / "stats.json").read_text())["pages_reused"] > 0
