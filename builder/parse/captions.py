"""Values printed next to their captions on a cover page.

A cover page prints a value and, under it (sometimes over it or on the same line), a
caption in parentheses: "DELAWARE" over "(State or Other Jurisdiction of Incorporation)".
Values of several captions share a line, in columns. Each kind of value here has a shape
of its own (a state's name, "000-30229", "04-3387074"), so a value is looked for by its
shape on the line that goes with a caption, and columns only decide between two candidates.
"""

from __future__ import annotations

import re
from functools import lru_cache

from builder.edgar import COUNTRY_CODES, STATE_CODES, jurisdiction_code
from builder.parse.fold import Folded
from builder.parse.layout import cells, clean, is_blank, is_separator

#: Caption keywords of the three identifiers, each matched on one line of a caption.
CAPTIONS: dict[str, Folded] = {
    "state": Folded(
        r"\(\s*state\b|\bstate\s+(?:or\s+other|or\s+country|of\s+incorporation|of\s+organi[sz]ation|of\b(?!\s+the\s))"
        r"|\bjurisdiction\b|\bcountry\s+of\s+(?:incorporation|organi[sz]ation)|\bplace\s+of\s+incorporation"
    ),
    "file": Folded(
        r"\bcommission\s+file\b|\bfile\s+(?:nos?\b|numbers?\b)|\bsec\s+file\b|\bregistration\s+(?:statement\s+)?nos?\b"
        r"|(?:^\s*|(?<=\t)|(?<=\s\s))\(?commission\)?(?=\s*$|\t|\s\s)"
    ),
    "irs": Folded(
        r"\bI\.?\s?R\.?\s?S\.?(?=[\s,]|$)|\bemployer\b|\bidentification\s+(?:no\b|number\b)|\(\s*EIN\b|\btax\s*payer\s+identification"
    ),
}

IRS = re.compile(r"(?<![\w\-/.])(\d{2})\s?[-\u2010-\u2013]\s?(\d{7})(?![\w\-/])")
IRS_BARE = re.compile(r"(?<![\w\-/.])\d{9}(?![\w\-/])")
FILE_NUMBER = re.compile(r"(?<![\w\-/.(])(\d{1,3}\s?[-\u2010-\u2013]\s?\d{3,6}(?:-\d{1,3})?)(?![\w\-/)])")
_NAMES = sorted(list(STATE_CODES) + list(COUNTRY_CODES), key=len, reverse=True)
_JURISDICTION = re.compile(r"\b(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in _NAMES) + r")\b", re.IGNORECASE)
_NONE_VALUE = re.compile(r"^\s*(?:N/?A|None|Not\s+Applicable|-+)\s*$", re.IGNORECASE)
#: "(City) (State) (Zip)": the captions of an address (a Form 4's reporting person), whose
#: bare "(State)" is where the address is, not where a company is incorporated.
_ADDRESS_CAPTIONS = Folded(r"\(\s*state\s*\)")
_ADDRESS_PARTS = Folded(r"\(\s*(?:city|zip|street)\b")
#: Caption lines are short; a long line holding a keyword is a sentence.
_MAX_CAPTION_LINE = 220
#: A word every caption of `CAPTIONS` holds: a line without one has none (one search, not three).
_CAPTION_WORD = Folded(
    r"state|jurisdiction|country|place|commission|file|registration|I\.?\s?R\.?\s?S|employer|identification|EIN|tax"
)


#: Lines whose captions are kept: the covers of thousands of filings repeat some thousands of
#: lines (their captions), which a smaller cache lets go between two. Only lines this long at
#: most are kept (caption lines, made of table cells, may be long with spaces), so that what the
#: cache holds stays bounded (some MB).
_KEPT_LINES, _KEPT_LENGTH = 1 << 15, 1000
#: No captions (do not change it: it is every sentence's answer).
_NONE: dict[str, int] = {}


