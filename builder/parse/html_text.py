"""HTML (and inline XBRL) → plain text that reads like a plain-text filing.

The text parsers (cover page, items, signatures, exhibit index) were written against plain-text
filings such as the seed, so an HTML report is turned into the same kind of text:

- block elements (``p``, ``div``, ``br``, ``li``, ``h1``-``h6`` ...) end lines; paragraphs and
  headings are set apart by a blank line; ``pre`` keeps its layout;
- tables are laid out in columns, cells padded so that a value and the label printed under it
  start at the same place and are at least two spaces from their neighbours (as on a printed
  cover page); empty columns are dropped;
- ``&nbsp;`` is a space, and a run of three or more (a hand-made column gap) is two spaces (two
  are justified prose: "the&nbsp;&nbsp;Registrant's"); other runs of spaces become one;
- scripts, styles, the head, comments and anything hidden (``display:none``: the inline-XBRL
  ``ix:header``) are dropped; inline-XBRL tags (``ix:nonNumeric`` ...) are kept as their text.

One pass over the tree, no recursion (nesting depth does not matter); a table is laid out when it
closes, in time linear in its cells.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

#: Elements whose content is never text of the filing.
_SKIP = frozenset({
    "script", "style", "head", "title", "noscript", "template", "iframe", "object", "svg", "math",
    "select", "button", "ix:header", "xbrli:context", "xbrli:unit",
})
#: Elements that start and end a line.
_LINE = frozenset({
    "div", "li", "dt", "dd", "ul", "ol", "dl", "center", "address", "blockquote", "form", "fieldset",
    "section", "article", "header", "footer", "nav", "aside", "main", "figure", "figcaption",
    "caption", "hr", "body", "html", "page", "document", "text",
})
#: Elements set apart by a blank line, as paragraphs are in plain-text filings.
_PARAGRAPH = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6"})
#: Table elements.
_TABLE_TAGS = frozenset({"table", "tr", "td", "th"})
#: Elements whose end does something (`_Writer.leave`); the others end silently.
_LEAVE = _PARAGRAPH | _LINE | {"td", "th", "table", "pre"}

_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\f\v\u200b\ufeff]+")
# Runs of no-break (and other wide) spaces: one or two are a space, three or more a column gap.
_HARD_SPACES = re.compile(r" ?[\xa0\u2000-\u200a\u202f\u205f\u3000](?:[ \xa0\u2000-\u200a\u202f\u205f\u3000]*[\xa0\u2000-\u200a\u202f\u205f\u3000])? ?")
_GAP_RUN = re.compile(r" {3,}")
#: A no-break space, or a character of the range the runs above are made of.
_WIDE_SPACE = re.compile("[\xa0\u2000-\u3000]")
_DIGITS = re.compile(r"\s*(\d+)")

#: A column is padded to at most this width; a longer cell pushes its row's next cells right.
MAX_COLUMN_WIDTH = 60
#: Tables bigger than this are not laid out in columns (cells joined with two spaces instead).
MAX_ALIGNED_CELLS = 20_000


def html_to_text(html: str | None) -> str:
    """The text of an HTML document, laid out as a plain-text filing would be."""
    if not html or not html.strip():
        return ""
    tree = LexborHTMLParser(html)
    root = tree.root
    if root is None:
        return ""
    writer = _Writer()
    writer.walk(root)
    return "\n".join(writer.finish())


def _hard_space(m: re.Match) -> str:
    hard = sum(1 for c in m.group() if c != " ")
    return "  " if hard >= 3 else " "


class _Lines:
    """Text being laid out into lines: inline text joins the current line, blocks end it."""

    __slots__ = ("lines", "parts", "space", "visible", "verbatim")

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.space = False  # a collapsible space is pending before the next text
        self.visible = False  # the current line had a no-break space (a spacer line)
        self.verbatim = False  # the current line is preformatted: its spaces stay

    def text(self, s: str) -> None:
        if not s:
            return
        if not s.strip(" \t\r\n\f\v\xa0"):  # only spaces (the most common text node): a space
            self.space = True
            if "\xa0" in s:  # what _HARD_SPACES would have found
                self.visible = True
            return
        if s.isascii():  # no soft hyphen, no wide space: only ASCII whitespace to collapse
            if not s.isprintable() or "  " in s:
                s = _SPACES.sub(" ", s)
        else:
            if "\xad" in s:  # soft hyphens are not printed
                s = s.replace("\xad", "")
            s = _SPACES.sub(" ", s)
            if _WIDE_SPACE.search(s):
                self.visible = True
                s = _HARD_SPACES.sub(_hard_space, s)
        if not s:
            return
        if s[0] == " ":
            self.space = True
            s = s.lstrip(" ")
            if not s:
                return
        if self.space and self.parts:
            self.parts.append(" ")
        self.space = s[-1] == " "
        self.parts.append(s.rstrip(" ") if self.space else s)

    def raw(self, s: str) -> None:
        """Preformatted text: newlines end lines, spaces stay."""
        s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
        pieces = s.split("\n")
        self.parts.append(pieces[0])
        for piece in pieces[1:]:
            self.lines.append("".join(self.parts).rstrip())
            self.parts = [piece]
        self.space = False
        self.verbatim = True

    def newline(self) -> None:
        parts = self.parts
        if not parts:  # the usual case: a block ends where another ended
            if self.visible:  # a line of no-break spaces: a spacer, a blank line
                self.lines.append("")
                self.visible = False
            self.space = False
            self.verbatim = False
            return
        line = "".join(parts)
        if self.verbatim:
            line = line.rstrip()
        else:
            if "   " in line:
                line = _GAP_RUN.sub("  ", line)
            line = line.strip()
        if line:
            self.lines.append(line)
        elif self.visible:  # a line of no-break spaces: a spacer, a blank line
            self.lines.append("")
        self.parts = []
        self.space = False
        self.visible = False
        self.verbatim = False

    def blank(self) -> None:
        """End the line and leave one blank line (never two)."""
        self.newline()
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def br(self) -> None:
        if self.parts:
            self.newline()
        else:
            self.lines.append("")

    def block(self, lines: list[str]) -> None:
        self.newline()
        self.lines.extend(lines)

    def finish(self) -> list[str]:
        self.newline()
        out: list[str] = []
        for line in self.lines:
            if line or (out and out[-1]):
                out.append(line)
        while out and not out[-1]:
            out.pop()
        return out


class _Cell(_Lines):
    """A table cell being read: its lines, and how many columns it spans."""

    __slots__ = ("colspan",)

    def __init__(self, colspan: int) -> None:
        super().__init__()
        self.colspan = colspan

    def finish(self) -> list[str]:
        """A cell's lines, without the blank lines its paragraphs leave (they would misalign rows)."""
        return [line for line in super().finish() if line]


