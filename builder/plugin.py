"""The MkDocs plugin: hands MkDocs the pages generated from `filings/`, then indexes the site.

Thin on purpose: the work lives in `builder.pipeline`, `builder.render` and `builder.search`,
which the CLI calls the same way. Registered as the `filings` plugin (entry point `mkdocs.plugins`).

After the build (`on_post_build`) the pages that carry `data-search-body` are indexed into
`search/` (see `builder.search`). With `FILINGS_BUILD_STATS=FILE` in the
environment, the time of each stage is written to FILE as JSON (benchmarks/scale.py reads it).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import multiprocessing as mp
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.theme import Theme

from builder import jinja_speed
from builder.cache import ParseCache
from builder.chrome import install_nav_cache, trim_chrome
from builder.collector import collector_paused, give_back_freed_memory
from builder.model.archive import ArchiveCounts
from builder.pagebuild import ParallelPages
from builder.pipeline import Progress, load_archive
from builder.output import busy, idle, record_site, remove_in_background, set_aside, take_back
from builder.render import GeneratedFile, RenderStore, render_site
from builder.render import placeholders
from builder.search import SEARCH_FOLDER, SearchPage, build_index
from builder.sitefiles import CompressedFile as _CompressedFile, LinkedFile as _LinkedFile, PackedFile as _PackedFile
from builder.watching import Watcher
from builder.workers import Died, apart

log = logging.getLogger("mkdocs.plugins.filings")

#: The Markdown extension that keeps plain text out of the inline pass (`builder.plain_inline`).
PLAIN_INLINE = "builder.plain_inline"


class FilingsPluginConfig(base.Config):
    """Options of the `filings` plugin in `mkdocs.yml`; paths are relative to that file."""

    filings_dir = c.Type(str, default="filings")
    templates_dir = c.Type(str, default="site_templates")
    #: Full-text search of the built site (`builder.search`), in the header's search box.
    search = c.Type(bool, default=True)
    #: Processes that read the pages for the search index: 0 is one per core.
    search_jobs = c.Type(int, default=0)
    #: Processes that build the pages (Markdown to HTML in the theme): 0 is one per core, 1 leaves
    #: it to MkDocs; $FILINGS_WORKERS overrides it. Below `parallel_from` pages MkDocs builds them.
    workers = c.Type(int, default=0)
    parallel_from = c.Type(int, default=300)
    #: Where the build keeps what it can reuse (parsed filings, generated Markdown, built pages,
    #: pages read for the search; see `builder.cache`); $FILINGS_CACHE_DIR overrides it; "" for none. Never
    #: inside the filings folder.
    cache_dir = c.Type(str, default=".cache/filings")
    #: The theme's nav rendered once for the pages that see it the same way (`builder.chrome`);
    #: false for a theme whose nav shows more of each page than its links.
    nav_cache = c.Type(bool, default=True)
    #: `mkdocs serve` watches the filings and templates folders by polling them, as MkDocs does,
    #: instead of by the system's change events (`builder.watching`): for a network or container
    #: mount whose changes send none.
    watch_by_polling = c.Type(bool, default=False)


class FilingsPlugin(BasePlugin[FilingsPluginConfig]):
    """Generates the archive's pages (home, registrants, reports, exhibits, problems)."""

    #: Set by the CLI to show the progress of the stages: `load_archive`'s ("read+parse", "link"),
    #: then ("pages", pages built, pages) when the pages are built in worker processes (their page
    #: events run there, not here), then ("search index", pages read, pages).
    progress: Progress | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Resolve the plugin's folders against the folder of `mkdocs.yml`."""
        base_dir = Path(config.config_file_path or ".").resolve().parent
        self.filings_dir = (base_dir / self.config.filings_dir).resolve()
        self.templates_dir = (base_dir / self.config.templates_dir).resolve()
        cache = os.environ.get("FILINGS_CACHE_DIR") or self.config.cache_dir
        self.cache_dir = (base_dir / cache).resolve() if cache else None
        if self.cache_dir is not None and self.cache_dir.is_relative_to(self.filings_dir):
            raise PluginError(f"cache_dir {self.cache_dir} is inside the filings folder; the build never writes there")
        if PLAIN_INLINE not in config.markdown_extensions:  # the same HTML, sooner; last, as it must be
            config.markdown_extensions.append(PLAIN_INLINE)
        return config

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Start the build's clock; empty the site folder now (MkDocs would delete it file by file
        next: 5 s at 10,000 filings, on every rebuild of `mkdocs serve`): its content is set aside,
        deleted once the build is done (`builder.output`)."""
        self.clock = _Clock()
        self._done_with_output()
        self.site_dir = Path(config.site_dir)
        busy(self.site_dir)  # deleters of earlier builds' content wait for this one
        if not getattr(self, "dirty", False):
            self.set_aside = set_aside(self.site_dir)
        self.search_pages: list[SearchPage] = []
        self.parallel: ParallelPages | None = None
        #: What the plugin keeps of the archive once its pages are made (the archive itself goes),
        #: and (parsed, from the cache) of its sources.
        self.counts, self.parsed = ArchiveCounts(), None

    def _timed_progress(self, passed: Progress | None = None) -> Progress:
        """`load_archive`'s progress callback: ends the clock's stages as they end, then passes on
        (to `passed`, else to `self.progress`)."""
        passed = passed or self.progress

        def progress(stage: str, done: int, total: int) -> None:
            if stage == "link":
                self.clock.lap("link" if done else "read+parse")
            if passed is not None:
                passed(stage, done, total)
        return progress

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Read, parse and render the archive, and add every generated page and asset."""
        self.clock.lap("mkdocs")  # MkDocs' own start: config, theme, docs folder
        if self.config.search:  # Material's search assets (lunr, its worker) are not used
            for unused in [f for f in files if f.src_uri.startswith(_MATERIAL_SEARCH_ASSETS)]:
                files.remove(unused)
        with collector_paused():  # the stages' objects live as long as the build (builder.collector)
            made = self._made(config)
            os.environ.update(made.environ)  # the build date (`_pin_build_date`)
            store = self.render_store = made.store
            counts = self.counts = made.counts
            self.parsed = made.parsed
            nav_pages = _nav_paths(config.nav)
            make_file = _file_maker(config)
            for generated in made.generated:
                existing = files.src_uris.get(generated.path)  # POSIX already (no PurePath made per file)
                if existing is not None:
                    files.remove(existing)
                inclusion = InclusionLevel.INCLUDED if generated.path in nav_pages else InclusionLevel.NOT_IN_NAV
                kind = File
                if generated.source is not None:  # on disk (the render cache, an original): MkDocs reads or copies it
                    source = dict(abs_src_path=str(generated.source), content=None)
                    if generated.span is not None:  # a part of a pack of the render cache
                        kind = _PackedFile
                    elif generated.compress:  # an original, no render cache: compressed as it is copied
                        kind = _CompressedFile
                    elif not generated.text and store is not None and source["abs_src_path"].startswith(store.root + os.sep):
                        kind = _LinkedFile
                else:
                    source = dict(abs_src_path=None, content=generated.content)
                file = make_file(kind, generated.path, inclusion, **source)
                if inclusion is InclusionLevel.NOT_IN_NAV and generated.path.endswith(".md"):
                    file.page = _NOT_MADE  # not made by MkDocs' nav (35,000 pages: 0.7 s): see `_pages_made_later`
                if generated.span is not None:
                    file.span = generated.span
                files.append(file)
            made = None
            give_back_freed_memory()
        log.info("filings: %d filings, %d registrants, %d problems from %s",
                 counts.filings, counts.registrants, counts.problems, self.filings_dir)
        self.clock.lap("render")
        return files

    def _made(self, config: MkDocsConfig) -> _Made:
        """The archive read, parsed, linked and rendered (`_make`): in a process forked for it
        when forking is safe here (no other thread runs: not under `mkdocs serve`), so that the
        archive never takes memory in the build process, from which the page builders and the
        search's readers are forked (10,000 filings: ~100 MB of it stayed, freed but scattered
        among what lives on); here otherwise. What it logs is logged here, as it comes."""
        if threading.active_count() > 1 or "fork" not in mp.get_all_start_methods():
            return self._make(config)

        def on_event(event: tuple) -> None:
            if event[0] == "log":
                logging.getLogger(event[1]).log(event[2], "%s", event[3])
            elif self.progress is not None:
                self.progress(*event[1:])

        try:
            made = apart(functools.partial(self._make_apart, config), on_event)
        except Died as died:
            raise PluginError(f"filings: the archive could not be read and rendered: {died}") from None
        self.clock.adopt(made.clock)
        return made

    def _make_apart(self, config: MkDocsConfig, send) -> _Made:
        """`_make` in the process `apart` forked: its log records and its progress sent to the build."""
        _forward_logging(send)
        self.clock.restart()
        shown = [None, 0.0]  # the last progress sent: its stage, when

        def progress(stage: str, done: int, total: int) -> None:
            now = time.perf_counter()
            if stage != shown[0] or done == total or now - shown[1] >= 0.05:
                shown[:] = stage, now
                send(("progress", stage, done, total))

        made = self._make(config, progress)
        self.clock.lap("render")
        made.clock = self.clock
        return made

    def _make(self, config: MkDocsConfig, progress: Progress | None = None) -> _Made:
        """Read, parse, link and render the archive (`progress` told as it goes, else `self.progress`):
        the generated files, and what the plugin keeps of the archive once they are made."""
        parse_cache = ParseCache(self.cache_dir, self.filings_dir) if self.cache_dir else None
        archive = load_archive(self.filings_dir, progress=self._timed_progress(progress), cache=parse_cache)
        _pin_build_date(archive)
        # The render cache: pages of filings (and indexes) that did not change are not rendered again.
        store = RenderStore.open(
            self._cache_folder("render", config), self.templates_dir,
            digests=parse_cache.digests, facts=parse_cache.facts) if parse_cache is not None else None
        generated = render_site(archive, self.templates_dir, use_directory_urls=config.use_directory_urls,
                                filings_dir=self.filings_dir, store=store)
        return _Made(generated, archive.counts(), store,
                     (parse_cache.misses, parse_cache.hits) if parse_cache is not None else None,
                     {k: os.environ[k] for k in _PINNED if k in os.environ})

    def _site_record(self, config: MkDocsConfig) -> Path | None:
        """Where this site's build records what it wrote (`builder.output.record_site`)."""
        return self._cache_folder("site", config).with_suffix(".pickle") if self.cache_dir else None

    def _cache_folder(self, kind: str, config: MkDocsConfig) -> Path:
        """This site's part of the cache for `kind` (sites of other configurations or archives
        may share the cache folder). The configuration is named by its real path: `mkdocs serve`
        gives its first build the path as typed and its rebuilds the absolute one."""
        config_file = os.path.realpath(config.config_file_path) if config.config_file_path else ""
        name = hashlib.blake2b(f"{config_file}\0{self.filings_dir}".encode(), digest_size=8).hexdigest()
        return self.cache_dir / kind / name

    @event_priority(100)  # before any plugin's: none sees the sentinel
    def _pages_made_later(self, nav, config: MkDocsConfig, files: Files):
        """The pages out of the nav MkDocs' nav did not make (`_NOT_MADE`) have none: each is made by
        its page builder, or by MkDocs' build, which makes the page of any page out of the nav that has none."""
        for file in files.documentation_pages():
            if file.page is _NOT_MADE:
                file.page = None
        return nav

    def _take_pages(self, nav, config: MkDocsConfig, files: Files):
        """With many pages, take their building over from MkDocs to do it on every core."""
        jobs = int(os.environ.get("FILINGS_WORKERS") or self.config.workers or os.cpu_count() or 1)
        pages = len(files.documentation_pages())
        if jobs > 1 and pages >= self.config.parallel_from and "fork" in mp.get_all_start_methods():
            # A page built while warnings or anchor links go unlogged would be kept without them.
            pages_cache = self._cache_folder("pages", config) if self.cache_dir and _logs_all_checks() else None
            store = getattr(self, "render_store", None)
            serving = getattr(self, "command", "build") == "serve"
            self.parallel = ParallelPages(jobs, cache=pages_cache, addressed=store.root if store is not None else None,
                                          hold_index=serving)
            self.parallel.take(files, InclusionLevel.is_in_serve if serving else InclusionLevel.is_included)
            self.nav = nav
        return nav

    on_nav = CombinedEvent(_pages_made_later, _take_pages)

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Build the pages taken over in `on_nav` (see `builder.pagebuild`), in place of the last
        build's (`builder.output.take_back`): what is linked from a cache again is only checked.
        The theme's nav is rendered once for the pages that see it the same way (`builder.chrome`), its
        templates read mappings without an exception per look-up (`builder.jinja_speed`)."""
        jinja_speed.install(env, Theme)
        if self.config.nav_cache:
            self.nav_cache = install_nav_cache(env)
        if self.parallel is not None:
            self.clock.lap("mkdocs")
            if getattr(self, "set_aside", None) is not None:
                take_back(self.set_aside, self.site_dir, {f.dest_uri for f in self.parallel.taken}
                          | {f.dest_uri for f in files if isinstance(f, _LinkedFile)},
                          whole={SEARCH_FOLDER} if self.config.search else set(), record=self._site_record(config))
            report = self.progress

            def progress(done: int, total: int) -> None:
                if report is not None:
                    report("pages", done, total)

            self.parallel.build(config, files, self.nav, env, collect=self._take_search_pages,
                                absorb=self.search_pages.extend, progress=progress)
            self.env, self.files = env, files
            self.clock.lap("pages")
        return env

    def _take_search_pages(self) -> list[SearchPage]:
        """In a page worker: the pages to index noted since the last call."""
        taken, self.search_pages[:] = list(self.search_pages), []
        return taken

    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        """Put the documents' bodies in their placeholders (with the render cache, a filing's
        Markdown carries a placeholder for each body: Markdown never reads the bulk of the text),
        and add their anchors to the page's, as MkDocs finds them in raw HTML, for the links into
        them to validate. A body missing from the cache leaves its placeholder (a notice) and a warning."""
        store = getattr(self, "render_store", None)
        if store is None or placeholders.BODY_MARK not in html:
            return html
        html, bodies, missing = placeholders.fill_bodies(html, store.read_text)
        if bodies:
            anchors = placeholders.anchor_ids(bodies)
            if page.present_anchor_ids is None:
                page.present_anchor_ids = anchors
            else:
                page.present_anchor_ids |= anchors
        for key in missing:
            log.warning("filings: the text of a document on %s is missing from the render cache (%s); "
                        "delete %s and build again", page.file.src_uri, key, store.folder)
        if missing:
            page.uncached = True  # not kept in the page cache (builder.pagebuild): built again next time
        return html

    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        """Note the pages the search indexes (the theme marks their content `data-search-body`),
        and drop the theme's indentation and blank lines around the content (`builder.chrome`)."""
        if self.config.search and "data-search-body" in output:
            self.search_pages.append(SearchPage(page.file.dest_uri, _page_date(page.meta)))
        return trim_chrome(output)

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Index the built site for the search, then write the build's figures if asked."""
        if self.parallel is not None:
            self.parallel.sitemap(config, self.files, self.nav, self.env)
        self.clock.lap("mkdocs" if self.parallel is None else "pages")
        if self.config.search:
            stats = build_index(
                Path(config.site_dir), self.search_pages,
                jobs=self.config.search_jobs, cache_dir=self.cache_dir, progress=self.progress,
                base_dir=self._cache_folder("search-base", config) if self.cache_dir else None,
            )
            log.info("search: %d pages (%d read, %d from the cache) in %d index chunks in %.1f s",
                     stats.pages, stats.read, stats.pages - stats.read, stats.chunks, stats.seconds)
            self.clock.lap("search index", cpu=stats.cpu)
            self.search_stats = stats
        record = self._site_record(config)
        if record is not None and self.parallel is not None and not getattr(self, "staging", False):
            record_site(self.site_dir, {f.dest_uri for f in self.files}, record)  # for the next build's take_back
        self._write_stats(config)
        self._done_with_output()

    def on_build_error(self, error: Exception) -> None:
        self._done_with_output()

    def _done_with_output(self) -> None:
        """The build is done: delete, in the background, what it set aside of the site folder
        before it began, and let the deleters go on."""
        if getattr(self, "site_dir", None) is not None:
            idle(self.site_dir)
        if getattr(self, "set_aside", None) is not None:
            remove_in_background(self.set_aside, self.site_dir)
            self.set_aside = None

    def _write_stats(self, config: MkDocsConfig) -> None:
        target = os.environ.get("FILINGS_BUILD_STATS")
        if not target:
            return
        stats = getattr(self, "search_stats", None)
        parsed = getattr(self, "parsed", None)
        store = getattr(self, "render_store", None)
        figures = {
            **{k: round(v, 3) for k, v in self.clock.wall.items()},
            "total": round(sum(self.clock.wall.values()), 3),
            "cpu": {k: round(v, 3) for k, v in self.clock.cpu.items()},
            "filings": self.counts.filings,
            "search_pages": len(self.search_pages),
            "search_read": stats.read if stats else 0,
            "search_chunks": stats.chunks if stats else 0,
            "search_delta": stats.delta if stats else 0,
            "page_count": len(self.parallel.taken) if self.parallel else None,
            "laps": [[stage, round(at, 3)] for stage, at in self.clock.laps],
            "pages_reused": self.parallel.reused if self.parallel else None,
            "parsed": parsed[0] if parsed else None,
            "from_cache": parsed[1] if parsed else None,
            "rendered": store.rendered if store else None,
            "render_reused": store.reused if store else None,
        }
        Path(target).write_text(json.dumps(figures, indent=1), encoding="utf-8")

    def on_serve(self, server, config: MkDocsConfig, builder):
        """Rebuild when a filing or a template changes while `mkdocs serve` runs (watched by the
        system's change events, not polled: `builder.watching`)."""
        watcher = Watcher(server)
        for folder in (self.filings_dir, self.templates_dir):
            if folder.is_dir():
                how = watcher.watch(folder, polling=self.config.watch_by_polling)
                log.info("filings: watching %s for changes (%s)", folder, how)
        return server


