"""The index's segments: a **base** (every page, numbered by date) and, after a small change, a
**delta** (the pages changed or added since the base), merged by the browser.

Writing the whole index again costs about 0.6 ms a page (20 s at 30,000 pages) however few
pages changed: every term chunk holds postings of every era. So a build with the cache keeps the
last whole index (the base: its files, and the path, date and key of each page it numbered) and,
while the pages that differ from it are few (`DELTA_LIMIT`), writes only a delta segment:

    search/delta/index/<k>.gz    the changed pages' terms, numbered after the base's pages
    search/delta/docs/<k>.gz     their docs rows (numbered from 0 in the delta)
    search/delta/filter/<name>.gz

The manifest says what the delta replaces: `delta.removed` (the base pages changed or gone, as
page gaps), `delta.first` (the number of its first page: the base's page count),
`delta.positions` (page gaps: where each delta page falls among the base's numbers, which are
their date order: before base page p) and `delta.dated` ("1" or "0" a delta page). The reader
ranks base page n at n, and the m delta pages before base page p at p - 1 + i / (m + 1), i = 1..m. A page's weights use the base's
average length, so a delta page ranks as it would in a whole index. When the changes outgrow
the limit, the whole index is written again and becomes the new base.
"""

from __future__ import annotations

import bisect
import json
import os
import pickle
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from builder import gz
from builder.cache import link_files, store_entry
from builder.search.extract import FILTERS, PageRecord
from builder.search.postings import RunWriter, gaps, norms

#: Pages per file of `docs/`.
DOC_CHUNK = 128
#: A delta is written while the pages that differ from the base are at most this share of all...
DELTA_SHARE = 0.05
#: ...or this many, whichever is more.
DELTA_PAGES = 64
#: The files of a segment (the fragments are the pages', shared by the segments).
SEGMENT_FOLDERS = ("index", "docs", "filter")


def record_path(store: Path, key: str) -> Path:
    return store / key[:2] / f"{key}.pkl"


def page_url(path: str) -> str:
    """A page's URL from the site's root: "filings/x/index.html" -> "filings/x/"."""
    return path[: -len("index.html")] if path == "index.html" or path.endswith("/index.html") else path


def sort_key(path: str, date: str) -> tuple:
    """The order pages are numbered in: newest first, undated last, then by path."""
    return (0, tuple(-ord(c) for c in date), path) if date else (1, (), path)


@dataclass
class Written:
    """What `write_segment` wrote: the first term of each chunk, the filters with values, the
    pages' lengths (words) and the fragments of each page."""

    firsts: list[str]
    filters: list[str]
    lengths: list[int]
    fragments: list[int]


def write_segment(pages, keys, store: Path, target: Path, work: Path, digest, *, first: int = 0,
                  average: float | None = None, ready: Callable[[str], None] | None = None,
                  spread: Callable[[Callable, list], list] | None = None, parts: int = 1) -> Written:
    """The index files of `pages` (SearchPage, in their order; `keys` their records in `store`)
    into `target`: docs numbered from 0, postings and filters from `first`. BM25's lengths are
    the segment's own, or measured against `average` (a delta's: the base's average).
    `ready(key)`, when given, returns once the record of `key` is in the store (pages being read);
    `spread`, a `map` over `parts` processes, writes the index's term ranges side by side (when
    the postings outgrew memory: `RunWriter.write`)."""
    work.mkdir(parents=True, exist_ok=True)
    runs = RunWriter(work)
    lengths: list[int] = []
    fragments: list[int] = []
    filters: dict[str, dict[str, list[int]]] = {name: {} for name in FILTERS}
    docs: list[list] = []
    (target / "docs").mkdir(parents=True)
    for local, (page, key) in enumerate(zip(pages, keys)):
        number = first + local
        if ready is not None:
            ready(key)
        record: PageRecord = pickle.loads(record_path(store, key).read_bytes())
        runs.add(number, record.terms)
        lengths.append(record.words)
        fragments.append(record.fragments)
        for name, values in record.filters.items():
            for value in values:
                filters.setdefault(name, {}).setdefault(value, []).append(number)
        docs.append([page_url(page.path), record.title or page.path, record.registrant, record.form, record.date,
                     record.kind, key, record.fragments])
        if len(docs) == DOC_CHUNK or local == len(pages) - 1:
            write_gz(target / "docs" / f"{local // DOC_CHUNK}.gz", json.dumps(docs, separators=(",", ":")), digest)
            docs = []
    firsts = runs.write(norms(lengths, average), first, target / "index", parts=parts, spread=spread)
    for k in range(len(firsts)):
        digest.update((target / "index" / f"{k}.gz").read_bytes())
    (target / "filter").mkdir()
    for name, values in filters.items():
        packed = {value: gaps(numbers) for value, numbers in sorted(values.items())}
        write_gz(target / "filter" / f"{name}.gz", json.dumps(packed, separators=(",", ":")), digest)
    return Written(firsts, [name for name in filters if filters[name]], lengths, fragments)


