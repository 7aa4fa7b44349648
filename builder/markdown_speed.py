"""Python-Markdown's work on the archive's pages, done the same way with less work (page workers).

`speed_up(md)` is applied to a page worker's converter (`builder.markdown_reuse.converter`) when it
is made; `refresh(md)` each time it is reset. Each change gives what Python-Markdown gives, on any
input (Python-Markdown is pinned, pyproject.toml; `tests/test_markdown_speed.py`):

- **Table rows** (`FastTableProcessor`): the tables extension splits each row with a regular
  expression that skips pipes escaped (`\\|`) or in code spans (backticks). A row with neither a
  backslash nor a backtick has no such pipe: it is split at every pipe (`str.split`), and its
  border pipes are cut with `str.startswith`/`str.endswith`. Any other row is the extension's.
- **Block-level tags** (`Markdown.is_block_level`, asked for every element by the prettifier and
  the serializer, a search of a list): answered once per tag and kept while the converter's
  `block_level_elements` stay the same (`refresh` compares them at every page).
- **The table of contents' marker** (`FastTocTreeprocessor`): the toc extension looks for an
  element whose text is its marker (`[TOC]`) by joining the text of every element's subtree; when
  no element of the document has that text (one look at each), there is nothing it could replace.
- **Unescaping** (`FastUnescapeTreeprocessor`): Python-Markdown's last tree processor runs a
  regular expression over every text, tail and attribute for its escape placeholders (STX digits
  ETX); a string without STX is left as the expression leaves it (the same text, as a plain `str`).
- **Links** (`FastRelativePath`, MkDocs' `_RelativePathTreeprocessor`, made by `ReusingPage`): a
  relative link to a file of the site that is not excluded (no warning, no guess) is resolved
  here, as MkDocs resolves it, the paths' normalized parts remembered; any other is MkDocs'.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import unquote, urlsplit, urlunsplit

from markdown import Markdown
from markdown.extensions.tables import TableProcessor
from markdown.extensions.toc import TocTreeprocessor
from markdown.treeprocessors import UnescapeTreeprocessor
from markdown.util import AMP_SUBSTITUTE, STX
from mkdocs.structure.pages import _RelativePathTreeprocessor


class FastTableProcessor(TableProcessor):
    """The tables extension's processor, splitting rows without backslashes and backticks itself."""

    def _split_row(self, row: str) -> list[str]:
        if "\\" in row:
            return super()._split_row(row)
        if self.border:  # RE_END_BORDER without a backslash before it: a last pipe
            if row.startswith("|"):
                row = row[1:]
            if row.endswith("|"):
                row = row[:-1]
        return self._split(row)

    def _split(self, row: str) -> list[str]:
        if "`" in row or "\\" in row:
            return super()._split(row)
        return row.split("|")  # no code span, no escape: every pipe separates cells


class FastTocTreeprocessor(TocTreeprocessor):
    """The toc extension's processor, looking for its marker only in documents that have it."""

    def replace_marker(self, root, elem) -> None:
        marker = self.marker
        for element in root.iter():
            text = element.text
            if text and text.strip() == marker:  # a candidate: the extension's own search
                return super().replace_marker(root, elem)


class FastUnescapeTreeprocessor(UnescapeTreeprocessor):
    """Python-Markdown's unescaping, its expression run only on strings that hold an STX.

    `RE.sub` on a string it does not change gives the string, a plain `str` (`str.__str__`: the
    string itself, or a copy of a subclass's, an `AtomicString`'s)."""

    def run(self, root) -> None:
        unescape = self.unescape
        for elem in root.iter():
            text = elem.text
            if text and not elem.tag == "code":
                elem.text = unescape(text) if STX in text else str.__str__(text)
            tail = elem.tail
            if tail:
                elem.tail = unescape(tail) if STX in tail else str.__str__(tail)
            for key, value in elem.items():
                if value is not None:
                    if STX in value:
                        elem.set(key, unescape(value))
                    elif type(value) is not str:
                        elem.set(key, str.__str__(value))


class _BlockLevel:
    """`md.is_block_level`, remembered per tag while `md.block_level_elements` stay the same."""

    def __init__(self, md: Markdown) -> None:
        self.md = md
        self.elements = tuple(md.block_level_elements)
        self.known: dict = {}

    def __call__(self, tag) -> bool:
        try:
            return self.known[tag]
        except KeyError:
            found = self.known[tag] = Markdown.is_block_level(self.md, tag)
            return found
        except TypeError:  # not hashable
            return Markdown.is_block_level(self.md, tag)

    def refresh(self) -> None:
        elements = tuple(self.md.block_level_elements)
        if elements != self.elements:
            self.elements, self.known = elements, {}


def speed_up(md: Markdown) -> Markdown:
    """`md` with the changes of this module that apply to it (see the module)."""
    if "table" in md.parser.blockprocessors:
        tables = md.parser.blockprocessors["table"]
        if type(tables) is TableProcessor:
            tables.__class__ = FastTableProcessor
    unescaping = md.treeprocessors["unescape"] if "unescape" in md.treeprocessors else None
    if type(unescaping) is UnescapeTreeprocessor:
        unescaping.__class__ = FastUnescapeTreeprocessor
    toc = md.treeprocessors["toc"] if "toc" in md.treeprocessors else None
    if type(toc) is TocTreeprocessor:
        toc.__class__ = FastTocTreeprocessor
    if type(md).is_block_level is Markdown.is_block_level and "is_block_level" not in vars(md):
        md.is_block_level = _BlockLevel(md)
    return md


def refresh(md: Markdown) -> Markdown:
    """`md` ready for another document (its tag answers dropped if its block-level tags changed)."""
    block_level = vars(md).get("is_block_level")
    if isinstance(block_level, _BlockLevel):
        block_level.refresh()
    return md


class FastRelativePath(_RelativePathTreeprocessor):
    """MkDocs' link rewriting; a link to a file of the site that needs no warning costs less."""

    def path_to_url(self, url: str) -> str:
        scheme, netloc, path, query, anchor = urlsplit(url)
        if scheme or netloc or not path or url.startswith(("/", "\\")) or AMP_SUBSTITUTE in url:
            return super().path_to_url(url)
        target_file = self.files.get_file_from_path(_target_uri(self.file.src_uri, unquote(path)))
        if target_file is None or target_file.inclusion.is_excluded():
            return super().path_to_url(url)  # a warning, guesses: MkDocs' (it looks the path up again)
        if anchor:
            self.links_to_anchors.setdefault(target_file, {}).setdefault(anchor, url)
        return urlunsplit(("", "", relative_url(target_file.url, self.file.url), query, anchor))


@lru_cache(maxsize=8192)
def _target_uri(src_uri: str, path: str) -> str:
    return _RelativePathTreeprocessor._target_uri(src_uri, path)


@lru_cache(maxsize=8192)
def _parts(path: str) -> tuple[str, ...]:
    """`mkdocs.utils._norm_parts(path)`, as a tuple."""
    if not path.startswith("/"):
        path = "/" + path
    path = posixpath.normpath(path)[1:]
    return tuple(path.split("/")) if path else ()


def relative_url(url: str, other: str) -> str:
    """`mkdocs.utils.get_relative_url(url, other)`, each path's parts found once."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    other_parts, dest_parts = _parts(other), _parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts):
        if a != b:
            break
        common += 1
    relurl = "/".join([".."] * (len(other_parts) - common) + list(dest_parts[common:])) or "."
    return relurl + "/" if url.endswith("/") else relurl
