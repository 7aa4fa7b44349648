"""Bounds on what one file can make the builder do: hostile input must cost linear time.

Real filings stay far below every bound here (the shared corpus: at most 202 documents in a
submission, HTML nested a few dozen levels, a few problems per file); a file that crosses one
is cut down to the bound and the cut is reported as a problem of the file.

- `MAX_DOCUMENTS` documents per submission: each becomes a page, so a file of a million tiny
  `<DOCUMENT>`s would make a million pages.
- `MAX_PROBLEMS` problems per source: each is a row of the Problems page.
- `MAX_PARTIES` companies (filers, subject companies, owners) named by one header: each becomes
  a registrant page (the corpus's largest header names 66).
- `MAX_HTML_DEPTH` levels of nested block elements (`<div>`, `<ul>`, `<blockquote>` ...) in a
  document's text: HTML parsers (lexbor, html5ever) look down the stack of open elements at
  each such start tag, so their time grows with the square of the depth (40,000 nested
  `<div>`s, 200 KB, took 10 s in each of the three parsers a document goes through). Start
  tags deeper than the bound are dropped with their end tags; the text stays.
"""

from __future__ import annotations

import re
from itertools import groupby

MAX_DOCUMENTS = 5_000
MAX_PROBLEMS = 50
MAX_PARTIES = 1_000
MAX_HTML_DEPTH = 400

#: Block elements whose start tags make a parser look down the stack (they close an open <p>).
_BLOCKS = (
    "address|article|aside|blockquote|center|details|dialog|dir|div|dl|fieldset|figcaption|figure|"
    "footer|form|header|hgroup|main|menu|nav|ol|pre|listing|section|summary|ul"
)
_START = re.compile(rf"<(?:{_BLOCKS})(?=[\s/>])", re.I)
_TAG = re.compile(rf"<(/?)(?:{_BLOCKS})(?=[\s/>])", re.I)
#: The names grouped by their first letter: `re` then tries a dozen first letters at each "<"
#: of a text, not the 27 names (the same matches: no name is followed by a letter in a match).
_BY_FIRST_LETTER = "|".join(
    first + "(?:" + "|".join(name[1:] for name in names) + ")"
    for first, names in groupby(sorted(_BLOCKS.split("|")), key=lambda name: name[0])
)
#: The same, case-sensitive, for lower-cased ASCII text (a case-sensitive search is faster).
_START_LOWER = re.compile(rf"<(?:{_BY_FIRST_LETTER})(?=[\s/>])")
_TAG_LOWER = re.compile(rf"<(/?)(?:{_BY_FIRST_LETTER})(?=[\s/>])")


def limit_nesting(text: str, limit: int = MAX_HTML_DEPTH) -> tuple[str, int]:
    """`text` with the block start tags nested deeper than `limit` removed (and as many of the
    end tags that follow them), and how many start tags were removed. Linear in `text`.

    Depth is counted on the block elements only, from their start and end tags as written:
    inline and self-closing elements (`<p>`, `<li>`, `<td>`, `<font>`) never make a parser slow.
    """
    if text.isascii():  # lower-casing ASCII keeps every offset: the same hits, found faster
        folded, start_tag, tag = text.lower(), _START_LOWER, _TAG_LOWER
    else:
        folded, start_tag, tag = text, _START, _TAG
    if len(start_tag.findall(folded)) <= limit:  # cannot be deeper than the number of start tags
        return text, 0
    if _deepest_within(tag.findall(folded), limit):
        return text, 0
    out: list[str] = []
    depth = dropped = pending = 0
    last = 0
    for m in tag.finditer(folded):
        if m.start() < last:  # inside a tag already removed
            continue
        if m.group(1):  # an end tag
            if pending:
                pending -= 1
            else:
                depth = max(0, depth - 1)
                continue
        elif depth < limit:
            depth += 1
            continue
        else:
            dropped += 1
            pending += 1
        end = text.find(">", m.end())
        if end < 0:
            break
        out.append(text[last : m.start()])
        last = end + 1
    if not dropped:
        return text, 0
    out.append(text[last:])
    return "".join(out), dropped


def _deepest_within(ends: list[str], limit: int) -> bool:
    """True when the tags (`ends`: "/" for an end tag, "" for a start tag, in order) never nest
    deeper than `limit`: then `limit_nesting` drops nothing (it counts depth as here until it
    drops a tag), and its loop need not run."""
    depth = 0
    for end in ends:
        if end:
            if depth:
                depth -= 1
        else:
            depth += 1
            if depth > limit:
                return False
    return True


def cap_problems(problems: list[str], limit: int = MAX_PROBLEMS) -> list[str]:
    """At most `limit` problems, then one line saying how many more there were."""
    if len(problems) <= limit:
        return problems
    return problems[:limit] + [f"... and {len(problems) - limit:,} more problems in this source (not listed)"]
