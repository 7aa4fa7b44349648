"""MkDocs' page building on every core: the `filings` plugin's way past MkDocs' single thread.

MkDocs turns each page's Markdown into HTML and renders it into the theme one page after the
other; at 30,000 pages that is most of a build. Every page is independent of the others once
the files and the nav are known, so the plugin takes the pages over (`take`, at `on_nav`: they
are marked excluded, and MkDocs' own loops skip them) and builds them (`build`, at `on_env`) in
worker processes forked from the build, each running MkDocs' own `_populate_page` and
`_build_page` (all plugins' page events included) on its share, exactly as MkDocs would. A worker
is replaced by a new fork of the build after `WORKER_CHUNKS` chunks, so that its memory does not
grow with the archive (`builder.workers.rolling`). A worker that dies (killed, out of memory) costs
the chunk it was building: it is built again a page at a time, and a page that kills its worker
again is logged as an error and left out of the site.

What the build process still needs from the pages comes back from the workers: what they logged
(logged again here, so `--strict` counts warnings as usual), the anchors of every page and the
anchor links between pages (checked here, as MkDocs does after building, since a link and its
target may be built by two workers), and what the `filings` plugin notes per page (`collect`).
The sitemap, which MkDocs renders from the pages it built, is rendered again at the end with
every page (`sitemap`).

**Page cache.** With a cache folder, each page's HTML is kept, keyed by a hash of its Markdown
and of everything else its HTML depends on (`builder.pagekeys`: the configuration, the theme's
files, the nav, the versions of MkDocs and Material, this code), and with the paths its links
were looked up at and how they resolved; what its build logged and noted is kept in one index of
the folder. A page whose key is found, and whose links resolve as they did, is not built again:
its HTML is linked into the site, here, without workers. A page read from the render cache is
known by its file's name (the render cache names files by a hash of what they are made of), so
an unchanged page costs a look-up and a link, not a read. So after one filing changes, is added
or is removed, only the pages whose Markdown changed and those that link to a page that came or
went are built (`mkdocs serve` rebuilds, incremental builds). A page a plugin marks `uncached`
(the `filings` plugin: a document body missing from the render cache) is not kept.

MkDocs is pinned (pyproject.toml): `_populate_page` and `_build_page` are internal to it.
"""

from __future__ import annotations

import logging
import os
import pickle
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from builder.cache import link_files, store_entry, store_file
from builder.collector import give_back_freed_memory, worker_collector
from builder.markdown_reuse import ReusingPage
from builder.pagekeys import Links, PageResult, context_key, page_key, resolution, unpack
from builder.workers import Lost, only_logging_to, rolling

from mkdocs import utils as mkdocs_utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.filings")
anchors_log = logging.getLogger("mkdocs.structure.pages")  # where MkDocs reports bad anchors

#: Pages handed to a worker at a time.
CHUNK = 24
#: Chunks a worker builds before a new worker, forked from the build then, takes its place
#: (`builder.workers.rolling`). A worker reads objects of the build process (files, pages, links),
#: and reading an object writes its reference count: the memory holding it is copied into the
#: worker. One worker for the whole stage ended with a copy of most of the build's memory (10,000
#: filings: 91 to 221 MB a worker); one per 2,400 pages copies what those pages touch, whatever
#: the size of the archive. Fewer pages a worker cost more forks, each in proportion to the build's
#: size: at 10,000 filings, 600 pages a worker peaked at 338-339 MB against 361-368 MB (pages stage
#: alone, 2 runs each), but at 20,000 the stage took 129.7 s against 123.8 s and peaked at 689 MB
#: against 654 MB (whole builds, one run each).
WORKER_CHUNKS = 100
#: The cache's index of its pages (in the cache folder).
INDEX = "index.pickle"


@dataclass
class _Shared:
    """What the forked workers inherit (set just before forking)."""

    config: object = None
    files: Files | None = None
    nav: object = None
    env: object = None
    taken: list[File] = field(default_factory=list)
    inclusion: dict[str, InclusionLevel] = field(default_factory=dict)
    collect: Callable[[], list] | None = None
    doc_files: list[File] = field(default_factory=list)
    cache: Path | None = None
    context: str = ""
    addressed: str | None = None
    links: Links | None = None


_shared = _Shared()


