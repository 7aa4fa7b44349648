"""The filings' pages of one build: each filing on its own (one that fails costs only itself), from
the render cache when it has them, on every core when many are to be rendered.

`render_filings(pages)` renders the pages of every filing of the layout and returns them by
filing id, with the filings whose rendering raised. Each filing's pages are made whole before
they count, so a filing that fails leaves nothing behind; `drop_filings` then takes it out of the
archive (it becomes a problem), and the caller renders again, so that no index page and no
neighbour links to the pages it does not have.

With a render cache, the filings whose key the cache has are taken from it here; the others are
rendered by worker processes forked from the build (they write into the cache and hand back the
keys), when there are enough of them and forking is safe (no other thread runs); then this
process renders the index pages (`then`). Not while the workers render: the index pages read the
whole archive (a registrant's page, every filing of it), and reading an object writes its
reference count, so every page of memory this process read was copied, for each worker alive, out
of the memory it shared with them. Rendering 10,000 filings cold (2 workers; the stage's peak PSS
sampled each second, 2 runs each): 472-477 MB with the index pages rendered meanwhile, 311-317 MB
after, in 28.0-28.1 s against 29.1-32.7 s; at 20,000 filings, 750 MB against 470 MB, 56.5 s
against 57.7 s.

The workers are `builder.workers.rolling`'s: each renders `WORKER_CHUNKS` chunks and ends, a new
one, forked by this thread as the build is then, takes its place at once. A worker that dies
(killed, out of memory) costs the filings of the chunk it was rendering: each is a problem, the
build goes on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import TypeVar

from builder.collector import give_back_freed_memory, worker_collector
from builder.model.archive import Archive, Problem, build_archive
from builder.model.filing import Filing
from builder.render.base import Page
from builder.render.filing_pages import pages_of, stored_files
from builder.render.pages import Pages
from builder.workers import Lost, can_fork, rolling

log = logging.getLogger("builder")

#: Fewer filings to render than this: rendered here (starting workers would not pay).
PARALLEL_FROM = 48
#: Filings handed to a worker at a time.
CHUNK = 8
#: Chunks a worker renders before it ends and a new worker, forked then, takes its place: a worker's
#: copy of the build grows as it lives, and each fork costs in proportion to the build's size (a
#: fork and a worker's first touches: ~0.3 ms per MB). Rendering 10,000 filings cold (2 workers;
#: the stage's peak PSS sampled each second, 2-3 runs): 25 chunks 422-435 MB in 28.7-30.0 s, 8
#: chunks 366-378 MB in 31.0-31.2 s. But at 20,000 filings, with 8, the render stage took 69.7 s
#: against 63.6 s and peaked at 771 MB against 731 MB (one run each): more forks of a bigger build.
WORKER_CHUNKS = 50
#: The templates of a filing's pages (and what they import), loaded before the workers are forked.
FILING_TEMPLATES = ("filing", "exhibit", "document")

_shared: dict = {}
T = TypeVar("T")


def render_filings(pages: Pages, jobs: int | None = None, then: Callable[[], T] | None = None,
                   ) -> tuple[dict[str, list[Page]], list[tuple[Filing, str]], T | None]:
    """The pages of every filing (by id), the filings that failed (with the error's repr), and what
    `then()` (the index pages), called once the filings are rendered, returned."""
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
    jobs = (os.cpu_count() or 1) if jobs is None else max(1, jobs)
    parallel = store is not None and jobs > 1 and len(todo) >= PARALLEL_FROM and can_fork()
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
        return rendered, failed, then() if then is not None else None
    pages.load_templates(FILING_TEMPLATES)  # compiled once, here: not again in each worker
    _shared.update(pages=pages, todo=todo)
    chunks = [list(range(i, min(i + CHUNK, len(todo)))) for i in range(0, len(todo), CHUNK)]
    try:
        give_back_freed_memory()  # what the read stage let go of: the workers would share it
        for chunk, result in rolling(_render_chunk, chunks, jobs, WORKER_CHUNKS, start=worker_collector):
            if isinstance(result, Lost):
                result = [(index, None, f"the render worker ended with exit code {result.exitcode} before "
                                        "handing its pages back") for index in chunk], set(), 0, {}
            results, used, count, spans = result
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
    return rendered, failed, then() if then is not None else None


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
