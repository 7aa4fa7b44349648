"""gzip as the build writes it, with no time stamp and no file name in the header.

The search index's files are compressed by ISA-L (the `isal` package), standard gzip that every
browser reads, 3-4 times faster than zlib at about the same size (1,000 filings' index: zlib
level 6 0.55 CPU s, ISA-L level 3 0.15 s, 4.6 % bigger).

The originals offered for download are compressed by zlib (`writer`), whose output is the same
for the same bytes: ISA-L's streaming compressor, fed the same file the same way, now and then
wrote other (valid) bytes in one build than in the next (12 of the sample's 61 originals, one
build in a few dozen), so the site was not the same twice. zlib costs more CPU (67 MB of
originals: level 1 0.67 s, ISA-L 0.11-0.15 s, same size), spent once per original with the
render cache.
"""

from __future__ import annotations

import gzip
from typing import BinaryIO

from isal import igzip

#: For the originals offered for download (big, read rarely): zlib's fastest level.
FAST = 1
#: For the search index's files (small, fetched by every search).
SMALL = 3


def compress(data: bytes, level: int = SMALL, *, mtime: int = 0) -> bytes:
    """`data` gzip-compressed (ISA-L)."""
    return igzip.compress(data, level, mtime=mtime)


def writer(raw: BinaryIO, level: int = FAST) -> gzip.GzipFile:
    """A gzip file (zlib) writing into the open binary file `raw` (close it before `raw`)."""
    return gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=level, mtime=0)