class ParallelPages:
    """Builds the documentation pages of one build in `jobs` forked processes, reusing the pages
    of `cache` (a folder) whose inputs did not change."""

    def __init__(self, jobs: int, cache: Path | None = None, addressed: str | None = None, *, hold_index: bool = True):
        self.jobs = jobs
        self.cache = Path(cache) if cache else None
        #: Keep the cache's index in memory for the next build in this process (`mkdocs serve`);
        #: a process that builds once lets go of it (10,000 filings: 89 MB) before the search is indexed.
        self.hold_index = hold_index
        #: A folder whose files are named by a hash of what they are made from (the render
        #: cache): a page read from one is known by its file's name, its bytes are not read.
        self.addressed = os.path.join(addressed, "") if addressed else None
        self.taken: list[File] = []
        self.inclusion: dict[str, InclusionLevel] = {}
        self.reused = 0

    def take(self, files: Files, inclusion=InclusionLevel.is_included) -> int:
        """Take every documentation page MkDocs would build away from MkDocs; how many."""
        self.taken = list(files.documentation_pages(inclusion=inclusion))
        self.inclusion = {f.src_uri: f.inclusion for f in self.taken}
        for file in self.taken:
            file.inclusion = InclusionLevel.EXCLUDED
            if self.inclusion[file.src_uri].is_not_in_nav():
                file.page = None  # (one MkDocs' nav made: a page of the docs folder) its worker makes it again
        return len(self.taken)

    def build(self, config, files: Files, nav, env, *, collect: Callable[[], list],
              absorb: Callable[[list], None], progress: Callable[[int, int], None] | None = None) -> None:
        """Build every page taken; `collect()` runs in a worker after each page is built and
        returns what to hand to `absorb(...)` here (kept with the page in the cache)."""
        context = context_key(config, files, nav) if self.cache else ""
        _shared.__dict__.update(config=config, files=files, nav=nav, env=env, taken=self.taken,
                                inclusion=self.inclusion, collect=collect, cache=self.cache, context=context,
                                addressed=self.addressed)
        results: dict[str, PageResult] = {}
        records: list[tuple[int, str, int, str]] = []
        kept: dict[str, tuple] = {}  # the cache's entries of this build's pages, by key
        todo = list(range(len(self.taken)))
        found: list[list] = []  # what was noted of the pages found (absorbed once the workers are forked)
        if self.cache is not None:  # the pages found in the cache are linked here, without workers
            known, todo = _load_index(self.cache), []
            keys = [page_key(file, self.inclusion[file.src_uri], context, self.addressed) for file in self.taken]
            memo: dict[str, bytes] = {}  # a page is reused only while its links resolve as they did
            candidates = [i for i, key in enumerate(keys) if key in known
                          and resolution(files, known[key][0].looked_up, self.inclusion, memo) == known[key][0].resolved]
            done = link_files([(str(_html_path(self.cache, keys[i])), self.taken[i].abs_dest_path) for i in candidates])
            linked = {i for i, ok in zip(candidates, done) if ok}
            for i, file in enumerate(self.taken):
                key = keys[i]
                entry = known.get(key) if i in linked else None
                if entry is None:
                    todo.append(i)
                    continue
                kept[key] = entry
                self.reused += 1
                result, page_records, collected = entry
                results[result.src_uri] = result
                records.extend((i, name, level, message) for name, level, message in page_records)
                found.append(collected)
            del known
        done = len(self.taken) - len(todo)
        if progress is not None:
            progress(done, len(self.taken))
        chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]

        def take(outcome) -> bool:
            """What a worker handed back for a chunk, taken; False if it was lost."""
            nonlocal done
            if isinstance(outcome, Lost):
                return False
            first, entries = outcome
            for key, entry in entries:
                result, page_records, collected = entry
                results[result.src_uri] = result
                records.extend((first, name, level, message) for name, level, message in page_records)
                absorb(collected)
                if key is not None:
                    kept[key] = entry
            done += len(entries)
            if progress is not None:
                progress(done, len(self.taken))
            return True

        if chunks:
            # The pages are included again while the workers build them (links to them are then
            # ordinary links), set here before forking: a worker that wrote to every file, or went
            # through them all, would make its own copy of the memory holding them.
            with self._included():
                _shared.doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
                give_back_freed_memory()  # the workers are forked from this process as it is now
                # A chunk whose worker died is built again a page at a time: a page that kills its
                # worker then costs itself only (logged as an error), not its chunk.
                lost = [chunk for chunk, outcome in rolling(_build_chunk, chunks, self.jobs, WORKER_CHUNKS, start=_init_worker)
                        if not take(outcome)]
                singles = [[i] for chunk in lost for i in chunk]
                for chunk, outcome in rolling(_build_chunk, singles, self.jobs, WORKER_CHUNKS, start=_init_worker):
                    if not take(outcome):
                        log.error("filings: the page %s was not built: its worker ended with exit code %s",
                                  self.taken[chunk[0]].src_uri, outcome.exitcode)
        _shared.__dict__.update(_Shared().__dict__)
        for collected in found:
            absorb(collected)
        if self.cache is not None:
            _save_index(self.cache, kept, hold=self.hold_index)
            _sweep(self.cache, set(kept))
        for _, name, level, message in sorted(records, key=lambda r: r[0]):  # in page order
            logging.getLogger(name).log(level, "%s", message)
        self._check_anchors(config, results)

    def _check_anchors(self, config, results: dict[str, PageResult]) -> None:
        """MkDocs' `Page.validate_anchor_links`, over the pages of every worker, in page order."""
        level = config.validation.links.anchors
        sets: dict[str, set[str]] = {}  # the anchors of the pages linked to lately, as sets
        for src_uri, result in ((f.src_uri, results[f.src_uri]) for f in self.taken if f.src_uri in results):
            for target, kept in result.links:
                if target not in results:
                    continue
                present = sets.get(target)
                if present is None:
                    if len(sets) >= 256:
                        sets.clear()
                    present = sets[target] = set(unpack(results[target].anchors))
                links = unpack(kept)
                for anchor, original in zip(links[::2], links[1::2]):
                    if anchor in present:
                        continue
                    context = ""
                    if target == src_uri:
                        problem = "there is no such anchor on this page"
                        if anchor.startswith("fnref:"):
                            context = " This seems to be a footnote that is never referenced."
                    else:
                        problem = f"the doc '{target}' does not contain an anchor '#{anchor}'"
                    anchors_log.log(level, f"Doc file '{src_uri}' contains a link '{original}', but {problem}.{context}")

    def sitemap(self, config, files: Files, nav, env) -> None:
        """Render the theme's sitemap again, with the pages the workers built in it."""
        templates = [t for t in config.theme.static_templates if t.startswith("sitemap")]
        if not templates or not self.taken:
            return
        with self._included():
            listed = [file for file in self.taken if file.page is None]  # (let go of: `take`)
            date, base = mkdocs_utils.get_build_date(), _Base.of(config.site_url)
            for file in listed:
                file.page = _Listed(file, config.site_url, date, base)
            for template in templates:
                mkdocs_build._build_theme_template(template, env, files, config, nav)
            for file in listed:  # (not held through the search)
                file.page = None

    @contextmanager
    def _included(self) -> Iterator[None]:
        """The pages taken as included as they were while the block runs; excluded again after
        (MkDocs' own loops skip them)."""
        for file in self.taken:
            file.inclusion = self.inclusion[file.src_uri]
        try:
            yield
        finally:
            for file in self.taken:
                file.inclusion = InclusionLevel.EXCLUDED


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


