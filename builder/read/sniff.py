"""Which `Shape` a decoded file has, judged by its content (the file name only breaks ties).

The order of the checks: whitespace only; the PEM wrapper (skipped, the check goes on
inside it); an SGML opener as the first tag (`<SEC-DOCUMENT>`, `<SEC-HEADER>`,
`<IMS-DOCUMENT>`, `<IMS-HEADER>`, `<SUBMISSION>`, `<DOCUMENT>`, `<TYPE>`); a bare SGML
header (`ACCESSION NUMBER:` lines); an EDGAR index page; HTML; XML; plain text.
Binary content is caught before decoding (see `decode.binary_kind`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.read.submission import Shape

PEM_BEGIN = "-----BEGIN PRIVACY-ENHANCED MESSAGE-----"
PEM_END = "-----END PRIVACY-ENHANCED MESSAGE-----"

#: SGML openers, as the first tag of a file (after whitespace), and the shape each starts.
_OPENERS = {
    "SEC-DOCUMENT": Shape.FULL_SUBMISSION,
    "SEC-HEADER": Shape.FULL_SUBMISSION,
    "IMS-DOCUMENT": Shape.IMS_SUBMISSION,
    "IMS-HEADER": Shape.IMS_SUBMISSION,
    "SUBMISSION": Shape.NC_SUBMISSION,
    "DOCUMENT": Shape.WRAPPED_DOCUMENT,
    "TYPE": Shape.WRAPPED_DOCUMENT,
}
_OPENER_RE = re.compile(r"<(SEC-DOCUMENT|SEC-HEADER|IMS-DOCUMENT|IMS-HEADER|SUBMISSION|DOCUMENT|TYPE)>", re.I)
#: The same openers at the start of a line, for files with a few junk lines first.
_OPENER_LINE_RE = re.compile(
    r"^[ \t]*<(SEC-DOCUMENT|SEC-HEADER|IMS-DOCUMENT|IMS-HEADER|SUBMISSION|DOCUMENT)>", re.I | re.M
)
#: What must follow a generic opener soon for it to count: SGML tags with no closing tag
#: (`<TYPE>8-K` then a new line or the next tag), so an XML `<document><type>x</type>` does not.
_CONFIRM = {
    name: re.compile(r"<(?:" + tags + r")>[^<\n]*(?:\n|<(?!/))", re.I)
    for name, tags in (
        ("DOCUMENT", "TYPE|SEQUENCE|FILENAME|TEXT"),
        ("TYPE", "SEQUENCE|FILENAME|DESCRIPTION|TEXT"),
        ("SUBMISSION", "ACCESSION-NUMBER|TYPE"),
    )
}
#: A bare SGML header: `ACCESSION NUMBER:` near the top, maybe after `<ACCEPTANCE-DATETIME>`.
_BARE_HEADER_RE = re.compile(r"^[ \t]*ACCESSION NUMBER:", re.M)
_HTML_RE = re.compile(r"<(?:html|head|body|!doctype\s+html|title|meta|frameset)\b", re.I)
#: First elements that make a text HTML (documents often skip `<html>`).
_HTML_ROOTS = frozenset(
    "html head body title meta link style script p div table font pre center span b i u br hr a img form "
    "frameset h1 h2 h3 h4 h5 h6 ul ol dl tr td".split()
)
#: First elements of EDGAR plain-text documents (page and table markers, not markup).
_TEXT_MARKERS = frozenset("page s c caption fn".split())
_XML_DECL_RE = re.compile(r"<\?xml\b", re.I)
#: The first element of an XML text, past declarations, comments and doctypes.
_FIRST_ELEMENT_RE = re.compile(r"<([A-Za-z_][\w:.-]*)")
_INDEX_TITLE_RE = re.compile(r"<title>\s*(?:EDGAR Filing Documents for|SEC EDGAR Submission)\b", re.I)
_INDEX_NAME_RE = re.compile(r"(?:^|[-._])index(?:-headers)?\.html?(?:\.html?)?$", re.I)

_NON_SPACE = re.compile(r"\S")
#: How much of a file's head the checks look at.
_HEAD = 8192


@dataclass
class Sniffed:
    """The shape of a text, where its content starts (past a PEM wrapper), and notes."""

    shape: str
    start: int = 0
    problems: list[str] = field(default_factory=list)


def is_index_name(name: str) -> bool:
    """True for EDGAR index page names: `X-index.htm`, `X-index.html`, `X-index-headers.html`."""
    return bool(_INDEX_NAME_RE.search(name))


def sniff(text: str, name: str = "") -> Sniffed:
    """The shape of `text` (a whole decoded file) named `name`."""
    start = _skip_space(text, 0)
    if start >= len(text):
        return Sniffed(Shape.NOT_A_FILING, 0, ["the file holds only whitespace"])
    problems: list[str] = []
    content = 0  # where a plain document's text starts: past a PEM wrapper, if any
    if text.startswith(PEM_BEGIN, start):
        start = content = _pem_body(text, start)
    head = text[start : start + _HEAD]
    opener = _OPENER_RE.match(head)
    if opener and _confirmed(opener, head):
        return Sniffed(_OPENERS[opener.group(1).upper()], start, problems)
    if _bare_header(head):
        return Sniffed(Shape.HEADER_ONLY, start, problems)
    html = _HTML_RE.search(head)
    later = _OPENER_LINE_RE.search(head)
    if later and (html is None or html.start() > later.start()) and _confirmed(later, head):
        problems.append(f"{later.start()} characters before <{later.group(1).upper()}> were skipped")
        return Sniffed(_OPENERS[later.group(1).upper()], _skip_space(text, start + later.start()), problems)
    return Sniffed(_markup_shape(head, name), content, problems)


def _confirmed(opener: re.Match[str], head: str) -> bool:
    check = _CONFIRM.get(opener.group(1).upper())
    return check is None or check.search(head, opener.end(), opener.end() + 1024) is not None


def _skip_space(text: str, pos: int) -> int:
    found = _NON_SPACE.search(text, pos)
    return found.start() if found else len(text)


def _pem_body(text: str, start: int) -> int:
    """Where the content of a PEM-wrapped message starts: past its header lines."""
    blank = text.find("\n\n", start)
    first_tag = text.find("\n<", start)
    candidates = [p for p in (blank, first_tag) if p >= 0]
    if not candidates:
        return len(text)
    return _skip_space(text, min(candidates))


def _bare_header(head: str) -> bool:
    match = _BARE_HEADER_RE.search(head)
    if match is None:
        return False
    before = head[: match.start()]
    # Only tag lines (e.g. <ACCEPTANCE-DATETIME>) or nothing before the first header line.
    return all(
        not line.strip() or (line.lstrip().startswith("<") and not _HTML_RE.search(line)) for line in before.split("\n")
    )


def _markup_shape(head: str, name: str) -> str:
    """HTML, XML, an index page or plain text, for a head with no SGML opener.

    Decided by the first element: `<html>` or any HTML element → HTML; the plain-text
    EDGAR markers (`<PAGE>`, `<S>`, `<C>`, `<CAPTION>`, `<FN>`) → plain text; any other
    element → XML, unless the name ends in `.htm(l)` and there is no `<?xml` declaration.
    """
    html = _HTML_RE.search(head)
    if _INDEX_TITLE_RE.search(head) or (
        is_index_name(name) and html and ("tableFile" in head or "&lt;SEC-HEADER&gt;" in head)
    ):
        return Shape.INDEX_PAGE
    stripped = head.lstrip("\ufeff \t\n")
    is_htm = name.lower().endswith((".htm", ".html"))
    if not stripped.startswith("<"):
        # Text first; HTML only when <html>/<body> etc. come early (a stray preamble).
        return Shape.HTML if html else Shape.BARE_TEXT
    root = _root_element(stripped)
    if root is None:
        return Shape.HTML if is_htm else Shape.BARE_TEXT
    root = root.lower()
    if root in _HTML_ROOTS:
        return Shape.HTML
    if root in _TEXT_MARKERS:
        return Shape.BARE_TEXT
    if is_htm and not _XML_DECL_RE.match(stripped):
        return Shape.HTML
    return Shape.XML


def _root_element(text: str) -> str | None:
    pos = 0
    while True:
        lt = text.find("<", pos)
        if lt < 0:
            return None
        if text.startswith("<?", lt):
            pos = text.find("?>", lt) + 2 if text.find("?>", lt) >= 0 else len(text)
        elif text.startswith("<!--", lt):
            end = text.find("-->", lt)
            pos = end + 3 if end >= 0 else len(text)
        elif text.startswith("<!", lt):
            end = text.find(">", lt)
            pos = end + 1 if end >= 0 else len(text)
        else:
            match = _FIRST_ELEMENT_RE.match(text, lt)
            return match.group(1) if match else None
        if pos <= lt:
            return None
