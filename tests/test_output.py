"""The output folder: built beside the old one and swapped in; emptied at once before a build."""

from __future__ import annotations

import os
import time
from pathlib import Path

from builder.output import busy, idle, remove_in_background, set_aside, staging_dir, swap_into_place


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


def test_the_site_folder_is_empty_at_once_and_its_old_content_kept_until_removed(tmp_path):
    """What `mkdocs serve` rebuilds into is emptied by moving its content beside it (MkDocs would
    delete it file by file first); it stays there while the build runs (deleting it would slow the
    build's own writing), then a detached process deletes it; the folder next to it is left."""
    site, neighbour = tmp_path / "site", tmp_path / "other"
    site.mkdir()
    neighbour.mkdir()
    _fill(site)
    (neighbour / "keep.txt").write_text("kept")
    trash = set_aside(site)
    assert site.is_dir() and not list(site.iterdir())
    assert trash == tmp_path / f".site.old-{os.getpid()}-0"
    assert (trash / "d3" / "sub" / "index.html").read_text() == "page"
    _fill(site)  # a second build before the first one's content is deleted: a new name
    second = set_aside(site)
    assert second == tmp_path / f".site.old-{os.getpid()}-1" and not list(site.iterdir())
    remove_in_background(trash, site)
    remove_in_background(second, site)
    assert _gone(trash) and _gone(second)
    assert (neighbour / "keep.txt").read_text() == "kept"


def test_an_empty_or_missing_folder_is_left_as_it_is(tmp_path):
    assert set_aside(tmp_path / "missing") is None
    (tmp_path / "empty").mkdir()
    assert set_aside(tmp_path / "empty") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_leftovers_of_a_killed_build_are_removed_by_the_next(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text("a")
    dead = 2**22 + 12345  # above Linux's default pid_max: no process has it
    for name in (f".site.old-{dead}", f".site.old-{dead}-3", f".site.tmp-{dead}"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x").write_text("x")
    remove_in_background(set_aside(site), site)
    assert not any((tmp_path / name).exists() for name in (f".site.old-{dead}", f".site.old-{dead}-3", f".site.tmp-{dead}"))
    tmp = staging_dir(site)
    tmp.mkdir()
    (tmp / "new.html").write_text("new")
    swap_into_place(tmp, site)
    assert [p.name for p in site.iterdir()] == ["new.html"]


def test_a_deleter_waits_while_a_build_of_its_site_runs(tmp_path):
    """Deleting an old site beside a build that writes a new one slows the build twofold: the
    deleter pauses while the site is marked busy, and goes on once it is idle."""
    site = tmp_path / "site"
    site.mkdir()
    _fill(site)
    busy(site)
    trash = set_aside(site)
    remove_in_background(trash, site)
    time.sleep(1.5)
    assert (trash / "d0" / "sub" / "index.html").exists() and (trash / "d29").exists()
    idle(site)
    assert _gone(trash)
    assert not list(tmp_path.glob(".site.busy-*"))


def test_the_mark_of_a_build_that_died_holds_no_deleter(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    _fill(site)
    dead = 2**22 + 12345  # above Linux's default pid_max: no process has it
    (tmp_path / f".site.busy-{dead}").touch()
    remove_in_background(set_aside(site), site)
    assert _gone(tmp_path / f".site.old-{os.getpid()}-0")
    staging_dir(site)  # a later build clears the dead build's mark
    assert not (tmp_path / f".site.busy-{dead}").exists()
    idle(site)


def test_a_site_swapped_into_place_deletes_the_old_one_after_its_build(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    _fill(site)
    tmp = staging_dir(site)
    assert (tmp_path / f".site.busy-{os.getpid()}").exists()
    tmp.mkdir()
    (tmp / "index.html").write_text("new")
    swap_into_place(tmp, site)
    assert not (tmp_path / f".site.busy-{os.getpid()}").exists()
    assert _gone(tmp_path / f".site.old-{os.getpid()}")
    assert [p.name for p in site.iterdir()] == ["index.html"]
