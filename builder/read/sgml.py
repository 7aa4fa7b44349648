"""Split an EDGAR SGML text into its header and its `<DOCUMENT>`s.

Handles the four containers (`<SEC-DOCUMENT>`, `<IMS-DOCUMENT>`, `<SUBMISSION>`, none)
and what goes wrong in them: tags run together or in lower case, a missing `</TEXT>`
or `</DOCUMENT>` (truncated files), a `<DOCUMENT>` with no `<TEXT>`, an empty `<TEXT>`,
uuencoded parts, documents repeated inside one file, and a whole submission repeated
after the first (the copy is skipped and reported; a different submission is reported
and not read). Every search goes forward through the text, so a file is read in linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.read.header import read_header, strip_closers
from builder.read.limits import MAX_DOCUMENTS, MAX_HTML_DEPTH, limit_nesting
from builder.read.sniff import PEM_BEGIN, sniff
from builder.read.submission import RawDocument, Shape
from builder.read.uuencode import starts_uuencoded, uudecode

_I, _IM = re.I, re.I | re.M
_DOC_OPEN = re.compile(r"<DOCUMENT>", _I)
_DOC_OPEN_LINE = re.compile(r"^[ \t]*<DOCUMENT>", _IM)
_DOC_CLOSE = re.compile(r"</DOCUMENT>", _I)
_TEXT_OPEN = re.compile(r"<TEXT>", _I)
_TEXT_CLOSE = re.compile(r"</TEXT>", _I)
_TAG_VALUE = re.compile(r"<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[ \t]*([^<\n]*)", _I)
#: What starts a (second) submission: after the documents of the first, it means a repeat.
_START_TAGS = r"<(?:SEC-DOCUMENT|SEC-HEADER|IMS-DOCUMENT|IMS-HEADER|SUBMISSION)>"
_SUBMISSION_START = re.compile(r"^[ \t]*(?:" + re.escape(PEM_BEGIN) + "|" + _START_TAGS + ")", _IM)
#: The tags of `_START_TAGS` all start with what IGNORECASE takes for an "s" or an "i" ("ſ", "ı",
#: "İ" too): looked at first after a "<", that passes over most tags of an HTML document at once.
_START_TAG = re.compile(_START_TAGS.replace("<", "<(?=[sSiI\u017f\u0131\u0130])", 1), _I)
#: What the two line patterns above hold after their `^[ \t]*`, alternatives apart (each alone
#: is searched much faster than their alternation), for `_LineFinder`.
_AFTER_INDENT = {
    _DOC_OPEN_LINE: (_DOC_OPEN,),
    _SUBMISSION_START: (re.compile(re.escape(PEM_BEGIN), _I), _START_TAG),
}
_WRAPPER_OPEN = re.compile(r"\A\s*<(XBRL|XML|PDF)>[ \t]*\n?", _I)
#: How much of a repeated submission is looked at to compare its header.
_REPEAT_WINDOW = 1 << 20


@dataclass
class Split:
    """A text split into header and documents, with the shape it turned out to have."""

    shape: str
    header: str | None = None
    header_format: str | None = None
    documents: list[RawDocument] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: Each document's identity → its number, to drop exact repeats.
    seen: dict[tuple, int] = field(default_factory=dict, repr=False)
    #: Documents read so far, repeats included (documents are numbered in file order).
    count: int = 0


class _Finder:
    """A forward-only `regex.search` that reuses its last hit: linear however it is called."""

    def __init__(self, regex: re.Pattern[str], text: str, limit: int) -> None:
        self.regex, self.text, self.limit = regex, text, limit
        self.searched_from = -1
        self.hit: re.Match[str] | None = None

    def find(self, pos: int) -> re.Match[str] | None:
        if 0 <= self.searched_from <= pos and (self.hit is None or self.hit.start() >= pos):
            return self.hit
        self.searched_from = pos
        self.hit = self.regex.search(self.text, pos, self.limit)
        return self.hit


class _LineFinder(_Finder):
    """A `_Finder` for `^[ \\t]*X` (multi-line) that looks for X and then for the line start
    before it: the same hits, without trying the pattern at every character of the text."""

    def __init__(self, regex: re.Pattern[str], text: str, limit: int) -> None:
        super().__init__(regex, text, limit)
        self.tails = [_Finder(tail, text, limit) for tail in _AFTER_INDENT[regex]]

    def find(self, pos: int) -> re.Match[str] | None:
        if 0 <= self.searched_from <= pos and (self.hit is None or self.hit.start() >= pos):
            return self.hit
        self.searched_from = pos
        self.hit = self._search(pos)
        return self.hit

    def _search(self, pos: int) -> re.Match[str] | None:
        text = self.text
        at = pos
        while True:
            hits = [m.start() for m in (tail.find(at) for tail in self.tails) if m is not None]
            if not hits:
                return None
            found = start = min(hits)
            # Back over the indent (each space or tab is passed over once: linear in all).
            while start > pos and text[start - 1] in " \t":
                start -= 1
            if start == 0 or text[start - 1] == "\n":  # a line start at or after `pos`
                return self.regex.match(text, start, self.limit)
            at = found + 1


def split_sgml(text: str, shape: str, start: int = 0) -> Split:
    """Split `text` (sniffed as `shape`, content from `start`) into header and documents."""
    split = Split(shape)
    if shape == Shape.WRAPPED_DOCUMENT:
        body_start = start
        if not _DOC_OPEN.match(text, start):  # the file starts at <TYPE>: its <DOCUMENT> was lost
            split.problems.append("the file starts at <TYPE>: its <DOCUMENT> tag is missing")
            first, body_start = _read_document(text, start, len(text), split, _finders(text, len(text)))
            _add(split, first)
    else:
        body_start = _header(text, shape, start, split)
    body_end = _read_documents(text, body_start, split)
    if body_end < len(text):
        _report_repeats(text, body_end, split)
    if not split.documents and split.shape in (Shape.FULL_SUBMISSION, Shape.NC_SUBMISSION, Shape.IMS_SUBMISSION):
        split.shape = Shape.HEADER_ONLY
    elif split.documents and split.shape == Shape.HEADER_ONLY:
        split.shape = Shape.FULL_SUBMISSION
        split.problems.append("a bare header followed by documents: read as a full submission")
    return split


def _header(text: str, shape: str, start: int, split: Split) -> int:
    """Read the header into `split`; return where the documents may start."""
    part = read_header(text, shape, start)
    split.header, split.header_format = part.header, part.header_format
    split.problems.extend(part.problems)
    return part.end


def _finders(text: str, limit: int) -> dict[str, _Finder]:
    return {
        "text": _Finder(_TEXT_OPEN, text, limit),
        "text_close": _Finder(_TEXT_CLOSE, text, limit),
        "doc_line": _LineFinder(_DOC_OPEN_LINE, text, limit),
        "doc_close": _Finder(_DOC_CLOSE, text, limit),
        "restart": _LineFinder(_SUBMISSION_START, text, limit),
    }


def _read_documents(text: str, pos: int, split: Split) -> int:
    """Read `<DOCUMENT>`s from `pos`; return where a second submission starts (or the end)."""
    limit = len(text)
    finders = _finders(text, limit)
    while True:
        opened = _DOC_OPEN.search(text, pos)
        restart = finders["restart"].find(pos)
        if restart is not None and (opened is None or restart.start() < opened.start()):
            return restart.start()
        if opened is None:
            return limit
        if len(split.documents) >= MAX_DOCUMENTS:
            stop = restart.start() if restart is not None else limit
            more = len(_DOC_OPEN.findall(text, opened.start(), stop))
            split.problems.append(f"more than {MAX_DOCUMENTS:,} documents: the last {more:,} were not read")
            return stop
        doc, pos = _read_document(text, opened.end(), limit, split, finders)
        _add(split, doc)


def _read_document(
    text: str, pos: int, limit: int, split: Split, finders: dict[str, _Finder]
) -> tuple[RawDocument, int]:
    """One document whose tags start at `pos`: the document and where reading goes on."""
    split.count += 1
    number = split.count
    bound = _next_boundary(finders, pos, limit)
    text_open = finders["text"].find(pos)
    if text_open is None or text_open.start() >= bound:
        closed = finders["doc_close"].find(pos)
        inside = closed is not None and closed.start() < bound
        doc = _tags(text[pos : closed.start() if inside else bound])
        split.problems.append(f"{_label(number, doc)} has no <TEXT>; kept without text")
        return doc, (closed.end() if inside else bound)
    doc = _tags(text[pos : text_open.start()])
    body_start = text_open.end()
    next_doc = finders["doc_line"].find(body_start)
    text_close = finders["text_close"].find(body_start)
    if text_close is None or (next_doc is not None and next_doc.start() < text_close.start()):
        bound = _next_boundary(finders, body_start, limit)
        where = "the end of the file" if bound == limit else "the next document"
        split.problems.append(f"{_label(number, doc)} has no </TEXT> (truncated?); its text runs to {where}")
        body = strip_closers(text[body_start:bound])
        _fill_text(doc, body, *_trimmed(body, 0, len(body)), number, split)
        return doc, bound
    after = text_close.end()
    closed = finders["doc_close"].find(after)
    if closed is not None and (next_doc is None or closed.start() < next_doc.start()):
        after = closed.end()
    else:
        split.problems.append(f"{_label(number, doc)} has no </DOCUMENT>")
    _fill_text(doc, text, *_trimmed(text, body_start, text_close.start()), number, split)
    return doc, after


def _next_boundary(finders: dict[str, _Finder], pos: int, limit: int) -> int:
    """Where the next document or a new submission starts (at a line start), else `limit`."""
    hits = [m.start() for m in (finders["doc_line"].find(pos), finders["restart"].find(pos)) if m is not None]
    return min(hits, default=limit)


def _tags(meta: str) -> RawDocument:
    values: dict[str, str] = {}
    for match in _TAG_VALUE.finditer(meta):
        values.setdefault(match.group(1).lower(), match.group(2).strip())
    return RawDocument(**{k: v or None for k, v in values.items()})


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the part of `text` from `start` to `end`, less the line end it starts with
    and the one it then ends with (the <TEXT> tags' own lines)."""
    if text.startswith("\n", start, end):
        start += 1
    if end > start and text.endswith("\n", start, end):
        end -= 1
    return start, end


