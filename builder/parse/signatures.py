"""The signature block of a report: who signed, as what, and when.

`parse_signatures(text)` reads the block under the "SIGNATURE(S)" heading (or, without
one, after "... duly caused this report to be signed ..."): each "/s/ Name" (or the name
after "By:" when nothing is conformed-signed) starts a signer; the lines after it give the
typed name (skipped), "Name:"/"Title:" labels, the title (joined when broken over lines)
and the date ("Date: October 8, 2003", "Dated: ...", or a date on its own line). Signature
tables of 10-Ks ("/s/ Name | Title | Date" on one line) give one signer per row.
"""

from __future__ import annotations

import re

from builder.model.filing import Signature
from builder.parse.dates import find_dates
from builder.parse.layout import cells, clean, is_blank, is_separator, split_lines

_HEADING = re.compile(r"^[ \t\u00a0]*S[ \t]?I[ \t]?G[ \t]?N[ \t]?A[ \t]?T[ \t]?U[ \t]?R[ \t]?E[ \t]?S?[ \t]*[.:]?[ \t]*$", re.IGNORECASE | re.MULTILINE)
_SIGNED = re.compile(r"duly\s+caused\s+this\s+(?:report|amendment|statement)|signed\s+(?:on\s+its\s+behalf\s+)?by\s+the\s+undersigned", re.IGNORECASE)
_END = re.compile(
    r"^\s*(?:EXHIBIT\s+INDEX|INDEX\s+TO\s+EXHIBITS|EXHIBITS?\s*$|EXHIBIT\s+\d|ITEM\s+\d|<PAGE>|CERTIFICATIONS?\b|POWER\s+OF\s+ATTORNEY)",
    re.IGNORECASE,
)
_CONFORMED = re.compile(r"/s/\s*", re.IGNORECASE)
_BY = re.compile(r"^\s*By\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_LABEL = re.compile(r"^\s*(?P<label>Name|Title|Its|Date|Dated)\s*:\s*(?P<value>.*)$", re.IGNORECASE)
_DATE_LABEL = re.compile(r"\bDated?\s*:?\s*(?:as\s+of\s+)?", re.IGNORECASE)
_BLOCK_LINES = 160


def _block(text: str) -> str:
    """The text of the signature section(s): from the heading to what follows them."""
    heads = list(_HEADING.finditer(text))
    if not heads:
        m = _SIGNED.search(text)
        if not m:
            return ""
        heads_at = [text.rfind("\n", 0, m.start()) + 1]
    else:
        heads_at = [h.end() for h in heads]
    out = []
    for start in heads_at:
        lines = []
        for _, line in split_lines(text[start:])[1: _BLOCK_LINES]:
            if _END.match(line) or _HEADING.match(line):
                break
            lines.append(line)
        out.append("\n".join(lines))
    return "\n".join(out)


def _strip_name(text: str) -> str:
    text = re.sub(r"_{2,}.*$", "", text)
    return clean(text).strip(" _,;*").strip()


def _date_of(line: str) -> str | None:
    """A date on a line that is a date label ("Date: ...") or only a date."""
    found = find_dates(line)
    if not found:
        return None
    iso, start, end = found[0]
    rest = re.sub(r"[\W_]+", "", _DATE_LABEL.sub("", line[:start]) + line[end:])
    return iso if len(rest) <= 3 or _DATE_LABEL.search(line[:start]) else None


def _same_person(a: str, b: str) -> bool:
    wa, wb = re.findall(r"[A-Za-z]{2,}", a.upper()), re.findall(r"[A-Za-z]{2,}", b.upper())
    return bool(wa and wb) and (wa[-1] == wb[-1] or wa == wb)


def _signers(lines: list[str]) -> list[Signature]:
    """Signers of a block whose lines carry "/s/" or "By:" marks."""
    out: list[Signature] = []
    block_date = None
    marks = [i for i, line in enumerate(lines) if _CONFORMED.search(line)]
    if not marks:  # nothing conformed-signed: the names after "By:"
        for i, line in enumerate(lines):
            by = _BY.match(line)
            if by:
                rest = _strip_name(by.group("rest"))
                if rest:
                    marks.append(i)
                elif i + 1 < len(lines) and _strip_name(lines[i + 1]):
                    marks.append(i + 1)
    for i, line in enumerate(lines):
        if block_date is None and not _CONFORMED.search(line):
            block_date = _date_of(line) if (_DATE_LABEL.search(line) or find_dates(line)) else None
    for k, i in enumerate(marks):
        line = lines[i]
        m = _CONFORMED.search(line)
        at = m.end() if m else (_BY.match(line).start("rest") if _BY.match(line) else 0)
        row = [c for c in cells(line[at:])]
        name = _strip_name(row[0].text) if row else ""
        name = _BY.sub(lambda b: b.group("rest"), name) if not m else name
        sig = Signature(name=name or None)
        title_parts: list[str] = []
        for c in row[1:]:
            iso = _date_of(c.text)
            if iso:
                sig.date = iso
            elif not re.match(r"^\W*$", c.text):
                title_parts.append(c.text)
        left = line[: m.start() if m else 0]
        if _DATE_LABEL.search(left) or find_dates(left):
            sig.date = sig.date or _date_of(clean(left))
        stop = marks[k + 1] if k + 1 < len(marks) else min(len(lines), i + 10)
        blanks = 0
        for nxt in lines[i + 1: stop]:
            text = clean(nxt)
            if is_blank(nxt) or is_separator(nxt):
                blanks += 1
                if title_parts and blanks >= 1 and not row[1:]:
                    break
                continue
            label = _LABEL.match(text)
            if label:
                key, value = label.group("label").lower(), _strip_name(label.group("value"))
                if key == "name" and value:
                    sig.name = sig.name if sig.name and _same_person(sig.name, value) else value
                elif key in ("title", "its") and value:
                    title_parts = [value]
                elif key.startswith("date"):
                    sig.date = sig.date or _date_of(text)
                continue
            if _date_of(text):
                sig.date = sig.date or _date_of(text)
                continue
            if _BY.match(text) or len(text) > 120 or re.match(r"(?i)pursuant\s+to", text):
                break
            if sig.name and _same_person(sig.name, text) and not title_parts:
                continue
            if row[1:]:  # a table row: only the title column continues
                title_col = row[1].start + at
                pieces = [c.text for c in cells(nxt) if abs(c.start - title_col) <= 6]
                title_parts += [p for p in pieces if not _date_of(p)]
                continue
            if sig.name and text.upper() == text and len(out) == 0 and not title_parts and re.search(r"\b(?:INC|CORP|COMPANY|LLC|L\.P)\b", text):
                continue
            title_parts.append(text)
            if len(title_parts) >= 4:
                break
        sig.title = clean(" ".join(title_parts)).strip(" ,") or None
        sig.date = sig.date or block_date
        if sig.name:
            out.append(sig)
    return out


def parse_signatures(text: str) -> list[Signature]:
    """The signers of a report, in order (see the module docstring); [] when none are found."""
    block = _block(text)
    if not block:
        return []
    lines = [line.replace("\u00a0", " ") for line in block.split("\n")]
    found = _signers(lines)
    unique: list[Signature] = []
    for sig in found:
        if all((s.name, s.title, s.date) != (sig.name, sig.title, sig.date) for s in unique):
            unique.append(sig)
    return unique
