"""Full-text search: a Pagefind index of the built site, in shards of bounded size.

Pagefind holds a whole index in memory while it builds it (about 0.25 MB per page of filing
text), so a single run over 30,000 pages would need gigabytes. The pages are therefore indexed
in **shards** of at most `max_pages` pages, one Pagefind run after the other, each into its own
bundle `search/<k>/`; the browser merges them (`mergeIndex`, see
`site_templates/overrides/assets/javascripts/filings-search.js`). Shards follow the pages' dates,
newest first (shard 0), undated pages last, so sorting by date walks the shards in order.

`search/shards.json` lists the shards. A shard whose pages did not change since the last build
(same paths, same bytes) is copied from the cache instead of being indexed again.

What is indexed on a page, its filters, sort key and metadata are set by the theme
(`site_templates/overrides/main.html`: `data-pagefind-body` and friends).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.filings.search")

#: Format of `shards.json` and of the shard cache; bump when either changes.
FORMAT = 2
#: What the browser needs from a Pagefind bundle; the rest (Pagefind's own UIs, and its worker
#: script: the search runs Pagefind in the page, `noWorker`) is removed.
_KEEP_TOP = ("pagefind.js", "pagefind-entry.json")


@dataclass(frozen=True, order=True)
class SearchPage:
    """A built page that has something to index: its path in the site, and its date (sort key)."""

    path: str  #: relative to the site folder, POSIX, e.g. "filings/0001-23-000001/index.html"
    date: str = ""  #: ISO date, "" when the page has none


@dataclass
class SearchStats:
    pages: int = 0
    shards: int = 0
    indexed: int = 0  #: shards indexed by Pagefind in this build (the others came from the cache)
    seconds: float = 0.0
    bytes: int = 0
    shard_sizes: list[int] = field(default_factory=list)


def pagefind_binary() -> str:
    """The Pagefind executable of the `pagefind[bin]` package (or $PAGEFIND_BINARY_PATH)."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise RuntimeError("the Pagefind binary is missing: pip install 'pagefind[bin]'")
    return str(found)


def plan_shards(pages: Iterable[SearchPage], max_pages: int) -> list[list[SearchPage]]:
    """Pages in shards of at most `max_pages`, newest first, undated last; sizes as even as can be."""
    ordered = sorted(pages, key=lambda p: (p.date, p.path), reverse=True)
    if not ordered:
        return []
    count = math.ceil(len(ordered) / max(1, max_pages))
    size = math.ceil(len(ordered) / count)
    return [ordered[i:i + size] for i in range(0, len(ordered), size)]


def _shard_key(site_dir: Path, shard: list[SearchPage], primary: bool) -> str:
    """A hash of the shard's pages: their paths and their bytes (and the Pagefind version, and
    whether the shard is the primary one, which keeps Pagefind's script)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{FORMAT} pagefind {version('pagefind_bin')} {primary}\n".encode())
    for page in sorted(shard, key=lambda p: p.path):
        digest.update(page.path.encode() + b"\0")
        with open(site_dir / page.path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
        digest.update(b"\0")
    return digest.hexdigest()


def _link_tree(site_dir: Path, shard: list[SearchPage], into: Path) -> None:
    """`into` gets the shard's pages at their paths in the site (hard links, copies if need be)."""
    for page in shard:
        target = into / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site_dir / page.path, target)
        except OSError:
            shutil.copyfile(site_dir / page.path, target)


def _prune(bundle: Path, *, primary: bool) -> None:
    """Leave only what the browser loads: the entry, the metadata, the chunks; the script and the
    WebAssembly only in the primary shard (merged shards use the primary's)."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    wasm = {f"wasm.{lang['wasm']}.pagefind" for lang in entry["languages"].values() if lang.get("wasm")}
    for path in bundle.iterdir():
        if path.is_dir():
            if path.name == "playground":
                shutil.rmtree(path)
            continue
        keep = path.name == "pagefind-entry.json" or path.suffix == ".pf_meta"
        if primary:
            keep = keep or path.name in _KEEP_TOP or path.name in wasm
        if not keep:
            path.unlink()


def _index_shard(binary: str, site_dir: Path, shard: list[SearchPage], bundle: Path, work: Path) -> None:
    """One Pagefind run over the shard's pages, writing its bundle to `bundle`."""
    tree = Path(tempfile.mkdtemp(prefix="shard-", dir=work))
    try:
        _link_tree(site_dir, shard, tree)
        cmd = [binary, "--site", str(tree), "--output-path", str(bundle), "--force-language", "en",
               "--exclude-selectors", ".headerlink", "--silent"]
        result = subprocess.run(cmd, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"Pagefind failed on {len(shard)} pages:\n{result.stdout}{result.stderr}")
    finally:
        shutil.rmtree(tree, ignore_errors=True)


def build_index(
    site_dir: Path,
    pages: Iterable[SearchPage],
    *,
    out: str = "search",
    max_pages: int = 4000,
    jobs: int = 1,
    cache_dir: Path | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> SearchStats:
    """Index `pages` of the built site in `site_dir` into `site_dir/out/` (shards and `shards.json`).

    `jobs` Pagefind runs at a time (each holds its shard's index in memory). With a `cache_dir`,
    a shard whose pages are unchanged is copied from there, and every shard indexed is kept there.
    """
    started = time.perf_counter()
    site_dir = Path(site_dir)
    shards = plan_shards(pages, max_pages)
    target = site_dir / out
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    stats = SearchStats(pages=sum(len(s) for s in shards), shards=len(shards), shard_sizes=[len(s) for s in shards])
    if not shards:
        (target / "shards.json").write_text(json.dumps({"format": FORMAT, "shards": []}), encoding="utf-8")
        return stats
    binary = pagefind_binary()
    cache = Path(cache_dir) / "search" if cache_dir else None
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".search-", dir=site_dir.parent))
    done = 0

    def one(k: int) -> bool:
        """Shard k into target/k; True if Pagefind ran, False if it came from the cache."""
        nonlocal done
        shard, bundle = shards[k], target / str(k)
        key = _shard_key(site_dir, shard, primary=k == 0) if cache else None
        cached = cache / key if key else None
        if cached is not None and cached.is_dir():
            shutil.copytree(cached, bundle)
            os.utime(cached)  # recently used: kept by the sweep
            ran = False
        else:
            _index_shard(binary, site_dir, shard, bundle, work)
            _prune(bundle, primary=k == 0)
            if cached is not None:
                tmp = cached.with_name(cached.name + f".tmp-{os.getpid()}-{k}")
                shutil.copytree(bundle, tmp)
                tmp.rename(cached)
            ran = True
        done += 1
        if progress is not None:
            progress("search index", done, len(shards))
        return ran

    try:
        if progress is not None:
            progress("search index", 0, len(shards))
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            ran = list(pool.map(one, range(len(shards))))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    stats.indexed = sum(ran)
    manifest = {
        "format": FORMAT,
        "shards": [
            {"path": f"{k}/", "pages": len(s), "newest": s[0].date, "oldest": s[-1].date}
            for k, s in enumerate(shards)
        ],
    }
    (target / "shards.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    if cache is not None:
        _sweep(cache, keep=32 + 2 * len(shards))
    stats.bytes = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    stats.seconds = time.perf_counter() - started
    return stats


def _sweep(cache: Path, keep: int) -> None:
    """Keep the `keep` most recently used shards of the cache, remove the others."""
    entries = sorted((p for p in cache.iterdir() if p.is_dir() and ".tmp-" not in p.name),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[keep:]:
        shutil.rmtree(old, ignore_errors=True)
