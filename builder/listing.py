"""The sources of a build and their keys in the parse cache (`keyed`), listed in a process of their
own while the build unpickles the skeleton pack (`builder.pipeline.list_sources`).

That process is forked from the build where forking is safe. Under `mkdocs serve` it is not (the dev
server's threads run), so the process is started by the fork server instead (`listed_apart`,
`builder.workers.fork_server`): the one the search's readers start from, which has imported what
this module reads (`builder.cache`, `builder.read`). It does not inherit the build's parse cache:
the build hands it what the keys depend on (`Listing`), the code's fingerprint included. That is the
fingerprint of the code the build runs, not one made again from the files on disk: code edited while
`mkdocs serve` runs would otherwise key the sources for code the build does not run. At 10,000
filings under `mkdocs serve`, the read+parse stage after one change took 0.44-0.57 s so, against
0.67-0.87 s listing in the build (4 rebuilds each).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.cache import ParseCache
from builder.read.discover import find_sources
from builder.workers import forward_logging


def keyed(root: Path, cache: ParseCache) -> tuple[list[Path], list[str]]:
    """Every source under `root` (`find_sources`) and its key in `cache`."""
    members: dict[Path, list[Path]] = {}
    sources = find_sources(root, members)
    return sources, [cache.key(path, members.get(path)) for path in sources]


@dataclass(frozen=True)
class Listing:
    """What a process that did not fork from the build needs to key the sources as the build would."""

    root: str  #: the folder listed
    cache_root: str  #: the parse cache's `root`
    filings_dir: str  #: the parse cache's `filings_dir` (the sources' names are relative to it)
    fingerprint: str  #: the parse cache's `fingerprint`

    @classmethod
    def of(cls, root: Path, cache: ParseCache) -> Listing:
        return cls(os.fspath(root), os.fspath(cache.root), os.fspath(cache.filings_dir), cache.fingerprint)


def listed_apart(listing: Listing, send: Callable[[Any], None]) -> tuple[list[str], list[str], dict[str, str]]:
    """In the process `list_sources` started (forked, or by the fork server): the sources (as
    strings), their keys, and the digests they made in the parse cache (`ParseCache.digests`),
    made with a parse cache of its own; what is logged is sent back."""
    forward_logging(send)
    cache = ParseCache(Path(listing.cache_root), Path(listing.filings_dir), fingerprint=listing.fingerprint)
    sources, keys = keyed(Path(listing.root), cache)
    return [os.fspath(path) for path in sources], keys, cache.digests
