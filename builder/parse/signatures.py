"""The signature block of a report: who signed, as what, and when.

`parse_signatures(text)` reads the block under the "SIGNATURE(S)" heading (or, without
one, after "... duly caused this report to be signed ..."). Each "/s/ Name" starts a signer
(when nothing is conformed-signed, the name after "By:" or under a blank "By: ____" line);
the lines after it give the typed name (skipped), "Name:"/"Title:" labels, the title (joined
when broken over lines) and the date ("Date: October 8, 2003", "Dated: ...", a date opening a
line). A date printed once for the block goes to every signer without one. Signature tables
of 10-Ks ("/s/ Name | Title | Date" on one line) give one signer per row.
"""

from __future__ import annotations

import re
from itertools import islice

from builder.model.filing import Signature
from builder.parse.dates import DIGIT, find_dates
from builder.parse.fold import Folded
from builder.parse.layout import (
    after_line_end, cells, clean, finditer_lines, is_blank, is_separator, split_lines, without_sgml_tags,
)

_HEADING = re.compile(
    r"^[ \t\u00a0]*S[ \t]?I[ \t]?G[ \t]?N[ \t]?A[ \t]?T[ \t]?U[ \t]?R[ \t]?E[ \t]?S?[ \t]*[.:]?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_HEADING_BELOW = after_line_end(_HEADING)
_SIGNED = Folded(
    r"duly\s+caused\s+this\s+(?:report|amendment|statement)|signed\s+(?:on\s+its\s+behalf\s+)?by\s+the\s+undersigned"
)
#: Where a signature section ends: the exhibit index, the next item, a page break, exhibits.
_END = re.compile(
    r"^\s*(?:EXHIBIT\s+INDEX|INDEX\s+TO\s+EXHIBITS|EXHIBITS?\s*$|EXHIBIT\s+\d|ITEM\s+\d|CERTIFICATIONS?\b"
    r"|POWER\s+OF\s+ATTORNEY)",
    re.IGNORECASE,
)
#: A conformed signature: "/s/", "/S/", "\\s\\", or "//" before a name.
_CONFORMED = re.compile(r"(?:[/\\][sS][/\\]|(?<![:\w/])//(?=\s*[A-Z]))\s*")
_BY = re.compile(r"(?:^\s*|(?<=\s\s)|(?<=\t))(?:By|BY)\b\s*:?\s*(?P<rest>.*)$")
_LABEL = re.compile(r"^\s*(?P<label>Name|Title|Its|Date|Dated)\s*:\s*(?P<value>.*)$", re.IGNORECASE)
_DATE_LABEL = re.compile(r"\bDated?\s*:?\s*(?:as\s+of\s+)?", re.IGNORECASE)
_COMPANY = re.compile(r"\b(?:INC|CORP|CORPORATION|COMPANY|CO|LLC|L\.?P|LTD|PLC|N\.?A|TRUST|BANCORP)\b\.?", re.IGNORECASE)
#: A person's name as printed under a signature: "William Clay Ford, Jr.", "ROBERT F. FRIEL".
_PERSON = re.compile(
    r"^(?:(?:Dr|Mr|Mrs|Ms)\.?\s)?[A-Z][A-Za-z.'\u2019\-]*(?:\s(?:[A-Z][A-Za-z.'\u2019\-]*|de|van|von|der|la|du|del|da|di)){1,5}"
    r"(?:,?\s(?:Jr|Sr|II|III|IV|M\.D|Ph\.D|Esq)\.?)?$"
)
#: The head of a signature table: "Signature   Title   Date" (or Name / Capacity).
_TABLE_HEAD = re.compile(
    r"^\s*(?:Signatures?|Name)(?:\t+|\s{2,})(?:Title|Capacity|Position)(?:s|\(s\))?(?:(?:\t+|\s{2,})Dates?)?\s*$",
    re.IGNORECASE,
)
_BLOCK_LINES = 160
_BLOCK_CHARS = 40_000
#: Signature sections read (a table of contents may name one; 10-Ks have two).
_MAX_SECTIONS = 6
_MAX_TITLE_LINES = 4


def _block(text: str) -> list[str]:
    """The lines of the signature section(s): from each heading to what follows it."""
    starts = [h.end() for h in islice(finditer_lines(_HEADING, _HEADING_BELOW, text), _MAX_SECTIONS)]
    if not starts:
        m = _SIGNED.search(text)
        if not m:
            return []
        starts = [text.rfind("\n", 0, m.start()) + 1]
    out: list[str] = []
    for start in starts:
        for _, line in split_lines(text[start: start + _BLOCK_CHARS])[1:_BLOCK_LINES]:
            if _END.match(line) or _HEADING.match(line):
                break
            out.append(line.replace("\u00a0", " "))
        out.append("")
    return out


def _strip_name(text: str) -> str:
    """A name without the rule drawn after it ("Stephen J. Nill____") or around it."""
    text = re.sub(r"_{2,}.*$|-{3,}.*$", "", text)
    return clean(text).strip(" _,;*").strip()


def _date_of(line: str) -> str | None:
    """The date a line starts with, after an optional label: "Date: October 8, 2003",
    "Dated as of ...", "March 15, 2007   By: ..." (a date inside a sentence is not one)."""
    found = find_dates(line)
    if not found:
        return None
    iso, start, _ = found[0]
    before = re.sub(r"[\W_]+", "", _DATE_LABEL.sub("", line[:start]))
    return iso if not before else None


def _same_person(a: str, b: str) -> bool:
    """True when `b` is `a`'s name printed again: same surname and first initial ("W.A. Freeman" /
    "William A. Freeman"), so "Edsel B. Ford II" and "William Clay Ford" stay two people."""
    def words(name: str) -> list[str]:
        name = re.sub(r"\b(?:JR|SR|II|III|IV|ESQ|MD|PHD|DR|MR|MRS|MS)\b\.?", " ", name.upper())
        return re.findall(r"[A-Z][A-Z'\u2019\-]*", name)
    wa, wb = words(a), words(b)
    return bool(wa and wb) and wa[-1] == wb[-1] and wa[0][0] == wb[0][0] and len(wb) <= 5


def _conformed(line: str) -> re.Match[str] | None:
    """`_CONFORMED.search(line)`, not tried on a line without the slash or backslash it needs
    (`re` would try it at every character)."""
    return _CONFORMED.search(line) if "/" in line or "\\" in line else None


def _marks(lines: list[str], skip: set[int]) -> list[tuple[int, int]]:
    """(line, column) where each signer's name starts: after "/s/", or after "By:" (or under a
    "By:" with nothing after it) when that signature is not conformed."""
    out = []
    for i, line in enumerate(lines):
        if i in skip:
            continue
        conformed = _conformed(line)
        if conformed:
            out.append((i, conformed.end()))
            continue
        by = _BY.search(line) if "By" in line or "BY" in line else None  # (as `_conformed`)
        if not by:
            continue
        rest = _strip_name(by.group("rest"))
        if rest:
            if _PERSON.match(re.split(r"\s{2,}|\t", rest)[0].strip("* ")):  # not "By: XYZ Inc., its general partner"
                out.append((i, by.start("rest")))
            continue
        after = [j for j in range(i + 1, min(len(lines), i + 4)) if not (is_blank(lines[j]) or is_separator(lines[j]))]
        if after and after[0] not in skip and not _conformed(lines[after[0]]):
            label = _LABEL.match(clean(lines[after[0]]))
            if not label or label.group("label").lower() == "name":
                out.append((after[0], 0))
    return [m for k, m in enumerate(out) if m[0] not in {o[0] for o in out[:k]}]


def _table(lines: list[str]) -> tuple[list[Signature], set[int]]:
    """Signers of "Signature | Title | Date" tables (10-K, S-1): one per row; and their lines."""
    out: list[Signature] = []
    used: set[int] = set()
    heads = [i for i, line in enumerate(lines) if _TABLE_HEAD.match(line)]
    for h in heads:
        head = cells(lines[h])  # headings are centred over their columns: split at the midpoints
        title_col = (head[0].end + head[1].start) // 2 + 2
        date_col = (head[1].end + head[2].start) // 2 if len(head) > 2 else None
        current: Signature | None = None
        title: list[str] = []
        for j in range(h + 1, min(len(lines), h + 200)):
            line = lines[j]
            text = clean(line)
            if _TABLE_HEAD.match(line) or is_blank(line) or is_separator(line):
                used.add(j)
                continue
            if len(text) > 160 or _SIGNED.search(text) or re.match(r"(?i)pursuant\s+to", text):
                break
            used.add(j)
            over = False
            for c in cells(line):
                if c.start < title_col - 2:
                    name = _strip_name(_CONFORMED.sub("", re.sub(r"^\*?By\b:?", "", c.text))).strip("* ")
                    if not re.search(r"[A-Za-z]", name) or _date_of(c.text) or _TABLE_HEAD.match(c.text):
                        continue
                    if name.startswith("("):
                        if current is not None and not current.name:
                            current.name = name.strip("()")
                        continue
                    if not _PERSON.match(name):
                        over = True  # the table is over: the next text is not a signer's name
                        break
                    if current is not None and current.name and _same_person(current.name, name):
                        continue
                    if current is not None:
                        current.title = clean(" ".join(title)) or None
                    current, title = Signature(name=name), []
                    out.append(current)
                elif current is not None and (date_col is None or c.start < date_col) and not _date_of(c.text):
                    if not re.fullmatch(r"[-\s]*\d{1,3}[-\s]*", c.text):  # not a page number
                        title.append(c.text)
                elif current is not None and _date_of(c.text):
                    current.date = current.date or _date_of(c.text)
            if over:
                used.discard(j)
                break
        if current is not None:
            current.title = clean(" ".join(title)) or None
    return out, used


def _block_date(lines: list[str]) -> str | None:
    """The date printed once for the whole block ("Date: October 8, 2003", alone on its line)."""
    for line in lines:
        if not DIGIT.search(line) or _conformed(line):
            continue  # every date has a digit (`dates.DIGIT`)
        iso = _date_of(clean(line)) or next((d for d in (_date_of(c.text) for c in cells(line)) if d), None)
        if iso:
            return iso
    return None


def _signer(lines: list[str], i: int, at: int, stop: int) -> Signature:
    """The signer whose name starts at (line i, column at); its lines end at `stop`."""
    line = lines[i]
    row = cells(line[at:])
    name = _strip_name(row[0].text).strip("* ") if row else ""
    label = _LABEL.match(clean(line[at:]))
    if label and label.group("label").lower() == "name":
        name = _strip_name(label.group("value"))
    sig = Signature(name=name or None)
    title: list[str] = []
    for cell in row[1:]:  # a row of a signature table: "/s/ Name   Title   Date"
        if _date_of(cell.text):
            sig.date = sig.date or _date_of(cell.text)
        elif re.search(r"\w", cell.text):
            title.append(cell.text)
    left = clean(line[:at])
    sig.date = sig.date or _date_of(left) or next((d for d in (_date_of(c.text) for c in cells(left)) if d), None)
    name_column = len(line[:at].expandtabs(8)) + (row[0].start if row else 0)
    title_column = len(line[:at].expandtabs(8)) + row[1].start if len(row) > 1 else None
    for nxt in lines[i + 1: stop]:
        text = clean(nxt)
        if is_blank(nxt) or is_separator(nxt):
            if title and title_column is None:
                break
            continue
        label = _LABEL.match(text)
        if label:
            key, value = label.group("label").lower(), _strip_name(label.group("value"))
            if key == "name" and value and not (sig.name and _same_person(sig.name, value)):
                sig.name = value
            elif key in ("title", "its") and value:
                title = [value]
            elif key.startswith("date"):
                sig.date = sig.date or _date_of(text)
                dates = find_dates(text)
                text = nxt = clean(text[dates[0][2]:]) if dates else ""  # "Date: March 30, 2021  Brien M. Chase, ..."
            if not text or not key.startswith("date"):
                continue
        if re.fullmatch(r"\([^()\d]{1,40}\)\*?", text):
            continue  # a caption under the signature line: "(Signature)", "(Name and Title)"
        first = cells(nxt)[0].text if cells(nxt) else text
        column = [c.text for c in cells(nxt) if c.start >= name_column - 8]
        if title_column is None and column and len(column) < len(cells(nxt)):
            text = " ".join(column)  # the signature's column: not "Date" printed under the date beside it
        if _date_of(first):
            sig.date = sig.date or _date_of(first)
            continue
        if len(text) > 120 or re.match(r"(?i)(?:pursuant\s+to|by\s*:)", text):
            break
        if title_column is not None:  # a table row goes on in its title column only
            title += [c.text for c in cells(nxt) if abs(c.start - title_column) <= 6 and not _date_of(c.text)]
            continue
        if sig.name and not title and _same_person(sig.name, re.split(r",\s+", text)[0]):
            rest = text.split(",", 1)[1].strip() if "," in text else ""
            if rest and not re.fullmatch(r"(?i)jr\.?|sr\.?|i{2,3}|esq\.?", rest):
                title.append(rest)  # "Thomas Beaudoin, Chief Financial Officer"
            continue
        if not title and _COMPANY.search(text) and text.upper() == text:
            continue  # the registrant's name printed over the signature
        title.append(text)
        if len(title) >= _MAX_TITLE_LINES:
            break
    sig.title = clean(" ".join(title)).strip(" ,") or None
    return sig


def parse_signatures(text: str) -> list[Signature]:
    """The signers of a report, in order (see the module docstring); [] when none are found."""
    lines = _block(without_sgml_tags(text))
    if not lines:
        return []
    table, table_lines = _table(lines)
    marks = _marks(lines, table_lines)
    block_date = _block_date(lines)
    found: list[tuple[int, Signature]] = []
    for k, (i, at) in enumerate(marks):
        stop = marks[k + 1][0] if k + 1 < len(marks) else min(len(lines), i + 12)
        stop = min([stop] + [j for j in table_lines if j > i])
        found.append((i, _signer(lines, i, at, stop)))
    first_table_line = min(table_lines) if table_lines else len(lines)
    found += [(first_table_line, sig) for sig in table]
    out: list[Signature] = []
    for _, sig in sorted(found, key=lambda f: f[0]):
        if not sig.name or not re.search(r"[A-Za-z]", sig.name):
            continue
        last = out[-1] if out else None
        if last and _same_person(last.name, sig.name) and not (last.title or last.date) and (sig.title or sig.date):
            # One signature read twice ("/s/ Name" over "By: Name"): one signer, both halves.
            last.title, last.date = sig.title, sig.date
            continue
        if all((s.name, s.title, s.date or block_date) != (sig.name, sig.title, sig.date or block_date) for s in out):
            out.append(sig)
    for sig in out:
        sig.date = sig.date or block_date
    return out
