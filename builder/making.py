"""The builder's stages of one build: the archive read, parsed and linked, and its files rendered
(`make`), in the build process or in a process forked for them (`MakingApart`).

Apart, the archive never takes memory in the build process, from which the page builders and the
search's readers are forked: there, freed, it stayed scattered among what lives on (10,000
filings: ~100 MB, copied into each worker as it touched it). The process hands back the generated
files and what the build keeps of the archive (`Made`), writes the render cache's manifest while
the build unpickles them, and ends without freeing what it made. What it logs is logged in the
build as it comes (MkDocs counts its warnings for `--strict`), its progress is shown there, what
it raises is raised there.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import time
from dataclasses import dataclass
from pathlib import Path

from builder.cache import ParseCache
from builder.model.archive import ArchiveCounts
from builder.pipeline import Progress, load_archive
from builder.render import GeneratedFile, RenderStore, render_site
from builder.workers import Apart, forward_logging, log_forwarded

#: The variables of the environment `pin_build_date` sets.
PINNED = ("SOURCE_DATE_EPOCH", "FILINGS_PINNED_EPOCH")


@dataclass(frozen=True)
class Making:
    """What the builder's stages of one build read: the folders, and how the site addresses pages."""

    filings_dir: Path
    templates_dir: Path
    #: The parse cache's folder; None: no cache (nor render cache).
    cache_dir: Path | None
    #: This site's render cache (`builder.render.store`), with a cache.
    render_folder: Path | None
    use_directory_urls: bool = True


@dataclass
class Made:
    """What the build takes of its stages: the generated files, and what it keeps of the archive."""

    generated: list[GeneratedFile]
    counts: ArchiveCounts
    #: The render cache as the pages read it (`RenderStore.reader`), with a cache.
    store: RenderStore | None
    #: (sources parsed, sources from the parse cache), with a cache.
    parsed: tuple[int, int] | None
    #: The variables of the environment the build date is pinned by (`pin_build_date`).
    environ: dict[str, str]
    #: The build's clock, with the stages' laps, when another process ran them.
    clock: Clock | None = None

    def __getstate__(self) -> dict:
        """Pickled with the generated files as columns (a list per field): half the time of
        pickling 48,000 objects (10,000 filings: 0.05 s against 0.1 s)."""
        state = dict(self.__dict__)
        generated = state.pop("generated")
        state["columns"] = ([f.path for f in generated], [f._content for f in generated],
                            [f.source for f in generated], [f.text for f in generated],
                            [f.compress for f in generated], [f.span for f in generated])
        return state

    def __setstate__(self, state: dict) -> None:
        columns = state.pop("columns")
        self.__dict__.update(state, generated=[GeneratedFile(*fields) for fields in zip(*columns)])


