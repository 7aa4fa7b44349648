"""Case-insensitive patterns, searched faster.

Python's `re` tries a case-insensitive pattern at nearly every character of a text, where a
case-sensitive one skips ahead to the characters it can start with. For a pattern written in
ASCII (`Folded` refuses others), a text matches it case-insensitively exactly where the text
lower-cased matches the pattern with its letters lower-cased, case-sensitively; lower-casing
keeps every offset. So `Folded.search` finds where the match starts that way, then takes the
match from the text itself at that place with the case-insensitive pattern: the caller sees the
`Match` that `re.search` would have given.

That holds for every character but three (checked over all of Unicode: lower-casing keeps one
character one character, and `\\w`, `\\s`, `\\d` the same, but for these): "İ" (U+0130, two
characters lower-cased), and "ı" (U+0131) and "ſ" (U+017F), which a case-insensitive "i" and "s"
match though they lower-case to themselves. A text holding one is searched with the
case-insensitive pattern as it is.
"""

from __future__ import annotations

import re
import sys
from typing import Any

try:  # Python 3.11+
    from re import _constants as _sre_constants, _parser as _sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _sre_constants  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]


class Folded:
    """A case-insensitive pattern with a `search` like `re.Pattern.search`, faster (see the module)."""

    __slots__ = ("regex", "folded", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.regex = re.compile(pattern, flags | re.IGNORECASE)
        self.pattern = pattern
        folded = fold_pattern(pattern)
        _check_foldable(pattern, flags, folded)
        self.folded = re.compile(folded, flags & ~re.IGNORECASE)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As `re.Pattern.search` with the case-insensitive pattern."""
        if not text.isascii() and ("\u0130" in text or "\u0131" in text or "\u017f" in text):
            return self.regex.search(text, pos, endpos)
        found = self.folded.search(text.lower(), pos, endpos)
        return None if found is None else self.regex.match(text, found.start(), endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As `re.Pattern.match` (an anchored match gains nothing from folding)."""
        return self.regex.match(text, pos, endpos)

    def __repr__(self) -> str:
        return f"Folded({self.pattern!r})"


def fold_pattern(pattern: str) -> str:
    """`pattern` with its letters lower-cased; escapes (`\\S`, `\\W`, `\\A` ...) and group names are
    left as they are."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if pattern.startswith(("(?P<", "(?P="), i):  # a group's name, as written
            end = pattern.find(">" if pattern[i + 3] == "<" else ")", i)
            out.append(pattern[i : end + 1])
            i = end + 1
            continue
        out.append(c.lower())
        i += 1
    return "".join(out)


def _check_foldable(pattern: str, flags: int, folded: str) -> None:
    """Refuse a pattern that folding would change on ASCII text: one holding a character other
    than ASCII (under IGNORECASE "ſ" matches "s", "K" matches "k", "ı" matches "i"), a range of
    characters that mixes letters and other characters ("[0-z]"), or an upper-case letter
    written as an escape ("\\x41"), which `fold_pattern` leaves as it is."""

    def walk(node: Any, upper_too: bool) -> None:
        if isinstance(node, (list, tuple, _sre_parse.SubPattern)):
            items = list(node)
            if len(items) == 2 and items[0] in (_sre_constants.LITERAL, _sre_constants.NOT_LITERAL):
                if not 0 <= items[1] < 128 or (not upper_too and chr(items[1]).isupper()):
                    raise ValueError(f"not foldable (character {chr(items[1])!r}): {pattern!r}")
            elif len(items) == 2 and items[0] is _sre_constants.RANGE:
                lo, hi = items[1]
                if hi >= 128 or not (_letters_only(lo, hi, upper_too) or _no_letters(lo, hi)):
                    raise ValueError(f"not foldable (range {chr(lo)!r}-{chr(hi)!r}): {pattern!r}")
            for item in items:
                walk(item, upper_too)

    walk(_sre_parse.parse(pattern, flags), True)
    walk(_sre_parse.parse(folded, flags & ~re.IGNORECASE), False)


def _letters_only(lo: int, hi: int, upper_too: bool) -> bool:
    return ord("a") <= lo <= hi <= ord("z") or (upper_too and ord("A") <= lo <= hi <= ord("Z"))


def _no_letters(lo: int, hi: int) -> bool:
    return not any(chr(c).isalpha() for c in range(lo, hi + 1))


class FoldedLines:
    """The lines of a text, lower-cased once, to find the few lines a caption may be on.

    A reader that searches every line for a heading or a caption finds it on few of them. Here
    the lines are joined and lower-cased once, and `str.find` names the lines worth the full
    search: `having`, those holding a word that every match of the pattern holds. They are a
    superset of the lines the case-insensitive search finds (the module docstring: on text
    without "İ", "ı" or "ſ", a match lower-cased holds the pattern's letters lower-cased, and
    lower-casing keeps every offset); a text holding one of those three names every line. The
    lines must not hold "\n" (split lines do not).
    """

    __slots__ = ("count", "folded")

    def __init__(self, lines: list[str]) -> None:
        self.count = len(lines)
        joined = "\n".join(lines)
        odd = not joined.isascii() and ("\u0130" in joined or "\u0131" in joined or "\u017f" in joined)
        self.folded: str | None = None if odd else joined.lower()

    def having(self, *words: str) -> list[int]:
        """The indexes, in order, of the lines holding one of `words` (lower-case, no "\n" in
        them) in any case; every line when the text cannot be folded."""
        folded = self.folded
        if folded is None:
            return list(range(self.count))
        found: set[int] = set()
        for word in words:
            line, counted = 0, 0  # the line of offset `counted`
            at = folded.find(word)
            while at >= 0:
                line += folded.count("\n", counted, at)
                found.add(line)
                counted = folded.find("\n", at)  # the end of that line: look on from the next
                if counted < 0:
                    break
                at = folded.find(word, counted + 1)
        return sorted(found)
