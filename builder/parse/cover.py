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
from builder.parse.captions import FILE_NUMBER, IRS, caption_kinds, identifiers, is_fragment, paren_state
from builder.parse.dates import find_dates
from builder.parse.form_type import parse_form_type
from builder.parse.layout import cells, clean, is_blank, is_separator, split_lines

#: Characters of text read for the cover page.
WINDOW = 30_000

_NAME_CAPTION = re.compile(
    r"\bname\s+of\s+(?:the\s+)?(?:registrant|issuer|company|small\s+business\s+issuer|subject\s+company"
    r"|depositor|issuing\s+entity|sponsor|securitizer)s?\b(?!\s*\(\s*offeror)",
    re.IGNORECASE,
)
_DATE_CAPTION = re.compile(r"\bdate\s+of\s+(?:report|earliest\s+event)", re.IGNORECASE)
_PURSUANT = re.compile(r"pursuant\s+to\s+section\s+13\s+or\s+15\s*\(\s*d\s*\)", re.IGNORECASE)
_PERIOD = re.compile(
    r"\bfor\s+the\s+(?:fiscal\s+year|year|quarterly\s+period|quarter|period|transition\s+period)\s+ended\b",
    re.IGNORECASE,
)
_ADDRESS_CAPTION = re.compile(r"principal\s+(?:executive\s+)?offices?|address\s+of\s+principal", re.IGNORECASE)
_PHONE_CAPTION = re.compile(r"telephone\s+number", re.IGNORECASE)
PHONE = re.compile(
    r"(?:\+\s?1[\s.\-]?)?(?:\(\s?\d{3}\s?\)|(?<![\d\-])\d{3})[\s.\-/]*\d{3}\s?[.\-\u2010-\u2013]\s?\d{4}(?![\d\-])"
)
#: Lines that cannot be (part of) a name or an address: titles, captions, sentences.
_STOP = re.compile(
    r"securities\s+and\s+exchange|washington,?\s+d|\bform\s+\w{1,4}-|current\s+report|pursuant\s+to|act\s+of\s+19"
    r"|date\s+of\s+(?:report|earliest)|fiscal\s+year|quarterly\s+period|transition\s+period|commission\s+file"
    r"|\bmark\s+one\b|amendment\s+no|check\s+the\s+appropriate|indicate\s+by\s+check|registrant|\bcusip\b"
    r"|identification|employer|jurisdiction|^\W*[o\u2610\u2612\u00a8\u00fd]\s",
    re.IGNORECASE,
)
#: The words of the head of a co-registrant table, read across its (up to 4) lines.
_TABLE_HEAD = [re.compile(p, re.IGNORECASE) for p in (
    r"\bregistrants?\b", r"state\s+of\s+incorporation", r"file\s+number|commission", r"identification|I\.\s?R\.\s?S\.")]
_ROW_START = re.compile(r"^\s*(\d{1,3}-\d{3,6}(?:-\d{1,3})?)(?:\s|$)")


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


def date_of_report(lines: list[str]) -> str | None:
    """The "Date of Report" (or the period a 10-K/10-Q covers) as an ISO date."""
    for i, line in enumerate(lines):
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
    for line in lines[:300]:
        m = _PERIOD.search(line)
        if m:
            found = find_dates(line[m.end(): m.end() + 40])
            if found:
                return found[0][0]
    # Old covers print the date alone under "Pursuant to Section 13 or 15(d) ...".
    for i, line in enumerate(lines[:120]):
        if _PURSUANT.search(line):
            for j in [k for k in _nearby(lines, i, 3) if k > i][:2]:
                iso = _date_line(lines[j])
                if iso:
                    return iso
            break
    return None


def _is_suffix_only(text: str) -> bool:
    words = re.sub(r"[,.&]", " ", text).upper().split()
    suffixes = {"INC", "INCORPORATED", "CORP", "CORPORATION", "CO", "COMPANY", "LTD", "LIMITED", "LLC", "L", "P",
                "LP", "PLC", "N", "V", "NV", "S", "A", "SA", "AG", "TRUST", "HOLDINGS", "GROUP", "BANCORP", "THE"}
    return bool(words) and all(w in suffixes for w in words)


def _joins(upper: str, lower: str) -> bool:
    """True when `lower` continues the name begun on `upper` (a name broken over two lines)."""
    if re.search(r"(?:[,&\-]|\b(?:and|of|the|for|de)\b)\s*$", upper, re.IGNORECASE):
        return True
    return bool(re.match(r"\s*(?:[a-z&(]|and\b|of\b)", lower)) or _is_suffix_only(lower)


