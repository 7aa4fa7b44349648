"""Forms 3, 4 and 5 as EDGAR renders them in HTML (the page a reader saves from the browser).

EDGAR shows an ownership filing's XML as a form laid out in boxes; as text (`html_to_text` keeps
table columns aligned) the boxes are captions over values, side by side::

    1. Name and Address of Reporting Person*   2. Issuer Name and Ticker or Trading Symbol
    Melkote Rajesh Ramaswamy                   374Water Inc. [ SCWO ]
    ...
    3. Date of Earliest Transaction (Month/Day/Year)
    04/30/2025

The value of a box is the text under its caption, from the caption's column to the next
caption's. The reporting person becomes the "reporting owner", the issuer the "issuer" (without
its ticker), and the date of the earliest transaction (Form 4, 5), of the event requiring the
statement (Form 3) or the "Statement for Month/Year" (the text forms before 2003) the period of
report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.parse.dates import parse_date

_CAPTION = re.compile(r"(?:^|\s{2,})(\d{1,2}[A-Z]?\.\s+[A-Z][^\s].*?)(?=\s{2,}\d{1,2}[A-Z]?\.\s|$)")
_OWNER = re.compile(r"^\d+\.\s+Name\s+and\s+Address\s+of\s+Reporting\s+Person", re.I)
_ISSUER = re.compile(r"^\d+\.\s+Issuer\s+Name\s+and\s+Ticker", re.I)
_DATE = re.compile(r"^\d+\.\s+(?:Date\s+of\s+(?:Earliest\s+Transaction|Event\s+Requiring\s+Statement)"
                   r"|Statement\s+for\s+(?:Month/Day/Year|Month/Year))", re.I)
_TICKER = re.compile(r"\s*\[\s*[A-Za-z0-9.\-]*\s*\]\s*$")


@dataclass
class RenderedOwnership:
    """The parties and date of a rendered Form 3, 4 or 5."""

    reporting_owner: str | None = None
    issuer: str | None = None
    period_of_report: str | None = None  #: ISO date


def is_ownership_form(form_type: str | None) -> bool:
    """Forms 3, 4, 5 and their amendments."""
    return (form_type or "").upper().removesuffix("/A") in {"3", "4", "5"}


def parse_rendered_ownership(text: str) -> RenderedOwnership | None:
    """The reporting owner, issuer and date of a rendered ownership form, or None if it is not one."""
    lines = text.splitlines()[:200]
    found = RenderedOwnership()
    for i, line in enumerate(lines):
        for caption, start, end in _captions(line):
            if _OWNER.match(caption) and found.reporting_owner is None:
                found.reporting_owner = _name(_box(lines, i, start, end))
            elif _ISSUER.match(caption) and found.issuer is None:
                found.issuer = _name(_TICKER.sub("", _box(lines, i, start, end) or ""))
            elif _DATE.match(caption) and found.period_of_report is None:
                found.period_of_report = parse_date(_box(lines, i, start, end))
    if not (found.reporting_owner or found.issuer):
        return None
    return found


def _captions(line: str) -> list[tuple[str, int, int]]:
    """(caption, its column, the next caption's column or None) of each numbered caption of a line."""
    spans = [(m.group(1), m.start(1)) for m in _CAPTION.finditer(line)]
    return [(text, start, spans[k + 1][1] if k + 1 < len(spans) else None) for k, (text, start) in enumerate(spans)]


def _box(lines: list[str], i: int, start: int, end: int | None) -> str | None:
    """The first non-blank text under a caption, within its columns (a little slack to the left)."""
    for line in lines[i + 1:i + 4]:
        cell = line[max(0, start - 2):end].strip() if end is not None else line[max(0, start - 2):].strip()
        if cell and not cell.startswith("("):
            return cell
    return None


def _name(value: str | None) -> str | None:
    if not value:
        return None
    value = re.sub(r"\s+", " ", value).strip()
    return value if re.search(r"[A-Za-z]{2}", value) and len(value) <= 150 else None
