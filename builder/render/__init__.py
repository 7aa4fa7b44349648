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
- `catalog`      catalog.json and catalog.csv
- `originals`    the original files of each filing, for download
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.model.archive import Archive
from builder.render.pages import Pages
from builder.render.paths import plan_site
from builder.render.templating import make_environment


@dataclass
class GeneratedFile:
    """A file of the site made by the render stage: a Markdown page or a binary asset."""

    path: str  #: relative to the docs folder, POSIX separators
    content: str | bytes


def render_site(archive: Archive, templates_dir: Path, *, use_directory_urls: bool = True,
                filings_dir: Path | None = None) -> list[GeneratedFile]:
    """Every generated page (Markdown) and file (bytes) of the site, in a stable order.

    Same archive in, byte-identical files out; linear in the size of the archive. The
    `use_directory_urls` of `mkdocs.yml` matters for links inside raw HTML blocks (filing HTML),
    which MkDocs does not rewrite, and for the page URLs of the catalog. With `filings_dir` (the
    folder the archive was read from), each filing's original files are copied into the site
    (`filings/<id>/files/`) and its report page links to them; without, they are only named.
    """
    env = make_environment(Path(templates_dir))
    pages = Pages(env, archive, plan_site(archive), use_directory_urls=use_directory_urls,
                  filings_dir=Path(filings_dir) if filings_dir is not None else None)
    generated: list[GeneratedFile] = []
    seen: set[str] = set()
    for page in pages.all():
        if page.path in seen:  # plan_site makes paths unique; never silently overwrite
            raise RuntimeError(f"two generated files at {page.path}")
        seen.add(page.path)
        content = page.content
        if isinstance(content, str):
            try:
                content.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate slipped through: never fail the build
                content = content.encode("utf-8", "replace").decode("utf-8")
        generated.append(GeneratedFile(page.path, content))
    return generated
