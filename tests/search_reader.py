"""Reading the site's search index (`SITE/search/`, written by builder/search) in Python, for tests
that run without a browser.

The files are those `builder/search/__init__.py` and `builder/search/postings.py` describe:
`manifest.json` (plain JSON), then gzip text: `index/<k>.gz` (lines `term \\t gaps \\t weights \\t
fragments`, terms sorted; the manifest lists each chunk's first term), `docs/<k>.gz` (JSON rows
[url, title, registrant, form, date, kind, key, fragments] of `doc_chunk` pages each),
`filter/<name>.gz` (JSON {value: page gaps}) and `fragment/<key[:2]>/<key>.<n>.gz` (a page's text).

After a small change the index has a delta segment too (`search/delta/`, the same files; see
builder/search/segments.py): its pages are numbered after the base's, the manifest lists the base
pages it replaces, and each delta page's rank among the base's numbers (date order). This reader
merges the two as the browser does: `docs` are the live pages in date order.

`pages_with(term)` is what a one-word query for an exact term matches, the term in the index form
of builder/search/tokens.py: lower case, codes kept whole ("000-30229", "2.02", "ex-99.1") and as
their parts. The real queries (prefixes, several words, ranking) run in Chromium (tests/browser).
"""

from __future__ import annotations

import bisect
import itertools
import gzip
import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path


