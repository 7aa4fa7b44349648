"""A tolerant uudecoder for the `begin 644 name` ... `end` parts of EDGAR submissions.

EDGAR carried graphics, PDFs, spreadsheets and zipped XBRL uuencoded inside `<TEXT>`.
Lines are decoded one by one with `binascii.a2b_uu`; a line with trailing junk is cut to
the length its first character declares; a line that still fails is skipped and counted.
"""

from __future__ import annotations

import binascii
import re
from dataclasses import dataclass, field

#: The `begin` line: a mode of 3-4 octal digits, then the file name.
BEGIN_RE = re.compile(r"^begin(?:-base64)?[ \t]+([0-7]{3,4})[ \t]+([^\n]*?)[ \t]*$", re.MULTILINE)
#: What `str.lstrip()` strips (`\s` is `str.isspace`).
_LEADING_SPACE = re.compile(r"\s*")


@dataclass
class UUPart:
    """The bytes of one uuencoded part, the name on its `begin` line, and its problems."""

    name: str
    data: bytes
    problems: list[str] = field(default_factory=list)


def starts_uuencoded(text: str) -> re.Match[str] | None:
    """The `begin` line when it is the first non-blank line of `text`, else None."""
    start = _LEADING_SPACE.match(text).end()  # where `text.lstrip()` starts, without its copy
    if not text.startswith("begin", start):
        return None
    return BEGIN_RE.match(text, start)


def uudecode(text: str, begin: re.Match[str] | None = None) -> UUPart | None:
    """Decode the uuencoded part of `text` (from its `begin` line); None when there is none.

    Never raises: broken lines are skipped (the data is then incomplete and a problem
    says how many lines were lost); a missing `end` line is reported as a truncation.
    """
    begin = begin or BEGIN_RE.search(text)
    if begin is None:
        return None
    name = begin.group(2).strip()
    problems: list[str] = []
    if begin.group(0).startswith("begin-base64"):
        return _base64(text[begin.end():], name)
    chunks: list[bytes] = []
    bad = 0
    ended = False
    a2b = binascii.a2b_uu
    for line in text[begin.end() + 1:].split("\n"):
        if line == "end" or line.rstrip() == "end":
            ended = True
            break
        if not line.strip():
            continue
        try:
            chunks.append(a2b(line))
        except (binascii.Error, ValueError):  # ValueError: a non-ASCII character
            fixed = _cut(line)
            if fixed is None:
                bad += 1
                continue
            try:
                chunks.append(a2b(fixed))
            except (binascii.Error, ValueError):
                bad += 1
    if bad:
        problems.append(f"uuencoded part {name!r}: {bad} broken line(s) skipped; the data is incomplete")
    if not ended:
        problems.append(f"uuencoded part {name!r} has no 'end' line (truncated?)")
    return UUPart(name, b"".join(chunks), problems)


def _cut(line: str) -> str | None:
    """`line` cut to the characters its count character needs, or None if too short.

    Encoders fill the last group of a line with leftover bits; `a2b_uu` calls those
    "trailing garbage". Only `ceil(count * 4 / 3)` characters carry the data.
    """
    count = (ord(line[0]) - 32) & 0o77
    needed = 1 + (count * 4 + 2) // 3
    if len(line) > needed:
        return line[:needed]
    return None


def _base64(body: str, name: str) -> UUPart:
    end = body.find("\n====")
    problems = [] if end >= 0 else [f"base64 part {name!r} has no '====' end line (truncated?)"]
    payload = body[: end if end >= 0 else len(body)]
    try:
        data = binascii.a2b_base64(payload)
    except (binascii.Error, ValueError):
        data = b""
        problems.append(f"base64 part {name!r} could not be decoded")
    return UUPart(name, data, problems)