def _fill_text(doc: RawDocument, text: str, start: int, end: int, number: int, split: Split) -> None:
    """Put the body (`text` from `start` to `end`) in `doc`: unwrapped from <XBRL>/<XML>/<PDF>, or
    decoded when uuencoded. (Bounds, not a copy: a body is copied once, when it is kept.)"""
    body = text[start:end] if start or end < len(text) else text
    wrapper = _WRAPPER_OPEN.match(body)
    if wrapper:
        name = wrapper.group(1)
        close = _rfind_tag(body, name)
        body = body[wrapper.end() : close if close >= 0 else len(body)].rstrip("\n")
    if not body or body.isspace():  # (not `body.strip()`: a copy of it to be tested)
        doc.text = ""
        split.problems.append(f"{_label(number, doc)} has an empty <TEXT>")
        return
    begin = starts_uuencoded(body)
    if begin is None:
        doc.text, dropped = limit_nesting(body)
        if dropped:
            split.problems.append(f"{_label(number, doc)}: {nesting_problem(dropped)}")
        return
    part = uudecode(body, begin)
    if part is not None:
        doc.data = part.data
        doc.filename = doc.filename or part.name or None
        split.problems.extend(f"{_label(number, doc)}: {p}" for p in part.problems)


def nesting_problem(dropped: int) -> str:
    return f"HTML nested more than {MAX_HTML_DEPTH} levels deep: {dropped:,} deeper tags dropped (their text kept)"