def _text(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8")


def decode_gaps(text: str) -> list[int]:
    """Base-36 gaps ("3,1,a") as the numbers they encode ([3, 4, 14])."""
    numbers, at = [], 0
    for gap in text.split(",") if text else []:
        at += int(gap, 36)
        numbers.append(at)
    return numbers


@dataclass(frozen=True)
class Postings:
    """One term's entry in the index: its pages (numbers), weights (1-35) and first fragments."""

    pages: list[int]
    weights: list[int]
    fragments: list[int]


@dataclass(frozen=True)
class Doc:
    """One docs row: a page as a result shows it."""

    number: int
    url: str  #: as the docs row has it, from the site's root: "filings/x/"
    title: str
    registrant: str
    form: str
    date: str
    kind: str
    key: str
    fragment_count: int

    @property
    def site_url(self) -> str:
        """The URL the site links: "/filings/x/"."""
        return "/" + self.url


class _Segment:
    """The files of one segment of the index: `search/` (the base) or `search/delta/`."""

    def __init__(self, folder: Path, firsts: list[str], filters: list[str], first: int, pages: int, doc_chunk: int):
        self.folder, self.firsts, self.filter_names = folder, firsts, filters
        self.first, self.pages, self.doc_chunk = first, pages, doc_chunk

    @lru_cache(maxsize=None)
    def chunk(self, k: int) -> dict[str, str]:
        """Chunk `k`: term -> the rest of its line (gaps, weights, fragments)."""
        lines = {}
        for line in _text(self.folder / "index" / f"{k}.gz").splitlines():
            term, _, rest = line.partition("\t")
            lines[term] = rest
        return lines

    def postings(self, term: str) -> Postings | None:
        k = bisect.bisect_right(self.firsts, term) - 1
        line = self.chunk(k).get(term) if k >= 0 else None
        if line is None:
            return None
        gaps, weights, fragments = line.split("\t")
        pages = decode_gaps(gaps)
        firsts = [int(f, 36) for f in fragments.split(",")] if fragments else [0] * len(pages)
        return Postings(pages, [int(w, 36) for w in weights], firsts)

    @lru_cache(maxsize=None)
    def docs(self, k: int) -> list[list]:
        return json.loads(_text(self.folder / "docs" / f"{k}.gz"))

    def row(self, number: int) -> list:
        local = number - self.first
        return self.docs(local // self.doc_chunk)[local % self.doc_chunk]

    @lru_cache(maxsize=None)
    def filter(self, name: str) -> dict[str, list[int]]:
        if name not in self.filter_names:
            return {}
        return {value: decode_gaps(gaps) for value, gaps in json.loads(_text(self.folder / "filter" / f"{name}.gz")).items()}


class SearchIndex:
    """The search index of a built site: `site/search/`, its base and its delta merged."""

    def __init__(self, site: Path, out: str = "search"):
        self.folder = Path(site) / out
        self.manifest = json.loads((self.folder / "manifest.json").read_text(encoding="utf-8"))
        m = self.manifest
        delta = m.get("delta")
        self.base_pages = delta["first"] if delta else m["pages"]
        self.segments = [_Segment(self.folder, m["index"], m["filters"], 0, self.base_pages, m["doc_chunk"])]
        self.removed: set[int] = set()
        self.ranks: list[float] = []  # of the delta's pages
        self.dated_delta: list[int] = []
        if delta:
            self.segments.append(_Segment(self.folder / "delta", delta["index"], delta["filters"], delta["first"],
                                          delta["pages"], m["doc_chunk"]))
            self.removed = set(decode_gaps(delta["removed"]))
            self.dated_delta = [int(c) for c in delta["dated"]]
            for position, group in itertools.groupby(decode_gaps(delta["positions"])):
                same = len(list(group))  # the delta pages before base page `position` share its gap
                self.ranks += [position - 1 + (i + 1) / (same + 1) for i in range(same)]

    # -- terms ----------------------------------------------------------------------------------

    def chunk_of(self, term: str) -> int:
        """The base chunk a term would be in: the last one whose first term is not after it (-1: none)."""
        return bisect.bisect_right(self.manifest["index"], term) - 1

    def chunk(self, k: int) -> dict[str, str]:
        """Chunk `k` of the base: term -> the rest of its line (gaps, weights, fragments)."""
        return self.segments[0].chunk(k)

    def terms(self) -> list[str]:
        """Every term of the index (of a live page), in order."""
        found = set()
        for segment in self.segments:
            for k in range(len(segment.firsts)):
                found.update(term for term in segment.chunk(k) if not self.removed or self.postings(term))
        return sorted(found)

    def postings(self, term: str) -> Postings | None:
        """The term's pages in every segment (base pages replaced by the delta left out)."""
        pages, weights, fragments = [], [], []
        for segment in self.segments:
            found = segment.postings(term)
            for entry in zip(found.pages, found.weights, found.fragments) if found else ():
                if entry[0] not in self.removed:
                    pages.append(entry[0])
                    weights.append(entry[1])
                    fragments.append(entry[2])
        return Postings(pages, weights, fragments) if pages else None

    def pages_with(self, term: str) -> set[str]:
        """Site URLs ("/filings/.../") of the pages holding `term` (in its index form)."""
        found = self.postings(term)
        return {self.doc(n).site_url for n in found.pages} if found else set()

    # -- pages ----------------------------------------------------------------------------------

    def rank(self, number: int) -> float:
        """Where the page falls in date order: its number in the base, a fraction for a delta page."""
        return number if number < self.base_pages else self.ranks[number - self.base_pages]

    def dated(self, number: int) -> bool:
        return number < self.manifest["dated"] if number < self.base_pages else bool(self.dated_delta[number - self.base_pages])

    def doc(self, number: int) -> Doc:
        segment = self.segments[0] if number < self.base_pages else self.segments[1]
        return Doc(number, *segment.row(number))

    @cached_property
    def docs(self) -> list[Doc]:
        """Every live page of the index, in date order (the order of their ranks)."""
        live = [n for n in range(self.manifest["pages"]) if n not in self.removed]
        return [self.doc(n) for n in sorted(live, key=self.rank)]

    @cached_property
    def by_url(self) -> dict[str, Doc]:
        """Site URL ("/filings/x/") -> its docs row."""
        return {doc.site_url: doc for doc in self.docs}

    def fragment(self, doc: Doc, n: int) -> str:
        return _text(self.folder / "fragment" / doc.key[:2] / f"{doc.key}.{n}.gz")

    def text(self, doc: Doc) -> str:
        """The page's text, its fragments joined (one space was dropped at each cut)."""
        return " ".join(self.fragment(doc, n) for n in range(doc.fragment_count))

    # -- filters --------------------------------------------------------------------------------

    @lru_cache(maxsize=None)
    def filter(self, name: str) -> dict[str, list[int]]:
        """A filter's values and their live pages (numbers)."""
        merged: dict[str, list[int]] = {}
        for segment in self.segments:
            for value, pages in segment.filter(name).items():
                merged.setdefault(value, []).extend(n for n in pages if n not in self.removed)
        return {value: pages for value, pages in sorted(merged.items()) if pages}

    @property
    def filter_names(self) -> list[str]:
        """The filters with values: the base's, and the delta's (`manifest.filters`, `delta.filters`)."""
        return [name for name in ("form", "year", "registrant", "item", "kind")
                if any(name in segment.filter_names for segment in self.segments)]

    def filters_of(self, url: str) -> dict[str, list[str]]:
        """The filter values of the page at site URL `url`: name -> values, sorted."""
        number = self.by_url[url].number
        found: dict[str, list[str]] = {}
        for name in self.filter_names:
            for value, pages in self.filter(name).items():
                if number in pages:
                    found.setdefault(name, []).append(value)
        return {name: sorted(values) for name, values in found.items()}
