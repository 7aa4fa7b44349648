"""The header of an SGML submission: where it is, what format it is in, and its raw text.

`sec`: "KEY: value" lines (`<SEC-HEADER>`, or a bare `ACCESSION NUMBER:` header);
`ims`: the same in an `<IMS-HEADER>` (1993-94); `nc`: `<TAG>value` lines (the `.nc`
form and `.hdr.sgml` files), split one tag per line when they come run together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.read.sniff import PEM_END
from builder.read.submission import Shape

_I = re.I
_DOC_OPEN = re.compile(r"<DOCUMENT>", _I)
#: Closing tags and PEM lines that may be left at the end of a truncated text.
_CLOSED_TAGS = "DOCUMENT SEC-DOCUMENT IMS-DOCUMENT SUBMISSION SEC-HEADER IMS-HEADER XBRL XML PDF".split()
_CLOSERS = tuple(f"</{t}>" for t in _CLOSED_TAGS) + (PEM_END,)
_RUN_TOGETHER_TAG = re.compile(r"(?<=[^\n])(?=</?[A-Z][A-Z0-9-]*>)")
_SEC_KEY_LINE = re.compile(r"^[ \t]*ACCESSION NUMBER:", re.M)

#: The header tags of each container: (open, close).
_HEADER_TAGS = {
    Shape.FULL_SUBMISSION: ("<SEC-HEADER>", "</SEC-HEADER>"),
    Shape.IMS_SUBMISSION: ("<IMS-HEADER>", "</IMS-HEADER>"),
    Shape.HEADER_ONLY: ("<SEC-HEADER>", "</SEC-HEADER>"),
    Shape.NC_SUBMISSION: ("<SUBMISSION>", "</SUBMISSION>"),
}


@dataclass
class HeaderPart:
    """A submission's header text and format, where its documents may start, and problems."""

    header: str | None
    header_format: str
    end: int
    problems: list[str] = field(default_factory=list)


def read_header(text: str, shape: str, start: int) -> HeaderPart:
    """The header of the submission sniffed as `shape` whose content starts at `start`."""
    problems: list[str] = []
    first_doc = _DOC_OPEN.search(text, start)
    doc_at = first_doc.start() if first_doc else len(text)
    open_tag, close_tag = _HEADER_TAGS.get(shape, _HEADER_TAGS[Shape.FULL_SUBMISSION])
    opened = re.compile(re.escape(open_tag), _I).search(text, start, doc_at)
    if shape == Shape.NC_SUBMISSION:
        end = doc_at
        closed = re.compile(re.escape(close_tag), _I).search(text, start, doc_at)
        if closed:
            end = closed.start()
        raw, after = text[opened.end() if opened else start : end], doc_at
    elif opened is None:
        # No header tags: a bare "ACCESSION NUMBER:" header, or an opener without a header.
        begin = start
        if shape != Shape.HEADER_ONLY:
            line_end = text.find("\n", start)
            begin = line_end + 1 if 0 <= line_end < doc_at else doc_at
            problems.append(f"no {open_tag} in the submission")
        raw, after = text[begin:doc_at], doc_at
    else:
        closed = re.compile(re.escape(close_tag), _I).search(text, opened.end(), doc_at)
        if closed is None:
            problems.append(f"no {close_tag}: the header runs to the first <DOCUMENT>")
            raw, after = text[opened.end() : doc_at], doc_at
        else:
            raw, after = text[opened.end() : closed.start()], closed.end()
    raw = strip_closers(raw).strip("\n")
    header = raw if raw.strip() else None
    fmt = header_format(raw, shape)
    if header is None:
        problems.append("the header is empty")
    elif fmt == "nc":
        header = _RUN_TOGETHER_TAG.sub("\n", header)
    return HeaderPart(header, fmt, after, problems)


def header_format(raw: str, shape: str) -> str:
    """`sec` ("KEY: value" lines), `ims` (the same, 1993-94) or `nc` (`<TAG>value` lines)."""
    if shape == Shape.IMS_SUBMISSION:
        return "ims"
    if _SEC_KEY_LINE.search(raw):
        return "sec"
    if "<ACCESSION-NUMBER>" in raw.upper() or shape == Shape.NC_SUBMISSION:
        return "nc"
    return "sec"


def strip_closers(text: str) -> str:
    """`text` without the closing tags and PEM end lines trailing it (a truncated text's tail)."""
    while True:
        trimmed = text.rstrip()
        tail = trimmed[-48:].upper()
        closer = next((c for c in _CLOSERS if tail.endswith(c)), None)
        if closer is None:
            return text
        text = trimmed[: len(trimmed) - len(closer)]