def _colspan(attrs: dict[str, str | None]) -> int:
    """The colspan of a cell with attributes `attrs`: 1 to 100, 1 when missing or unreadable."""
    value = attrs.get("colspan")
    if not value:
        return 1
    if value.isdecimal():  # the usual "2" (\d is a decimal digit, as for isdecimal)
        return min(max(int(value), 1), 100)
    digits = _DIGITS.match(value)
    return min(max(int(digits.group(1)), 1), 100) if digits else 1


class _Table:
    """A table being read: rows of cells, each cell its lines and colspan."""

    __slots__ = ("rows", "cells")

    def __init__(self) -> None:
        self.rows: list[list[tuple[list[str], int]]] = []
        self.cells = 0

    def add_cell(self, lines: list[str], colspan: int) -> None:
        if not self.rows:
            self.rows.append([])
        self.rows[-1].append((lines, colspan))
        self.cells += 1

    def layout(self) -> list[str]:
        rows = [r for r in self.rows if r]
        if self.cells > MAX_ALIGNED_CELLS:
            return _joined(rows)
        width = _column_widths(rows)
        # Where each column starts: empty columns take no room.
        start: list[int] = []
        pos = 0
        for w in width:
            start.append(pos)
            if w:
                pos += w + 2
        out: list[str] = []
        for row in rows:
            height = max((len(lines) for lines, _ in row), default=0)
            if height == 0:
                out.append("")
                continue
            for k in range(height):
                line = ""
                col = 0
                for lines, span in row:
                    piece = lines[k] if k < len(lines) else ""
                    if piece:
                        target = start[col] if col < len(start) else pos
                        if line:
                            target = max(target, len(line) + 2)
                        line = line.ljust(target) + piece
                    col += span
                out.append(line.rstrip())
        return out