_records = _Records()


class _Listed:
    """What MkDocs' sitemap template reads of a page (`is_link`, `canonical_url`, `abs_url`,
    `update_date`), as MkDocs' `Page` makes them, for a page the build process let go of: 35,000
    `Page` objects made again for the sitemap took 0.7 s of each build."""

    __slots__ = ("file", "canonical_url", "abs_url", "update_date")
    is_link = False
    url = Page.url

    def __init__(self, file: File, site_url: str | None, date: str, base: _Base | None = None):
        self.file, self.update_date = file, date
        url = self.url
        if base is not None and _PLAIN_URL.fullmatch(url):  # what `urljoin` makes of it: the two joined
            self.canonical_url, self.abs_url = base.url + url, base.path + url
        else:
            Page._set_canonical_url(self, site_url)


#: A relative URL `urljoin` leaves as it is: segments of URL characters, none "." or "..", no
#: query, fragment or parameters.
_PLAIN_URL = re.compile(r"(?:[\w~%!$&'()*+,=@-][\w.~%!$&'()*+,=@-]*/?)*")


@dataclass(frozen=True)
class _Base:
    """A site URL as `Page._set_canonical_url` joins pages to it: ending with "/", and its path."""

    url: str
    path: str

    @classmethod
    def of(cls, site_url: str | None) -> _Base | None:
        if not site_url or any(c in site_url for c in "?#;"):
            return None  # (no site URL: no canonical URLs; a query or the like: `urljoin` decides)
        base = site_url if site_url.endswith("/") else site_url + "/"
        return cls(base, urlsplit(base).path)


