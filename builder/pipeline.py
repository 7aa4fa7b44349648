"""The whole pipeline, stage after stage: read → parse → model → render.

The MkDocs plugin and the CLI both call these functions; neither has logic of its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from builder.model.archive import Archive, Problem, build_archive
from builder.model.filing import Filing
from builder.parse import parse_submission
from builder.read import Shape, Submission, find_sources, read_source

log = logging.getLogger("builder")


def parse_one(submission: Submission) -> tuple[Filing | None, list[Problem]]:
    """Parse one submission; a source that is not a filing, or that breaks the parser, is a problem."""
    if submission.shape == Shape.NOT_A_FILING:
        reason = "; ".join(submission.problems) or "not a filing"
        return None, [Problem(submission.source, reason)]
    try:
        filing = parse_submission(submission)
    except Exception as exc:  # one bad file never stops the build
        log.warning("could not parse %s: %r", submission.source, exc)
        return None, [Problem(submission.source, f"the parser failed: {exc!r}")]
    problems = [Problem(filing.source, p, recovered="page built") for p in filing.problems]
    return filing, problems


#: `progress(stage, done, total)`: called by `load_archive` as it goes; `stage` is "read+parse" or "link".
Progress = Callable[[str, int, int], None]


def load_archive(filings_dir: Path, progress: Progress | None = None) -> Archive:
    """Read and parse every source under `filings_dir` and link the filings into an archive.

    `progress`, when given, is called after each source with ("read+parse", done, total), then
    with ("link", 0, 1) and ("link", 1, 1) around the linking. The sources are read as
    `builder.read.read_archive` reads them (`find_sources`, then `read_source` each), listed
    first so that the total is known.
    """
    root = Path(filings_dir)
    sources = find_sources(root)
    filings: list[Filing] = []
    problems: list[Problem] = []
    seen: dict[str, Filing] = {}
    for done, path in enumerate(sources, 1):
        filing, found = parse_one(read_source(path, root))
        if progress is not None:
            progress("read+parse", done, len(sources))
        problems.extend(found)
        if filing is None:
            continue
        if filing.id in seen:
            problems.append(Problem(filing.source, f"the same filing as {seen[filing.id].source}; not published twice"))
            continue
        seen[filing.id] = filing
        filings.append(filing)
    if progress is not None:
        progress("link", 0, 1)
    archive = build_archive(filings, problems)
    if progress is not None:
        progress("link", 1, 1)
    return archive
