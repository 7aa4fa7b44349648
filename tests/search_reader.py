"""Reading the site's search index (`SITE/search/`, written by builder/search) in Python, for tests
that run without a browser.

The files are those `builder/search/__init__.py` and `builder/search/postings.py` describe:
`manifest.json` (plain JSON), then gzip text: `index/<k>.gz` (lines `term \\t gaps \\t weights \\t
fragments`, terms sorted; the manifest lists each chunk's first term), `docs/<k>.gz` (JSON rows
[url, title, registrant, form, date, kind, key, fragments] of `doc_chunk` pages each),
`filter/<name>.gz` (JSON {value: page gaps}) and `fragment/<key[:2]>/<key>.<n>.gz` (a page's text).

`pages_with(term)` is what a one-word query for an exact term matches, the term in the index form
of builder/search/tokens.py: lower case, codes kept whole ("000-30229", "2.02", "ex-99.1") and as
their parts. The real queries (prefixes, several words, ranking) run in Chromium (tests/browser).
"""

from __future__ import annotations

import bisect
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


class SearchIndex:
    """The search index of a built site: `site/search/`."""

    def __init__(self, site: Path, out: str = "search"):
        self.folder = Path(site) / out
        self.manifest = json.loads((self.folder / "manifest.json").read_text(encoding="utf-8"))

    # -- terms ----------------------------------------------------------------------------------

    def chunk_of(self, term: str) -> int:
        """The chunk a term would be in: the last one whose first term is not after it (-1: none)."""
        return bisect.bisect_right(self.manifest["index"], term) - 1

    @lru_cache(maxsize=None)
    def chunk(self, k: int) -> dict[str, str]:
        """Chunk `k`: term -> the rest of its line (gaps, weights, fragments)."""
        lines = {}
        for line in _text(self.folder / "index" / f"{k}.gz").splitlines():
            term, _, rest = line.partition("\t")
            lines[term] = rest
        return lines

    def terms(self) -> list[str]:
        """Every term of the index, in order."""
        return [term for k in range(len(self.manifest["index"])) for term in self.chunk(k)]

    def postings(self, term: str) -> Postings | None:
        k = self.chunk_of(term)
        if k < 0:
            return None
        line = self.chunk(k).get(term)
        if line is None:
            return None
        gaps, weights, fragments = line.split("\t")
        pages = decode_gaps(gaps)
        firsts = [int(f, 36) for f in fragments.split(",")] if fragments else [0] * len(pages)
        return Postings(pages, [int(w, 36) for w in weights], firsts)

    def pages_with(self, term: str) -> set[str]:
        """Site URLs ("/filings/.../") of the pages holding `term` (in its index form)."""
        found = self.postings(term)
        return {self.doc(n).site_url for n in found.pages} if found else set()

    # -- pages ----------------------------------------------------------------------------------

    @lru_cache(maxsize=None)
    def _docs(self, k: int) -> list[list]:
        return json.loads(_text(self.folder / "docs" / f"{k}.gz"))

    def doc(self, number: int) -> Doc:
        size = self.manifest["doc_chunk"]
        return Doc(number, *self._docs(number // size)[number % size])

    @cached_property
    def docs(self) -> list[Doc]:
        """Every page of the index, in the order of their numbers."""
        return [self.doc(n) for n in range(self.manifest["pages"])]

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
        """A filter's values and their pages (numbers)."""
        return {value: decode_gaps(gaps) for value, gaps in json.loads(_text(self.folder / "filter" / f"{name}.gz")).items()}

    def filters_of(self, url: str) -> dict[str, list[str]]:
        """The filter values of the page at site URL `url`: name -> values, sorted."""
        number = self.by_url[url].number
        found: dict[str, list[str]] = {}
        for name in self.manifest["filters"]:
            for value, pages in self.filter(name).items():
                if number in pages:
                    found.setdefault(name, []).append(value)
        return {name: sorted(values) for name, values in found.items()}
