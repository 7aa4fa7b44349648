"""One Markdown converter per page worker, reset between pages, instead of MkDocs' one per page.

MkDocs' `Page.render` makes a new `markdown.Markdown` for every page, which loads and sets up every
extension again: about 7 % of a page's build on the archive's pages. Python-Markdown's converter
is made to convert many documents (`reset()` between them: each extension that keeps something
per document clears it there). `ReusingPage.render` is MkDocs' `Page.render` (MkDocs is pinned)
with the converter kept by the worker; MkDocs' own processors (anchors, links, title) are made per
page and registered again, by name, as MkDocs registers them, so they replace the last page's.

It is used only while every extension comes from Python-Markdown itself or from this package, whose
resets are known; with any other extension a page is rendered by MkDocs' `Page.render`.
"""

from __future__ import annotations

import logging

import markdown
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from builder.front_matter import get_data
from builder.markdown_speed import FastRelativePath, refresh, speed_up

log = logging.getLogger("mkdocs.structure.pages")  # the logger MkDocs' `Page.render` consults

#: Where the extensions a converter may be reused with come from.
KNOWN_EXTENSIONS = ("markdown.extensions.", "builder.")

_converter: tuple[object, markdown.Markdown | None] | None = None  # (config, its converter or None)


def converter(config) -> markdown.Markdown | None:
    """This process's converter for `config`, reset; None when it may not be reused."""
    global _converter
    if _converter is None or _converter[0] is not config:
        md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})
        known = all(type(ext).__module__.startswith(KNOWN_EXTENSIONS) for ext in md.registeredExtensions)
        _converter = (config, speed_up(md) if known else None)
    md = _converter[1]
    return refresh(md.reset()) if md is not None else None


class ReusingPage(Page):
    """A page rendered with its process's converter (`converter`), as MkDocs' `Page` would render it:
    its front matter read as MkDocs would read it (`builder.front_matter`), its links resolved as
    MkDocs resolves them (`builder.markdown_speed.FastRelativePath`)."""

    def read_source(self, config) -> None:  # MkDocs' `Page.read_source`, with `front_matter.get_data`
        source = config.plugins.on_page_read_source(page=self, config=config)
        if source is None:
            try:
                source = self.file.content_string
            except OSError:
                log.error(f"File not found: {self.file.src_path}")
                raise
            except ValueError:
                log.error(f"Encoding error reading file: {self.file.src_path}")
                raise
        self.markdown, self.meta = get_data(source)

    def render(self, config, files) -> None:
        md = converter(config)
        if md is None or self.markdown is None:
            return super().render(config, files)
        raw_html_ext = mkdocs_pages._RawHTMLPreprocessor()
        raw_html_ext._register(md)
        extract_anchors_ext = mkdocs_pages._ExtractAnchorsTreeprocessor(self.file, files, config)
        extract_anchors_ext._register(md)
        relative_path_ext = FastRelativePath(self.file, files, config)
        relative_path_ext._register(md)
        extract_title_ext = mkdocs_pages._ExtractTitleTreeprocessor()
        extract_title_ext._register(md)

        self.content = md.convert(self.markdown)
        self.toc = get_toc(getattr(md, "toc_tokens", []))
        self._title_from_render = extract_title_ext.title
        self.present_anchor_ids = extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
        if log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = relative_path_ext.links_to_anchors