def caption_kinds(line: str) -> dict[str, int]:
    """The identifier captions on a line → the column where each starts (do not change it: the
    answer for a line is kept, cover pages ask for most lines more than once)."""
    if len(line) > _MAX_CAPTION_LINE and len(clean(line)) > _MAX_CAPTION_LINE:
        return _NONE  # a sentence (cleaning never lengthens a line): measured, neither searched nor kept
    return _caption_kinds(line) if len(line) <= _KEPT_LENGTH else _caption_kinds.__wrapped__(line)


@lru_cache(maxsize=_KEPT_LINES)
def _caption_kinds(line: str) -> dict[str, int]:
    if not _CAPTION_WORD.search(line) or len(clean(line)) > _MAX_CAPTION_LINE:
        return {}
    found = {}
    for kind, pattern in CAPTIONS.items():
        m = pattern.search(line)
        if m and kind == "state" and _ADDRESS_CAPTIONS.search(line) and _ADDRESS_PARTS.search(line):
            continue
        if m:
            found[kind] = len(line[: m.start()].expandtabs(8))
    return found


def candidates(kind: str, line: str) -> list[tuple[int, str]]:
    """Values of `kind` on a line, by shape: (column, value) pairs."""
    out: list[tuple[int, str]] = []
    if kind == "irs":
        for m in IRS.finditer(line):
            out.append((len(line[: m.start()].expandtabs(8)), f"{m.group(1)}-{m.group(2)}"))
        if not out:
            out = [(len(line[: m.start()].expandtabs(8)), m.group(0)) for m in IRS_BARE.finditer(line)]
    elif kind == "file":
        for m in FILE_NUMBER.finditer(line):
            value = re.sub(r"\s", "", m.group(1)).replace("\u2013", "-").replace("\u2010", "-").replace("\u2011", "-").replace("\u2012", "-")
            out.append((len(line[: m.start()].expandtabs(8)), value))
    else:
        for cell in cells(line):
            code = jurisdiction_code(cell.text) if len(cell.text) < 40 else None
            if code:
                out.append((cell.start, code))
        if not out:
            for m in _JURISDICTION.finditer(line):
                code = jurisdiction_code(m.group(0))
                if code:
                    out.append((len(line[: m.start()].expandtabs(8)), code))
    return out


def _pick(found: list[tuple[int, str]], column: int) -> str | None:
    if not found:
        return None
    return min(found, key=lambda c: abs(c[0] - column))[1]


def is_fragment(line: str) -> bool:
    """A piece of a caption broken over lines: "of Incorporation)", "(Commission", "(Zip Code)"."""
    parts = cells(line)
    return bool(parts) and all(
        (c.text.startswith("(") or c.text.endswith(")")) and not re.search(r"\d", c.text) for c in parts
    )


def _skippable(line: str) -> bool:
    return is_blank(line) or is_separator(line)


def _values_above(lines: list[str], top: int, count: int) -> list[int]:
    """Up to `count` value lines above a caption block, nearest first (rules and blanks skipped)."""
    out: list[int] = []
    j, gap = top - 1, 0
    while j >= 0 and len(out) < count and gap < 6:
        line = lines[j]
        if _skippable(line):
            gap += 1
            if out and is_blank(line) and gap > 1:
                break
        elif is_caption_line(line) and not _labelled(line) or is_fragment(line) or clean(line).startswith("("):
            break
        else:
            out.append(j)
            gap = 0
        j -= 1
    return out


def _value_below(lines: list[str], bottom: int) -> int | None:
    """The first value line under a caption block (for captions printed over their values)."""
    j = bottom + 1
    while j < len(lines) and j - bottom < 8:
        if not (_skippable(lines[j]) or is_caption_line(lines[j]) or is_fragment(lines[j])):
            return j
        j += 1
    return None


