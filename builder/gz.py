"""gzip as the build writes it, with no time stamp and no file name in the header.

The search index's files are compressed by ISA-L (the `isal` package), standard gzip that every
browser reads, 3-4 times faster than zlib at about the same size (1,000 filings' index: zlib
level 6 0.55 CPU s, ISA-L level 3 0.15 s, 4.6 % bigger).

The originals offered for download must be the same bytes for the same file in every build.
ISA-L's streaming compressor, fed the same file the same way, now and then wrote other (valid)
bytes in one build than in the next (12 of the sample's 61 originals, one build in a few dozen),
so a big original, compressed by pieces, goes through zlib (`writer`); one compressed at once
(`compress`, `FAST_AT_ONCE`: the originals up to 16 MB) gave the same bytes every time (the
corpus's 624 files, in 30 processes). zlib costs 4 times the CPU (the corpus's 38.8 MB: level 1
0.29 s, ISA-L at once 0.07 s, 9.3 and 9.2 MB).
"""

from __future__ import annotations

import gzip
from typing import BinaryIO

from isal import igzip

#: For the originals offered for download (big, read rarely): zlib's fastest level (by pieces) ...
FAST = 1
#: ... and ISA-L's (at once).
FAST_AT_ONCE = 1
#: For the search index's files (small, fetched by every search).
SMALL = 3


def compress(data: bytes, level: int = SMALL, *, mtime: int = 0) -> bytes:
    """`data` gzip-compressed (ISA-L)."""
    return igzip.compress(data, level, mtime=mtime)


def writer(raw: BinaryIO, level: int = FAST) -> gzip.GzipFile:
    """A gzip file (zlib) writing into the open binary file `raw` (close it before `raw`)."""
    return gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=level, mtime=0)