def _name_text(line: str) -> str:
    text = " ".join(c.text for c in cells(line)) if "\t" in line else clean(line)
    return text.strip(" *:_\u2014-").strip()


def _name_at(lines: list[str], i: int, caption: re.Match) -> str | None:
    """The name printed over (or before, or after) the name caption on line i."""
    line = lines[i]
    before = re.sub(r"\(?\s?(?:the\s)?(?:exact\s|full\s)?$", "", clean(line[: caption.start()]) + " ", flags=re.IGNORECASE)
    if caption_kinds(line) or ("(" in before and len(cells(line)) > 1):
        return _name_in_column(lines, i, len(line[: caption.start()].expandtabs(8)))
    if len(clean(before)) > 2 and not _STOP.search(before) and "(" not in before:
        return _name_text(before)
    block: list[str] = []
    j = i - 1
    while j >= 0 and len(block) < 3 and i - j < 8:
        line = lines[j]
        if is_blank(line) or is_separator(line):
            if block:
                break
        elif _STOP.search(line) or clean(line).startswith("(") or find_dates(line):
            break
        else:
            block.insert(0, _name_text(line))
        j -= 1
    if block:
        name = block[-1]
        for upper in reversed(block[:-1]):
            if not (_joins(upper, name) or len(block) == 2):
                break
            name = upper + " " + name
        return name if len(name) > 1 else None
    after = re.sub(r"^.*?\)\s*:?|^[^:]*:", "", lines[i][caption.end():]).strip()
    if len(after) > 2:
        return _name_text(after)
    return None


def _name_in_column(lines: list[str], i: int, column: int) -> str | None:
    """The name over a caption that shares its line with others: the cell above at its column."""
    j = i - 1
    while j >= 0 and i - j < 5 and (is_blank(lines[j]) or is_separator(lines[j])):
        j -= 1
    if j < 0:
        return None
    near = [c for c in cells(lines[j]) if c.start - 6 <= column + 40 and c.end + 6 >= column]
    best = min(near, key=lambda c: abs(c.start - column), default=None)
    return best.text if best and not _STOP.search(best.text) else None


def _uncaptioned_name(lines: list[str]) -> str | None:
    """For covers without a name caption (1990s): the line over the identifiers' captions."""
    top = next((i for i, line in enumerate(lines[:200]) if caption_kinds(line)), None)
    if top is None:
        return None
    j = top - 1
    while j >= 0 and top - j < 12:
        text = clean(lines[j])
        if not text or is_separator(lines[j]) or FILE_NUMBER.search(text) or IRS.search(text):
            j -= 1
            continue
        if _STOP.search(text) or find_dates(text) or text.startswith("(") or len(text) > 80:
            return None
        return _name_text(lines[j]) if re.search(r"[A-Za-z]{2}", text) else None
    return None


def _table_head(lines: list[str], i: int) -> bool:
    """True when lines i.. are the head of a table of registrants (one row per registrant)."""
    first = clean(lines[i])
    if not first or first.startswith("(") or len(first) > 250 or not any(p.search(first) for p in _TABLE_HEAD):
        return False
    joined = " ".join(clean(line) for line in lines[i: i + 4])
    return len(joined) < 500 and all(p.search(joined) for p in _TABLE_HEAD)


def _registrant_table(lines: list[str], cover: Cover) -> bool:
    """Rows of a co-registrant table ("Commission File Number | Registrant, State ... | IRS")."""
    head = next((i for i in range(min(len(lines), 400)) if _table_head(lines, i)), None)
    if head is None:
        return False
    rows: list[list[str]] = []
    for line in lines[head + 1: head + 120]:
        text = clean(line)
        if _ROW_START.match(line):
            rows.append([line])
        elif rows and text and (len(text) > 90 or re.match(r"(?i)item\s+\d|check\s+the|this\s+combined", text)):
            break
        elif rows and text:
            rows[-1].append(line)
    names = []
    for row in rows:
        first = cells(row[0])
        rest = [c.text for c in first[1:] if not IRS.fullmatch(c.text)]
        name_line = rest[0] if rest else next((_name_text(r) for r in row[1:] if not IRS.fullmatch(clean(r))), None)
        block = "\n".join(row)
        irs = IRS.search(block)
        record = {"name": name_line, "file": _ROW_START.match(row[0]).group(1),
                  "irs": f"{irs.group(1)}-{irs.group(2)}" if irs else None, "state": paren_state(block)}
        names.append(record)
        if len(names) == 1:
            cover.name, cover.file_number, cover.irs_number = record["name"], record["file"], record["irs"]
            cover.state_of_incorporation = record["state"]
            phone = PHONE.search(block)
            cover.phone = phone.group(0) if phone else None
    cover.co_registrants = [r["name"] for r in names[1:] if r["name"]]
    return bool(names)


