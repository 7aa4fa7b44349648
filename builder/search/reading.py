"""Reading the built pages for the search index: each page whose record the store lacks is read
(`builder.search.extract`) on every core, its record and text fragments written into the store.

`Reading` reads in the background while the index is written: the writer asks for each page's
record in the index's order (`wait`), the pages are read in that order, so the writing (one
process) runs beside the reading (every core) instead of after it.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing as mp
import os
import pickle
import threading
import time
from collections.abc import Callable
from pathlib import Path

from builder import gz
from builder.cache import store_entry, write_file
from builder.collector import worker_collector
from builder.search.extract import PageRecord, read_page
from builder.search.segments import record_path
from builder.workers import fork_server

log = logging.getLogger("mkdocs.plugins.filings.search")

#: Pages a worker reads at a time.
BATCH = 64


class Reading:
    """The pages (`pages`, with their record `keys`) whose records are not in `store`, read from
    `site_dir`: in the background while the `with` block runs (when there are several batches
    and cores), else at once. `count`: pages read. Leaving the block waits for the last page and
    raises what the reading raised."""

    def __init__(self, pages, keys: list[str], site_dir: Path, store: Path, jobs: int, progress, total: int):
        self.missing = list({k: (p.path, k) for p, k in zip(pages, keys) if not record_path(store, k).exists()}.values())
        self.count = len(self.missing)
        self.site_dir, self.store = str(site_dir), str(store)
        self.jobs = jobs or os.cpu_count() or 1
        self.progress, self.total = progress, total
        self.done = total - len(self.missing)
        self.pending = {key for _, key in self.missing}
        self.error: BaseException | None = None
        self.cpu = 0.0
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self._pool = None

    def __enter__(self) -> Reading:
        self._report()
        batches = [self.missing[i:i + BATCH] for i in range(0, len(self.missing), BATCH)]
        if self.jobs > 1 and len(batches) > 1:
            self._pool = _context().Pool(self.jobs, initializer=worker_collector)
            results = self._pool.imap(functools.partial(_timed, _read_batch),
                                      [(batch, self.site_dir, self.store) for batch in batches])
            self._thread = threading.Thread(target=self._take, args=(results, batches), daemon=True)
            self._thread.start()
        else:
            for batch in batches:
                self._finished(batch, read_pages(batch, self.site_dir, self.store))
        return self

    def __exit__(self, *exc) -> None:
        try:
            if self._thread is not None and exc[0] is None:
                self._thread.join()  # (on an error the thread, a daemon, is left to the pool's end)
        finally:
            if self._pool is not None:
                self._pool.terminate()
                self._pool.join()
        if exc[0] is None and self.error is not None:
            raise self.error

    def wait(self, key: str) -> None:
        """Return once the page of `key` is read (at once if it was not to be read)."""
        with self._changed:
            while key in self.pending and self.error is None:
                self._changed.wait()
            if self.error is not None:
                raise self.error

    @property
    def spread(self) -> Callable[[Callable, list], list] | None:
        """A `map` over the reading's processes, for the writer once every page is read; None
        when the pages are read here."""
        if self._pool is None:
            return None

        def spread(work: Callable, items: list) -> list:
            timed = self._pool.map(functools.partial(_timed, work), items, chunksize=1)
            self.cpu += sum(cpu for _, cpu in timed)
            return [result for result, _ in timed]
        return spread

    def _take(self, results, batches) -> None:
        try:
            for batch, (n, cpu) in zip(batches, results):  # (`_timed`)
                self.cpu += cpu
                self._finished(batch, n)
        except BaseException as error:  # noqa: BLE001 - handed to the writer and to __exit__
            with self._changed:
                self.error = error
                self._changed.notify_all()

    def _finished(self, batch, n: int) -> None:
        with self._changed:
            self.pending.difference_update(key for _, key in batch)
            self.done += n
            self._changed.notify_all()
        self._report()

    def _report(self) -> None:
        if self.progress is not None:
            self.progress("search index", self.done, self.total)


def _context():
    """How the readers are started: by a fork server, a small process that imported the reader
    alone (`multiprocessing`'s "forkserver"), not forked from the build. A reader forked from the
    build shares its memory (at 10,000 filings: 374-440 MB of the site's structure, which it does
    not need), and every page of it that either side writes then is copied: that, not the
    reading, was most of the search stage's memory. And the build may run threads (`mkdocs
    serve`), which a fork server is safe from. Where there is none, they are spawned."""
    return fork_server(__name__) or mp.get_context("spawn")


def _read_batch(work: tuple[list[tuple[str, str]], str, str]) -> int:
    batch, site_dir, store = work
    return read_pages(batch, site_dir, store)


def _timed(work: Callable, item) -> tuple:
    """`work(item)` and the CPU seconds it took (in a reader: see `Reading.cpu`)."""
    started = time.process_time()
    result = work(item)
    return result, time.process_time() - started


def read_pages(work: list[tuple[str, str]], site_dir: str, store: str) -> int:
    """Read each (path, key) page of the site, write its record and fragments. A page the reader
    fails on is still a result (its URL, no text), never the end of the build."""
    for path, key in work:
        html = Path(site_dir, path).read_text(encoding="utf-8", errors="replace")
        try:
            record, pieces = read_page(html)
        except Exception as error:  # noqa: BLE001 - one page must not stop the index
            log.debug("search: %s not indexed: %s", path, error)
            record, pieces = PageRecord(), []
        target = record_path(Path(store), key)
        for n, piece in enumerate(pieces):  # (the folder made by the first write that needs it)
            write_file(f"{target.parent}/{key}.{n}.gz", gz.compress(piece.encode("utf-8")))
        store_entry(target, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
    return len(work)
