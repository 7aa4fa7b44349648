"""The geometry of plain text: lines, their offsets and the columns (cells) on a line.

Plain-text filings lay out a cover page in columns separated by runs of spaces; text made
from HTML separates table cells with tabs. `cells()` reads both: a cell is a run of text
between tabs or runs of two or more spaces, with its position in tab-expanded columns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

#: A line of only rules: dashes, underscores, equals signs, dots, stars, box-drawing bars.
_SEPARATOR = re.compile(r"^[\s\-_=*.~\u2014\u2013\u2500\u2501|+]+$")
_CELL_GAP = re.compile(r"\t+| {2,}|\u00a0{2,}")
_SPACES = re.compile(r"[\s\u00a0\u200b\ufeff]+")
#: The SGML tags plain-text filings lay tables and pages out with.
_SGML_TAGS = re.compile(r"</?(?:TABLE|CAPTION|S|C|FN|PAGE)>", re.IGNORECASE)


@dataclass
class Cell:
    """A run of text on one line; `start`/`end` are tab-expanded column positions."""

    start: int
    end: int
    text: str

    @property
    def centre(self) -> float:
        return (self.start + self.end) / 2


def split_lines(text: str) -> list[tuple[int, str]]:
    """The lines of `text` with the offset where each starts (line ends stripped)."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        out.append((pos, line.rstrip("\r\n")))
        pos += len(line)
    return out


def clean(text: str | None) -> str:
    """`text` with runs of whitespace (tabs, non-breaking spaces) made one space, stripped."""
    if not text:
        return ""
    if text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " ":
        # Nothing to do (most lines made of HTML): every space but " " is unprintable (as are
        # the zero-width space and the BOM), and the spaces are single, none at either end.
        return text
    if text.isascii() or ("\u200b" not in text and "\ufeff" not in text):
        # The same: `\s` is what str.split() splits on (str.isspace), \u00a0 included.
        return " ".join(text.split())
    return _SPACES.sub(" ", text).strip()


def is_blank(line: str) -> bool:
    """True for a line with nothing but whitespace."""
    return not clean(line)


def is_separator(line: str) -> bool:
    """True for a line of rules only ("-------", "_____"), blank lines excluded."""
    return bool(clean(line)) and bool(_SEPARATOR.match(line))


def cells(line: str) -> list[Cell]:
    """The cells of a line: text between tabs or runs of 2+ spaces, with expanded positions."""
    out: list[Cell] = []
    last = 0
    for gap in list(_CELL_GAP.finditer(line)) + [None]:
        end = gap.start() if gap else len(line)
        piece = line[last:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            start = len(line[: last + lead].expandtabs(8))
            text = clean(piece)
            out.append(Cell(start, start + len(piece.strip().expandtabs(8)), text))
        if gap:
            last = gap.end()
    return out


def raw_cells(line: str) -> list[str]:
    """The tab-separated cells of a line, empty ones kept (text made from HTML tables)."""
    return [clean(c) for c in line.split("\t")]


def without_sgml_tags(text: str) -> str:
    """`text` with the layout tags of plain-text filings (<PAGE>, <TABLE>, <S>, <C> ...) blanked
    out by as many spaces, so that offsets into the text stay the same."""
    return _SGML_TAGS.sub(lambda m: " " * len(m.group(0)), text)


def after_line_end(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` (multi-line, starting with "^") with a "\\n" for its "^": for `finditer_lines`."""
    if not pattern.pattern.startswith("^") or not pattern.flags & re.MULTILINE:
        raise ValueError(f"not a multi-line pattern starting with '^': {pattern.pattern!r}")
    return re.compile("\n" + pattern.pattern[1:], pattern.flags)


def finditer_lines(pattern: re.Pattern[str], below: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of `pattern.finditer(text)`, found faster: `re` tries a pattern that starts
    with "^" at every character, and `below` (its `after_line_end`) only where a "\\n" is.

    For a `pattern` none of whose matches ends with "\\n": the "\\n" before a line a match starts
    on is then never inside the match before. Each match is `pattern`'s own, matched again where
    `below` found the line (a line start after a "\\n" satisfies "^" as it does for `finditer`)."""
    first = pattern.match(text)
    if first is not None:
        yield first
    for hit in below.finditer(text, first.end() if first is not None else 0):
        match = pattern.match(text, hit.start() + 1)
        assert match is not None and match.end() == hit.end()
        yield match
