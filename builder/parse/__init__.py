"""The parse stage: one `Submission` in, one `Filing` out.

Headers are the truth when a submission has one; the report's text (cover page, items,
signature, exhibit index) fills what the header lacks.
"""

from __future__ import annotations

from builder.model.filing import Filing
from builder.read.submission import Submission


def parse_submission(submission: Submission) -> Filing:  # pragma: no cover - replaced by the parse stage
    raise NotImplementedError