def write_gz(path: Path, text: str, digest) -> None:
    data = gz.compress(text.encode("utf-8"))
    digest.update(data)
    path.write_bytes(data)


def link_fragments(store: Path, pages: list[tuple[str, int]], folder: Path) -> list[str]:
    """The fragments of (key, count) pages into the site's `folder` (hard links to the store; pages
    with one key, the same HTML, share them: each linked once; one linked there already is only
    checked); their names in `folder`. FileNotFoundError when one is missing from the store."""
    names = list(dict.fromkeys(f"{key[:2]}/{key}.{n}.gz" for key, count in pages for n in range(count)))
    done = link_files([(os.path.join(store, name), os.path.join(folder, name)) for name in names])
    if not all(done):
        raise FileNotFoundError(f"{store / names[done.index(False)]} is missing from the cache")
    return names


# --------------------------------------------------------------------------------------------
# The base, kept in the cache
# --------------------------------------------------------------------------------------------

@dataclass
class Base:
    """The last whole index of a site, kept in the cache (`folder`): its files, its manifest, and
    the pages it numbered, as (path, date, key, fragments), in the order of their numbers."""

    folder: Path
    manifest: dict
    pages: list[tuple[str, str, str, int]]
    average: float  #: the pages' average length in words (BM25)

    @staticmethod
    def load(folder: Path, version: int) -> Base | None:
        try:
            state = pickle.loads((folder / "state.pickle").read_bytes())
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return None
        if not isinstance(state, dict) or state.get("format") != version:
            return None
        return Base(folder, state["manifest"], state["pages"], state["average"])

    @staticmethod
    def save(folder: Path, version: int, target: Path, manifest: dict, pages, average: float) -> None:
        """Keep the index just written in `target` as the base (its files linked into `folder`)."""
        fresh = folder.with_name(f"{folder.name}.tmp-{os.getpid()}")
        shutil.rmtree(fresh, ignore_errors=True)
        _link_segment(target, fresh)
        state = {"format": version, "manifest": manifest, "pages": pages, "average": average}
        store_entry(fresh / "state.pickle", pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
        old = folder.with_name(f"{folder.name}.old-{os.getpid()}")
        if folder.exists():
            os.replace(folder, old)
        os.replace(fresh, folder)
        shutil.rmtree(old, ignore_errors=True)

    def link_into(self, target: Path) -> None:
        """The base's files into the site's index folder `target`."""
        _link_segment(self.folder, target)


def _link_segment(source: Path, target: Path) -> None:
    """The files of the segment in `source` (`SEGMENT_FOLDERS`, made even when empty) linked into `target`."""
    for name in SEGMENT_FOLDERS:
        (target / name).mkdir(parents=True, exist_ok=True)
    link_files([(os.path.join(source, name, file), os.path.join(target, name, file))
                for name in SEGMENT_FOLDERS for file in os.listdir(source / name)])


@dataclass
class Delta:
    """The pages of this build that the base lacks or has otherwise (changed, added), in their
    order, with their keys and positions (each before the base page of that number); and the
    base's pages they replace or that are gone."""

    pages: list = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)  #: base numbers
    positions: list[int] = field(default_factory=list)  #: increasing with the pages' order

    @property
    def size(self) -> int:
        return len(self.pages) + len(self.removed)


def plan_delta(base: Base, ordered, keys: list[str]) -> Delta:
    """What differs between `base` and this build's pages (`ordered`, with `keys`)."""
    known = {path: (number, date, key) for number, (path, date, key, _) in enumerate(base.pages)}
    delta = Delta()
    current = set()
    for page, key in zip(ordered, keys):
        current.add(page.path)
        had = known.get(page.path)
        if had is not None and had[1:] == (page.date, key):
            continue
        if had is not None:
            delta.removed.append(had[0])
        delta.pages.append(page)
        delta.keys.append(key)
    delta.removed += [number for number, (path, *_) in enumerate(base.pages) if path not in current]
    delta.removed.sort()
    order = [sort_key(path, date) for path, date, _, _ in base.pages]
    delta.positions = [bisect.bisect_left(order, sort_key(page.path, page.date)) for page in delta.pages]
    return delta


def within_limit(delta: Delta, pages: int) -> bool:
    return delta.size <= max(DELTA_PAGES, int(pages * DELTA_SHARE))