@dataclass
class _Made:
    """What the plugin takes of the archive's reading and rendering (`FilingsPlugin._make`)."""

    generated: list[GeneratedFile]
    counts: ArchiveCounts
    store: RenderStore | None
    #: (sources parsed, sources from the parse cache), with a parse cache.
    parsed: tuple[int, int] | None
    #: The variables of the environment the build date is pinned by (`_pin_build_date`).
    environ: dict[str, str]
    #: The build's clock, with the stages' laps, when they were run by another process.
    clock: _Clock | None = None


#: The variables `_pin_build_date` sets.
_PINNED = ("SOURCE_DATE_EPOCH", "FILINGS_PINNED_EPOCH")


def _forward_logging(send) -> None:
    """In a process forked from the build: every log record it makes is sent to the build (as
    ("log", logger's name, level, message)), to be logged there by its handlers (what MkDocs
    counts for `--strict` included), and none is shown here."""

    class Forward(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            send(("log", record.name, record.levelno, record.getMessage()))

    manager = logging.root.manager
    for logger in [logging.root, *(v for v in manager.loggerDict.values() if isinstance(v, logging.Logger))]:
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        if logger is not logging.root:
            logger.propagate = True
    logging.root.addHandler(Forward())


#: The page of a generated page out of the nav until `on_nav`: MkDocs' nav makes a `Page` for every
#: page that has none, and the page builders make their own (`builder.pagebuild`).
_NOT_MADE = object()


def _logs_all_checks() -> bool:
    """Whether this build logs what the page cache keeps for the builds after it (`--strict`
    counts it): the warnings of the pages (`mkdocs build -q` sets the `mkdocs` logger to ERROR, so
    none are made) and their links to anchors (MkDocs notes them only above DEBUG: `-v`)."""
    return (logging.getLogger("mkdocs").isEnabledFor(logging.WARNING)
            and logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG)


#: Material's own search (lunr and its worker), replaced by `builder.search`: not copied into the site.
_MATERIAL_SEARCH_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


class _Clock:
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

    def adopt(self, other: _Clock) -> None:
        """The laps a process forked from the build ran on its copy of this clock (`restart`ed
        there), taken here once it is reaped: its CPU seconds are then this process's children's."""
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


def _page_date(meta: dict) -> str:
    """The ISO date of a page from its front matter (`date`), or ""."""
    value = (meta or {}).get("date")
    return str(value)[:10] if value else ""


def _file_maker(config: MkDocsConfig):
    """`make(kind, path, inclusion, abs_src_path=, content=)`: the MkDocs `File` (or subclass `kind`)
    that `kind.generated(config, path, ...)` makes, without its `PurePath` per file (0.15 s of
    every build at 10,000 filings): the paths of `builder.render.paths` are POSIX, relative and
    normal already. Its fields are checked against `File.generated`'s (tests/test_site.py)."""
    fields = dict(src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls,
                  generated_by=config.plugins._current_plugin or "<unknown>")

    def make(kind: type[File], path: str, inclusion: InclusionLevel, *, abs_src_path: str | None,
             content: str | bytes | None) -> File:
        file = kind.__new__(kind)
        file.__dict__.update(fields, src_uri=path, inclusion=inclusion, abs_src_path=abs_src_path, _content=content)
        return file
    return make


def _nav_paths(nav) -> set[str]:
    """The page paths named in the `nav` of `mkdocs.yml`."""
    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, str):
            found.add(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(nav or [])
    return found


def _pin_build_date(archive) -> None:
    """Make the build date (sitemap <lastmod>, gzip stamps) the newest filing's date, so two builds
    of the same filings are byte-identical on any day. An explicit SOURCE_DATE_EPOCH wins."""
    pinned = os.environ.get("SOURCE_DATE_EPOCH")
    if pinned is not None and pinned != os.environ.get("FILINGS_PINNED_EPOCH"):
        return  # set by the user, not by an earlier build of this process (`mkdocs serve`)
    import datetime as dt

    dates = [f.filed_date or f.period_of_report for f in archive.filings]
    newest = max((d for d in dates if d), default="2000-01-01")
    try:
        day = dt.datetime.strptime(newest[:10], "%Y-%m-%d").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        day = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    os.environ["SOURCE_DATE_EPOCH"] = os.environ["FILINGS_PINNED_EPOCH"] = str(int(day.timestamp()))
