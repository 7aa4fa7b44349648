"""The read stage: find sources in `filings/`, decode them, split submissions into documents.

Entry points: `find_sources(root)` and `read_source(path, root)`; `read_archive(root)` does both.
Nothing here parses facts (that is `builder.parse`); nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from builder.read.submission import RawDocument, Shape, Submission

__all__ = ["RawDocument", "Shape", "Submission", "find_sources", "read_source", "read_archive"]


def find_sources(root: Path) -> list[Path]:  # pragma: no cover - replaced by the read stage
    raise NotImplementedError


def read_source(path: Path, root: Path | None = None) -> Submission:  # pragma: no cover
    raise NotImplementedError


def read_archive(root: Path) -> Iterator[Submission]:
    """Every source under `root`, read, in a stable order."""
    for path in find_sources(root):
        yield read_source(path, root)
