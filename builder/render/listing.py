"""Index pages that stay small: rows split into pages of at most `PAGE_ROWS`, grouped in sections.

A `Listing` is one index of the site (the filings of 2005, every 8-K, the registrants of SIC
7372 ...): its rows in page order, cut into pages

    <base>.md, <base>/2.md, <base>/3.md ...

(nested, so that a page's continuations can never collide with another page's name), each page
showing its rows grouped by section (a month, a year, a letter), a section that runs over two
pages being continued on the second. With 500 rows a page stays well under 1 MB, however many
filings the archive holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

#: The most rows an index page shows.
PAGE_ROWS = 500

Row = TypeVar("Row")


@dataclass
class Section(Generic[Row]):
    """The rows of one section on one page."""

    key: str  #: "2005", "2005-03", "A" ("" when the listing has no sections)
    title: str  #: "2005", "March 2005", "A"
    anchor: str  #: the heading's id ("" on a page where the section is continued)
    rows: list[Row] = field(default_factory=list)
    continued: bool = False  #: the section began on an earlier page


@dataclass
class Listing(Generic[Row]):
    """One paginated index: `rows` in page order, each in the section `section(row)` gives."""

    key: str  #: what is listed: "2005", "8-K", "2.02", "7372", "DE", "A"
    base: str  #: path of the first page without ".md": "filings/2005"
    rows: Sequence[Row]
    #: row → (section key, section title); consecutive rows of one key form one section.
    section: Callable[[Row], tuple[str, str]] | None = None
    size: int = PAGE_ROWS

    @property
    def pages(self) -> list[str]:
        """The paths of the listing's pages, first page first (one page when it has no rows)."""
        count = max(1, -(-len(self.rows) // self.size))
        return [f"{self.base}.md"] + [f"{self.base}/{n}.md" for n in range(2, count + 1)]

    @property
    def path(self) -> str:
        """The first page."""
        return f"{self.base}.md"

    def page(self, number: int) -> list[Section[Row]]:
        """The sections of page `number` (1-based)."""
        start = (number - 1) * self.size
        rows = self.rows[start:start + self.size]
        sections: list[Section[Row]] = []
        previous = self._section_of(self.rows[start - 1])[0] if start > 0 and self.rows else None
        for row in rows:
            key, title = self._section_of(row)
            if not sections or sections[-1].key != key:
                continued = not sections and key == previous
                sections.append(Section(key=key, title=title, anchor="" if continued else section_anchor(key),
                                        continued=continued))
            sections[-1].rows.append(row)
        return sections

    def locate(self) -> dict[str, str]:
        """Section key → the page (and anchor) where the section starts: "filings/2005.md#m-2005-03"."""
        found: dict[str, str] = {}
        pages = self.pages
        for i, row in enumerate(self.rows):
            key = self._section_of(row)[0]
            if key not in found:
                found[key] = f"{pages[i // self.size]}#{section_anchor(key)}"
        return found

    def pager(self, number: int) -> list[dict]:
        """The links to every page of the listing, for page `number`: [{number, path, current}]."""
        pages = self.pages
        if len(pages) < 2:
            return []
        return [{"number": n, "path": p, "current": n == number,
                 "first_row": (n - 1) * self.size + 1, "last_row": min(n * self.size, len(self.rows))}
                for n, p in enumerate(pages, 1)]

    def _section_of(self, row: Row) -> tuple[str, str]:
        return self.section(row) if self.section is not None else ("", "")


def section_anchor(key: str) -> str:
    """The id of a section's heading: "2005" → "s-2005", "2005-03" → "s-2005-03", "A" → "s-a"."""
    slug = "".join(c if c.isalnum() else "-" for c in key.lower()).strip("-")
    return f"s-{slug}" if slug else "s"
