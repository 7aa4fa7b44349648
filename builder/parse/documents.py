"""A submission's documents and exhibits.

`to_document` turns a `RawDocument` (strings straight from the SGML tags) into the model's
`Document`: the sequence as a number, the format told from the content. `assemble_exhibits`
joins the two places an exhibit shows up, the exhibit index printed in the report and the
`EX-*` documents of the submission, into one list ordered by exhibit number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from builder.model.filing import Document, Exhibit
from builder.read.submission import RawDocument

#: How much of a document's start is looked at to tell its format.
_HEAD = 4096

_HTML_ROOT = re.compile(r"<(?:html|body|head|!doctype\s+html)\b", re.IGNORECASE)
# Tags of HTML bodies that plain-text filings never use (they have <PAGE>, <TABLE>, <S>, <C>).
_HTML_TAG = re.compile(r"<(?:p|div|font|br|tr|td|span|center|hr|a|b|i|u|h[1-6])(?:\s[^>]*)?/?>", re.IGNORECASE)
_XML_START = re.compile(r"\A\s*(?:<\?xml\b|<XML>|<[A-Za-z_][\w:.-]*\s[^>]*xmlns)", re.IGNORECASE)
_HTML_NAMES = (".htm", ".html", ".xhtml")
_XML_NAMES = (".xml", ".xsd")


def to_document(raw: RawDocument) -> Document:
    """The model's `Document` for one raw document."""
    return Document(
        sequence=_sequence(raw.sequence),
        type=_clean(raw.type),
        filename=_clean(raw.filename),
        description=_clean(raw.description),
        format=document_format(raw.text, raw.data, raw.filename),
        text=raw.text if raw.data is None else None,
        data=raw.data,
    )


def document_format(text: str | None, data: bytes | None = None, filename: str | None = None) -> str:
    """`binary` when there are bytes; `html`, `xml` or `text` from the content (the name breaks ties)."""
    if data is not None:
        return "binary"
    head = (text or "")[:_HEAD]
    name = (filename or "").lower()
    if _HTML_ROOT.search(head):
        return "html"
    if _XML_START.match(head):
        return "xml"
    if name.endswith(_HTML_NAMES):
        return "html"
    if name.endswith(_XML_NAMES):
        return "xml"
    if len(_HTML_TAG.findall(head)) >= 3:
        return "html"
    return "text"


def _sequence(value: str | None) -> int | None:
    m = re.match(r"\s*0*(\d{1,6})\s*$", value or "")
    return int(m.group(1)) if m else None


def _clean(value: str | None) -> str | None:
    value = re.sub(r"\s+", " ", value or "").strip()
    return value or None


# --- exhibits ---------------------------------------------------------------------------------


def exhibit_key(number: str) -> tuple:
    """A key under which one exhibit's spellings agree and that sorts naturally.

    "99.1", "99-1" and "EX-99.1" give the same key; "99(a)" and "99.A" too; "99.2" sorts before
    "99.10", and "99" before "99.1".
    """
    text = re.sub(r"^\s*EX(?:HIBIT)?[-\s]*", "", number.upper())
    parts = re.findall(r"\d+|[A-Z]+", text)
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


def assemble_exhibits(documents: Iterable[Document], index: Iterable[tuple[str, str | None]]) -> list[Exhibit]:
    """The exhibits of a filing: those its exhibit index lists and those it includes as documents.

    An exhibit held by a document is `included`, with that document's sequence; its description
    is the index's, else the document's DESCRIPTION. When numbers differ only in detail (an
    `EX-99` document, "99.1" in the index; or the other way round) the documents and listed
    exhibits of that whole number are paired in order, if there are as many of each. A listed
    number with neither a description nor a document (a stray page number read as an index
    entry) tells the reader nothing and is left out.
    """
    exhibits: list[Exhibit] = []
    by_key: dict[tuple, Exhibit] = {}
    for number, description in index:
        number = (number or "").strip()
        key = exhibit_key(number)
        if not key:
            continue
        if key in by_key:
            if not by_key[key].description and description:
                by_key[key].description = description
            continue
        by_key[key] = Exhibit(number=number, description=(description or "").strip() or None)
        exhibits.append(by_key[key])

    unmatched: list[tuple[tuple, Document]] = []
    for doc in documents:
        number = document_exhibit_number(doc)
        if not number:
            continue
        key = exhibit_key(number)
        exhibit = by_key.get(key)
        if exhibit is not None and not exhibit.included:
            _include(exhibit, doc)
        else:
            unmatched.append((key, doc))

    paired = _pair_by_whole_number(unmatched, exhibits)
    for key, doc in unmatched:
        exhibit = paired.get(id(doc))
        if exhibit is None:
            exhibit = Exhibit(number=document_exhibit_number(doc) or "", description=doc.description)
            exhibits.append(exhibit)
        _include(exhibit, doc)
    exhibits = [e for e in exhibits if e.included or e.description]
    exhibits.sort(key=lambda e: exhibit_key(e.number))
    return exhibits


def document_exhibit_number(doc: Document) -> str | None:
    """The exhibit number of an `EX-*` document, with the detail its type gives.

    Mostly `Document.exhibit_number` ("EX-99.1" → "99.1"); for the older spellings that it cuts
    short ("EX-12.(C)" → "12") the type's own text is kept ("12.(C)").
    """
    number = doc.exhibit_number
    if not number or not doc.type:
        return number
    full = re.sub(r"^\s*EX(?:HIBIT)?[-\s]*", "", doc.type.strip(), flags=re.IGNORECASE)
    return full if len(exhibit_key(full)) > len(exhibit_key(number)) else number


def _include(exhibit: Exhibit, doc: Document) -> None:
    exhibit.included = True
    exhibit.document_sequence = doc.sequence
    if not exhibit.description and doc.description:
        exhibit.description = doc.description


def _pair_by_whole_number(unmatched: list[tuple[tuple, Document]], exhibits: list[Exhibit]) -> dict[int, Exhibit]:
    """Documents (by id) → the listed exhibits they are, for numbers that differ only in detail.

    For each whole number, the unmatched documents and the listed, not included exhibits are
    paired in order when there are as many of each and one side gives just the whole number.
    """
    docs_by_whole: dict[tuple, list[tuple[tuple, Document]]] = {}
    for key, doc in unmatched:
        if key:
            docs_by_whole.setdefault(key[0], []).append((key, doc))
    paired: dict[int, Exhibit] = {}
    for whole, docs in docs_by_whole.items():
        listed = [e for e in exhibits if not e.included and exhibit_key(e.number)[:1] == (whole,)]
        if not listed or len(listed) != len(docs):
            continue
        docs_bare = all(len(key) == 1 for key, _ in docs)
        listed_bare = all(len(exhibit_key(e.number)) == 1 for e in listed)
        if docs_bare or listed_bare:
            for (_, doc), exhibit in zip(docs, listed):
                paired[id(doc)] = exhibit
    return paired


__all__ = ["assemble_exhibits", "document_exhibit_number", "document_format", "exhibit_key", "to_document"]
