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

from builder.read.discover import accession_of_folder, find_sources, list_folder
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
    submission = read_file(path, root)
    submission.folder_accession = _lone_file_accession(path)
    return submission


def _lone_file_accession(path: Path) -> str | None:
    """The accession number of the folder `path` is the only file of (EDGAR's layout:
    `.../000119312511023336/dsc13g.htm`), or None."""
    accession = accession_of_folder(path.parent.name)
    if accession is None:
        return None
    files, subfolders = list_folder(path.parent)
    return accession if [f.name for f in files] == [path.name] and not subfolders else None


def read_archive(root: Path) -> Iterator[Submission]:
    """Every source under `root`, read, in a stable order."""
    for path in find_sources(root):
        yield read_source(path, root)
