"""The exhibit list of a report: (number, description) pairs.

`parse_exhibit_index(text)` reads the lists a report gives of its exhibits: the "EXHIBIT
INDEX" (or "INDEX TO EXHIBITS") and the exhibits paragraph of "Item 7(c)" / "Item 9.01(d)"
(10-K "Item 15", 10-Q "Item 6"). An entry is a line starting with an exhibit number ("99.1",
"Exhibit 99.1 -", "(99)", "10.1*", "101.INS") followed by its description, or a number
alone on a line with the description on the next (table cells broken over lines).
Continuation lines are joined; page references ("Page 3", dot leaders) are dropped.
Numbers are read only inside those lists, so figures in the body never become exhibits.
"""

from __future__ import annotations

import re

from builder.parse.fold import FoldedLines
from builder.parse.layout import clean, is_blank, is_separator, without_sgml_tags

_INDEX_HEADING = re.compile(
    r"^[ \t\u00a0]*(?:EXHIBIT\s+INDEX|INDEX\s+(?:TO|OF)\s+EXHIBITS|EXHIBITS?\s+INDEX|LIST\s+OF\s+EXHIBITS"
    r"|EXHIBITS?\s*(?:\(?FILED\s+HEREWITH\)?)?)[ \t.:\u00a0]*$"
    r"|^[ \t\u00a0]*EXHIBIT(?:[ \t]+(?:NO\.?|NUMBER))?(?:[ \t]{2,}|\t)(?:DESCRIPTION(?:[ \t]+OF[ \t]+(?:EXHIBITS?|DOCUMENTS?))?"
    r"|(?:EXHIBIT[ \t]+)?TITLE|DOCUMENTS?)[ \t]*$",
    re.IGNORECASE,
)
#: Headings that introduce a list of exhibits: an item about exhibits (8-K 7 / 9.01, 10-K 14 / 15,
#: 10-Q 6, S-1 16 ...), "(c) Exhibits", "Exhibits:".
_ITEM_HEADING = re.compile(
    r"^[ \t\u00a0]*(?:ITEM[ \t\u00a0]*\d{1,2}(?:\.\d{1,2})?[A-C]?\b[^\n]{0,110}?\bEXHIBITS?\b|\(?[a-e]\)[ \t\u00a0]*EXHIBITS?\b"
    r"|EXHIBITS?[ \t]*:)",
    re.IGNORECASE,
)
_STOP = re.compile(r"^[ \t\u00a0]*(?:S[ \t]?I[ \t]?G[ \t]?N[ \t]?A[ \t]?T[ \t]?U[ \t]?R[ \t]?E[ \t]?S?\b|ITEM[ \t]+\d|PART[ \t]+I)", re.IGNORECASE)
_NUMBER = r"(?P<num>\d{1,3}(?:\.\d{1,3}){0,2}(?:-[A-Z]{1,2}(?:-\d{1,2})?(?![\w-]))?(?:[ \t]?\([ \t]?[a-z0-9]{1,3}[ \t]?\))*(?:\.[A-Z]{3})?)"
_ENTRY = re.compile(
    r"^[ \t\u00a0]*(?:EX(?:HIBIT|H\.?)?[ \t\u00a0-]*(?:NO\.?|NUMBER)?[ \t\u00a0]*)?(?P<open>\()?" + _NUMBER
    + r"(?(open)\))[*+\u2020#]*(?:[ \t\u00a0]*[.:\-\u2013\u2014|]+[ \t\u00a0]*|[ \t\u00a0]+)(?P<desc>\S.*)?$",
    re.IGNORECASE,
)
_ALONE = re.compile(r"^[ \t\u00a0]*(?:EX(?:HIBIT)?[ \t\u00a0-]*)?(?P<open>\()?" + _NUMBER + r"(?(open)\))[*+\u2020#]*[ \t\u00a0.]*$", re.IGNORECASE)
_TABLE_HEAD = re.compile(r"^\W*(?:exhibit|number|no\.?|description|document|page)\b", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"(?:page\s?)?\d{1,4}$", re.IGNORECASE)
#: A page number or page marker on a line of its own: "3", "-2-", "Page 3", "E-1".
_PAGE_MARK = re.compile(r"^(?:-\s?\d{1,3}\s?-|(?:page\s)?[A-Z]?-?\d{1,3}|\(\d{1,3}\)|(?:exhibit\s)?index\s?-?\s?\d{1,3})$", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^(?:incorporated\s+by\s+reference|filed\s+herewith|previously\s+filed|furnished\s+herewith)", re.IGNORECASE)
_FINANCIALS = re.compile(r"^[ \t\u00a0]*\(?[ab]\)[ \t\u00a0]+(?:financial|pro\s*forma|unaudited|audited)", re.IGNORECASE)
_CUE = re.compile(r"^[ \t\u00a0]*(?:\(?[c-e]\)[ \t\u00a0]*)?(?:EXHIBITS?\b|EXHIBIT\s+(?:NO|NUMBER)|INDEX\s+TO\s+EXHIBITS)", re.IGNORECASE)
#: A description starts with a word, a quote or a parenthesis, or a figure and a word ("364-Day").
_DESCRIPTION_START = re.compile(r"[\"'\u201c\u2018(A-Za-z]|[$\d][\d,.%$/]*(?:\s?-\s?|\s)?[A-Za-z]")
_NOTE = re.compile(r"^(?:\(\d{1,2}\)|\*+|\u2020|\(\*\))\s*" + _FOOTNOTE.pattern.lstrip("^"), re.IGNORECASE)
_REGION_LINES = 400
_PREAMBLE = 15
_MAX_CONTINUATION = 4


_SPACES = re.compile(r"\s+")
_PRINTED_NUMBER = re.compile(
    r"(\d{1,3}(?:\.\d{1,3}){0,2})(-[A-Z]{1,2}(?:-\d{1,2})?)?((?:\([a-z0-9]{1,3}\))*)(\.[A-Z]{3})?$", re.IGNORECASE
)


def _number(raw: str) -> str | None:
    """"99.1", "99", "10.1", "101.INS", "99.4(a)", "3-A" from a printed number; None for one no
    exhibit has (a whole number outside 1-110)."""
    raw = _SPACES.sub("", raw).strip(".")
    m = _PRINTED_NUMBER.match(raw)
    if not m or not 1 <= int(m.group(1).split(".")[0]) <= 110:
        return None
    return m.group(1) + (m.group(2) or "").upper() + m.group(3).lower() + (m.group(4) or "").upper()


def _without_page_reference(text: str) -> str:
    """A description without the page column printed after it ("....... 3", "   Page 3")."""
    text = text.rstrip()
    m = _PAGE_NUMBER.search(text[-12:])
    if m:
        head = text[: len(text) - len(m.group(0))]
        if head.endswith(("  ", "\t")) or head.rstrip(" ").endswith(".."):
            text = head
    # Less a dot leader at its end (three dots or more): `re.sub(r"\.{3,}$", "", text)`, which
    # tries its pattern at every character.
    text = text.rstrip()
    bare = text.rstrip(".")
    return bare if len(text) - len(bare) >= 3 else text


def _description(text: str) -> str | None:
    text = clean(_without_page_reference(text)).strip(" -\u2013\u2014|")
    return text or None


def _indent(line: str) -> int:
    return len(line.expandtabs(8)) - len(line.expandtabs(8).lstrip())


def _entry(line: str) -> tuple[str, str | None] | None:
    """(number, description or None) when a line starts an entry."""
    alone = _ALONE.match(line)
    if alone and _number(alone.group("num")):
        return _number(alone.group("num")), None
    m = _ENTRY.match(line)
    if m and _number(m.group("num")) and m.group("desc") and _DESCRIPTION_START.match(m.group("desc")):
        if m.group("open") and _FOOTNOTE.match(m.group("desc")):
            return None  # "(1) Incorporated by reference to ...": a footnote
        return _number(m.group("num")), m.group("desc")
    return None


def _described_below(rows: list[str], k: int, line: str) -> bool:
    """True when the number alone on rows[k] has its description on the next line: not a
    page number (centred, or followed by nothing, a page break or a heading)."""
    if _indent(line) > 24 and "." not in clean(line).strip("."):
        return False
    after = [r for r in rows[k + 1: k + 4] if clean(r) and not is_separator(r)][:1]
    if not after:
        return False
    nxt = after[0]
    return not (_STOP.match(nxt) or _entry(nxt) or re.match(r"\s*<PAGE>", nxt, re.IGNORECASE) or _INDEX_HEADING.match(nxt))


def _entry_follows(rows: list[str], k: int) -> bool:
    """True when the next non-blank line after rows[k] starts an entry."""
    for n in range(k + 1, min(len(rows), k + 6)):
        if clean(rows[n]):
            entry = _entry(rows[n])
            return bool(entry) and (entry[1] is not None or _described_below(rows, n, rows[n]))
    return False


def _read_list(lines: list[str], first: int, item_heading: bool) -> list[tuple[str, list[str]]]:
    """The entries of the list that starts at line `first` (a heading), up to where it ends."""
    out: list[tuple[str, list[str]]] = []
    inline = re.search(r"EXHIBITS?\s*[.:]\s*(?P<rest>\d.*)$|^\W*\(?[a-e]\)\s*(?P<entry>EXHIBITS?\s+(?:NO\.?\s*)?\d.*)$",
                       lines[first], re.IGNORECASE)
    rows = ([inline.group("rest") or inline.group("entry")] if inline else []) + lines[first + 1: first + _REGION_LINES]
    armed, waiting, indent, preamble = True, False, 0, 0
    notes: list[list[str]] = []  # footnotes under the list: marker and text, then continuation lines
    for k, line in enumerate(rows):
        if is_blank(line) or is_separator(line):
            continue
        text = clean(line)
        entry = _entry(line) if armed else None
        if entry and entry[1] is None and not _described_below(rows, k, line):
            entry = None  # a page number, not an exhibit printed alone on its line
        if entry:
            out.append((entry[0], [entry[1]] if entry[1] else []))
            waiting, indent = entry[1] is None, _indent(line)
            notes = []
            continue
        if _NOTE.match(text):
            notes.append([text])  # "* Incorporated by reference to ...", "(1) Filed herewith"
            continue
        if notes and _PAGE_MARK.match(text):
            continue
        if notes and _indent(line) > 0 and not _STOP.match(line) and len(notes[-1]) < _MAX_CONTINUATION:
            notes[-1].append(text)
            continue
        if _STOP.match(line) and not (_ITEM_HEADING.match(line) and not out):
            break
        if not out:  # before the first entry: headings, "(a) Financial statements ...", table heads
            if item_heading and _FINANCIALS.match(line):
                armed = False
            elif _CUE.match(line):
                armed = True
            preamble += 1
            if preamble > _PREAMBLE:
                break
            continue
        last = out[-1][1]
        if waiting and not _TABLE_HEAD.match(text):
            last.append(line)  # the description of a number printed alone on its line
            waiting = False
        elif _TABLE_HEAD.match(text) and len(text) < 60:
            continue  # a repeated table head ("Exhibit No. Description") on a new page
        elif _PAGE_MARK.match(text):
            continue  # a page number or page break between two lines of the list
        elif len(last) < _MAX_CONTINUATION and len(text) < 250 and (
            _indent(line) > indent or _entry_follows(rows, k)
        ):
            last.append(line)  # a continuation: indented, or followed by the next entry
        else:
            break
    return _with_notes(out, notes)


def _with_notes(entries: list[tuple[str, list[str]]], notes: list[list[str]]) -> list[tuple[str, list[str]]]:
    """Entries marked with a footnote's marker ("... Corporation*") get the footnote's text."""
    for note in notes:
        m = re.match(r"(\(\d{1,2}\)|\*+|\u2020|\(\*\))\s*(.*)$", " ".join(note))
        if not m:
            continue
        marker, body = m.group(1), m.group(2).strip()
        for _, parts in entries:
            if parts and parts[-1].rstrip().endswith(marker) and not parts[-1].rstrip().endswith("*" + marker):
                parts[-1] = parts[-1].rstrip()[: -len(marker)].rstrip() + f" ({body})"
    return entries


def parse_exhibit_index(text: str) -> list[tuple[str, str | None]]:
    """(number, description) of each exhibit a report lists, in order, each number once."""
    # The lines of `split_lines`, no-break spaces made spaces (no line ends at one).
    lines = [line.rstrip("\r\n") for line in without_sgml_tags(text).replace("\u00a0", " ").splitlines(True)]
    index: dict[str, str | None] = {}
    items: dict[str, str | None] = {}
    # Every alternative of both headings holds "exhibit": the other lines are no heading.
    for i in FoldedLines(lines).having("exhibit"):
        line = lines[i]
        in_index = bool(_INDEX_HEADING.match(line))
        if not (in_index or _ITEM_HEADING.match(line)):
            continue
        found = index if in_index and not re.match(r"\s*\(?[a-e]\)|\s*EXHIBITS?\s*:", line, re.IGNORECASE) else items
        for number, parts in _read_list(lines, i, bool(re.match(r"\s*ITEM", line, re.IGNORECASE))):
            desc = _description(" ".join(_without_page_reference(p) for p in parts))
            if number not in found or (not found[number] and desc):
                found[number] = desc
    # The exhibit index is the list of record; the item's list stands in when there is none.
    return list((index or items).items())
