"""The words of the search index: how page text is cut into terms, and into fragments.

The browser cuts a query with the same rules (`site_templates/overrides/assets/javascripts/
filings-search.js`, `terms`): keep the two in step, and bump `FORMAT` in `builder.search`
when they change.

A **word** is a run of letters and digits; words joined by `.`, `-` or `/` with nothing between
them make one **code** ("2.02", "000-30229", "04-3387074", "EX-99.1", "10-K/A"). A code is
indexed whole, lower-cased, and also as its parts: split at every `.`, `-` and `/` ("ex", "99",
"1"), and at `-` and `/` only where a part keeps a dot ("99.1" of "ex-99.1"). So "EX-99.1",
"99.1" and "exhibit 99" all find the page, and "2.02" is not the start of "20240131".
"""

from __future__ import annotations

import re
from collections import Counter

#: A word, or words joined by `.`, `-` or `/` (a code). `[^\W_]` is a letter or a digit.
WORD = re.compile(r"[^\W_]+(?:[.\-/][^\W_]+)*")
#: `WORD` as counted, in text whose "_" are made spaces: the same matches, found faster (`\w` is
#: `[^\W_]` and "_"; nothing follows the repeats, so they need not give back: possessive).
_WORD_SPACED = re.compile(r"\w++(?:[.\-/]\w++)*+")
#: Longer runs (base64, hex dumps, long numbers) are not words anyone searches for.
MAX_TERM = 40
#: Characters of page text per fragment: a result's excerpt is cut from one fragment.
FRAGMENT_CHARS = 8000


def terms_of(token: str) -> list[str]:
    """The index terms of one matched token (already lower-cased): itself, and a code's parts."""
    if len(token) > MAX_TERM:
        return []
    if token.isalnum():  # a token's characters are letters, digits (isalnum) and `.-/`
        return [token]
    # the parts, each once, in order (none is the token: it holds a separator, they do not)
    found = [token, *dict.fromkeys(token.replace("-", ".").replace("/", ".").split("."))]
    if "." in token and ("-" in token or "/" in token):
        for part in token.replace("/", "-").split("-"):
            if "." in part and part not in found:
                found.append(part)
    return found


def fragments(text: str, size: int = FRAGMENT_CHARS) -> list[str]:
    """`text` (spaces already collapsed) in pieces of about `size` characters, cut at spaces."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = text.rfind(" ", start + size // 2, start + size)
        if cut < 0:
            cut = start + size
        pieces.append(text[start:cut])
        start = cut + 1 if text[cut:cut + 1] == " " else cut
    if start < len(text) or not pieces:
        pieces.append(text[start:])
    return pieces


def count_terms(pieces: list[str], counts: dict[str, list[int]], *, boost: int = 0) -> int:
    """Add each term of `pieces` to `counts` (term -> [occurrences, first fragment]), `boost`
    extra occurrences per term (a title's words); the number of words read."""
    words = 0
    get = counts.get
    for index, piece in enumerate(pieces):
        tokens = _WORD_SPACED.findall(piece.lower().replace("_", " "))
        words += len(tokens)
        # Each distinct token once, in the order of its first occurrence: the terms are added
        # to `counts` in the same order as token by token.
        for token, times in Counter(tokens).items():
            added = times * (1 + boost)
            if token.isalnum():  # a word, not a code: its own term (the most tokens; see terms_of)
                if len(token) <= MAX_TERM:
                    entry = get(token)
                    if entry is None:
                        counts[token] = [added, index]
                    else:
                        entry[0] += added
                continue
            for term in terms_of(token):
                entry = get(term)
                if entry is None:
                    counts[term] = [added, index]
                else:
                    entry[0] += added
    return words

