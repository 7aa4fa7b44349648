"""The plugin's kinds of MkDocs `File` for what the render stage leaves on disk: a file of the
render cache linked into the site, a page kept in a pack of the render cache, and an original
compressed as it is copied."""

from __future__ import annotations

import os

from mkdocs.structure.files import File

from builder.cache import link_or_copy
from builder.render.originals import compress_file, compressed_bytes
from builder.render.store import read_span, text_of


class LinkedFile(File):
    """A file of the render cache (an original, a binary document) put into the site as a hard
    link, not copied (a copy when the site is on another file system): 700 MB not copied again by
    each build at 10,000 filings. The cache never changes a file, it only adds and removes them."""

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        link_or_copy(self.abs_src_path, self.abs_dest_path)


class CompressedFile(File):
    """An original of the filings folder published gzip-compressed, without a render cache to
    keep the compressed copy in: compressed as MkDocs copies it (`builder.render.originals`)."""

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        compress_file(self.abs_src_path, self.abs_dest_path)

    @property
    def content_bytes(self) -> bytes:
        return compressed_bytes(self.abs_src_path)


class PackedFile(File):
    """A page kept in a pack of the render cache (`builder.render.store`): its Markdown is the part
    `span` (file, offset, length) of the pack. Its `abs_src_path` names the page's key in the
    cache, not a file: what the page cache knows the page by (`builder.pagekeys`), never opened."""

    span: tuple[str, int, int]

    @property
    def content_bytes(self) -> bytes:
        return read_span(*self.span)

    @property
    def content_string(self) -> str:
        return text_of(self.content_bytes, "utf-8-sig")  # as `File.content_string` reads its file

    def is_modified(self) -> bool:
        return True  # (its "file" is none: a dirty build builds it)
