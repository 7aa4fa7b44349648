"""gzip as the build writes it, with no time stamp and no file name in the header.

The search index's files are compressed by ISA-L (the `isal` package), standard gzip that every
browser reads, 3-4 times faster than zlib at about the same size (1,000 filings' index: zlib
level 6 0.55 CPU s, ISA-L level 3 0.15 s, 4.6 % bigger).

The originals offered for download must be the same bytes for the same file in every build.
ISA-L, fed the same file, now and then writes other (valid) bytes in one build than in the next:
its streaming compressor for 12 of the sample's 61 originals, one build in a few dozen; and, at
once, two originals of the sample (2.6 KB each, their last 30 bytes) in a test comparing a build
with a render cache to one without, although the corpus's 624 files in 30 processes had given
the same bytes every time. So the originals go through zlib (`compress_same`, `writer`), which
costs 4 times the CPU (the corpus's 38.8 MB: level 1 0.29 s, ISA-L at once 0.07 s, 9.3 and 9.2 MB).
"""

from __future__ import annotations

import gzip
from typing import BinaryIO

from isal import igzip, isal_zlib

#: For the originals offered for download (big, read rarely): zlib's fastest level.
FAST = 1
#: For the search index's files (small, fetched by every search).
SMALL = 3
#: For the build's own cache (`squeeze`): ISA-L's fastest level that finds repeats.
CACHE = 1


def compress(data: bytes, level: int = SMALL, *, mtime: int = 0) -> bytes:
    """`data` gzip-compressed (ISA-L)."""
    return igzip.compress(data, level, mtime=mtime)


def compress_same(data: bytes, level: int = FAST) -> bytes:
    """`data` gzip-compressed by zlib: the same bytes every time (for one version of zlib)."""
    return gzip.compress(data, level, mtime=0)


def writer(raw: BinaryIO, level: int = FAST) -> gzip.GzipFile:
    """A gzip file (zlib) writing into the open binary file `raw` (close it before `raw`)."""
    return gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=level, mtime=0)


def squeeze(data: bytes) -> bytes:
    """`data` compressed for the build's own cache (zlib format, ISA-L): never published, so that
    the bytes may differ from one build to the next does not matter. The parse cache's texts
    (10,000 filings: 659 MB) shrink 3.7 times for 0.14 CPU s per 100 MB (zlib: 0.75 s): writing
    new files costs more on this machine (up to 15 ms per MB)."""
    return isal_zlib.compress(data, CACHE)


def unsqueeze(data: bytes) -> bytes:
    """What `squeeze` compressed."""
    return isal_zlib.decompress(data)