def _caption_block(lines: list[str], i: int) -> list[int]:
    """Line i and the caption lines (or caption fragments) that follow it."""
    block = [i]
    while block[-1] + 1 < len(lines) and len(block) < 8:
        nxt = lines[block[-1] + 1]
        if not (is_caption_line(nxt) or is_fragment(nxt)):
            break
        block.append(block[-1] + 1)
    return block


def _assign(lines: list[str], block: list[int], value_lines: list[int], wanted: list[str], columns: dict[str, int]) -> dict[str, str]:
    """Values of the wanted kinds from the value lines of a caption block."""
    found: dict[str, str] = {}
    kind_lines = [j for j in block if caption_kinds(lines[j])]
    ordered = [next(iter(caption_kinds(lines[j]))) for j in kind_lines if len(caption_kinds(lines[j])) == 1]
    if len(value_lines) > 1 and len(ordered) == len(kind_lines) == len(value_lines) and len(set(ordered)) == len(ordered):
        # Values stacked over captions stacked in the same order: the n-th value is the n-th caption's.
        for kind, j in zip(ordered, sorted(value_lines)):
            if kind in wanted and not _NONE_VALUE.match(lines[j]):
                value = _pick(candidates(kind, lines[j]), columns[kind])
                if value:
                    found[kind] = value
        return found
    for kind in wanted:
        for j in value_lines:  # nearest first
            if _NONE_VALUE.match(lines[j]):
                continue
            value = _pick(candidates(kind, lines[j]), columns[kind])
            if value:
                found[kind] = value
                break
    return found


@lru_cache(maxsize=4096)
def _labelled(line: str) -> dict[str, str]:
    """Values printed after their own label: "Commission File Number: 1-5502", "File No. 1-3285"
    (do not change it: the answer for a line is kept, as `caption_kinds`'s)."""
    out = {}
    for kind, column in caption_kinds(line).items():
        after = [c for c in candidates(kind, line) if c[0] >= column]
        if after:
            out[kind] = min(after)[1]
    return out


def is_caption_line(line: str) -> bool:
    """A line of captions: it names identifiers whose values are not printed after them on it."""
    kinds = caption_kinds(line)
    return bool(kinds) and not set(kinds) <= set(_labelled(line))


def identifiers(lines: list[str]) -> dict[str, str]:
    """State (EDGAR code), commission file number and IRS number found by their captions."""
    found: dict[str, str] = {}
    i = 0
    while i < len(lines):
        if not caption_kinds(lines[i]):  # most lines: nothing labelled (`_labelled`), no caption line
            i += 1
            continue
        for kind, value in _labelled(lines[i]).items():
            found.setdefault(kind, value)
        if not is_caption_line(lines[i]):
            i += 1
            continue
        block = _caption_block(lines, i)
        columns: dict[str, int] = {}
        for j in block:
            for kind, col in caption_kinds(lines[j]).items():
                columns.setdefault(kind, col)
            for kind, value in _labelled(lines[j]).items():
                found.setdefault(kind, value)
        wanted = [k for k in columns if k not in found]
        if wanted:
            kinds_count = sum(1 for j in block if caption_kinds(lines[j]))
            got = _assign(lines, block, _values_above(lines, block[0], max(1, kinds_count)), wanted, columns)
            if not got and not any(clean(lines[j]).startswith("(") for j in block):
                # Captions printed over their values, as labels ("State of / Incorporation").
                below = _value_below(lines, block[-1])
                if below is not None:
                    got = _assign(lines, block, [below], wanted, columns)
            found.update(got)
        i = block[-1] + 1
    return found


def paren_state(text: str) -> str | None:
    """The state of "(A Delaware Corporation)" or "(a Pennsylvania corporation)", as a code."""
    m = re.search(r"\(\s*(?:an?\s+)?(?:incorporated\s+in\s+)?([A-Za-z .]+?)\s*(?:corporation|company|limited|trust|partnership|\))", text, re.IGNORECASE)
    return jurisdiction_code(m.group(1)) if m else None