_ZIP_CAPTION = re.compile(r"\(?zip\s?code\)?", re.IGNORECASE)
_ZIP = re.compile(r"^\d{5}(?:-\d{4})?$")


def _address_line(line: str, zip_column: int | None) -> tuple[str, str]:
    """(address part, zip part) of one line over the address caption."""
    if zip_column is None:
        return " ".join(c.text for c in cells(line)), ""
    parts = cells(line)
    zips = [c.text for c in parts if c.start >= zip_column - 4 and _ZIP.match(c.text)]
    rest = [c.text for c in parts if c.text not in zips]
    return " ".join(rest), " ".join(zips)


def _address(lines: list[str]) -> tuple[str | None, str | None]:
    """(address, phone found within the address block) from the address caption.

    The lines over "(Address of principal executive offices)" up to the captions or title
    above them (blank lines between are paragraph breaks of HTML), joined with commas; a zip
    code printed in its own "(Zip Code)" column goes last.
    """
    for i, line in enumerate(lines):
        m = _ADDRESS_CAPTION.search(line)
        if not m or len(clean(line)) > 220:
            continue
        top = i
        while top > 0 and "(" not in line[: m.start()] and "(" in lines[top - 1] and ")" not in lines[top - 1].split("(")[-1] and i - top < 3:
            top -= 1
        zip_caption = _ZIP_CAPTION.search(line[m.end():])
        zip_column = len(line[: m.end() + zip_caption.start()].expandtabs(8)) if zip_caption and len(cells(line)) > 1 else None
        parts: list[str] = []
        zips: list[str] = []
        phone = None
        j, blanks = top - 1, 0
        while j >= 0 and len(parts) < 5 and top - j < 12:
            text = clean(lines[j])
            if is_blank(lines[j]) or is_separator(lines[j]):
                blanks += 1
                if blanks > 2 or (parts and is_separator(lines[j])):
                    break
            elif (text.startswith("(") and not PHONE.match(text)) or caption_kinds(lines[j]) or is_fragment(lines[j]) \
                    or _STOP.search(text) or _NAME_CAPTION.search(text) or len(text) > 150:
                break
            elif PHONE.fullmatch(text.strip(" ,;")):
                phone = phone or text.strip(" ,;")
                blanks = 0
            else:
                part, zip_code = _address_line(lines[j], zip_column)
                if part:
                    parts.insert(0, part)
                if zip_code:
                    zips.insert(0, zip_code)
                blanks = 0
            j -= 1
        if parts:
            address = ", ".join(p.rstrip(",") for p in parts)
            return (address + " " + " ".join(zips)).strip(), phone
        return None, phone
    return None, None


def _phone(lines: list[str]) -> str | None:
    for i, line in enumerate(lines):
        m = _PHONE_CAPTION.search(line)
        if not m or len(clean(line)) > 220:
            continue
        same = PHONE.search(line[m.end():]) or PHONE.search(line[: m.start()])
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
    lines = [line.replace("\u00a0", " ") for _, line in split_lines(text[:WINDOW])]
    cover = Cover(form_type=parse_form_type(lines), date_of_report=date_of_report(lines))
    if not _registrant_table(lines, cover):
        names = []
        for i, line in enumerate(lines):
            m = _NAME_CAPTION.search(line)
            if m and len(clean(line)) < 200:
                name = _name_at(lines, i, m)
                if name and name not in names:
                    names.append(name)
        if not names and not any(_NAME_CAPTION.search(line) for line in lines):
            names = [n for n in [_uncaptioned_name(lines)] if n]
        if names:
            cover.name, cover.co_registrants = names[0], names[1:]
        ids = identifiers(lines)
        cover.state_of_incorporation = ids.get("state")
        cover.file_number = ids.get("file")
        cover.irs_number = ids.get("irs")
    address, block_phone = _address(lines)
    cover.address = address
    cover.phone = cover.phone or _phone(lines) or block_phone
    return cover
