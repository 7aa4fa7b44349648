"""Full-text search: the archive's own static index of the built site, read by the browser.

Why not Pagefind (used before): its browser code loads every page's entry of the index before the
first result (about 10 bytes a page, 400 KB at 30,000 pages, plus 72 KB of WebAssembly), and one
indexing run holds ~0.3-0.5 MB of memory per page. This index is fetched by pieces and written
in bounded memory:

    search/manifest.json        counts, the first term of each index chunk, the filters
    search/index/<k>.gz         terms sorted, with their pages and weights  (builder.search.postings)
    search/docs/<k>.gz          DOC_CHUNK pages each: URL, title, registrant, form, date, kind
    search/filter/<name>.gz     each filter value and its pages (form, year, registrant, item, kind)
    search/fragment/<xy>/<key>.<n>.gz   a page's text, in pieces: the results' excerpts
    search/delta/...            after a small change: the changed pages' index, docs and filters

The browser (`site_templates/overrides/assets/javascripts/filings-search.js`) loads the manifest
first, then per query the chunks of its words, the docs of the results shown and one fragment per
result. Files are gzip-compressed here (the browser inflates them), so what is sent does not
depend on the server. Pages are numbered by date, newest first, undated last: sorting by date
is sorting by number.

Each page is read once (`builder.search.extract`, on every core: `builder.search.reading`, while
the index is written) and kept in the cache under the hash of its HTML, with its fragments; a
build reads again only the pages whose bytes changed. With the cache, the last whole index is kept
too (the base) and a build that changed few pages writes only a delta segment of them
(`builder.search.segments`). A site built again in place keeps its fragments: only those of
changed pages are linked, those no longer used deleted.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from builder.cache import store_entry
from builder.output import prune
from builder.search.postings import gaps
from builder.search.reading import Reading
from builder.search.segments import (DOC_CHUNK, Base, Delta, link_fragments, plan_delta,
                                     sort_key, within_limit, write_segment)

log = logging.getLogger("mkdocs.plugins.filings.search")

#: Format of the index and of its cache; bump when either (or `tokens`' rules) changes.
FORMAT = 5
#: The index's folder in the site.
SEARCH_FOLDER = "search"


@dataclass(frozen=True, order=True, slots=True)  # slots: one per page of the site, held by the build
class SearchPage:
    """A built page that has something to index: its path in the site, and its date (sort key)."""

    path: str  #: relative to the site folder, POSIX, e.g. "filings/0001-23-000001/index.html"
    date: str = ""  #: ISO date, "" when the page has none


@dataclass
class SearchStats:
    """What `build_index` did: pages indexed, pages read again (the others came from the cache),
    pages written in a delta segment."""

    pages: int = 0
    read: int = 0
    delta: int = 0  #: pages in the delta segment (0: none, or the index was written whole)
    seconds: float = 0.0
    chunks: int = 0
    cpu: float = 0.0  #: CPU seconds of the processes that read the pages (`Reading.cpu`)


def page_order(pages: Iterable[SearchPage]) -> list[SearchPage]:
    """The pages numbered as the index numbers them: newest first, undated last, then by path."""
    unique = {p.path: p for p in pages}.values()
    return sorted(unique, key=lambda p: sort_key(p.path, p.date))


def _page_key(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=10)
    digest.update(f"{FORMAT}\n".encode())
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _page_keys(site_dir: Path, paths: list[str], stamps_file: Path | None) -> list[str]:
    """The key (hash of the HTML) of each page. With a cache (`stamps_file`: the site's own), a
    page whose file is the one the last build hashed (same inode, size and modification time:
    the page cache links an unchanged page into the site, it does not write it again) is not
    read again."""
    known: dict[str, tuple[int, int, int, str]] = {}
    if stamps_file is not None:
        try:
            known = pickle.loads(stamps_file.read_bytes())
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            known = {}
    keys, stamps = [], {}
    for path in paths:
        file = site_dir / path
        st = os.stat(file)
        stamp = (st.st_ino, st.st_size, st.st_mtime_ns)
        entry = known.get(path)
        key = entry[3] if entry is not None and entry[:3] == stamp else _page_key(file)
        stamps[path] = (*stamp, key)
        keys.append(key)
    if stamps_file is not None:
        store_entry(stamps_file, pickle.dumps(stamps, protocol=pickle.HIGHEST_PROTOCOL))
    return keys


def build_index(
    site_dir: Path,
    pages: Iterable[SearchPage],
    *,
    out: str = SEARCH_FOLDER,
    jobs: int = 0,
    cache_dir: Path | None = None,
    base_dir: Path | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> SearchStats:
    """Index `pages` of the built site in `site_dir` into `site_dir/out/`.

    Pages are read on `jobs` processes (0: one per core). With a `cache_dir`, a page whose HTML
    did not change is not read again, and while few pages differ from the last whole index (the
    base, kept in `base_dir`: the site's own folder when the cache is shared), only they are
    written, as a delta segment (`builder.search.segments`).
    """
    started = time.time()
    site_dir = Path(site_dir)
    ordered = page_order(pages)
    target = site_dir / out
    work = Path(tempfile.mkdtemp(prefix=".search-", dir=site_dir.parent))
    kept = _empty(target, work)
    store = Path(cache_dir) / "search" / f"v{FORMAT}" if cache_dir else work / "pages"
    stats = SearchStats(pages=len(ordered))
    try:
        base_folder = Path(base_dir) / f"v{FORMAT}" if base_dir else store / "base"
        stamps = base_folder.with_name(f"{base_folder.name}-stamps.pickle") if cache_dir else None
        keys = _page_keys(site_dir, [p.path for p in ordered], stamps)
        base = Base.load(base_folder, FORMAT) if cache_dir else None
        delta = plan_delta(base, ordered, keys) if base is not None else None
        manifest = None
        if delta is not None and within_limit(delta, len(ordered)):
            with Reading(delta.pages, delta.keys, site_dir, store, jobs, progress, len(ordered)) as reading:
                pass
            stats.read, stats.cpu = reading.count, reading.cpu
            try:
                manifest, fragments = _write_with_delta(base, delta, store, target, work)
                stats.delta = len(delta.pages)
            except FileNotFoundError as error:  # the cache lost a file of the base: write it whole
                log.info("search: the index is written whole (%s)", error)
                kept = _empty(target, work) or kept
        if manifest is None:  # written while the pages are read: a page's record is waited for
            with Reading(ordered, keys, site_dir, store, jobs, progress, len(ordered)) as reading:
                manifest, fragments = _write_whole(ordered, keys, store, target, work,
                                                   base_folder if cache_dir else None, reading)
            stats.read += reading.count
            stats.cpu += reading.cpu
        if kept:
            prune(target / "fragment", set(fragments))  # those of the last build no longer used
        (target / "manifest.json").write_text(json.dumps(manifest, separators=(",", ":")), encoding="utf-8")
        stats.chunks = len(manifest["index"])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if cache_dir:
        _sweep(store, set(keys), [base_folder, *base_folder.parent.parent.glob(f"*/{base_folder.name}")])
    stats.seconds = time.time() - started
    return stats


def _empty(target: Path, work: Path) -> bool:
    """Empty the index folder `target` (made if missing), but for the fragments of the last index:
    kept, so that the fragments of unchanged pages (most, after a small change) are only checked,
    not linked again (`mkdocs serve` builds into the last site). Whether there were some."""
    fragments = target / "fragment"
    kept = fragments.is_dir() and not fragments.is_symlink()
    if kept:
        os.replace(fragments, work / "fragment")
    if target.is_symlink() or target.is_file():
        target.unlink()
    elif target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    if kept:
        os.replace(work / "fragment", fragments)
    return kept


def _write_whole(ordered, keys, store: Path, target: Path, work: Path, keep: Path | None,
                 reading: Reading) -> tuple[dict, list[str]]:
    """The index of every page, one segment; kept as the base in the folder `keep` (with a cache).
    The manifest, and the fragments' names in the site. Each page's record is waited for
    (`reading.wait`), and the index's term ranges are written on the reading's processes."""
    digest = hashlib.blake2b(digest_size=8)
    written = write_segment(ordered, keys, store, target, work / "runs", digest, ready=reading.wait,
                            spread=reading.spread, parts=reading.jobs)
    fragments = link_fragments(store, list(zip(keys, written.fragments)), target / "fragment")
    manifest = {"format": FORMAT, "pages": len(ordered), "dated": sum(1 for p in ordered if p.date),
                "doc_chunk": DOC_CHUNK, "filters": written.filters, "index": written.firsts,
                "id": digest.hexdigest()}
    if keep:
        average = sum(written.lengths) / len(written.lengths) if written.lengths else 0.0
        numbered = [(p.path, p.date, k, n) for p, k, n in zip(ordered, keys, written.fragments)]
        Base.save(keep, FORMAT, target, manifest, numbered, average)
    return manifest, fragments


def _write_with_delta(base: Base, delta: Delta, store: Path, target: Path, work: Path) -> tuple[dict, list[str]]:
    """The base's files, and the delta segment of the pages that differ from it (none: the base
    as it is); the manifest, and the fragments' names in the site. FileNotFoundError when a file
    of the base is missing from the cache."""
    base.link_into(target)
    removed = set(delta.removed)
    fragments = link_fragments(store, [(key, n) for number, (_, _, key, n) in enumerate(base.pages)
                                       if number not in removed], target / "fragment")
    manifest = dict(base.manifest)
    if not delta.size:
        return manifest, fragments
    digest = hashlib.blake2b(digest_size=8)
    digest.update(base.manifest["id"].encode())
    first = len(base.pages)
    written = write_segment(delta.pages, delta.keys, store, target / "delta", work / "delta", digest,
                            first=first, average=base.average)
    fragments += link_fragments(store, list(zip(delta.keys, written.fragments)), target / "fragment")
    digest.update(json.dumps([delta.removed, delta.positions]).encode())
    manifest.update(
        pages=first + len(delta.pages), id=digest.hexdigest(),
        delta={"first": first, "pages": len(delta.pages), "index": written.firsts, "filters": written.filters,
               "removed": gaps(delta.removed), "positions": gaps(delta.positions),
               "dated": "".join("1" if p.date else "0" for p in delta.pages)},
    )
    return manifest, fragments


def _sweep(store: Path, used: set[str], bases: list[Path]) -> None:
    """Forget the pages of the cache that neither this build nor the base of another site that
    shares the cache (`bases`) uses, once they outnumber the used ones."""
    folders = [entry.path for entry in os.scandir(store) if entry.is_dir() and len(entry.name) == 2]
    listings = {folder: os.listdir(folder) for folder in folders}
    records = sum(1 for names in listings.values() for name in names if name.endswith(".pkl"))
    if records <= 2 * len(used) + 1000:
        return
    used = set(used)
    for folder in bases:
        base = Base.load(folder, FORMAT)
        if base is not None:
            used.update(key for _, _, key, _ in base.pages)
    for folder, names in listings.items():
        for name in names:
            if name.partition(".")[0] not in used:
                try:
                    os.unlink(os.path.join(folder, name))
                except OSError:
                    pass
