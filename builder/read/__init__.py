"""The read stage: find sources in `filings/`, decode them, split submissions into documents.

Entry points: `find_sources(root)` and `read_source(path, root)`; `read_archive(root)` does both.
Nothing here parses facts (that is `builder.parse`); nothing here writes.

One module per concern: `discover` (which files and folders are sources), `decode`
(bytes to text), `sniff` (the shape of a text), `sgml` (header and documents),
`uuencode` (binary parts), `index_page` (EDGAR index pages), `files` (one file),
`folder` (an accession folder), `limits` (what one hostile file may cost: documents,
problems, HTML nesting depth).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from builder.read.discover import find_sources
from builder.read.files import read_file
from builder.read.folder import read_folder
from builder.read.submission import RawDocument, Shape, Submission

__all__ = ["RawDocument", "Shape", "Submission", "find_sources", "read_source", "read_archive"]


def read_source(path: Path, root: Path | None = None) -> Submission:
    """Read one source (a file, or an accession folder) into a `Submission`; never raises.

    `source` is `path` relative to `root` in POSIX form when `root` is given.
    """
    path = Path(path)
    if path.is_dir():
        return read_folder(path, root)
    return read_file(path, root)


def read_archive(root: Path) -> Iterator[Submission]:
    """Every source under `root`, read, in a stable order."""
    for path in find_sources(root):
        yield read_source(path, root)
