"""`mkdocs serve` watches the filings by the system's change events (`builder.watching`): a change
asks MkDocs' live-reload server for a rebuild, reading a file (as every build does) does not."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer

from builder.watching import Watcher


def _server(tmp_path: Path) -> LiveReloadServer:
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))


def _asked(server: LiveReloadServer, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with server._rebuild_cond:
            if server._want_rebuild:
                server._want_rebuild = False
                return True
        time.sleep(0.02)
    return False


@pytest.fixture
def watched(tmp_path):
    filings = tmp_path / "filings"
    (filings / "acme").mkdir(parents=True)
    (filings / "acme" / "8k.txt").write_text("<TYPE>8-K\nItem 2.02\n")
    server = _server(tmp_path)
    watcher = Watcher(server)
    assert watcher.watch(filings) == "events"
    assert not server._watched_paths  # not left to MkDocs' polling
    yield server, filings
    watcher.stop()


def test_a_changed_filing_asks_for_a_rebuild_and_reading_one_does_not(watched):
    server, filings = watched
    report = filings / "acme" / "8k.txt"
    assert report.read_text().startswith("<TYPE>")  # opened and closed, not written: what a build does
    assert not _asked(server, 1.0)
    report.write_text("<TYPE>8-K\nItem 2.02 and 9.01\n")
    assert _asked(server, 10.0)


def test_a_filing_added_in_a_new_folder_or_removed_asks_for_a_rebuild(watched):
    server, filings = watched
    (filings / "newco" / "2025").mkdir(parents=True)
    assert not _asked(server, 0.5)  # a folder alone is no filing
    (filings / "newco" / "2025" / "10k.htm").write_text("<html><body>10-K</body></html>")
    assert _asked(server, 10.0)
    (filings / "acme" / "8k.txt").unlink()
    assert _asked(server, 10.0)


def test_a_folder_of_filings_moved_out_of_the_archive_or_into_it_asks_for_a_rebuild(watched, tmp_path):
    """Moved out, the folder's files send no event of their own: the folder's does."""
    server, filings = watched
    outside = tmp_path / "elsewhere"
    (filings / "acme").rename(outside)
    assert _asked(server, 10.0)
    outside.rename(filings / "acme-again")
    assert _asked(server, 10.0)
    assert not _asked(server, 0.5)


def test_watch_by_polling_leaves_the_folder_to_mkdocs(tmp_path):
    server = _server(tmp_path)
    assert Watcher(server).watch(tmp_path, polling=True) == "polling"
    assert list(server._watched_paths) == [str(tmp_path)]
