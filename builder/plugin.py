"""The MkDocs plugin: hands MkDocs the pages generated from `filings/`, then indexes the site.

Thin on purpose: the work lives in `builder.pipeline`, `builder.render` and `builder.search`,
which the CLI calls the same way. Registered as the `filings` plugin (entry point `mkdocs.plugins`).

After the build (`on_post_build`) the pages that carry `data-search-body` are indexed into
`search/` (see `builder.search`). With `FILINGS_BUILD_STATS=FILE` in the
environment, the time of each stage is written to FILE as JSON (benchmarks/scale.py reads it).
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing as mp
import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.theme import Theme

from builder import jinja_speed
from builder.chrome import install_nav_cache, install_partial_cache, trim_chrome
from builder.collector import collector_paused, give_back_freed_memory
from builder.making import Clock, Made, Making, MakingApart, make
from builder.model.archive import ArchiveCounts
from builder.output import busy, idle, record_site, remove_in_background, set_aside, take_back
from builder.pagebuild import ParallelPages
from builder.pipeline import Progress
from builder.render import GeneratedFile
from builder.render import placeholders
from builder.search import SEARCH_FOLDER, SearchPage, build_index
from builder.sitefiles import CompressedFile as _CompressedFile, LinkedFile as _LinkedFile, PackedFile as _PackedFile
from builder.watching import Watcher
from builder.workers import Died, can_fork

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
    #: The theme's nav, and its header but for the page's title, rendered once for the pages that
    #: see them the same way (`builder.chrome`); false for a theme whose nav or header shows more
    #: of each page than its links.
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
        self.clock = Clock()
        self._done_with_output()
        self.site_dir = Path(config.site_dir)
        busy(self.site_dir)  # deleters of earlier builds' content wait for this one
        if not getattr(self, "dirty", False):
            self.set_aside = set_aside(self.site_dir)
        self.search_pages: list[SearchPage] = []
        self.parallel: ParallelPages | None = None
        #: The process the archive is made in (`_made`), until it ended.
        self.apart: MakingApart | None = None
        #: What the plugin keeps of the archive once its pages are made (the archive itself goes),
        #: and (parsed, from the cache) of its sources.
        self.counts, self.parsed = ArchiveCounts(), None

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Read, parse and render the archive, and add every generated page and asset."""
        self.clock.lap("mkdocs")  # MkDocs' own start: config, theme, docs folder
        if self.config.search:  # Material's search assets (lunr, its worker) are not used
            for unused in [f for f in files if f.src_uri.startswith(_MATERIAL_SEARCH_ASSETS)]:
                files.remove(unused)
        with collector_paused():  # the stages' objects live as long as the build (builder.collector)
            made = self._made(config)
            if made.store is None or made.store.rendered > FEW_RENDERED * len(made.generated):
                self._wait_apart()  # its memory is given back before this process's grows by the files
            self.render_store = made.store
            self._add_files(files, config, made.generated)
            os.environ.update(made.environ)  # the build date (`builder.making.pin_build_date`)
            counts = self.counts = made.counts
            self.parsed = made.parsed
            made = None
            give_back_freed_memory()
        log.info("filings: %d filings, %d registrants, %d problems from %s",
                 counts.filings, counts.registrants, counts.problems, self.filings_dir)
        self.clock.lap("render")  # with the files added
        return files

    def _add_files(self, files: Files, config: MkDocsConfig, made: list[GeneratedFile]) -> None:
        """MkDocs' file of each generated file added to `files` (replacing a file of the docs
        folder at its path)."""
        nav_pages = _nav_paths(config.nav)
        make_file = _file_maker(config)
        store = self.render_store
        store_root = store.root + os.sep if store is not None else None
        for generated in made:
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
                elif not generated.text and store_root is not None and source["abs_src_path"].startswith(store_root):
                    kind = _LinkedFile
            else:
                source = dict(abs_src_path=None, content=generated.content)
            file = make_file(kind, generated.path, inclusion, **source)
            if inclusion is InclusionLevel.NOT_IN_NAV and generated.path.endswith(".md"):
                file.page = _NOT_MADE  # not made by MkDocs' nav (35,000 pages: 0.7 s): see `_pages_made_later`
            if generated.span is not None:
                file.span = generated.span
            files.append(file)

    def _made(self, config: MkDocsConfig) -> Made:
        """The archive read, parsed, linked and rendered (`builder.making`): in a process forked for
        it when forking is safe here (not under `mkdocs serve`: the dev server's threads run), here
        otherwise. The process writes the render cache's manifest while the files it handed back
        are unpickled here; it is waited for before they are added (`_wait_apart`)."""
        making = Making(self.filings_dir, self.templates_dir, self.cache_dir,
                        self._cache_folder("render", config) if self.cache_dir else None, config.use_directory_urls)
        if not can_fork():
            made = make(making, self.clock, self.progress)
            self.clock.lap("render")
            return made
        self.apart = MakingApart(making, self.clock, self.progress)
        try:
            return self.apart.made()
        except Died as died:
            self.apart = None
            raise PluginError(f"filings: the archive could not be read and rendered: {died}") from None

    def _wait_apart(self) -> None:
        """Wait for the process that made the archive's files to end (`_made`), the render cache's
        manifest written. Before the files are added when the build rendered many pages: while
        that process holds the archive and what it rendered, MkDocs' files made here would add to
        it (20,000 filings: a peak of 710 MB at that moment). After one change (at most
        `FEW_RENDERED` of the pages rendered), once the pages are built (`on_post_build`): the
        manifest is written while the files are added (10,000 filings: ~0.3 s of the build)."""
        apart, self.apart = getattr(self, "apart", None), None
        if apart is None:
            return
        try:
            apart.wait()
        except Died as died:
            raise PluginError(f"filings: the render cache's manifest was not written: {died}") from None

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
        The theme's nav and header are rendered once for the pages that see them the same way (`builder.chrome`), its
        templates read mappings without an exception per look-up (`builder.jinja_speed`)."""
        jinja_speed.install(env, Theme)
        if self.config.nav_cache:
            self.nav_cache = install_nav_cache(env)
            self.partial_cache = install_partial_cache(env)
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
        self._wait_apart()  # after a build that rendered few pages, not waited for before
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
        if getattr(self, "apart", None) is not None:
            self.apart.kill()
            self.apart = None
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


#: A build that rendered at most this share of its files again adds them while the process that
#: made them writes the render cache's manifest (`FilingsPlugin._wait_apart`).
FEW_RENDERED = 0.05

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
