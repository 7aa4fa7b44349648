"""HTML tables laid out in columns (for `builder.parse.html_text`).

Cells are padded so that a value and the label printed under it start at the same place and are
at least two spaces from their neighbours (as on a printed cover page); empty columns are
dropped; a table too big to align is joined with two spaces. Linear in the table's cells.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\s*(\d+)")

#: A column is padded to at most this width; a longer cell pushes its row's next cells right.
MAX_COLUMN_WIDTH = 60
#: Tables bigger than this are not laid out in columns (cells joined with two spaces instead).
MAX_ALIGNED_CELLS = 20_000


def colspan(attrs: dict[str, str | None]) -> int:
    """The colspan of a cell with attributes `attrs`: 1 to 100, 1 when missing or unreadable."""
    value = attrs.get("colspan")
    if not value:
        return 1
    if value.isdecimal():  # the usual "2" (\d is a decimal digit, as for isdecimal)
        return min(max(int(value), 1), 100)
    digits = _DIGITS.match(value)
    return min(max(int(digits.group(1)), 1), 100) if digits else 1


class Table:
    """A table being read: rows of cells, each cell its lines and colspan."""

    __slots__ = ("rows", "cells")

    def __init__(self) -> None:
        self.rows: list[list[tuple[list[str], int]]] = []
        self.cells = 0

    def add_cell(self, lines: list[str], colspan: int) -> None:
        """A cell's lines, in the current row (a cell before any row starts one)."""
        if not self.rows:
            self.rows.append([])
        self.rows[-1].append((lines, colspan))
        self.cells += 1

    def layout(self) -> list[str]:
        """The table's lines, its cells padded into columns."""
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
            height = max([len(lines) for lines, _ in row])  # (rows without cells were left out)
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
                w = min(max(map(len, lines)), MAX_COLUMN_WIDTH)
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
