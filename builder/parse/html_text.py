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
closes, in time linear in its cells. The lines are made by `html_lines`, the tables laid out by
`html_tables`.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from builder.parse.html_lines import BLANK, Cell, Lines
from builder.parse.html_tables import MAX_ALIGNED_CELLS, MAX_COLUMN_WIDTH, Table, colspan

__all__ = ["html_to_text", "MAX_ALIGNED_CELLS", "MAX_COLUMN_WIDTH"]

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

# What an element does, its kind (`_walk` dispatches on it: one dict look-up a node).
INLINE, PARAGRAPH, LINE, BREAK, TABLE, ROW, CELL, PRE, SKIPPED = range(9)
#: Each tag's kind. A tag not listed is inline, but for the nodes whose names start with "-" or
#: "!" (comments, doctypes): skipped. Common inline tags are listed only to spare that test.
_KIND: dict[str, int] = {
    **dict.fromkeys(("font", "b", "i", "u", "span", "a", "sup", "sub", "strong", "em", "small", "img",
                     "tbody", "thead", "tfoot", "colgroup", "col", "s", "c", "ix:nonnumeric", "ix:nonfraction"),
                    INLINE),
    **dict.fromkeys(_PARAGRAPH, PARAGRAPH),
    **dict.fromkeys(_LINE, LINE),
    "br": BREAK, "table": TABLE, "tr": ROW, "td": CELL, "th": CELL, "pre": PRE,
    **dict.fromkeys(_SKIP, SKIPPED),  # last: a skipped element is skipped whatever else it is
    "-comment": SKIPPED, "-doctype": SKIPPED,
}

_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)


def html_to_text(html: str | None) -> str:
    """The text of an HTML document, laid out as a plain-text filing would be."""
    if not html or html.isspace():
        return ""
    tree = LexborHTMLParser(html)
    root = tree.root
    if root is None:
        return ""
    return "\n".join(_walk(root).finish())


def _walk(root: LexborNode) -> Lines:
    """The document's lines: one pass over the tree, no recursion (nesting depth does not matter).

    Text goes to the innermost open cell, or to the document. An element is entered (its kind
    says what its start does: end the line, open a table or a cell ...) and left when the walk
    comes back up from it, for the kinds whose end does something; text nodes, half of the nodes,
    are handled at once. It is one function, its state in local variables, because it runs for
    every node of every document: method calls cost more than the work most nodes need.
    """
    doc = Lines()
    out = doc  # where text goes now: the document or the innermost cell
    frames: list[Table | Cell] = []  # open tables and cells, innermost last
    cells: list[Cell] = []  # the open cells alone, innermost last
    pre = 0  # how many <pre> are open
    kind_of = _KIND.get
    # Elements entered, with the kind to leave them by (None: their end does nothing).
    stack: list[tuple[LexborNode, int | None]] = []
    node: LexborNode | None = root.first_child
    while node is not None:
        tag = node.tag
        leave = None
        if tag == "-text":
            s = node.text_content
            if s:
                if pre:
                    out.raw(s)
                elif s.isspace() and not s.strip(BLANK):  # (a text is not copied to be tested)
                    out.space = True  # only spaces (the most common text node): as `Lines.text` does
                    if "\xa0" in s:
                        out.visible = True
                else:
                    out.text(s)
        else:
            if tag is None:
                tag = ""
            kind = kind_of(tag)
            if kind is None:
                kind = SKIPPED if tag.startswith(("-", "!")) else INLINE
            if kind != SKIPPED:
                attrs = node.attributes
                if attrs:  # not displayed: styled display:none, or with a `hidden` attribute
                    style = attrs.get("style")
                    # "none" in any case is in every style _HIDDEN finds: most styles pass at that.
                    if (style and "none" in style.lower() and _HIDDEN.search(style)) or (
                            "hidden" in attrs and tag != "input"):
                        kind = SKIPPED  # not displayed
            if kind != SKIPPED:  # (else skipped with its content)
                if kind == INLINE:
                    pass
                elif kind == CELL:
                    if frames and frames[-1].__class__ is Table:
                        out = Cell(colspan(attrs))
                        frames.append(out)
                        cells.append(out)
                        leave = CELL
                    else:  # a cell outside a table: inline text
                        out.text(" ")
                elif kind == LINE:
                    if out.parts or out.visible:
                        out.newline()
                    else:  # what newline() does then, without the call (blocks in blocks)
                        out.space = out.verbatim = False
                    leave = LINE
                elif kind == PARAGRAPH:
                    out.blank()
                    leave = PARAGRAPH
                elif kind == ROW:
                    if frames and frames[-1].__class__ is Table:
                        frames[-1].rows.append([])
                    else:  # a row outside a table: a line
                        out.newline()
                        leave = LINE
                elif kind == BREAK:
                    out.br()
                elif kind == TABLE:
                    out.newline()
                    frames.append(Table())
                    leave = TABLE
                else:  # PRE
                    out.blank()
                    pre += 1
                    leave = PRE
                child = node.first_child
                if child is not None:
                    stack.append((node, leave))
                    node = child
                    continue
        # The node is done: leave it, then go on to its next sibling, or up and leave its parent.
        while True:
            if leave is not None:
                if leave == LINE:
                    if out.parts or out.visible:
                        out.newline()
                    else:  # as on entering
                        out.space = out.verbatim = False
                elif leave == PARAGRAPH:
                    out.blank()
                elif leave == CELL:
                    cell = frames.pop()
                    cells.pop()
                    out = cells[-1] if cells else doc
                    if frames and frames[-1].__class__ is Table:
                        frames[-1].add_cell(cell.finish(), cell.colspan)
                elif leave == TABLE:
                    table = frames.pop()
                    out = cells[-1] if cells else doc
                    out.block(table.layout())
                else:  # PRE
                    pre = max(0, pre - 1)
                    out.blank()
            nxt = node.next
            if nxt is not None:
                node = nxt
                break
            if not stack:
                node = None
                break
            node, leave = stack.pop()
    return doc