def _init_worker() -> None:
    """In a new worker: its log records are kept (to be logged by the build), and nothing it would
    print reaches the terminal (other plugins' progress lines, for one). What it inherited is
    frozen for the garbage collector (`builder.collector`), and what the build had noted of the
    pages built before it was forked (`collect`) is dropped: a worker hands back its own pages only."""
    worker_collector()
    only_logging_to(_records)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    sys.stdout = open(os.devnull, "w")
    sys.stderr = open(os.devnull, "w")
    if _shared.cache is not None:
        _shared.links = Links(_shared.files)
    if _shared.collect is not None:
        _shared.collect()  # what the build process had noted when this worker was forked is not this worker's


def _build_chunk(indexes: list[int]):
    """In a worker: build the taken pages at `indexes`, as MkDocs' build would; with a cache, each
    page's HTML is kept in it. (first index, [(cache key or None, (result, records, collected))])."""
    config, files, nav, env, doc_files = _shared.config, _shared.files, _shared.nav, _shared.env, _shared.doc_files
    entries = []
    for i in indexes:
        file = _shared.taken[i]
        _records.records = []
        if file.page is None:
            Page(None, file, config)
        page = file.page
        if type(page) is Page:  # MkDocs' page (made with the nav), rendered with this worker's converter
            page.__class__ = ReusingPage
        links = _shared.links
        if links is not None:
            links.take()  # what was looked up before this page's build is not its own
        dest = Path(page.file.abs_dest_path)
        if dest.exists():
            dest.unlink()  # it may be a link to a cached page: never write through it
        mkdocs_build._populate_page(page, config, files)
        mkdocs_build._build_page(page, config, doc_files, nav, env,
                                 excluded=_shared.inclusion[file.src_uri].is_excluded())
        result = PageResult.of(page)
        if links is not None:
            result.looked_up = links.take()
            result.resolved = resolution(files, result.looked_up, _shared.inclusion)
        entry = (result, list(_records.records), _shared.collect())
        page.content = page.markdown = None  # done with it: keep the worker's memory flat
        key = None
        if _shared.cache is not None and not getattr(page, "uncached", False):  # a plugin's word: built again next time
            key = page_key(file, _shared.inclusion[file.src_uri], _shared.context, _shared.addressed)
            _store_html(key, dest)
        entries.append((key, entry))
        if _shared.inclusion[file.src_uri].is_not_in_nav():
            # A page out of the nav is let go of once its result is taken: no other page shows
            # anything of it, and the worker's copy of it (MkDocs made it before the workers were
            # forked), with its toc, anchors and meta, would stay, page after page.
            file.page = None
    # MkDocs remembers every path it made a relative URL from or to (an unbounded cache): this
    # chunk's are of no use to the next chunk's pages.
    mkdocs_utils._norm_parts.cache_clear()
    return indexes[0], entries


def _html_path(cache: Path, key: str) -> Path:
    return cache / key[:2] / f"{key}.html"


#: The index this process last wrote or read, with its file's stamp: `mkdocs serve` reads it
#: once, not at every rebuild (0.8 s at 35,000 pages).
_last_index: dict[str, tuple[tuple, dict[str, tuple]]] = {}


def _index_stamp(path: Path) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _load_index(cache: Path) -> dict[str, tuple]:
    """The entries (result, records, collected) of the pages the last build kept, by key."""
    path = cache / INDEX
    stamp = _index_stamp(path)
    last = _last_index.get(str(path))
    if last is not None and stamp is not None and last[0] == stamp:
        return dict(last[1])
    try:
        with open(path, "rb") as fh:
            entries = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return {}
    if stamp is not None:
        _last_index[str(path)] = (stamp, entries)
    return dict(entries)


def _save_index(cache: Path, entries: dict[str, tuple], *, hold: bool = True) -> None:
    path = cache / INDEX
    store_entry(path, pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))
    _last_index.clear()  # one index held at a time
    stamp = _index_stamp(path)
    if stamp is not None and hold:
        _last_index[str(path)] = (stamp, dict(entries))


def _store_html(key: str, dest: Path) -> None:
    store_file(_html_path(_shared.cache, key), dest, link=True)


def _sweep(cache: Path, used: set[str]) -> None:
    """Remove the cached pages this build did not use (and what older formats left)."""
    if not cache.is_dir():
        return
    for folder in cache.iterdir():
        if folder.is_dir():
            for entry in folder.iterdir():
                if not entry.name.endswith(".html") or entry.name[:-5] not in used:
                    entry.unlink(missing_ok=True)
