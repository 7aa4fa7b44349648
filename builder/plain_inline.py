"""Python-Markdown's inline pass, skipped for text it would leave as it is.

The archive's pages are mostly tables, breadcrumbs and short lines of links, and most of MkDocs'
time on them went to Python-Markdown's inline pass: each piece of text (each table cell, each
link's text) is tried against every one of its inline patterns. The text the templates write
can hold little inline Markdown: `md()` writes every character Markdown could read as markup as
an HTML entity, and the templates add plain links, `[text](url)` or `[text](url "title")`.

`PlainInlineProcessor` runs just before the inline pass. A piece of text (an element's text or
tail) made only of plain text and such links (`_PLAIN`) gets the elements the inline pass would
make of it: the text, and an `<a>` with `href` (and `title`) for each link; the text is marked
atomic, so that the pass leaves it alone. Entities come out as written either way: the
serializer leaves `&amp;` and `&#35;` alone, as the pass does. Any other text (emphasis, code,
escapes, raw HTML, an image, an underscore, a line break, a title with quotes or brackets) and
the text of headings and links is left to the inline pass, as it is. Links are `<a>` elements
either way, so MkDocs rewrites and validates them as before.

The HTML and the table of contents are the same: `tests/test_plain_inline.py` converts every
page of the sample archive both ways. Enabled by the `filings` plugin (it appends `builder.plain_inline`
to `markdown_extensions`); it does nothing when another extension adds inline patterns or
emphasis of its own (`~~`, `==`, emoji, bare URLs ...), which could read plain text differently,
or tree processors it does not know (`abbr` leaves atomic text alone).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

#: Text no inline pattern of Python-Markdown reads: no brackets, emphasis, code, escapes, markup
#: or images, no stash placeholders (STX, ETX), no line break (two blanks before a line end).
_TEXT = r"(?:[^\[\]\\`*_<>!\x00-\x08\x0b-\x1f ]|!(?!\[)| (?! \n))"
#: A link as the templates write it: text as above, a URL of path characters, a plain title.
_LINK = r"\[%s+\]\([^\s()<>\"'\[\]\\`]+(?: \"[^\"'()\[\]\\`<>\n]*\")?\)" % _TEXT
_PLAIN = re.compile(r"(?:%s|%s)*" % (_TEXT, _LINK))
#: `_PLAIN` for text without "[" (no link, no image), one character class: `_TEXT` is one
#: character at a time, and without "[" a "!" is always text; a blank is, but before " \n".
_PLAIN_NO_LINK = re.compile(r"[^\]\\`*_<>\x00-\x08\x0b-\x1f]*")
_LINK_PARTS = re.compile(r"\[([^\]]+)\]\(([^\s)]+)(?: \"([^\"]*)\")?\)")
#: Python-Markdown's `LinkInlineProcessor` makes a title's whitespace single spaces.
_TITLE_BLANKS = re.compile(r"\s")
#: Elements whose text is left to the inline pass: headings (the table of contents reads their
#: inline result) and links (no link in a link).
_LEFT = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a"})

#: Python-Markdown's own inline patterns and emphasis: `_TEXT` is text none of them reads.
_KNOWN_PATTERNS = frozenset({
    "backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
    "short_image_ref", "autolink", "automail", "linebreak", "html", "entity", "not_strong",
    "em_strong", "em_strong2",
})
_KNOWN_DELIMITERS = frozenset({"*", "_"})
#: Tree processors known to treat atomic text as any other (`abbr`, for one, skips it).
_KNOWN_TREEPROCESSORS = frozenset({"inline", "prettify", "unescape", "attr_list", "toc"})


class PlainInlineProcessor(Treeprocessor):
    """Makes the elements of plain text and links before the inline pass (see the module)."""

    def run(self, root: etree.Element) -> None:
        stack = [root]
        while stack:
            parent = stack.pop()
            if parent.tag == "a":
                continue
            children = list(parent)
            for index in range(len(children) - 1, -1, -1):  # from the end: insertions keep indexes
                child = children[index]
                if child.tail and not isinstance(child.tail, AtomicString):
                    made = _elements(child.tail)
                    if made is not None:
                        child.tail, links = made
                        for offset, link in enumerate(links, start=index + 1):
                            parent.insert(offset, link)
                if child.tag not in _LEFT and child.text and not isinstance(child.text, AtomicString):
                    made = _elements(child.text)
                    if made is not None:
                        child.text, links = made
                        for offset, link in enumerate(links):
                            child.insert(offset, link)
                stack.append(child)


def _elements(text: str) -> tuple[AtomicString, list[etree.Element]] | None:
    """The text before the first link and the links (their tails set), or None if not plain."""
    if "[" not in text:
        if _PLAIN_NO_LINK.fullmatch(text) is None or "  \n" in text:
            return None
        return AtomicString(text), []
    if not _PLAIN.fullmatch(text):
        return None
    links = []
    position = 0
    first = ""
    for match in _LINK_PARTS.finditer(text):
        before = AtomicString(text[position:match.start()])
        if links:
            links[-1].tail = before
        else:
            first = before
        link = etree.Element("a")
        link.text = AtomicString(match.group(1))
        link.set("href", match.group(2))
        if match.group(3) is not None:
            link.set("title", _TITLE_BLANKS.sub(" ", match.group(3).strip()))
        links.append(link)
        position = match.end()
    links[-1].tail = AtomicString(text[position:])
    return AtomicString(first), links


class PlainInlineExtension(Extension):
    """Registers `PlainInlineProcessor` just before the inline pass. Load it last: with inline
    patterns or emphasis other than Python-Markdown's own, or tree processors it does not know
    (one may treat atomic text apart, as `abbr` does), it does nothing."""

    def extendMarkdown(self, md: Markdown) -> None:
        if "inline" not in md.treeprocessors:
            return
        if not set(md.inlinePatterns._data) <= _KNOWN_PATTERNS:
            return
        if not set(getattr(getattr(md, "delimiters", None), "tokens", ())) <= _KNOWN_DELIMITERS:
            return
        if not set(md.treeprocessors._data) <= _KNOWN_TREEPROCESSORS:
            return
        md.treeprocessors.register(PlainInlineProcessor(md), "plain_inline", 21)


def makeExtension(**kwargs) -> PlainInlineExtension:  # noqa: N802 - Python-Markdown's name
    return PlainInlineExtension(**kwargs)
