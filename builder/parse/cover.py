"""The cover page of a report, read from its plain text.

`parse_cover(text)` reads what a cover page prints: the form type, the "Date of Report",
the registrant's name (above "(Exact name of registrant as specified in its charter)"),
its state of incorporation, commission file number and IRS number (over their captions,
in columns or stacked, or in a table of co-registrants), the address of its principal
executive offices and its telephone number. Whatever is not printed is None: nothing is
guessed. Only the first `WINDOW` characters are read: a cover page comes first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.model.filing import Address, Filer
from builder.parse.captions import caption_kinds, identifiers, is_fragment
from builder.parse.dates import find_dates
from builder.parse.fold import Folded, FoldedLines
from builder.parse.form_type import parse_form_type
from builder.parse.layout import cells, clean, is_blank, is_separator, split_lines, without_sgml_tags
from builder.parse.registrant import NAME_CAPTION, PHONE, STOP, registrant_names, registrant_table

#: Characters of text read for the cover page.
WINDOW = 30_000

_DATE_CAPTION = Folded(r"\bdate\s+of\s+(?:report|earliest\s+event)")
_PURSUANT = Folded(r"pursuant\s+to\s+section\s+13\s+or\s+15\s*\(\s*d\s*\)")
_PERIOD = Folded(
    r"\bfor\s+the\s+(?:fiscal\s+year|year|quarterly\s+period|quarter|period|transition\s+period)\s+ended\b"
)
_ADDRESS_CAPTION = Folded(r"principal\s+(?:executive\s+)?offices?|address\s+of\s+principal")
_PHONE_CAPTION = Folded(r"telephone\s+number")


@dataclass
class Cover:
    """What a cover page says. Unknown values are None."""

    form_type: str | None = None
    date_of_report: str | None = None  #: ISO date
    name: str | None = None
    state_of_incorporation: str | None = None  #: EDGAR code: "DE", "D0" (Bermuda)
    file_number: str | None = None
    irs_number: str | None = None
    address: str | None = None  #: one line
    phone: str | None = None
    #: Names of further registrants on a combined cover page, in order.
    co_registrants: list[str] = field(default_factory=list)

    def to_filer(self) -> Filer:
        """The registrant as a `Filer` with role "registrant"."""
        return Filer(
            name=self.name,
            role="registrant",
            irs_number=self.irs_number,
            state_of_incorporation=self.state_of_incorporation,
            file_number=self.file_number,
            business_address=Address(text=self.address) if self.address else None,
            phone=self.phone,
        )


def _date_line(line: str) -> str | None:
    """The date of a line that is (almost) only a date: "October 8, 2003", "DECEMBER 15, 1998"."""
    found = find_dates(line)
    if not found:
        return None
    iso, start, end = found[0]
    rest = re.sub(r"[\W_]+", "", re.sub(r"\([^)]*\)", "", line[:start] + line[end:]))
    return iso if len(rest) <= 12 else None


def _nearby(lines: list[str], i: int, reach: int) -> list[int]:
    """Indexes of the non-blank, non-rule lines nearest line i: above and below alternately."""
    above, below = [], []
    j = i - 1
    while j >= 0 and len(above) < reach:
        if not (is_blank(lines[j]) or is_separator(lines[j])):
            above.append(j)
        j -= 1
    j = i + 1
    while j < len(lines) and len(below) < reach:
        if not (is_blank(lines[j]) or is_separator(lines[j])):
            below.append(j)
        j += 1
    out = []
    for k in range(reach):
        out += [x[k] for x in (above, below) if k < len(x)]
    return out


def date_of_report(lines: list[str], index: FoldedLines | None = None) -> str | None:
    """The "Date of Report" (or the period a 10-K/10-Q covers) as an ISO date. `index`: the
    lines' `FoldedLines`, when the caller has it (only the lines holding a caption's first word
    are searched for it)."""
    index = index or FoldedLines(lines)
    for i in index.having("date"):  # every match of _DATE_CAPTION holds "date"
        line = lines[i]
        m = _DATE_CAPTION.search(line)
        if not m:
            continue
        found = find_dates(line[m.end():]) or find_dates(line[: m.start()])
        if found:
            return found[0][0]
        for j in _nearby(lines, i, 2):
            iso = _date_line(lines[j])
            if iso:
                return iso
    for i in index.having("ended"):  # as _PERIOD's
        if i >= 300:
            break
        line = lines[i]
        m = _PERIOD.search(line)
        if m:
            found = find_dates(line[m.end(): m.end() + 40])
            if found:
                return found[0][0]
    # Old covers print the date alone under "Pursuant to Section 13 or 15(d) ...".
    for i in index.having("pursuant"):  # as _PURSUANT's
        if i >= 120:
            break
        if _PURSUANT.search(lines[i]):
            for j in [k for k in _nearby(lines, i, 3) if k > i][:2]:
                iso = _date_line(lines[j])
                if iso:
                    return iso
            break
    return None


_ZIP = re.compile(r"^\d{5}(?:-\d{4})?$")


def _address_line(line: str) -> tuple[str, str]:
    """(address part, zip code printed in a column of its own) of one line over the caption;
    captions on the line ("(Zip Code)") are dropped."""
    parts = [c.text for c in cells(line) if not re.fullmatch(r"\([^\d()]*\)", c.text)]
    zips = [p for p in parts if _ZIP.match(p)]
    return " ".join(p for p in parts if p not in zips), " ".join(zips)


def _address(lines: list[str], index: FoldedLines | None = None) -> tuple[str | None, str | None]:
    """(address, phone found within the address block) from the address caption.

    The lines over "(Address of principal executive offices)" up to the captions or title
    above them (blank lines between are paragraph breaks of HTML), joined with commas; a zip
    code printed in its own "(Zip Code)" column goes last.
    """
    for i in (index or FoldedLines(lines)).having("principal"):  # as every match of _ADDRESS_CAPTION
        line = lines[i]
        m = _ADDRESS_CAPTION.search(line)
        if not m or len(clean(line)) > 220:
            continue
        top = i
        while top > 0 and "(" not in line[: m.start()] and "(" in lines[top - 1] and ")" not in lines[top - 1].split("(")[-1] and i - top < 3:
            top -= 1
        groups: list[list[tuple[str, str]]] = [[]]  # paragraphs of (address part, zip), bottom up
        phone = None
        j, blanks = top - 1, 0
        while j >= 0 and sum(map(len, groups)) < 5 and top - j < 12:
            text = clean(lines[j])
            if is_blank(lines[j]) or is_separator(lines[j]):
                blanks += 1
                if blanks > 2 or (groups[-1] and is_separator(lines[j])):
                    break
                if groups[-1]:
                    groups.append([])
            elif (text.startswith("(") and not PHONE.match(text)) or caption_kinds(lines[j]) or is_fragment(lines[j]) \
                    or STOP.search(text) or NAME_CAPTION.search(text) or len(text) > 150:
                break
            elif re.fullmatch(r"[,;.]", text):
                pass  # punctuation on a line of its own (inline XBRL tags broken into lines)
            elif PHONE.fullmatch(text.strip(" ,;")):
                phone = phone or text.strip(" ,;")
                blanks = 0
            else:
                groups[-1].insert(0, _address_line(lines[j]))
                blanks = 0
            j -= 1
        groups = [g for g in reversed(groups) if any(part for part, _ in g)]
        if groups:
            # Two offices printed one under the other: the first. One address broken into
            # paragraphs (a line each, HTML): all of it.
            first = groups[0]
            chosen = first if len(groups) > 1 and len(first) > 1 and any(z for _, z in first) else [x for g in groups for x in g]
            parts = [part for part, _ in chosen if part]
            zips = [z for _, z in chosen if z]
            address = re.sub(r"\s*,(?:\s*,)+", ",", ", ".join(p.rstrip(",") for p in parts)).strip(" ,")
            return (address + " " + " ".join(zips)).strip(), phone
        return None, phone
    return None, None


_ADDRESS_LABEL = re.compile(
    r"^(?:principal\s+)?(?:executive\s+)?(?:offices?\s+)?address(?:\s+and)?(?:\s+telephone(?:\s+number)?)?:?$", re.IGNORECASE
)


def _address_below(lines: list[str], index: FoldedLines | None = None) -> tuple[str | None, str | None]:
    """(address, phone) printed under an "Address and / Telephone Number" label (old covers)."""
    for i in (index or FoldedLines(lines)).having("address"):  # as every label (cleaning keeps words)
        if i >= 300:
            break
        line = lines[i]
        if not _ADDRESS_LABEL.match(clean(line)):
            continue
        j = i + 1
        if j < len(lines) and re.fullmatch(r"(?i)telephone(?:\s+number)?:?", clean(lines[j])):
            j += 1
        parts, phone = [], None
        while j < len(lines) and clean(lines[j]) and len(parts) < 4:
            text = clean(lines[j])
            if PHONE.fullmatch(text):
                phone = text
            elif caption_kinds(lines[j]) or STOP.search(text) or text.startswith("("):
                break
            else:
                parts.append(text)
            j += 1
        return (", ".join(parts) or None), phone
    return None, None


def _phone(lines: list[str], index: FoldedLines | None = None) -> str | None:
    """The telephone number by its caption: after it on its line ("...including area code: (212)
    765-5500", even broken into pieces), or alone on a line next to it."""
    for i in (index or FoldedLines(lines)).having("telephone"):  # as every match of _PHONE_CAPTION
        line = lines[i]
        m = _PHONE_CAPTION.search(line)
        if not m or len(clean(line)) > 220:
            continue
        pieces = [clean(x) for x in lines[i + 1: i + 5]]
        fragments = " ".join(pieces[: next((k for k, x in enumerate(pieces) if len(x) > 12), len(pieces))])
        same = PHONE.search(line[m.end():]) or PHONE.search(line[: m.start()]) or PHONE.search(
            clean(line[m.end():]) + " " + fragments)
        if same:
            return clean(same.group(0))
        for j in _nearby(lines, i, 2):
            text = clean(lines[j])
            found = PHONE.search(text)
            if found and len(found.group(0)) >= 0.5 * len(re.sub(r"[()\s]", "", text)):
                return clean(found.group(0))
    return None


def parse_cover(text: str) -> Cover:
    """Read the cover page at the top of a report's plain text (see the module docstring)."""
    lines = [line.replace("\u00a0", " ") for _, line in split_lines(without_sgml_tags(text[:WINDOW]))]
    index = FoldedLines(lines)
    cover = Cover(form_type=parse_form_type(lines), date_of_report=date_of_report(lines, index))
    rows = registrant_table(lines, index)
    if rows:  # a combined cover page: one row per registrant
        first = rows[0]
        cover.name, cover.file_number, cover.irs_number = first.name, first.file_number, first.irs_number
        cover.state_of_incorporation, cover.phone, cover.address = first.state, first.phone, first.address
        cover.co_registrants = [r.name for r in rows[1:] if r.name]
    else:
        names = registrant_names(lines, index)
        if names:
            cover.name, cover.co_registrants = names[0], names[1:]
        ids = identifiers(lines)
        cover.state_of_incorporation = ids.get("state")
        cover.file_number = ids.get("file")
        cover.irs_number = ids.get("irs")
    address, block_phone = _address(lines, index)
    if not address and not block_phone:
        address, block_phone = _address_below(lines, index)
    cover.address = cover.address or address
    phone = cover.phone or _phone(lines, index) or block_phone
    cover.phone = re.sub(r"\(\s*(\d{3})\s*\)\s*", r"(\1) ", phone) if phone else None
    return cover
