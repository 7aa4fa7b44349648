"""The whole pipeline, stage after stage: read → parse → model → render.

The MkDocs plugin and the CLI both call these functions; neither has logic of its own.
"""

from __future__ import annotations

import logging
from pathlib import Path

from builder.model.archive import Archive, Problem, build_archive
from builder.model.filing import Filing
from builder.parse import parse_submission
from builder.read import Shape, Submission, read_archive

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


def load_archive(filings_dir: Path) -> Archive:
    """Read and parse every source under `filings_dir` and link the filings into an archive."""
    filings: list[Filing] = []
    problems: list[Problem] = []
    seen: dict[str, Filing] = {}
    for submission in read_archive(Path(filings_dir)):
        filing, found = parse_one(submission)
        problems.extend(found)
        if filing is None:
            continue
        if filing.id in seen:
            problems.append(Problem(filing.source, f"the same filing as {seen[filing.id].source}; not published twice"))
            continue
        seen[filing.id] = filing
        filings.append(filing)
    return build_archive(filings, problems)
