"""The whole pipeline, stage after stage: read → parse → model → render.

The MkDocs plugin and the CLI both call these functions; neither has logic of its own.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing as mp
import os
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path

from builder.cache import ParseCache, pack, write_entry
from builder.collector import worker_collector
from builder import listing
from builder.model.archive import Archive, Problem, build_archive
from builder.model.duplicates import Parsed, drop_duplicates
from builder.model.filing import Filing
from builder.parse import parse_submission
from builder.read import Shape, Submission, find_sources, read_source
from builder.workers import Apart, Died, can_fork, fork_server, log_forwarded

log = logging.getLogger("builder")


def parse_one(submission: Submission) -> tuple[Filing | None, list[Problem]]:
    """Parse one submission; a source that is not a filing, or that breaks the parser, is a problem."""
    if submission.shape == Shape.NOT_A_FILING:
        reason = "; ".join(submission.problems) or "not a filing"
        return None, [Problem(submission.source, reason)]
    try:
        filing = parse_submission(submission)
    except Exception as exc:  # one bad file never stops the build
        log.warning("could not parse %s: %r", submission.source, exc)
        return None, [Problem(submission.source, f"the parser failed: {exc!r}")]
    problems = [Problem(filing.source, p, recovered="page built") for p in filing.problems]
    return filing, problems


#: `progress(stage, done, total)`: called by `load_archive` as it goes; `stage` is "read+parse" or "link".
Progress = Callable[[str, int, int], None]


def load_archive(
    filings_dir: Path,
    progress: Progress | None = None,
    *,
    cache: ParseCache | None = None,
    jobs: int | None = None,
) -> Archive:
    """Read and parse every source under `filings_dir` and link the filings into an archive.

    `progress`, when given, is called after each source with ("read+parse", done, total), then
    with ("link", 0, 1) and ("link", 1, 1) around the linking. The sources are read as
    `builder.read.read_archive` reads them (`find_sources`, then `read_source` each), listed
    first so that the total is known.

    With a `cache` (`builder.cache.ParseCache`), a source whose files did not change since the
    build that cached it is not read again. The others are read and parsed by `jobs` processes
    (default: every core; 1 parses here), in chunks; the results are taken in source order, so the
    archive is the same whatever `jobs` is.
    """
    root = Path(filings_dir)
    sources, keys = list_sources(root, cache, jobs=jobs)
    parsed: list[Parsed] = []
    for done, (filing, found) in enumerate(parse_sources(root, sources, keys, cache=cache, jobs=jobs), 1):
        if progress is not None:
            progress("read+parse", done, len(sources))
        parsed.append(Parsed(filing, found))
    filings, problems = drop_duplicates(parsed, cache.words) if cache is not None else drop_duplicates(parsed)
    if cache is not None:
        cache.sweep()
    if progress is not None:
        progress("link", 0, 1)
    archive = cache.link(filings, problems, build_archive) if cache is not None else build_archive(filings, problems)
    if progress is not None:
        progress("link", 1, 1)
    return archive


def list_sources(root: Path, cache: ParseCache | None = None, *, jobs: int | None = None,
                 ) -> tuple[list[Path] | list[str], list[str | None]]:
    """Every source under `root` (`find_sources`) and its key in `cache` (None without a cache).

    When the last build left a skeleton pack (a build after a change), this process unpickles its
    entries (`ParseCache.preload`: they do not depend on the sources) while the sources are listed
    and stamped in another process (not with `jobs` 1): at 10,000 filings each takes ~0.3 s, and
    they run side by side. That process is forked from this one, or, where forking is unsafe
    (`mkdocs serve`), started by the fork server (`builder.listing`). The sources then come back
    as strings (Path objects cost)."""
    if cache is None:
        sources = find_sources(root)
        return sources, [None] * len(sources)
    if jobs == 1 or not cache.has_pack():
        return listing.keyed(root, cache)
    context = mp.get_context("fork") if can_fork() else fork_server("builder.listing")
    if context is None:
        return listing.keyed(root, cache)
    lister = Apart(functools.partial(listing.listed_apart, listing.Listing.of(root, cache)), context=context)
    try:
        cache.preload()
        names, keys, digests = lister.result(log_forwarded)
        lister.wait(log_forwarded)
    except Died as died:  # (killed, out of memory): listed here instead
        log.warning("the process listing the sources ended before handing them back (exit code %s): "
                    "listing them here", died.exitcode)
        return listing.keyed(root, cache)
    finally:
        lister.kill()
    cache.digests.update(digests)
    return names, keys


#: Fewer sources to parse than this: parsed in this process (starting workers would not pay).
PARALLEL_FROM = 24
#: Sources handed to a worker at a time.
CHUNK = 4


def parse_sources(
    root: Path, sources: list[Path] | list[str], keys: list[str | None], *, cache: ParseCache | None = None,
    jobs: int | None = None,
) -> Iterator[tuple[Filing | None, list[Problem]]]:
    """`parse_one(read_source(path, root))` of every source, in order: from the cache when it has
    it (under its key in `keys`, `list_sources`), else parsed (in `jobs` worker processes when
    there are enough sources)."""
    cached = [cache.load(key) if cache is not None else None for key in keys]
    todo = [i for i, hit in enumerate(cached) if hit is None]
    jobs = (os.cpu_count() or 1) if jobs is None else max(1, jobs)
    if len(todo) < PARALLEL_FROM or jobs == 1:
        for i, hit in enumerate(cached):
            if hit is None:
                hit = parse_one(read_source(Path(sources[i]), root))
                if cache is not None:  # as from the workers: the texts stay in the cache's file
                    data = pack(hit)
                    cache.store(keys[i], *data)
                    hit = cache.unpack(keys[i], data[0])
            yield hit
        return
    pool = _pool(jobs)
    work = functools.partial(_read_and_parse, root, str(cache.folder) if cache is not None else None)
    fresh = pool.imap(work, [(Path(sources[i]), keys[i]) for i in todo], chunksize=CHUNK)
    try:
        for i, hit in enumerate(cached):
            if hit is None:
                data, records = next(fresh)
                for level, message in records:  # what the worker logged, logged here
                    log.log(level, "%s", message)
                if cache is not None:  # written by the worker; the texts stay in their file until read
                    cache.stored(keys[i])
                    hit = cache.unpack(keys[i], data)
                else:
                    hit = pickle.loads(data)
            yield hit
    finally:
        pool.terminate()
        pool.join()


def _pool(jobs: int):
    """Worker processes: forked (cheap, inherit the loaded code) unless threads run here (as under
    `mkdocs serve`), where forking is unsafe and a fork server starts them instead."""
    context = mp.get_context("fork") if can_fork() else fork_server(__name__) or mp.get_context("spawn")
    return context.Pool(jobs, initializer=worker_collector)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.getMessage()))


def _read_and_parse(root: Path, folder: str | None, source: tuple[Path, str | None]) -> tuple[bytes, list[tuple[int, str]]]:
    """One source (its path and its cache key), read and parsed: the pickled `(filing, problems)`
    and what was logged meanwhile. With the cache's `folder`, the result is written there
    (`builder.cache.write_entry`) and what comes back is its skeleton, without the texts."""
    path, key = source
    handler = _Records()
    log.addHandler(handler)
    propagate, log.propagate = log.propagate, False
    try:
        result = parse_one(read_source(path, root))
    finally:
        log.removeHandler(handler)
        log.propagate = propagate
    if folder is None:
        return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), handler.records
    skeleton, texts = pack(result)
    write_entry(folder, key, skeleton, texts)
    return skeleton, handler.records
