"""The filings' pages of one build: each filing on its own (one that fails costs only itself), from
the render cache when it has them, on every core when many are to be rendered.

`render_filings(pages)` renders the pages of every filing of the layout and returns them by
filing id, with the filings whose rendering raised. Each filing's pages are made whole before
they count, so a filing that fails leaves nothing behind; `drop_filings` then takes it out of the
archive (it becomes a problem), and the caller renders again, so that no index page and no
neighbour links to the pages it does not have.

With a render cache, the filings whose key the cache has are taken from it here; the others are
rendered by worker processes forked from the build (they write into the cache and hand back the
keys), when there are enough of them and forking is safe (no other thread runs); meanwhile this
process renders the index pages, a step at a time.

Each worker renders `WORKER_CHUNKS` chunks and ends; a new one, forked from the build as it is
then, takes its place at once (the others go on: no core waits for a wave to end). A worker reads
objects of the build (the archive, the layout), and reading an object writes its reference count:
the memory holding it is copied into the worker, so one worker for the whole stage ended with a
copy of much of the build, and the longer a worker lives the more it has copied. Every worker is
forked by this thread, between two steps of the index pages, never while a step holds a lock
(Jinja's template cache has one): a pool's own replacing of workers (`maxtasksperchild`) forks
from its thread, at any moment. A worker that dies (killed, out of memory) costs the filings it
had not handed back: each is a problem, the build goes on.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import threading
from collections.abc import Callable, Generator
from multiprocessing.connection import wait
from typing import Any, TypeVar

from builder.collector import give_back_freed_memory, worker_collector
from builder.model.archive import Archive, Problem, build_archive
from builder.model.filing import Filing
from builder.render.base import Page
from builder.render.filing_pages import pages_of, stored_files
from builder.render.pages import Pages

log = logging.getLogger("builder")

#: Fewer filings to render than this: rendered here (starting workers would not pay).
PARALLEL_FROM = 48
#: Filings handed to a worker at a time.
CHUNK = 8
#: Chunks a worker renders before it ends and a new worker, forked then, takes its place: a worker's
#: copy of the build grows as it lives, and each fork costs a little. Rendering 10,000 filings cold
#: (`benchmarks/scale.py`'s archive, 2 workers; the stage's peak PSS, sampled each second, over 2-3
#: runs): 25 chunks 422-435 MB in 28.7-30.0 s, 8 chunks 366-378 MB in 31.0-31.2 s, 6 chunks 349 MB
#: in 32.5-32.8 s; before, pools of 2 workers for 100 chunks (about 50 each), 425-436 MB in 29.7-30.7 s.
WORKER_CHUNKS = 8
#: The templates of a filing's pages (and what they import), loaded before the workers are forked.
FILING_TEMPLATES = ("filing", "exhibit", "document")

_shared: dict = {}
T = TypeVar("T")


def render_filings(pages: Pages, jobs: int | None = None,
                   meanwhile: Callable[[], Generator[Any, None, T]] | None = None,
                   ) -> tuple[dict[str, list[Page]], list[tuple[Filing, str]], T | None]:
    """The pages of every filing (by id), the filings that failed (with the error's repr), and what
    `meanwhile()` returned: a generator (the index pages), stepped here between the workers'
    results; what it yields does not matter, only that it stops now and then."""
    store = pages.store
    rendered: dict[str, list[Page]] = {}
    failed: list[tuple[Filing, str]] = []
    todo: list[tuple[Filing, str | None]] = []
    for fl in pages.layout.filings.values():
        filing = fl.filing
        if store is None:
            todo.append((filing, None))
            continue
        try:
            key = pages.cache_key(filing)
            found = pages.reuse(filing, key)
        except Exception as exc:  # noqa: BLE001 - one filing never stops the build
            failed.append((filing, _failure(filing, exc)))
            continue
        if found is not None:
            rendered[filing.id] = found
        else:
            todo.append((filing, key))
    steps = _Steps(meanwhile() if meanwhile is not None else None)
    jobs = (os.cpu_count() or 1) if jobs is None else max(1, jobs)
    parallel = (store is not None and jobs > 1 and len(todo) >= PARALLEL_FROM
                and threading.active_count() == 1 and "fork" in mp.get_all_start_methods())
    if not parallel:
        for filing, key in todo:
            try:
                made = pages.filing(filing, key)
            except Exception as exc:  # noqa: BLE001
                failed.append((filing, _failure(filing, exc)))
                continue
            rendered[filing.id] = made
            if store is not None:
                store.filings[filing.id] = (key, stored_files(made))
        return rendered, failed, steps.finish()
    pages.load_templates(FILING_TEMPLATES)  # compiled once, here: not again in each worker
    _shared.update(pages=pages, todo=todo)
    chunks = [list(range(i, min(i + CHUNK, len(todo)))) for i in range(0, len(todo), CHUNK)]
    try:
        give_back_freed_memory()  # what the read stage let go of: the workers would share it
        for results, used, count, spans in _rolling_workers(chunks, jobs, steps):
            store.adopt(spans)  # before the keys of its packs count as used
            store.used.update(used)
            store.rendered += count
            for index, files, error in results:
                filing, key = todo[index]
                if error is not None:
                    log.warning("could not render %s: %s", filing.source, error)
                    failed.append((filing, error))
                    continue
                store.filings[filing.id] = (key, files)
                rendered[filing.id] = pages_of(files, store)
    finally:
        _shared.clear()
    order = {filing.id: i for i, (filing, _) in enumerate(todo)}
    failed.sort(key=lambda f: order.get(f[0].id, -1))
    return rendered, failed, steps.finish()


class _Steps:
    """A generator stepped a little at a time (`step`), or to its end (`finish`: what it returned)."""

    def __init__(self, steps: Generator[Any, None, T] | None) -> None:
        self._steps = steps
        self.done = steps is None
        self.value: T | None = None

    def step(self) -> None:
        try:
            next(self._steps)
        except StopIteration as stop:
            self.done, self.value = True, stop.value

    def finish(self) -> T | None:
        while not self.done:
            self.step()
        return self.value


def _rolling_workers(chunks: list[list[int]], jobs: int, steps: _Steps):
    """The results of `_render_chunk` for every chunk, as they come, from `jobs` workers forked here
    (`WORKER_CHUNKS` chunks each, a new one forked as soon as one ends); while none has come and
    `steps` has more, a step of it. A chunk whose worker died before handing it back comes back
    with each of its filings failed."""
    context = mp.get_context("fork")
    batches = [chunks[i:i + WORKER_CHUNKS] for i in range(0, len(chunks), WORKER_CHUNKS)]
    batches.reverse()  # taken from the end: in order
    running: dict = {}  # the build's end of a worker's pipe -> (the worker, its chunks not handed back yet)
    try:
        while batches or running:
            while batches and len(running) < jobs:
                batch = batches.pop()
                receiver, sender = context.Pipe(duplex=False)
                worker = context.Process(target=_render_chunks, args=(batch, sender), daemon=True)
                worker.start()
                sender.close()  # the worker's end: its end of the file is the worker's end
                running[receiver] = (worker, list(batch))
            ready = wait(list(running), timeout=None if steps.done else 0)
            if not ready:
                steps.step()
                continue
            for receiver in ready:
                worker, pending = running[receiver]
                try:
                    yield receiver.recv()
                    pending.pop(0)
                except (EOFError, OSError):  # the worker is done, or died
                    del running[receiver]
                    receiver.close()
                    worker.join()
                    if pending:
                        yield _lost(pending, worker.exitcode)
    finally:
        for receiver, (worker, _) in running.items():
            worker.kill()
            worker.join()
            receiver.close()


def _lost(chunks: list[list[int]], exitcode: int | None):
    """The result of chunks whose worker ended without handing them back: each filing failed."""
    error = f"the render worker ended with exit code {exitcode} before handing its pages back"
    return [(index, None, error) for chunk in chunks for index in chunk], set(), 0, {}


def _render_chunks(chunks: list[list[int]], sender) -> None:
    """A worker's life: each chunk rendered (`_render_chunk`) and handed back, in order."""
    worker_collector()
    for chunk in chunks:
        sender.send(_render_chunk(chunk))
    sender.close()


def _render_chunk(indexes: list[int]):
    """In a worker: the filings at `indexes` of the work list, rendered into the cache."""
    pages: Pages = _shared["pages"]
    store = pages.store
    store.used = set()
    store.added = {}
    store.rendered = 0
    results = []
    for index in indexes:
        filing, key = _shared["todo"][index]
        try:
            made = pages.filing(filing, key)
        except Exception as exc:  # noqa: BLE001
            results.append((index, None, repr(exc)))
            continue
        results.append((index, stored_files(made), None))
    return results, store.used, store.rendered, store.added


def _failure(filing: Filing, exc: Exception) -> str:
    log.warning("could not render %s: %r", filing.source, exc)
    return repr(exc)


def drop_filings(archive: Archive, failed: list[tuple[Filing, str]]) -> None:
    """Take the filings that failed out of `archive` (linked again without them, in place); each
    becomes a problem."""
    gone = {id(filing) for filing, _ in failed}
    problems = list(archive.problems)
    problems += [Problem(filing.source, f"the renderer failed: {error}") for filing, error in failed]
    linked = build_archive([f for f in archive.filings if id(f) not in gone], problems)
    archive.__dict__.update(linked.__dict__)