def _column_widths(rows: list[list[tuple[list[str], int]]]) -> list[int]:
    """The width of each column: its widest cell, and room for cells spanning several columns.

    Single cells first; then each spanning cell (narrowest spans first) widens the last column it
    spans by what it lacks. Widths are capped at `MAX_COLUMN_WIDTH`.
    """
    spanning: list[tuple[int, int, int]] = []  # (span, first column, cell width)
    width: list[int] = []
    for row in rows:
        col = 0
        for lines, span in row:
            if col + span > len(width):
                width.extend([0] * (col + span - len(width)))
            if lines:
                w = min(max(len(x) for x in lines), MAX_COLUMN_WIDTH)
                if span == 1:
                    if w > width[col]:
                        width[col] = w
                else:
                    spanning.append((span, col, w))
            col += span
    spanning.sort()
    for span, first, w in spanning:
        spanned = [x for x in width[first:first + span] if x]
        room = sum(spanned) + 2 * max(len(spanned) - 1, 0)
        if room < w:
            last = first + span - 1
            width[last] += w - room if width[last] else w - room - (2 if spanned else 0)
    return width


def _joined(rows: list[list[tuple[list[str], int]]]) -> list[str]:
    """A huge table, cells joined with two spaces (no padding)."""
    return ["  ".join(" ".join(lines) for lines, _ in row if lines) for row in rows]


class _Writer:
    """Walks the tree once, sending text to the innermost cell (or the document)."""

    def __init__(self) -> None:
        self.doc = _Lines()
        self.out = self.doc  # where text goes now: the document or the innermost cell
        self.frames: list[object] = []  # open tables and cells (their _Lines), innermost last
        self.pre = 0

    def finish(self) -> list[str]:
        return self.doc.finish()

    def walk(self, root: LexborNode) -> None:
        # Elements entered whose end does something (see `_LEAVE`), to leave on the way up; the
        # others are kept with None. Text nodes are handled here, not in `enter`: they are half
        # of the nodes.
        stack: list[tuple[LexborNode, str | None]] = []
        node: LexborNode | None = root.child
        while node is not None:
            tag = node.tag or ""
            if tag == "-text":
                s = node.text_content
                if s:
                    if self.pre:
                        self.out.raw(s)
                    else:
                        self.out.text(s)
                child = None
            else:
                tag = self.enter(node, tag)
                if tag is None:  # skipped with its content
                    child = None
                else:
                    child = node.child
                    if tag not in _LEAVE:
                        tag = None
                    if child is None:
                        if tag is not None:
                            self.leave(tag)
                    else:
                        stack.append((node, tag))
                        node = child
                        continue
            while node is not None:
                nxt = node.next
                if nxt is not None:
                    node = nxt
                    break
                if not stack:
                    node = None
                    break
                node, tag = stack.pop()
                if tag is not None:
                    self.leave(tag)

    def enter(self, node: LexborNode, tag: str) -> str | None:
        """Start an element (not a text node): the tag to `leave` it by, or None to skip it whole."""
        if tag in _SKIP or tag.startswith(("-", "!")):
            return None
        attrs = node.attributes
        if attrs:
            style = attrs.get("style")
            # "none" in any case is in every style _HIDDEN finds: most styles are passed at that.
            if (style and "none" in style.lower() and _HIDDEN.search(style)) or ("hidden" in attrs and tag != "input"):
                return None
        out = self.out
        if tag in _PARAGRAPH:
            out.blank()
        elif tag in _LINE:
            out.newline()
        elif tag == "br":
            out.br()
        elif tag in _TABLE_TAGS:
            if tag == "table":
                out.newline()
                self.frames.append(_Table())
            elif tag == "tr":
                table = self._table()
                if table is None:
                    out.newline()
                    return "div"  # a row outside a table: a line
                table.rows.append([])
            else:  # td, th
                if self._table() is None:
                    out.text(" ")
                    return "span"  # a cell outside a row: inline text
                self.out = _Cell(_colspan(attrs))
                self.frames.append(self.out)
        elif tag == "pre":
            out.blank()
            self.pre += 1
        return tag

    def leave(self, tag: str) -> None:
        """End an element whose end does something (a tag of `_LEAVE`)."""
        if tag in _PARAGRAPH:
            self.out.blank()
        elif tag in _LINE:
            self.out.newline()
        elif tag in ("td", "th"):
            cell = self.frames.pop()
            assert isinstance(cell, _Cell)
            self.out = self._innermost_lines()
            table = self._table()
            if table is not None:
                table.add_cell(cell.finish(), cell.colspan)
        elif tag == "table":
            table = self.frames.pop()
            assert isinstance(table, _Table)
            self.out = self._innermost_lines()
            self.out.block(table.layout())
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
            self.out.blank()

    def _table(self) -> _Table | None:
        return self.frames[-1] if self.frames and isinstance(self.frames[-1], _Table) else None  # type: ignore[return-value]

    def _innermost_lines(self) -> _Lines:
        for frame in reversed(self.frames):
            if isinstance(frame, _Lines):
                return frame
        return self.doc
