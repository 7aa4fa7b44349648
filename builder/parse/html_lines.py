"""Inline text of an HTML document laid out into lines (for `builder.parse.html_text`).

Runs of spaces, tabs and line ends are one space; ``&nbsp;`` is a space, and a run of three or
more no-break spaces (a hand-made column gap) two; soft hyphens are not printed; ``pre`` keeps
its layout. A block element ends the line (`Lines.newline`), a paragraph leaves a blank line.
"""

from __future__ import annotations

import re

#: The spaces that text collapses, as in HTML: ASCII whitespace, zero-width space, BOM.
_SPACE_CHARS = " \t\r\n\f\v\u200b\ufeff"
#: The spaces of `_SPACE_CHARS` but " ".
_OTHER_SPACES = _SPACE_CHARS.replace(" ", "")
_HARD = "\xa0\u2000-\u200a\u202f\u205f\u3000"
#: Runs of no-break (and other wide) spaces, with a space either side: one or two are a space,
#: three or more a column gap. Written as ` ?H(?:[ H]*H)? ?` is, but starting with a class of
#: characters (a space must be followed by a hard one), which `re` skips ahead to.
_HARD_SPACES = re.compile(rf"[ {_HARD}](?:(?<=[{_HARD}])|(?<= )[{_HARD}])(?:[ {_HARD}]*[{_HARD}])? ?")
_HARD_SPACE = re.compile(f"[{_HARD}]")
_GAP_RUN = re.compile(r" {3,}")
#: A no-break space, or a character of the range the runs above are made of.
_WIDE_SPACE = re.compile("[\xa0\u2000-\u3000]")
#: What a text node of only spaces is made of (no-break spaces included: a spacer).
BLANK = " \t\r\n\f\v\xa0"


def _hard_space(m: re.Match) -> str:
    run = m.group()
    return "  " if len(run) - run.count(" ") >= 3 else " "


def _collapse(s: str) -> str:
    """`s` with each run of `_SPACE_CHARS` made one space, as a regular expression would, faster:
    the other spaces made " " (`str.replace`, C speed), then runs of " " halved until none is left."""
    for space in _OTHER_SPACES:
        if space in s:
            s = s.replace(space, " ")
    while "  " in s:
        s = s.replace("  ", " ")
    return s


class Lines:
    """Text being laid out into lines: inline text joins the current line, blocks end it."""

    __slots__ = ("lines", "parts", "space", "visible", "verbatim")

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.space = False  # a collapsible space is pending before the next text
        self.visible = False  # the current line had a no-break space (a spacer line)
        self.verbatim = False  # the current line is preformatted: its spaces stay

    def text(self, s: str) -> None:
        """Inline text (see the module docstring for its spaces)."""
        if not s:
            return
        if s.isspace() and not s.strip(BLANK):  # only spaces (the most common text node): a space
            self.space = True
            if "\xa0" in s:  # what _HARD_SPACES would have found
                self.visible = True
            return
        # A printable text without two spaces in a row has no run of spaces to collapse
        # (tabs, line ends, zero-width spaces and the BOM are not printable).
        if s.isascii():  # no soft hyphen, no wide space
            if not s.isprintable() or "  " in s:
                s = _collapse(s)
        else:
            if "\xad" in s:  # soft hyphens are not printed
                s = s.replace("\xad", "")
            if not s.isprintable() or "  " in s:
                s = _collapse(s)
            if _WIDE_SPACE.search(s):
                self.visible = True
                if _HARD_SPACE.search(s):
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
        """End the current line (a block starts or ends)."""
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
        """A line break: ends the line, or is a blank line of its own."""
        if self.parts:
            self.newline()
        else:
            self.lines.append("")

    def block(self, lines: list[str]) -> None:
        """Lines laid out elsewhere (a table), on lines of their own."""
        self.newline()
        self.lines.extend(lines)

    def finish(self) -> list[str]:
        """The lines: no blank line first or last, never two in a row."""
        self.newline()
        out: list[str] = []
        for line in self.lines:
            if line or (out and out[-1]):
                out.append(line)
        while out and not out[-1]:
            out.pop()
        return out


class Cell(Lines):
    """A table cell being read: its lines, and how many columns it spans."""

    __slots__ = ("colspan",)

    def __init__(self, colspan: int) -> None:
        # As Lines.__init__, without the call (a table has many cells).
        self.lines = []
        self.parts = []
        self.space = False
        self.visible = False
        self.verbatim = False
        self.colspan = colspan

    def finish(self) -> list[str]:
        """A cell's lines, without the blank lines its paragraphs leave (they would misalign rows)."""
        self.newline()  # what Lines.finish keeps, less its blank lines: the non-blank lines
        return list(filter(None, self.lines))
