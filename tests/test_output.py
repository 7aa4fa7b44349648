"""The output folder: built beside the old one and swapped in; emptied at once before a build."""

from __future__ import annotations

import os
import time
from pathlib import Path

from builder.output import empty_in_background, staging_dir, swap_into_place


def _gone(path: Path, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not path.exists():
            return True
        time.sleep(0.05)
    return False


def _fill(folder: Path) -> None:
    for k in range(30):
        (folder / f"d{k}" / "sub").mkdir(parents=True)
        (folder / f"d{k}" / "sub" / "index.html").write_text("page")
    (folder / "index.html").write_text("home")


def test_the_site_folder_is_empty_at_once_and_its_old_content_deleted_after(tmp_path):
    """What `mkdocs serve` rebuilds into is emptied by moving its content beside it (MkDocs would
    delete it file by file first); a detached process deletes that; the folder next to it is left."""
    site, neighbour = tmp_path / "site", tmp_path / "other"
    site.mkdir()
    neighbour.mkdir()
    _fill(site)
    (neighbour / "keep.txt").write_text("kept")
    empty_in_background(site)
    assert site.is_dir() and not list(site.iterdir())
    trash = [p for p in tmp_path.iterdir() if p.name.startswith(".site.old-")]
    assert [p.name for p in trash] == [f".site.old-{os.getpid()}-0"] or not trash
    assert all(_gone(p) for p in trash)
    assert (neighbour / "keep.txt").read_text() == "kept"
    _fill(site)  # again, while nothing else runs: a new name if the last one is still there
    empty_in_background(site)
    assert not list(site.iterdir())
    assert _gone(tmp_path / f".site.old-{os.getpid()}-0") and _gone(tmp_path / f".site.old-{os.getpid()}-1")


def test_an_empty_or_missing_folder_is_left_as_it_is(tmp_path):
    empty_in_background(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    empty_in_background(tmp_path / "empty")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_leftovers_of_a_killed_build_are_removed_by_the_next(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text("a")
    dead = 2**22 + 12345  # above Linux's default pid_max: no process has it
    for name in (f".site.old-{dead}", f".site.old-{dead}-3", f".site.tmp-{dead}"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x").write_text("x")
    empty_in_background(site)
    assert not any((tmp_path / name).exists() for name in (f".site.old-{dead}", f".site.old-{dead}-3", f".site.tmp-{dead}"))
    tmp = staging_dir(site)
    tmp.mkdir()
    (tmp / "new.html").write_text("new")
    swap_into_place(tmp, site)
    assert [p.name for p in site.iterdir()] == ["new.html"]
