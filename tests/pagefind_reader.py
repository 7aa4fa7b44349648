"""Reading the site's Pagefind index in Python, for tests that run without a browser.

The files are Pagefind 1.5.2's (pinned in pyproject.toml): gzip, the signature `pagefind_dcd`,
then CBOR (metadata, word chunks, filters) or JSON (fragments, one per page). `pages_with(word)`
is what a one-word query matches, for a word already in Pagefind's index form: lower case,
punctuation removed ("000-30229" is `00030229`, "EX-99.1" `ex991`, "2.02" `202`), English
stemming ("networks" is `network`). The real queries are run in Chromium (tests/browser).
"""

from __future__ import annotations

import gzip
import json
import struct
from functools import cached_property
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def _unpack(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(SIGNATURE), path
    return data[len(SIGNATURE):]


def cbor(data: bytes, i: int = 0):
    """A minimal CBOR decoder (what Pagefind writes: ints, strings, arrays, maps)."""
    head = data[i]
    major, info = head >> 5, head & 31
    i += 1
    if info < 24:
        value = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        value = int.from_bytes(data[i:i + size], "big")
        i += size
    elif info == 31:
        value = None
    else:
        raise ValueError(f"CBOR additional info {info}")
    if major == 0:
        return value, i
    if major == 1:
        return -1 - value, i
    if major in (2, 3):
        raw = data[i:i + value]
        return (raw.decode("utf-8") if major == 3 else raw), i + value
    if major in (4, 5):
        items = []
        count = value if value is not None else -1
        while count != 0 and not (value is None and data[i] == 0xFF):
            item, i = cbor(data, i)
            if major == 5:
                other, i = cbor(data, i)
                item = (item, other)
            items.append(item)
            count -= 1
        if value is None:
            i += 1
        return (dict(items) if major == 5 else items), i
    if major == 7:
        if info == 27:
            return struct.unpack(">d", value.to_bytes(8, "big"))[0], i
        return {20: False, 21: True, 22: None}.get(info, value), i
    raise ValueError(f"CBOR major type {major}")


class Shard:
    def __init__(self, folder: Path):
        self.folder = folder
        entry = json.loads((folder / "pagefind-entry.json").read_text())
        (language,) = entry["languages"].values()
        meta, _ = cbor(_unpack(folder / f"pagefind.{language['hash']}.pf_meta"))
        self.version, pages, self.chunks, self.filters = meta[0], meta[1], meta[2], meta[3]
        self.page_hashes = [p[0] for p in pages]

    def fragment(self, page_hash: str) -> dict:
        return json.loads(_unpack(self.folder / "fragment" / f"{page_hash}.pf_fragment"))

    @cached_property
    def fragments(self) -> dict[str, dict]:
        """Every page of the shard: url -> fragment (url, content, meta, filters...)."""
        found = {}
        for page_hash in self.page_hashes:
            fragment = self.fragment(page_hash)
            found[fragment["url"]] = fragment
        return found

    def pages_with(self, word: str) -> set[str]:
        urls: set[str] = set()
        for _low, _high, chunk_hash in self.chunks:
            words, _ = cbor(_unpack(self.folder / "index" / f"{chunk_hash}.pf_index"))
            for entry in words[0]:
                if entry[0] != word:
                    continue
                page = 0
                for posting in entry[1]:
                    page += posting[0]  # page numbers are stored as differences
                    urls.add(self.fragment(self.page_hashes[page])["url"])
        return urls


class PagefindBundle:
    """The search index of a built site: `site/search/shards.json` and its shards."""

    def __init__(self, site: Path):
        self.manifest = json.loads((site / "search" / "shards.json").read_text())
        self.shards = [Shard(site / "search" / s["path"]) for s in self.manifest["shards"]]

    @property
    def fragments(self) -> dict[str, dict]:
        merged: dict[str, dict] = {}
        for shard in self.shards:
            merged.update(shard.fragments)
        return merged

    def pages_with(self, word: str) -> set[str]:
        """Site URLs ("/filings/.../") of the pages a one-word query for `word` matches."""
        return set().union(*(shard.pages_with(word) for shard in self.shards))
