"""The CLI as a whole: exit codes, atomic output, reproducible output, and the filings left alone.

- The exit status is non-zero only for errors of the whole build (bad config, unwritable output);
  hostile filings give 0 and a summary line (see `test_hostile_site.py`).
- Output is swapped in only when complete: a failed or killed build leaves the previous site as it was.
- Two builds of the same input are byte-identical, every file of the site compared.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import mkdocs.utils
import pytest
from click.testing import CliRunner
from fixtures.hostile.support import ENV, REPO, cli_build, copy_filings, snapshot, tree_bytes

from builder.cli import main

SMALL = ["sgml/xss-header.txt", "html/xss-vectors-8k.htm", "broken/empty.txt", "text/markdown-injection-8k.txt"]
SITE_URL = "https://example.org/archive/"


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    """A few hostile filings, and a first site built from only one of them (the "previous" site)."""
    work = tmp_path_factory.mktemp("hostile-build")
    copy_filings(work / "filings", SMALL)
    copy_filings(work / "one", SMALL[-1:])
    result = cli_build(work / "one", work / "previous", "--quiet")
    assert result.returncode == 0, result.stderr
    return work


def _previous_site(small: Path, tmp_path: Path) -> tuple[Path, dict]:
    """A fresh copy of the previous site at tmp_path/site, and its snapshot."""
    site = tmp_path / "site"
    subprocess.run(["cp", "-a", str(small / "previous"), str(site)], check=True)
    return site, snapshot(site)


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    """In-process builds keep their cache in the test's folder, not in the project's."""
    monkeypatch.setenv("FILINGS_CACHE_DIR", str(tmp_path / "cache"))


def _invoke(*args: str):
    return CliRunner().invoke(main, ["build", *args, "--quiet"], catch_exceptions=True)


# -- exit codes -----------------------------------------------------------------------------------

def test_a_bad_config_fails_the_build_and_keeps_the_previous_site(small, tmp_path):
    site, before = _previous_site(small, tmp_path)
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: [\n", encoding="utf-8")
    result = cli_build(small / "filings", site, "--config-file", str(config))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "Error" in result.stderr
    assert snapshot(site) == before
    assert not list(tmp_path.glob(".site.*"))


def test_an_unwritable_output_fails_the_build(small, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = cli_build(small / "filings", blocker / "site")
    assert result.returncode != 0
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_an_unwritable_output_is_reported_in_one_line(small, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = cli_build(small / "filings", blocker / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr


@pytest.mark.parametrize("where", ["parent", "same", "inside"])
def test_an_output_folder_overlapping_the_filings_is_refused(small, tmp_path, where):
    project = tmp_path / "project"
    filings = copy_filings(project / "filings", SMALL[-1:])
    (project / "precious.txt").write_text("keep me", encoding="utf-8")
    before = snapshot(project)
    out = {"parent": project, "same": filings, "inside": filings / "site"}[where]
    result = cli_build(filings, out, "--quiet")
    assert result.returncode != 0
    assert snapshot(project) == before


# -- atomic output --------------------------------------------------------------------------------

def test_a_failure_during_the_build_leaves_the_previous_site_intact(small, tmp_path, monkeypatch):
    import builder.making

    site, before = _previous_site(small, tmp_path)

    def broken_render(*args, **kwargs):
        raise RuntimeError("render failure injected by the test")

    monkeypatch.setattr(builder.making, "render_site", broken_render)
    result = _invoke(str(small / "filings"), "--out", str(site))
    assert result.exit_code != 0 and "render failure injected" in repr(result.exception)
    assert snapshot(site) == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")]  # no staging folder left


def test_a_killed_build_leaves_the_previous_site_intact(small, tmp_path):
    site, before = _previous_site(small, tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "builder", "build", str(small / "filings"), "--out", str(site), "--quiet"],
        cwd=REPO, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    staging = tmp_path / f".site.tmp-{process.pid}"
    deadline = time.monotonic() + 60
    while not (staging / "assets").exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)  # kill it once it writes the new site
    if process.poll() is not None:
        pytest.skip("the build ended before it could be killed")
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert snapshot(site) == before
    result = cli_build(small / "filings", site, "--quiet")  # and the next build just works
    assert result.returncode == 0, result.stderr
    assert snapshot(site) != before


def test_a_failure_while_swapping_keeps_a_site_in_place(small, tmp_path, monkeypatch):
    site, before = _previous_site(small, tmp_path)
    real_rename = Path.rename

    def rename(self, target):
        if Path(target) == site and ".tmp-" in self.name:
            raise OSError("disk full (injected)")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    result = _invoke(str(small / "filings"), "--out", str(site))
    assert result.exit_code != 0
    assert snapshot(site) == before


def test_a_later_build_clears_the_staging_folder_of_a_killed_one(small, tmp_path):
    site, _ = _previous_site(small, tmp_path)
    stale = tmp_path / ".site.tmp-999999"
    (stale / "assets").mkdir(parents=True)
    assert cli_build(small / "filings", site, "--quiet").returncode == 0
    assert not stale.exists()


def test_the_previous_site_is_deleted_once_the_new_one_is_in_place(small, tmp_path):
    site, _ = _previous_site(small, tmp_path)
    assert cli_build(small / "filings", site, "--quiet").returncode == 0
    assert (site / "index.html").is_file()
    deadline = time.monotonic() + 60
    while list(tmp_path.glob(".site.old-*")) and time.monotonic() < deadline:
        time.sleep(0.05)  # deleted by a detached process
    assert list(tmp_path.glob(".site.*")) == []


# -- reproducible output --------------------------------------------------------------------------

def test_two_builds_of_the_same_input_are_byte_identical(small, tmp_path):
    """The first build from an empty cache, the second from the cache the first one left."""
    first, second = tmp_path / "first", tmp_path / "second"
    for out in (first, second):
        result = cli_build(small / "filings", out, "--quiet", "--site-url", SITE_URL, cache=tmp_path / "cache")
        assert result.returncode == 0, result.stderr
    a, b = tree_bytes(first), tree_bytes(second)
    assert sorted(a) == sorted(b) and len(a) > 20
    assert [name for name in a if a[name] != b[name]] == []


class _Clock:
    """`datetime` as MkDocs sees it (`mkdocs.utils.datetime`), on a day of the test's choosing."""

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch

    def set(self, day: dt.datetime) -> None:
        class Fixed(dt.datetime):
            @classmethod
            def now(cls, tz=None):
                return day

        self.monkeypatch.setattr(mkdocs.utils, "datetime", Fixed)


def _builds_on_two_days(small: Path, tmp_path: Path, monkeypatch) -> tuple[dict, dict]:
    clock = _Clock(monkeypatch)
    trees = []
    for n, day in enumerate((dt.datetime(2024, 1, 1, 12, tzinfo=dt.timezone.utc),
                             dt.datetime(2024, 1, 2, 12, tzinfo=dt.timezone.utc))):
        clock.set(day)
        out = tmp_path / f"day{n}"
        result = _invoke(str(small / "filings"), "--out", str(out), "--site-url", SITE_URL)
        assert result.exit_code == 0, result.output
        trees.append(tree_bytes(out))
    return trees[0], trees[1]


def test_builds_on_two_days_are_byte_identical(small, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("FILINGS_PINNED_EPOCH", raising=False)
    a, b = _builds_on_two_days(small, tmp_path, monkeypatch)
    assert [name for name in a if a[name] != b.get(name)] == []


def test_source_date_epoch_makes_builds_on_two_days_byte_identical(small, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    a, b = _builds_on_two_days(small, tmp_path, monkeypatch)
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    assert b"<lastmod>2023-11-14</lastmod>" in a["sitemap.xml"]
