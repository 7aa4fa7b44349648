"""The render stage: the archive in, the site's Markdown pages and assets out.

Entry point: `render_site(archive, templates_dir)`. Page text lives in Jinja2 templates
under `site_templates/`; this package only chooses paths and fills templates:

- `paths`        where every page and file goes, safe file names, relative links
- `indexes`      which index pages the site has (by year, form, item, industry, state, A-Z)
- `listing`      index pages cut into pages of at most 500 rows
- `text`         escaping filing text for Markdown / front matter; plain text as `<pre>` pages
- `html`         sanitizing filing HTML (nh3) and fitting it into a page
- `templating`   the Jinja2 environment, its filters and the escaping of every printed value
- `pages`        one generator per page kind (`base`, `filing_pages`, `index_pages`)
- `site`         the filings' pages: one failing filing costs only itself; on every core
- `store`        the render cache: pages kept between builds, rendered again only when changed
- `placeholders` document bodies kept out of Markdown, put back in after it (the plugin)
- `catalog`      catalog.json and catalog.csv
- `originals`    the original files of each filing, for download
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.model.archive import Archive
from builder.render.filing_pages import pages_of, still_stored, stored_files
from builder.render.originals import compressed_bytes
from builder.render.pages import Page, Pages
from builder.render.paths import plan_site
from builder.render.site import drop_filings, render_filings
from builder.render.store import RenderStore, packing, read_span
from builder.render.templating import TemplateCode, make_environment

__all__ = ["GeneratedFile", "RenderStore", "render_site"]


@dataclass
class GeneratedFile:
    """A file of the site made by the render stage: a Markdown page or a binary asset.

    Its content is in memory, or in the file `source` (a page of the render cache, an original
    in the filings folder), read when `content` is asked for; `text` says whether it is text,
    `compress` that the content is `source` gzip-compressed (an original, without a render cache);
    `span`: the content is the part (offset, length) of a file of the render cache (a pack, see
    `builder.render.store`), `source` then naming the page's key, not a file.
    """

    path: str  #: relative to the docs folder, POSIX separators
    _content: str | bytes | None = None
    source: str | None = None  #: the path of the file holding the content
    text: bool = True
    compress: bool = False
    span: tuple[str, int, int] | None = None  #: (the pack's file, offset, length)

    @property
    def content(self) -> str | bytes:
        if self._content is not None or self.source is None:
            return self._content
        if self.span is not None:
            data = read_span(*self.span)
            return data.decode("utf-8") if self.text else data
        if self.compress:
            return compressed_bytes(self.source)
        data = Path(self.source).read_bytes()
        return data.decode("utf-8") if self.text else data


def render_site(archive: Archive, templates_dir: Path, *, use_directory_urls: bool = True,
                filings_dir: Path | None = None, store: RenderStore | None = None,
                jobs: int | None = None, finish: bool = True) -> list[GeneratedFile]:
    """Every generated page (Markdown) and file (bytes) of the site, in a stable order.

    Same archive in, byte-identical files out; linear in the size of the archive. The
    `use_directory_urls` of `mkdocs.yml` matters for links inside raw HTML blocks (filing HTML),
    which MkDocs does not rewrite, and for the page URLs of the catalog. With `filings_dir` (the
    folder the archive was read from), each filing's original files are copied into the site
    (`filings/<id>/files/`, from the folder itself) and its report page links to them; without,
    they are only named.

    A filing whose pages fail to render is taken out of `archive` (updated in place) and becomes
    a problem ("the renderer failed: ..."); the rest of the site is built without it.

    With a `store` (the render cache, `builder.render.store`), pages whose inputs did not change
    since the build that stored them are not rendered again, and every page is handed over as a
    file of the store (`source`) or a part of one (`span`), not in memory; the filings to render are rendered by `jobs`
    forked processes (default: every core) when there are many. Without `finish`, the store does
    not write what it noted of this build (`RenderStore.finish`): the caller does, once it has
    handed the files over.
    """
    env = make_environment(Path(templates_dir), code=TemplateCode(store) if store is not None else None)
    filings_dir = Path(filings_dir) if filings_dir is not None else None
    while True:
        if store is not None:
            store.filings.clear()
            store.filing_digests.clear()
        pages = Pages(env, archive, plan_site(archive), use_directory_urls=use_directory_urls,
                      filings_dir=filings_dir, store=store)
        if store is not None:
            store.set_index(archive, use_directory_urls, filings_dir is not None)
        by_filing, failed, (leading, trailing) = render_filings(pages, jobs, then=lambda: _index_pages(pages))
        if not failed:
            break
        drop_filings(archive, failed)  # and again without them: no page may link to theirs
    if store is not None:
        store.index = (store.index_key, stored_files(leading), stored_files(trailing))
        store.compact()  # before the pages are handed over with where they are
    generated: list[GeneratedFile] = []
    seen: set[str] = set()
    located = store.located if store is not None else None

    def add(page) -> None:
        path, content, source = page.path, page.content, page.source
        if path in seen:  # plan_site makes paths unique; never silently overwrite
            raise RuntimeError(f"two generated files at {path}")
        seen.add(path)
        if isinstance(content, str) and not content.isascii():  # isascii(): a flag, no scan
            try:
                content.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate slipped through: never fail the build
                content = content.encode("utf-8", "replace").decode("utf-8")
        span = located(source.rpartition("/")[2]) if located is not None and source else None
        generated.append(GeneratedFile(path, None if page.compress else content, source, page.text, page.compress, span))

    for page in leading:
        add(page)
    for fl in pages.layout.filings.values():  # archive order, each id once
        for page in by_filing[fl.filing.id]:
            add(page)
    for page in trailing:
        add(page)
    if store is not None and finish:
        store.finish()
    return generated


def _index_pages(pages: Pages) -> tuple[list[Page], list[Page]]:
    """The index pages before and after the filings' (`Pages.leading`, `Pages.trailing`): the last
    build's when their key is the last build's (`RenderStore.same_index`) and the store still has
    them, else made (and rendered where their context changed)."""
    store = pages.store
    if store is not None and store.same_index and all(still_stored(part, store) for part in store.previous_index[1:]):
        leading, trailing = pages_of(store.previous_index[1], store), pages_of(store.previous_index[2], store)
        store.reused += len(leading) + len(trailing)
        return leading, trailing
    with packing(store):  # the pages rendered again in one pack
        return list(pages.leading()), list(pages.trailing())
