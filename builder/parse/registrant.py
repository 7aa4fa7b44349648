"""The registrant named on a cover page: over its "(Exact name of registrant ...)" caption,
broken over two lines or not, beside other captions in a row, or in a table of co-registrants
(a parent and its subsidiaries filing one report, one row each: file number, name and state of
incorporation, address and telephone, IRS number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.parse.captions import FILE_NUMBER, IRS, caption_kinds, paren_state
from builder.parse.dates import find_dates
from builder.parse.fold import Folded, FoldedLines
from builder.parse.layout import cells, clean, is_blank, is_separator

NAME_CAPTION = Folded(
    r"\bname\s+of\s+(?:the\s+)?(?:registrant|issuer|company|small\s+business\s+issuer|subject\s+company"
    r"|depositor|issuing\s+entity|sponsor|securitizer)s?\b(?!\s*\(\s*offeror)|\(\s*registrant.?s?\s+name\s*\)"
)
_NO_NAME = re.compile(r"^(?:not\s+applicable|n/?a|none|inapplicable)\.?$", re.IGNORECASE)
PHONE = re.compile(
    r"(?:\+\s?1[\s.\-]?)?(?:\(\s?\d{3}\s?\)|(?<![\d\-])\d{3})[\s.\-/]*\d{3}\s?[.\-\u2010-\u2013]\s?\d{4}(?![\d\-])"
)
#: Lines that cannot be (part of) a name or an address: titles, captions, sentences.
STOP = re.compile(
    r"securities\s+and\s+exchange|washington,?\s+d|\bform\s+\w{1,4}-|current\s+report|pursuant\s+to|act\s+of\s+19"
    r"|date\s+of\s+(?:report|earliest)|fiscal\s+year|quarterly\s+period|transition\s+period|commission\s+file"
    r"|\bmark\s+one\b|amendment\s+no|check\s+the\s+appropriate|indicate\s+by\s+check|registrant|\bcusip\b"
    r"|identification|employer|jurisdiction|^\W*[o\u2610\u2612\u00a8\u00fd]\s",
    re.IGNORECASE,
)
#: The words of the head of a co-registrant table, read across its lines (up to 8: cells broken up).
_TABLE_HEAD = [Folded(p) for p in (
    r"\bregistrants?\b", r"state\s+of\s+incorporation", r"file\s+number|commission", r"identification|I\.\s?R\.\s?S\.")]
#: `_TABLE_HEAD[1]` in lines lower-cased (see `registrant_table`): its spaces, runs of what
#: `clean` makes a space (whitespace, line ends, zero-width spaces and BOMs).
_TABLE_STATE = re.compile(r"state[\s\u200b\ufeff]+of[\s\u200b\ufeff]+incorporation")
_ROW_START = re.compile(r"^\s*(\d{1,3}-\d{3,6}(?:-\d{1,3})?)(?:\s|$)")
#: An item heading: "Item 1.", "ITEM 1(a). NAME OF ISSUER", "Item 2.01 ...". A name caption on
#: such a line is a question of the report's body (a Schedule 13G's "Item 1(a) Name of Issuer"),
#: not a cover page's caption; a "name" that is one was taken from the body.
ITEM_HEADING = re.compile(r"^\W*items?\s+\d", re.IGNORECASE)
#: The last line of an address: a state (name or postal code) and a ZIP code ("MORRISVILLE NC 27560").
_CITY_STATE_ZIP = re.compile(r"\b[A-Za-z][A-Za-z.]+,?\s+\d{5}(?:-\d{4})?\s*$")
#: A number written with thousands separators ("20,395,789 shares"): a sentence, not a name.
_BIG_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+")

def is_junk_name(name: str) -> bool:
    """True for text that a cover page prints near a name caption but that is no company's name:
    an item heading, a caption or a piece of one ("(Exact name of registrant ..."), the city,
    state and ZIP code line of an address, a sentence (many words, or counts like "20,395,789"),
    a label with its value ("Name: ...")."""
    text = name.strip()
    return bool(
        ITEM_HEADING.match(text)
        or text.startswith("(")
        or NAME_CAPTION.search(text)
        or re.search(r"\bexact\s+name\b", text, re.IGNORECASE)
        or _CITY_STATE_ZIP.search(text)
        or _BIG_NUMBER.search(text)
        or re.search(r"\w:\s", text)  # a label and its value: "COMPANY CONFORMED NAME: ..."
        or len(text.split()) > 15
    )


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
    if len(clean(before)) > 2 and not STOP.search(before) and "(" not in before:
        return _name_text(before)
    block: list[str] = []
    j = i - 1
    while j >= 0 and len(block) < 3 and i - j < 8:
        line = lines[j]
        if is_blank(line) or is_separator(line):
            if block:
                break
        elif STOP.search(line) or clean(line).startswith("(") or find_dates(line):
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
    return best.text if best and not STOP.search(best.text) else None


def _uncaptioned_name(lines: list[str]) -> str | None:
    """For covers without a name caption (1990s): the line over the identifiers' captions (a
    block of captions naming at least two of state, file number and IRS number)."""
    top = next((i for i, line in enumerate(lines[:200]) if caption_kinds(line)), None)
    if top is None or len({k for line in lines[top: top + 4] for k in caption_kinds(line)}) < 2:
        return None
    j = top - 1
    while j >= 0 and top - j < 12:
        text = clean(lines[j])
        if not text or is_separator(lines[j]) or FILE_NUMBER.search(text) or IRS.search(text):
            j -= 1
            continue
        if STOP.search(text) or find_dates(text) or text.startswith("(") or len(text) > 80:
            return None
        name = _name_text(lines[j])
        return name if re.search(r"[A-Za-z]{2}", name) and (" " in name or _is_suffix_only(name)) else None
    return None


#: The last word of a company's name: "Tesla, Inc.", "ALLTEL CORPORATION", "Barclays PLC".
_COMPANY_SUFFIX = re.compile(
    r"(?:,?\s(?:inc|incorporated|corp|corporation|company|co|ltd|limited|llc|l\.\s?l\.\s?c|l\.\s?p|lp|plc"
    r"|n\.\s?v|s\.\s?a|ag|se|trust|bancorp|bancshares)\.?)$",
    re.IGNORECASE,
)
#: Lines read at the head of a document for a name printed with no caption.
_HEAD_LINES = 15


def _head_name(lines: list[str]) -> str | None:
    """For a document with no captions at all (a bare 10-K's first page, a prospectus, a letter):
    a line at its head, before its first sentence, that is a company's name by its last word
    ("TESLA, INC." over "FORM 10-K"; "NextEra Energy, Inc." over the offering)."""
    seen = 0
    for line in lines:
        text = clean(line)
        if not text or is_separator(line):
            continue
        seen += 1
        if seen > _HEAD_LINES or len(text.split()) > 15 or (text.endswith(".") and len(text.split()) > 8):
            return None  # past the head, or at the first sentence
        if len(cells(line)) > 1 or STOP.search(text) or find_dates(text) or is_junk_name(text) \
                or re.match(r"[a-z]+\b", text):  # a sentence's continuation ("affiliated with ... LLC")
            continue
        if _COMPANY_SUFFIX.search(text) and re.search(r"[A-Za-z]{2}", text[:-4]):
            return text
    return None


def _table_head(lines: list[str], i: int) -> bool:
    """True when lines i.. are the head of a table of registrants (one row per registrant)."""
    first = clean(lines[i])
    if not first or first.startswith("(") or len(first) > 250 or not any(p.search(first) for p in _TABLE_HEAD):
        return False
    joined = " ".join(clean(line) for line in lines[i: i + 8] if clean(line))
    return len(joined) < 500 and all(p.search(joined) for p in _TABLE_HEAD)


@dataclass
class TableRow:
    """One registrant of a combined cover page."""

    name: str | None
    file_number: str | None
    irs_number: str | None
    state: str | None
    phone: str | None
    address: str | None


def registrant_table(lines: list[str], index: FoldedLines | None = None) -> list[TableRow]:
    """The rows of a co-registrant table ("Commission File Number | Registrant, State of
    Incorporation, Address and Telephone | IRS Employer Identification No."), or [].
    `index`: the lines' `FoldedLines`, when the caller has it."""
    # Every head says "state of incorporation" (`_TABLE_HEAD`), within 8 lines of where it starts:
    # so in the text of all the lines a head may be read from, or nowhere. That text is the lines
    # cleaned and joined: its words apart by one space where the lines have runs of spaces, line
    # ends and blank lines. So the phrase is first looked for in the lines as they are, lower-cased
    # (`_TABLE_STATE`: a space there is any run of those), then in the text made.
    folded = (index or FoldedLines(lines)).folded
    head_lines = lines[:400 + 7]
    if folded is not None and not _TABLE_STATE.search(folded, 0, sum(map(len, head_lines)) + len(head_lines)):
        return []
    if not _TABLE_HEAD[1].search(" ".join(text for text in map(clean, head_lines) if text)):
        return []
    head = next((i for i in range(min(len(lines), 400)) if _table_head(lines, i)), None)
    if head is None:
        return []
    rows: list[list[str]] = []
    for line in lines[head + 1: head + 120]:
        text = clean(line)
        if _ROW_START.match(line):
            rows.append([line])
        elif rows and text and (len(text) > 90 or re.match(r"(?i)item\s+\d|check\s+the|this\s+combined", text)):
            break
        elif rows and text:
            rows[-1].append(line)
    out = []
    for row in rows:
        first = cells(row[0])
        rest = [c.text for c in first[1:] if not IRS.fullmatch(c.text)]
        name = rest[0] if rest else next((_name_text(r) for r in row[1:] if not IRS.fullmatch(clean(r))), None)
        block = "\n".join(row)
        irs = IRS.search(block)
        phone = PHONE.search(block)
        address = [clean(r) for r in row[1:] if clean(r) and not (
            clean(r).startswith("(") or IRS.fullmatch(clean(r)) or PHONE.fullmatch(clean(r)) or clean(r) == name)]
        out.append(TableRow(
            name=name,
            file_number=_ROW_START.match(row[0]).group(1),
            irs_number=f"{irs.group(1)}-{irs.group(2)}" if irs else None,
            state=paren_state(block),
            phone=phone.group(0) if phone else None,
            address=", ".join(a.rstrip(",") for a in address[:4]) or None,
        ))
    return out


def registrant_names(lines: list[str], index: FoldedLines | None = None) -> list[str]:
    """The names over each "(Exact name of registrant ...)" caption, in order, each once; for a
    cover page with no such caption, the name printed over the identifiers' captions, and for a
    document with no captions at all, a company's name at its head (`_head_name`). Captions
    in item headings and candidates that are no names (`is_junk_name`) are passed over.
    `index`: the lines' `FoldedLines`, when the caller has it."""
    index = index or FoldedLines(lines)
    names: list[str] = []
    captioned = False  # a line has a name caption
    for i in index.having("name"):  # both branches of NAME_CAPTION hold "name"
        line = lines[i]
        m = NAME_CAPTION.search(line)
        if m:
            captioned = True
        if m and len(clean(line)) < 200 and not ITEM_HEADING.match(line):
            name = _name_at(lines, i, m)
            if name and name not in names and not _NO_NAME.match(name) and not is_junk_name(name):
                names.append(name)
    if not names and not captioned:
        names = [n for n in [_uncaptioned_name(lines)] if n and not is_junk_name(n)]
        if not names:
            names = [n for n in [_head_name(lines)] if n]
    return names
