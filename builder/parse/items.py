"""The items of a report: "Item 2.02 Results of Operations ..." headings in its text.

`parse_items(text, form_type, date_of_report)` finds item headings at the start of lines,
normalises their numbers ("ITEM 2.02." → "2.02", "Item 5.02(b)" → "5.02", "Item 9.1" →
"9.01") and names each with its official title from `builder.edgar` (not the filer's
spelling). 8-Ks have the old whole-number items before 23 August 2004 and the decimal
ones after; 10-Ks have items 1-16 ("1A", "7A" ...); 10-Q items carry their part ("I-2",
"II-1A"). An 8-K item whose whole text is "None." reports nothing and is left out. An item
mentioned in a sentence is not a heading, nor is a running head "Item 1.
Business (Continued)"; an item listed twice (a table of contents, then the body) is at its
first heading with a body after it.
"""

from __future__ import annotations

import re

from builder.edgar import NEW_8K_ITEMS_FROM, is_annual_report, is_quarterly_report, item_title
from builder.model.filing import Item
from builder.parse.layout import after_line_end, finditer_lines, without_sgml_tags

#: "Item 2.02", "ITEM 12.", "Item 7(c)", "ITEMS 1 AND 2.", "Item 1A", at the start of a line.
_HEADING = re.compile(
    r"^[ \t>*\u2022\u00a0]*(?:\d{1,2}\s*[.)]\s*)?(?P<word>ITEMS?)[ \t\u00a0]*(?:NO\.?[ \t\u00a0]*)?(?P<num>\d{1,2}(?:[ \t]?\.[ \t]?\d{1,2})?[ABC]?)(?![\d,])"
    r"(?P<sub>(?:[ \t]*\([ \t]*[a-z0-9]{1,3}[ \t]*\))*)"
    r"(?P<more>(?:[ \t]*(?:,|and|&)[ \t]*(?:items?[ \t]*)?\d{1,2}(?:\.\d{1,2})?[ABC]?(?:[ \t]*\([ \t]*[a-z0-9]{1,3}[ \t]*\))*)*)"
    r"(?P<rest>.*)$",
    re.IGNORECASE | re.MULTILINE,
)
_PART = re.compile(r"^[ \t\u00a0]*PART[ \t\u00a0]+(?P<part>IV|III|II|I)\b(?![\w-])", re.IGNORECASE | re.MULTILINE)
#: The two above after the "\n" before their line (see `finditer_lines`; neither ends with a "\n").
_HEADING_BELOW, _PART_BELOW = after_line_end(_HEADING), after_line_end(_PART)
#: Words that show "Item 7 of Form 8-K ..." is a sentence, not a heading.
_SENTENCE = re.compile(
    r"^\s*(?:of|to|in|on|is|was|were|has|have|had|are|above|below|hereof|herein|hereto|shall|will|may|under"
    r"|as|for|which|that|with|by|or|would|should|must|requires?|also|the\s+(?:report|registrant|company)\b)\b",
    re.IGNORECASE,
)
#: The whole body of an item listed only to say there is nothing to report.
_NOTHING = re.compile(r"^\s*(?:none|not\s+applicable|n/?a|inapplicable)\.?\s*$", re.IGNORECASE)
_CONTINUED = re.compile(r"\(\s*continued\s*\)|\bcontinued\s*$", re.IGNORECASE)
#: An item heading with at least this much text before the next heading is the item itself,
#: not a line of a table of contents.
_BODY = 300
_MORE_NUMBER = re.compile(r"(?<![(\w])\d{1,2}(?:\.\d{1,2})?[ABC]?(?![\w)])", re.IGNORECASE)


def _normalise(number: str) -> str:
    number = re.sub(r"\s", "", number).upper()
    m = re.fullmatch(r"(\d{1,2})\.(\d)", number)
    if m:  # "9.1" → "9.01"
        number = f"{m.group(1)}.0{m.group(2)}"
    m = re.fullmatch(r"(\d{1,2})\.(\d{2})", number)
    if m:
        number = f"{int(m.group(1))}.{m.group(2)}"
    elif re.fullmatch(r"\d{1,2}[ABC]?", number):
        number = str(int(number[:-1] if number[-1].isalpha() else number)) + (number[-1] if number[-1].isalpha() else "")
    return number


def _family(form_type: str | None) -> str | None:
    form = (form_type or "").upper()
    if not form or form.startswith("8-K"):
        return "8-K"
    if is_annual_report(form):
        return "10-K"
    if is_quarterly_report(form):
        return "10-Q"
    return None


def _candidates(text: str, family: str) -> list[tuple[int, list[str]]]:
    """(offset, numbers) of every line that is an item heading, in order."""
    parts = ([(m.start(), m.group("part").upper()) for m in finditer_lines(_PART, _PART_BELOW, text)]
             if family == "10-Q" else [])
    out = []
    for m in finditer_lines(_HEADING, _HEADING_BELOW, text):
        rest = m.group("rest")
        if _SENTENCE.match(rest) or re.match(r"\s*[a-z]", rest) and not (m.group("sub") or m.group("more")):
            continue
        if re.match(r"\s*[\"'\u201c\u2018]", rest) and not m.group("sub"):
            continue  # 'Item 14. "Exhibits, ..."': an item cited in a sentence
        if _CONTINUED.search(rest):
            continue  # a running head repeated on the item's later pages
        numbers = [m.group("num")] + _MORE_NUMBER.findall(m.group("more") or "")
        numbers = [_normalise(n) for n in numbers]
        if family == "10-Q":
            part = next((p for at, p in reversed(parts) if at < m.start()), "I")
            numbers = [f"{part}-{n}" for n in numbers]
        out.append((m.start("word"), numbers))
    return out


def parse_items(text: str, form_type: str | None, date_of_report: str | None = None) -> list[Item]:
    """The items whose headings are in `text`, in order, each once, with official titles.

    Only 8-K, 10-K and 10-Q items are known (others give []); numbers that are not items
    of the form are dropped.
    """
    family = _family(form_type)
    if family is None or not text:
        return []
    form = {"8-K": "8-K", "10-K": "10-K", "10-Q": "10-Q"}[family]
    found = _candidates(without_sgml_tags(text), family)
    if family == "8-K":
        decimal = any("." in n for _, numbers in found for n in numbers if item_title(form, n))
        old_era = date_of_report is not None and date_of_report < NEW_8K_ITEMS_FROM
        # A decimal-era report uses whole numbers only for sub-lists; an old one never has decimals.
        keep = (lambda n: "." not in n) if old_era and not decimal else (lambda n: "." in n) if decimal else (lambda n: True)
    else:
        keep = lambda n: True  # noqa: E731
    best: dict[str, tuple[int, int]] = {}  # number → (offset, length of text up to the next heading)
    for k, (offset, numbers) in enumerate(found):
        end = found[k + 1][0] if k + 1 < len(found) else min(len(text), offset + 100_000)
        if family == "8-K" and _NOTHING.match(text[text.find("\n", offset, end) + 1 if "\n" in text[offset:end] else end: end]):
            continue  # 8-K "ITEM 3. BANKRUPTCY OR RECEIVERSHIP. None.": an event not reported
        for number in numbers:
            if not keep(number) or not item_title(form, number, date_of_report):
                continue
            span = end - offset
            # The first heading with a body wins; else (all are short) the one with most text.
            if number not in best or (best[number][1] < _BODY and span > best[number][1]):
                best[number] = (offset, span)
    ordered = sorted(best.items(), key=lambda kv: kv[1][0])
    return [Item(number=n, title=item_title(form, n, date_of_report), offset=at) for n, (at, _) in ordered]