def _rfind_tag(body: str, name: str) -> int:
    """The last `</name>` in the tail of a long body, any case (avoids upper-casing MBs)."""
    tail_at = max(0, len(body) - 4096)
    tail = body[tail_at:].upper()
    found = tail.rfind(f"</{name.upper()}>")
    return tail_at + found if found >= 0 else -1


def _label(number: int, doc: RawDocument) -> str:
    what = doc.type or doc.filename
    return f"document {number}" + (f" ({what})" if what else "")


def _add(split: Split, doc: RawDocument) -> None:
    """Append a document unless it repeats an earlier one exactly (then report it)."""
    key = (doc.type, doc.sequence, doc.filename, doc.description, doc.text, doc.data)
    if key in split.seen:
        split.problems.append(f"{_label(split.count, doc)} repeats document {split.seen[key]} exactly; kept once")
        return
    split.documents.append(doc)
    split.seen[key] = split.count


def _report_repeats(text: str, pos: int, split: Split) -> None:
    """Report what follows the first submission: copies of it (skipped) or other submissions.

    Only each copy's header is read (from a window, so many copies stay linear).
    """
    copies, others = 0, []
    while pos < len(text):
        window = text[pos : pos + _REPEAT_WINDOW]
        found = sniff(window)
        if found.shape not in (Shape.FULL_SUBMISSION, Shape.IMS_SUBMISSION, Shape.NC_SUBMISSION, Shape.HEADER_ONLY):
            break
        again = Split(found.shape)
        header_end = _header(window, found.shape, found.start, again)
        if again.header is not None and split.header is not None and again.header.split() == split.header.split():
            copies += 1
        else:
            others.append(_accession(again.header) or "no accession number")
        restart = _SUBMISSION_START.search(text, pos + max(header_end, found.start + 1))
        if restart is None:
            break
        pos = restart.start()
    if copies:
        split.problems.append(f"the whole submission is repeated {copies} more time(s) in the file; read once")
    if others:
        split.problems.append(f"{len(others)} other submission(s) follow the first ({', '.join(others)}); not read")


def _accession(header: str | None) -> str | None:
    match = re.search(r"(\d{10}-\d{2}-\d{6})", header or "")
    return match.group(1) if match else None
