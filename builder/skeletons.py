"""The parse cache's entries (`builder.cache`) in one file, read at once: the skeleton pack.

A build after one change loads the entry of every source: at 10,000 filings, opening and reading
10,000 files costs a third of the loading. The pack holds the entries (their skeletons: the texts
stay in their own files) of a set of keys one after the other, each behind its key
(`skeletons.pack`), and where each is (`skeletons.index`). The entries' own files stay what is
true: a key not in the pack, or whose bytes are not behind their key, is read from its file.

The pack is written whole at the end of a build (`SkeletonPack.update`) when the entries the
build used and the pack does not hold are more than `OUTSIDE` of them, or when a quarter of the
pack is of entries no longer used. Between, the keys used outside the pack are noted in the index
(`outside`), so that the next build knows every key the last one used and removes the entries of
those it does not use, without listing the cache's folders (which it does when the pack is
written whole). A pack and its index name each other by a token: a build stopped between writing
the two leaves a pack that is not used.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path

#: Entries used outside the pack, as a share of all, above which it is written whole.
OUTSIDE = 0.02
_KEY_BYTES = 40  #: an entry key: 40 hex digits (`ParseCache.key`)


class SkeletonPack:
    """The pack of one parse cache folder (see the module docstring)."""

    def __init__(self, folder: str):
        self.pack = os.path.join(folder, "skeletons.pack")
        self.index_file = os.path.join(folder, "skeletons.index")
        self._index: dict[str, tuple[int, int]] | None = None
        self._data = memoryview(b"")
        self.outside: set[str] = set()  #: keys the last build used that the pack does not hold

    def _open(self) -> None:
        self._index = {}
        try:
            with open(self.index_file, "rb") as fh:
                token, index, outside = pickle.load(fh)
            self.outside = set(outside)
            with open(self.pack, "rb") as fh:
                data = fh.read()
            if data[:len(token)] == token:
                self._index, self._data = dict(index), memoryview(data)
        except (OSError, EOFError, pickle.UnpicklingError, TypeError, ValueError):
            pass

    @property
    def keys(self) -> Iterable[str]:
        if self._index is None:
            self._open()
        return self._index.keys()

    @property
    def last_used(self) -> set[str]:
        """Every key the last build used: those of the pack, and those it used outside it."""
        return set(self.keys) | self.outside

    def get(self, key: str) -> memoryview | None:
        """The bytes of the entry `key` (a pickle), or None when the pack does not hold it."""
        if self._index is None:
            self._open()
        span = self._index.get(key)
        if span is None:
            return None
        start, length = span
        if self._data[start - _KEY_BYTES:start] != key.encode():  # never another entry's bytes
            return None
        return self._data[start:start + length]

    def update(self, used: set[str], read: Callable[[str], bytes | None],
               write: Callable[[Path, bytes | list[bytes]], None]) -> bool:
        """After a build that used the entries `used`: the pack written whole (`read(key)`: the
        bytes of an entry's file, None when it is gone) when it is due, else only the keys used
        outside it noted; whether it was written whole. `write(path, parts)` writes a file whole.
        The pack read is let go of: its entries are loaded."""
        held = self.keys
        outside = {key for key in used if key not in self._index}
        unused = sum(length for key, (_, length) in self._index.items() if key not in used)
        whole = (not self._index or len(outside) > OUTSIDE * len(used)
                 or unused * 4 > len(self._data))
        if whole:
            token = os.urandom(16)
            parts, index, at, outside = [token], {}, len(token), set()
            for key in sorted(used):
                data = self.get(key) if key in held else None
                data = bytes(data) if data is not None else read(key)
                if data is None:
                    continue
                parts += [key.encode(), data]
                index[key] = (at + _KEY_BYTES, len(data))
                at += _KEY_BYTES + len(data)
            write(Path(self.pack), parts)  # the pack first: its index names it
        elif outside == self.outside:
            self._index, self._data = None, memoryview(b"")
            return False
        else:
            token, index = bytes(self._data[:16]), self._index
        write(Path(self.index_file), pickle.dumps((token, index, sorted(outside)), protocol=pickle.HIGHEST_PROTOCOL))
        self.outside = outside
        self._index, self._data = None, memoryview(b"")
        return whole