class Clock:
    """Wall and CPU seconds (this process and its finished children) per stage of the build:
    `lap(stage)` adds the time since the last lap to `stage`; `laps` keeps each lap's stage and
    when it ended (seconds since the epoch), for a benchmark to tell what ran at a given moment."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.laps: list[tuple[str, float]] = []
        self._last = self._now()

    @staticmethod
    def _now() -> tuple[float, float]:
        t = os.times()
        return time.perf_counter(), t.user + t.system + t.children_user + t.children_system

    def restart(self) -> None:
        """In a process just forked from the build: its CPU seconds count from its own zero
        (the build's laps and their wall clock go on)."""
        self._last = (self._last[0], self._now()[1])

    def adopt(self, other: Clock) -> None:
        """The laps a process forked from the build ran on its copy of this clock (`restart`ed
        there): its CPU seconds are this process's children's once it is reaped."""
        spent = sum(other.cpu.values()) - sum(self.cpu.values())
        self.wall, self.cpu, self.laps = other.wall, other.cpu, other.laps
        self._last = (other._last[0], self._last[1] + spent)

    def lap(self, stage: str, *, cpu: float = 0.0) -> None:
        """`cpu`: CPU seconds of processes that are not this one's children (the search's readers)."""
        now = self._now()
        self.wall[stage] = self.wall.get(stage, 0.0) + now[0] - self._last[0]
        self.cpu[stage] = self.cpu.get(stage, 0.0) + now[1] - self._last[1] + cpu
        self.laps.append((stage, time.time()))
        self._last = now


def make(making: Making, clock: Clock, progress: Progress | None = None, *, kept: list | None = None) -> Made:
    """Read, parse, link and render the archive, the stages' laps on `clock` ("read+parse", "link";
    the caller laps "render"), `progress` told as they go (`load_archive`'s). With `kept`, the
    archive, the parse cache and the render cache are put in it and not let go of, and the render
    cache is left to `finish` (`RenderStore.finish`)."""
    parse_cache = ParseCache(making.cache_dir, making.filings_dir) if making.cache_dir else None
    archive = load_archive(making.filings_dir, progress=_timed(clock, progress), cache=parse_cache)
    pin_build_date(archive)
    # The render cache: pages of filings (and indexes) that did not change are not rendered again.
    store = RenderStore.open(making.render_folder, making.templates_dir, digests=parse_cache.digests,
                             facts=parse_cache.facts) if parse_cache is not None else None
    generated = render_site(archive, making.templates_dir, use_directory_urls=making.use_directory_urls,
                            filings_dir=making.filings_dir, store=store, finish=kept is None)
    if kept is not None:
        kept += [archive, parse_cache, generated, store]
        store = store.reader() if store is not None else None
    return Made(generated, archive.counts(), store,
                (parse_cache.misses, parse_cache.hits) if parse_cache is not None else None,
                {k: os.environ[k] for k in PINNED if k in os.environ})


class MakingApart:
    """`make`, in a process forked for it: `made()` once the files are handed back, `wait()` for
    the render cache's manifest (written meanwhile) and the process's end. `Died` is raised by
    either when the process ends before."""

    def __init__(self, making: Making, clock: Clock, progress: Progress | None = None):
        self.clock, self.progress = clock, progress
        self.process = Apart(functools.partial(_make_apart, making, clock), then=_finish_apart)

    def made(self) -> Made:
        made = self.process.result(self._on_event)
        self.clock.adopt(made.clock)
        made.clock = None
        return made

    def wait(self) -> None:
        self.process.wait(self._on_event)

    def kill(self) -> None:
        self.process.kill()

    def _on_event(self, event: tuple) -> None:
        if not log_forwarded(event) and self.progress is not None:
            self.progress(*event[1:])


#: In the process `MakingApart` forked: what its `make` made, kept to the end of the process.
_kept: list = []


def _make_apart(making: Making, clock: Clock, send) -> Made:
    """`make` in the process `MakingApart` forked: its log records and progress sent to the build."""
    forward_logging(send)
    clock.restart()
    shown: list = [None, 0.0]  # the last progress sent: its stage, when

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if stage != shown[0] or done == total or now - shown[1] >= 0.05:
            shown[:] = stage, now
            send(("progress", stage, done, total))

    made = make(making, clock, progress, kept=_kept)
    clock.lap("render")
    made.clock = clock
    return made


def _finish_apart() -> None:
    """In the process `MakingApart` forked, once it handed the files back: the render cache's manifest."""
    store = _kept[-1] if _kept else None
    if store is not None:
        store.finish()


def _timed(clock: Clock, passed: Progress | None) -> Progress:
    """`load_archive`'s progress callback: ends the clock's stages as they end, then passes on."""
    def progress(stage: str, done: int, total: int) -> None:
        if stage == "link":
            clock.lap("link" if done else "read+parse")
        if passed is not None:
            passed(stage, done, total)
    return progress


def pin_build_date(archive) -> None:
    """Make the build date (sitemap <lastmod>, gzip stamps) the newest filing's date, so two builds
    of the same filings are byte-identical on any day. An explicit SOURCE_DATE_EPOCH wins."""
    pinned = os.environ.get("SOURCE_DATE_EPOCH")
    if pinned is not None and pinned != os.environ.get("FILINGS_PINNED_EPOCH"):
        return  # set by the user, not by an earlier build of this process (`mkdocs serve`)
    dates = [f.filed_date or f.period_of_report for f in archive.filings]
    newest = max((d for d in dates if d), default="2000-01-01")
    try:
        day = dt.datetime.strptime(newest[:10], "%Y-%m-%d").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        day = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    os.environ["SOURCE_DATE_EPOCH"] = os.environ["FILINGS_PINNED_EPOCH"] = str(int(day.timestamp()))
