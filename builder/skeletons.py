"""The parse cache's entries (`builder.cache`) in one file, read at once: the skeleton pack.

A build after one change loads the entry of every source. One by one, that is 10,000 files
opened and 10,000 pickles read at 10,000 filings, each naming its classes and spelling its
attribute names again. The pack holds the entries (their skeletons: the texts stay in their own
files) of a set of keys as one pickle, a dict of key → entry, so what they share is read once:
10,000 entries unpickled in ~0.15 s against ~0.25-0.35 s one by one. A build unpickles it whole
(`SkeletonPack.entries`), while its sources are listed (`builder.pipeline.list_sources`). The
entries' own files stay what is true: a key the pack does not hold, or a pack that does not
unpickle, is read from its file.

The pack is written whole at the end of a build (`SkeletonPack.update`), from the entries the
build holds (it loaded or parsed each of them: no file is read again), when the entries it used
and the pack does not hold are more than `OUTSIDE` of them, or when a quarter of the pack is of
entries no longer used. Between, the keys used outside the pack are noted in the index
(`outside`), so that the next build knows every key the last one used and removes the entries of
those it does not use, without listing the cache's folders (which it does when the pack is
written whole). A pack and its index name each other by a token: a build stopped between writing
the two leaves a pack that is not used.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path

#: Bump when the layout of the pack changes (2: one pickle of all its entries).
LAYOUT = 2
#: Entries used outside the pack, as a share of all, above which it is written whole.
OUTSIDE = 0.02
_TOKEN_BYTES = 16
#: What a broken pickle (a pack, an entry of the parse cache) raises when it is unpickled.
BROKEN = (EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, KeyError, TypeError,
           ValueError, MemoryError)


class SkeletonPack:
    """The pack of one parse cache folder (see the module docstring)."""

    def __init__(self, folder: str):
        self.pack = os.path.join(folder, "skeletons.pack")
        self.index_file = os.path.join(folder, "skeletons.index")
        self._token: bytes | None = None
        self._keys: set[str] | None = None  #: the keys the pack holds, as its index names them
        self.outside: set[str] = set()  #: keys the last build used that the pack does not hold

    def _open(self) -> None:
        self._keys = set()
        try:
            with open(self.index_file, "rb") as fh:
                layout, token, keys, outside = pickle.load(fh)
            if layout != LAYOUT:
                return  # an older pack: not read, written whole again at the end of the build
            self._token, self._keys, self.outside = bytes(token), set(keys), set(outside)
        except (OSError, *BROKEN):
            pass

    @property
    def keys(self) -> set[str]:
        if self._keys is None:
            self._open()
        return self._keys

    @property
    def last_used(self) -> set[str]:
        """Every key the last build used: those of the pack, and those it used outside it."""
        return self.keys | self.outside

    def entries(self) -> dict[str, object]:
        """Every entry of the pack, unpickled (key → entry); none when the pack is missing, is
        not the one its index names, or does not unpickle whole: then it holds no key, and is
        written whole again at the end of the build (`update`)."""
        if not self.keys:
            return {}
        try:
            with open(self.pack, "rb") as fh:
                if fh.read(_TOKEN_BYTES) != self._token:
                    raise ValueError("not the pack the index names")
                entries = pickle.load(fh)
            if not isinstance(entries, dict):
                raise TypeError("not a pack's entries")
        except (OSError, *BROKEN):
            self._keys = set()
            return {}
        return entries

    def update(self, used: set[str], held: dict[str, object], read: Callable[[str], object | None],
               write: Callable[[Path, bytes | list[bytes]], None]) -> bool:
        """After a build that used the entries `used`: the pack written whole when it is due (each
        entry from `held`, the entries the build holds, else `read(key)`: the entry's file
        unpickled, None when it is gone), else only the keys used outside it noted; whether it
        was written whole. `write(path, parts)` writes a file whole. The entries must be as they
        were loaded: pickled here, they are what the next build loads."""
        keys = self.keys
        outside = used - keys
        unused = len(keys - used)
        whole = not keys or len(outside) > OUTSIDE * len(used) or unused * 4 > len(keys)
        if whole:
            token = os.urandom(_TOKEN_BYTES)
            # In the order the build held them (its sources' order): the next build unpickles them
            # so, and walks them in that order (against key order: its render stage ~10 % slower).
            entries = {key: entry for key, entry in held.items() if key in used}
            for key in sorted(used - entries.keys()):
                entry = read(key)
                if entry is not None:
                    entries[key] = entry
            write(Path(self.pack), [token, pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)])
            keys, outside = entries.keys(), set()  # the pack first: its index names it
        elif outside == self.outside:
            return False
        else:
            token = self._token
        write(Path(self.index_file), pickle.dumps((LAYOUT, token, sorted(keys), sorted(outside)),
                                                  protocol=pickle.HIGHEST_PROTOCOL))
        self._token, self._keys, self.outside = token, set(keys), outside
        return whole
