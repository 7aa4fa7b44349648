"""Which filing an amendment amends: "8-K/A" → the 8-K, "SC 13G/A" → the holder's SC 13G.

An amendment names no accession number of what it amends, so the archive finds it among the
same registrant's filings of the amended form (`amended_form`: "8-K" for "8-K/A"):

- a **schedule** (SC 13D/G, SC TO ...) is a holder's statement about an issuer: it amends the
  same holder's statement (a "filed by" party in common, by CIK or name), of the same date of
  event if there is one, else the latest filed before it;
- **every other form**: the filing of the same period of report, latest before; failing that,
  for forms that are not reports of a period (S-3/A, 10-12B/A: a registration has a file number
  of its own), the latest before with the same commission file number. An 8-K/A or 10-K/A with no
  period in common gets no link, rather than a guess.
"""

from __future__ import annotations

import re

from builder.edgar import amended_form
from builder.model.filing import Filing
from builder.model.names import file_number_key, matching_name

#: Reports of a period: an amendment amends the report of its own period, never just the last one.
_PERIODIC = re.compile(r"^(?:8-K|10-K|10-Q|6-K|20-F|40-F|11-K|N-CSR|N-Q|13F|10-D|ABS-)")
#: Roles of the parties that file a schedule about another company.
_HOLDER_ROLES = ("filed by", "reporting owner")


def find_original(amendment: Filing, own: list[Filing], position: dict[str, int]) -> Filing | None:
    """The filing `amendment` amends among `own` (one registrant's filings, oldest first), or None.

    `position` orders every filing of the archive (oldest first).
    """
    base = amended_form(amendment.form_type)
    if not base:
        return None
    candidates = [f for f in own if _form(f) == base]
    if (amendment.form_type or "").upper().startswith("SC "):
        holders = _holders(amendment)
        candidates = [f for f in candidates if holders & _holders(f)]
        same_period = [f for f in candidates if amendment.period_of_report
                       and f.period_of_report == amendment.period_of_report]
        return _latest_before(same_period, amendment, position) or _latest_before(candidates, amendment, position)
    same_period = [f for f in candidates if amendment.period_of_report
                   and f.period_of_report == amendment.period_of_report]
    if same_period:
        return _latest_before(same_period, amendment, position) or same_period[0]
    numbers = _file_numbers(amendment)
    if numbers and not _PERIODIC.match(base):
        return _latest_before([f for f in candidates if numbers & _file_numbers(f)], amendment, position)
    return None


def _form(filing: Filing) -> str:
    return (filing.form_type or "").strip().upper()


def _latest_before(candidates: list[Filing], amendment: Filing, position: dict[str, int]) -> Filing | None:
    before = [c for c in candidates if position[c.id] < position[amendment.id]]
    return before[-1] if before else None


def _holders(filing: Filing) -> set[str]:
    return {f.cik or matching_name(f.name) for f in filing.filers
            if f.role in _HOLDER_ROLES and (f.cik or matching_name(f.name))}


def _file_numbers(filing: Filing) -> set[str]:
    return {file_number_key(f.file_number) for f in filing.filers if file_number_key(f.file_number)}
