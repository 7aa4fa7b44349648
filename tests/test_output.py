"""The output folder: built beside the old one and swapped in; emptied at once before a build."""

from __future__ import annotations

import os
import time
from pathlib import Path

import builder.output as output
from builder.output import busy, idle, record_site, remove_in_background, set_aside, staging_dir, swap_into_place, take_back


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
    deadline = time.monotonic() + 20
    while sorted(p.name for p in tmp_path.iterdir()) != ["site"] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # the leftovers' deleters did their work


def test_a_build_started_while_the_last_sites_deleter_works_leaves_the_deleting_to_it(tmp_path):
    """The old site of the build before is renamed after its deleter's process while it is
    deleted: a build started meanwhile does not delete it again, in the foreground (5 s of the
    next build at 10,000 filings), and the deleter goes on once that build is done."""
    site = tmp_path / "site"
    site.mkdir()
    _fill(site)
    busy(site)  # a build runs: the deleter waits
    trash = set_aside(site)
    deleting = remove_in_background(trash, site)
    assert not trash.exists() and deleting.name.startswith(".site.old-")
    deleter = int(deleting.name.rpartition("-")[2])
    assert deleter != os.getpid() and output._alive(deleter)
    staging_dir(site)  # what the next build does first
    assert (deleting / "d0" / "sub" / "index.html").exists() and (deleting / "d29").exists()
    idle(site)
    assert _gone(deleting)


def test_an_old_site_whose_deleter_was_killed_is_handed_to_a_new_deleter(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    dead = 2**22 + 12346  # above Linux's default pid_max: no process has it
    left = tmp_path / f".site.old-{dead}"
    left.mkdir()
    _fill(left)
    staging_dir(site)
    assert not left.exists()
    idle(site)
    deadline = time.monotonic() + 20
    while list(tmp_path.glob(".site.old-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not list(tmp_path.glob(".site.old-*"))


def test_a_deleter_waits_while_a_build_of_its_site_runs(tmp_path):
    """Deleting an old site beside a build that writes a new one slows the build twofold: the
    deleter pauses while the site is marked busy, and goes on once it is idle."""
    site = tmp_path / "site"
    site.mkdir()
    _fill(site)
    busy(site)
    trash = remove_in_background(set_aside(site), site)
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


def _site(folder: Path) -> set[str]:
    written = {"index.html", "a/x/index.html", "a/y/index.html", "a/z/index.html", "a/x/files/doc.pdf", "b/index.html"}
    for path in written:
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(path)
    return written


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def _take_back_listing(tmp_path: Path, monkeypatch, record: Path | None, *, recorded: bool = True,
                       ) -> tuple[set[str], set[str]]:
    """Build a site (`recorded`: and record it), change it as a user might, take its folders back
    for a build that keeps part of it; (the files then, the folders listed)."""
    site = tmp_path / "site"
    written = _site(site)
    if record is not None and recorded:
        record_site(site, written, record)
    (site / "a" / "y" / "stray.html").write_text("not the build's")  # a/y changed since
    (site / "a" / "x" / "files" / "new").mkdir()  # a/x/files too
    (site / "a" / "x" / "files" / "new" / "stray.html").write_text("not the build's")
    trash = set_aside(site)
    listed: list[str] = []
    real = os.scandir

    def scandir(path="."):
        if not isinstance(path, int):  # (shutil.rmtree lists by file descriptor)
            listed.append(Path(path).relative_to(site).as_posix() if Path(path).is_relative_to(site) else "trash")
        return real(path)

    monkeypatch.setattr(output.os, "scandir", scandir)
    take_back(trash, site, {"a/x/index.html", "a/y/index.html", "a/x/files/doc.pdf"}, record=record)
    monkeypatch.undo()
    return _files(site), set(listed)


def test_taking_a_site_back_lists_only_the_folders_changed_since_the_last_build(tmp_path, monkeypatch):
    files, listed = _take_back_listing(tmp_path, monkeypatch, tmp_path / "cache" / "site.pickle")
    assert files == {"a/x/index.html", "a/y/index.html", "a/x/files/doc.pdf"}  # strays and pages not kept: gone
    assert listed == {"trash", "a/y", "a/x/files", "a/x/files/new"}  # a, a/x, a/z: as the record says


def test_without_a_record_every_folder_taken_back_is_listed(tmp_path, monkeypatch):
    files, listed = _take_back_listing(tmp_path, monkeypatch, None)
    assert files == {"a/x/index.html", "a/y/index.html", "a/x/files/doc.pdf"}
    assert listed == {"trash", "a", "a/x", "a/y", "a/z", "a/x/files", "a/x/files/new"}


def test_a_record_of_another_site_is_not_used(tmp_path, monkeypatch):
    record = tmp_path / "cache" / "site.pickle"
    elsewhere = tmp_path / "elsewhere"
    _site(elsewhere)
    record_site(elsewhere, {"a/x/index.html"}, record)
    files, listed = _take_back_listing(tmp_path, monkeypatch, record, recorded=False)
    assert files == {"a/x/index.html", "a/y/index.html", "a/x/files/doc.pdf"}
    assert "a/x" in listed
