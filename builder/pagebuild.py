"""MkDocs' page building on every core: the `filings` plugin's way past MkDocs' single thread.

MkDocs turns each page's Markdown into HTML and renders it into the theme one page after the
other; at 30,000 pages that is most of a build. Every page is independent of the others once
the files and the nav are known, so the plugin takes the pages over (`take`, at `on_nav`: they
are marked excluded, and MkDocs' own loops skip them) and builds them (`build`, at `on_env`) in
worker processes forked from the build, each running MkDocs' own `_populate_page` and
`_build_page` (all plugins' page events included) on its share, exactly as MkDocs would.

What the build process still needs from the pages comes back from the workers: what they logged
(logged again here, so `--strict` counts warnings as usual), the anchors of every page and the
anchor links between pages (checked here, as MkDocs does after building, since a link and its
target may be built by two workers), and what the `filings` plugin notes per page (`collect`).
The sitemap, which MkDocs renders from the pages it built, is rendered again at the end with
every page (`sitemap`).

MkDocs is pinned (pyproject.toml): `_populate_page` and `_build_page` are internal to it.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.filings")
anchors_log = logging.getLogger("mkdocs.structure.pages")  # where MkDocs reports bad anchors

#: Pages handed to a worker at a time.
CHUNK = 24


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


_shared = _Shared()


@dataclass
class PageResult:
    src_uri: str
    anchors: set[str]
    links: dict[str, dict[str, str]]  #: target src_uri -> {anchor: link as written}


class ParallelPages:
    """Builds the documentation pages of one build in `jobs` forked processes."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self.taken: list[File] = []
        self.inclusion: dict[str, InclusionLevel] = {}

    def take(self, files: Files, inclusion=InclusionLevel.is_included) -> int:
        """Take every documentation page MkDocs would build away from MkDocs; how many."""
        self.taken = [f for f in files.documentation_pages(inclusion=inclusion)]
        self.inclusion = {f.src_uri: f.inclusion for f in self.taken}
        for file in self.taken:
            file.inclusion = InclusionLevel.EXCLUDED
        return len(self.taken)

    def build(self, config, files: Files, nav, env, *, collect: Callable[[], list],
              absorb: Callable[[list], None], progress: Callable[[int, int], None] | None = None) -> None:
        """Build every page taken; `collect()` runs in a worker after each chunk of pages and
        returns what to hand to `absorb(...)` here."""
        _shared.__dict__.update(config=config, files=files, nav=nav, env=env, taken=self.taken,
                                inclusion=self.inclusion, collect=collect)
        chunks = [list(range(i, min(i + CHUNK, len(self.taken)))) for i in range(0, len(self.taken), CHUNK)]
        results: dict[str, PageResult] = {}
        records: list[tuple[int, str, int, str]] = []
        done = 0
        context = mp.get_context("fork")
        with context.Pool(self.jobs, initializer=_init_worker) as pool:
            for first, chunk_results, chunk_records, collected in pool.imap_unordered(_build_chunk, chunks):
                for result in chunk_results:
                    results[result.src_uri] = result
                records.extend((first, name, level, message) for name, level, message in chunk_records)
                absorb(collected)
                done += len(chunk_results)
                if progress is not None:
                    progress(done, len(self.taken))
        _shared.__dict__.update(_Shared().__dict__)
        for _, name, level, message in sorted(records, key=lambda r: r[0]):  # in page order
            logging.getLogger(name).log(level, "%s", message)
        self._check_anchors(config, results)

    def _check_anchors(self, config, results: dict[str, PageResult]) -> None:
        """MkDocs' `Page.validate_anchor_links`, over the pages of every worker."""
        level = config.validation.links.anchors
        for src_uri, result in results.items():
            for target, links in result.links.items():
                if target not in results:
                    continue
                present = results[target].anchors
                for anchor, original in links.items():
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
        for file in self.taken:
            file.inclusion = self.inclusion[file.src_uri]
            if file.page is None:
                Page(None, file, config)
        try:
            for template in templates:
                mkdocs_build._build_theme_template(template, env, files, config, nav)
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


def _init_worker() -> None:
    """In a new worker: its log records are kept (to be logged by the build), and nothing it would
    print reaches the terminal (other plugins' progress lines, for one)."""
    manager = logging.root.manager
    for logger in [logging.root, *(v for v in manager.loggerDict.values() if isinstance(v, logging.Logger))]:
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        if logger is not logging.root:
            logger.propagate = True
    logging.root.addHandler(_records)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    sys.stdout = open(os.devnull, "w")
    sys.stderr = open(os.devnull, "w")
    # The pages this worker builds are included again, here only: links to them are ordinary links.
    for file in _shared.taken:
        file.inclusion = _shared.inclusion[file.src_uri]
    _shared.doc_files = _shared.files.documentation_pages(inclusion=InclusionLevel.is_included)


def _build_chunk(indexes: list[int]):
    """Build the taken pages at `indexes`, as MkDocs' build would."""
    config, files, nav, env, doc_files = _shared.config, _shared.files, _shared.nav, _shared.env, _shared.doc_files
    _records.records = []
    results = []
    for i in indexes:
        file = _shared.taken[i]
        if file.page is None:
            Page(None, file, config)
        page = file.page
        mkdocs_build._populate_page(page, config, files)
        mkdocs_build._build_page(page, config, doc_files, nav, env)
        links = {target.src_uri: dict(anchors) for target, anchors in (page.links_to_anchors or {}).items()}
        results.append(PageResult(file.src_uri, set(page.present_anchor_ids or ()), links))
        page.content = page.markdown = None  # done with it: keep the worker's memory flat
    return indexes[0], results, _records.records, _shared.collect()
