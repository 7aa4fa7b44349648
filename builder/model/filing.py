"""The records a parsed filing is made of.

The parse stage fills these in from one `Submission` (see `builder.read`); the archive
(`builder.model.archive`) links them into registrants. Every field that is not known is
`None` (or an empty list): values are never guessed.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from dataclasses import dataclass, field
from typing import Protocol

from builder.edgar import exhibit_number_from_type


@dataclass
class Address:
    """A postal address as printed in an SGML header or on a cover page."""

    street1: str | None = None
    street2: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    #: The whole address on one line when it could not be split (cover pages).
    text: str | None = None

    def one_line(self) -> str | None:
        """The address as one line: `text`, or the parts joined with commas."""
        if self.text:
            return self.text
        city_line = " ".join(p for p in (self.state, self.zip) if p)
        parts = [p for p in (self.street1, self.street2, self.city, city_line) if p]
        return ", ".join(parts) or None


@dataclass
class FormerName:
    """A name a company used before, from a header's FORMER COMPANY block."""

    name: str
    date_changed: str | None = None  #: ISO date of the name change


#: Roles of a party that files for itself: a header's FILER, a cover page's registrant.
FILER_ROLES = ("filer", "registrant")
#: Roles of the party a filing is about when another party files it: the subject company of an
#: SC 13G or SC TO-T, the issuer of a Form 3, 4 or 5.
SUBJECT_ROLES = ("subject company", "issuer")


@dataclass
class Filer:
    """One company (or person) named by a filing, with its role in it.

    `role` is one of `filer`, `subject company`, `filed by`, `reporting owner`,
    `issuer` (header block names, lower case) or `registrant` (read from a cover page).
    """

    name: str | None = None
    role: str = "filer"
    cik: str | None = None  #: 10 digits, zero-padded
    sic: str | None = None  #: 4 digits
    irs_number: str | None = None  #: as printed, e.g. "04-3387074"
    state_of_incorporation: str | None = None  #: 2-letter code
    fiscal_year_end: str | None = None  #: MMDD
    file_number: str | None = None  #: e.g. "000-30229"
    business_address: Address | None = None
    mail_address: Address | None = None
    phone: str | None = None
    former_names: list[FormerName] = field(default_factory=list)


@dataclass
class Item:
    """An item of a report (8-K "Item 2.02", 10-K "Item 7") and its official title."""

    number: str  #: "12", "2.02", "7A"; 10-K/10-Q items may carry a part: "II-1A"
    title: str | None = None
    #: Where the item's heading starts in the main document's text, when found.
    offset: int | None = None


@dataclass
class Signature:
    """A signature block: who signed, in what capacity, and when."""

    name: str | None = None
    title: str | None = None
    date: str | None = None  #: ISO date


class Texts(Protocol):
    """Where the texts of a source's documents are kept (`builder.cache.TextFile`)."""

    def read(self, index: int) -> str: ...

    def forget(self) -> None:
        """Let go of the texts read so far (they are read again when asked for)."""


class _Kept:
    """What `TextRef` and `DataRef` share: the `index`-th entry of a file of texts (`texts`)."""

    __slots__ = ()

    def read(self):
        """The text or bytes (OSError, pickle errors: the file is gone or broken)."""
        if self.texts is None:
            raise FileNotFoundError(f"{type(self).__name__} {self.index} of an unknown file")
        return self.texts.read(self.index)


class TextRef(_Kept):
    """A document's text kept elsewhere (`texts`: the parse cache's file of a source's texts),
    read when first asked for, with what is known of it without reading it: its length in
    characters, its size in bytes (UTF-8) and its opening words (`opening`)."""

    __slots__ = ("length", "size", "opening", "index", "texts")

    def __init__(self, length: int, size: int, opening: str, index: int, texts: Texts | None = None):
        self.length, self.size, self.opening, self.index, self.texts = length, size, opening, index, texts

    @classmethod
    def of(cls, text: str, index: int) -> TextRef:
        """What is known of `text`, the `index`-th text of its file."""
        return cls(len(text), len(text.encode("utf-8", "surrogatepass")), opening(text), index)

    def __reduce__(self):  # what is known, never the file's content
        return TextRef, (self.length, self.size, self.opening, self.index)


class DataRef(_Kept):
    """A binary document's bytes kept elsewhere (as a `TextRef`'s text: in the same file), read
    when asked for, with what is known of them without reading them: their size and their first
    `HEAD` bytes (enough to tell the kind of file: `builder.render.paths.sniff`). A build after
    one change then holds no graphic or PDF of the filings it does not render again."""

    __slots__ = ("size", "head", "index", "texts")
    HEAD = 32

    def __init__(self, size: int, head: bytes, index: int, texts: Texts | None = None):
        self.size, self.head, self.index, self.texts = size, head, index, texts

    @classmethod
    def of(cls, data: bytes, index: int) -> DataRef:
        """What is known of `data`, the `index`-th entry of its file."""
        return cls(len(data), bytes(data[:cls.HEAD]), index)

    def __reduce__(self):  # what is known, never the file's content
        return DataRef, (self.size, self.head, self.index)


class _ReadThrough:
    """`Document.text` and `Document.data`: the value (or None), or where it is kept (a `TextRef`,
    a `DataRef`), read through it each time: its file keeps what it read until told to forget it
    (`Filing.forget_texts`), so the value is not held here. Stored as `_text`, `_data`."""

    def __set_name__(self, owner, name: str) -> None:
        self.key = f"_{name}"

    def __get__(self, document, owner=None):
        if document is None:
            return None  # the field's default
        value = document.__dict__.get(self.key)
        return value.read() if isinstance(value, _Kept) else value

    def __set__(self, document, value) -> None:
        document.__dict__[self.key] = value


def opening(text: str) -> str:
    """The first words of a text, spacing aside: a cheap test that two texts may be the same
    before comparing them whole."""
    words = text[:4000].split()
    if len(words) <= 24:  # the window may cut a word: then take the words of the whole text
        words = text.split()
    return " ".join(words[:24])


@dataclass
class Document:
    """One document of a submission: the main report, an exhibit, a graphic.

    Text documents carry `text` (decoded); binary ones (uuencoded graphics, PDFs,
    zips) carry `data`. `format` says which: `text`, `html`, `xml` or `binary`.
    The text may be a `TextRef` (a document from the parse cache): it is read when first asked
    for; `size`, `length` and `opening` do not read it.
    """

    sequence: int | None = None
    type: str | None = None  #: "8-K", "EX-99.1", "GRAPHIC"
    filename: str | None = None
    description: str | None = None
    format: str = "text"
    text: str | None = _ReadThrough()  # type: ignore[assignment]
    data: bytes | None = _ReadThrough()  # type: ignore[assignment]

    @property
    def has_data(self) -> bool:
        """Whether the document is binary content (`data`), without reading it."""
        return self.__dict__.get("_data") is not None

    @property
    def data_ref(self) -> DataRef | None:
        """Where the bytes are kept, when they are kept elsewhere (`DataRef`), else None."""
        data = self.__dict__.get("_data")
        return data if isinstance(data, DataRef) else None

    @property
    def data_head(self) -> bytes:
        """The first bytes of `data` (`DataRef.HEAD` of them at least), without reading it all."""
        data = self.__dict__.get("_data")
        if isinstance(data, DataRef):
            return data.head
        return bytes(data[:DataRef.HEAD]) if data else b""

    @property
    def size(self) -> int:
        """Size in bytes of the document's content."""
        data = self.__dict__.get("_data")
        if data is not None:
            return data.size if isinstance(data, DataRef) else len(data)
        ref = self.text_ref
        if ref is not None:
            return ref.size
        return len(self.text.encode("utf-8", "surrogatepass")) if self.text else 0

    @property
    def length(self) -> int:
        """Length of the text in characters (0: none)."""
        ref = self.text_ref
        if ref is not None:
            return ref.length
        return len(self.text) if self.text else 0

    @property
    def opening(self) -> str:
        """The first words of the text (see `opening`)."""
        ref = self.text_ref
        if ref is not None:
            return ref.opening
        return opening(self.text or "")

    @property
    def text_ref(self) -> TextRef | None:
        """Where the text is kept, when it is kept elsewhere (`TextRef`), else None."""
        text = self.__dict__.get("_text")
        return text if isinstance(text, TextRef) else None

    @property
    def exhibit_number(self) -> str | None:
        """"99.1" for a document of type "EX-99.1", else None."""
        return exhibit_number_from_type(self.type)


@dataclass
class Exhibit:
    """An exhibit of a filing: listed in its exhibit index, included as a document, or both."""

    number: str  #: "99.1", "10", "101.INS"
    description: str | None = None
    included: bool = False
    #: The sequence of the document holding the exhibit, when it is included.
    document_sequence: int | None = None


@dataclass
class Filing:
    """One filing (submission) as parsed: the facts, its documents and its problems.

    `source` is the path as given to the builder (for an accession folder, the folder);
    `source_paths` every file the filing was read from.
    """

    source: str
    shape: str  #: see `builder.read.Shape`
    source_paths: list[str] = field(default_factory=list)
    accession_number: str | None = None
    form_type: str | None = None
    period_of_report: str | None = None  #: ISO date of "Date of Report"
    filed_date: str | None = None  #: ISO date
    filers: list[Filer] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    exhibits: list[Exhibit] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: Stable id used in URLs: the accession number, or one derived from the content.
    id: str = ""

    def forget_texts(self) -> None:
        """Let go of the documents' texts read from where they are kept (`TextRef`): each is read
        again if asked for. A build's workers render thousands of filings: without this, each
        would hold the texts of every filing it rendered."""
        for document in self.documents:
            for ref in (document.text_ref, document.data_ref):
                if ref is not None and ref.texts is not None:
                    ref.texts.forget()

    @property
    def main_document(self) -> Document | None:
        """The report itself: the first document that is not an exhibit or a graphic."""
        for doc in self.documents:
            if doc.exhibit_number is None and (doc.type or "").upper() not in {"GRAPHIC", "ZIP", "PDF", "XML", "JSON", "EXCEL"}:
                return doc
        return self.documents[0] if self.documents else None

    @property
    def primary_filer(self) -> Filer | None:
        """The party the filing is about, the one a reader would call its registrant.

        The subject company or issuer when the filing names one (an SC 13G is about the company
        whose shares are held, not the holder; a Form 4 about the issuer, not the reporting owner);
        else the filer that submitted it, whose CIK opens the accession number (0000092122-05-000042
        is SOUTHERN CO's, though its subsidiaries are listed first); else the first filer.
        """
        if not self.filers:
            return None
        for filer in self.filers:
            if filer.role in SUBJECT_ROLES:
                return filer
        prefix = (self.accession_number or "")[:10]
        if prefix.isdigit():
            for filer in self.filers:
                if filer.cik == prefix and filer.role in FILER_ROLES:
                    return filer
        return self.filers[0]

    @property
    def registrant_name(self) -> str | None:
        """The name of the primary filer (see `primary_filer`) as this filing gives it."""
        primary = self.primary_filer
        return primary.name if primary else None

    def to_json(self) -> dict:
        """The `inspect --json` contract: exactly these keys, unknown values null."""
        return {
            "source": self.source,
            "accession_number": self.accession_number,
            "form_type": self.form_type,
            "period_of_report": self.period_of_report,
            "filed_date": self.filed_date,
            "filers": [
                {
                    "name": f.name,
                    "cik": f.cik,
                    "state_of_incorporation": f.state_of_incorporation,
                    "file_number": f.file_number,
                    "irs_number": f.irs_number,
                    "sic": f.sic,
                    "fiscal_year_end": f.fiscal_year_end,
                    "business_address": f.business_address.one_line() if f.business_address else None,
                    "phone": f.phone,
                }
                for f in self.filers
            ],
            "items": [{"number": i.number, "title": i.title} for i in self.items],
            "signatures": [{"name": s.name, "title": s.title, "date": s.date} for s in self.signatures],
            "exhibits": [
                {"number": e.number, "description": e.description, "included": e.included}
                for e in self.exhibits
            ],
            "documents": [
                {"sequence": d.sequence, "type": d.type, "filename": d.filename, "description": d.description}
                for d in self.documents
            ],
            "problems": list(self.problems),
        }


def facts_digest(filing: Filing) -> str:
    """A hash of what `filing` says besides the words of its documents: every field of the filing
    and of its parts except the documents' texts (a text, or what a `TextRef` knows of it: length,
    size, opening), the bytes of binary documents beyond their size and first bytes, and where
    items start in the text (`Item.offset`). Two versions of a filing with the same digest
    differ only in pages and files that show its texts and bytes (its own); the archive's links,
    the site's layout and the index pages are the same for both (`builder.render.store`)."""
    buffer = io.BytesIO()
    _FactsPickler(buffer).dump(filing)
    return hashlib.blake2b(buffer.getvalue(), digest_size=20).hexdigest()


class _FactsPickler(pickle.Pickler):
    def __init__(self, buffer) -> None:
        super().__init__(buffer, protocol=pickle.HIGHEST_PROTOCOL)

    def reducer_override(self, obj):
        if type(obj) is Document:
            return tuple, ((("document",) + tuple((k, _data_facts(v) if k == "_data" else v)
                                                  for k, v in obj.__dict__.items() if k != "_text")),)
        if type(obj) is Item:
            return tuple, (("item", obj.number, obj.title),)
        return NotImplemented


def _data_facts(data: bytes | DataRef | None) -> tuple | None:
    """What `facts_digest` counts of a binary document's bytes, the same whether they are at hand
    or kept elsewhere: their size and first bytes (its file's name and kind), as a text's words
    are not counted."""
    if data is None:
        return None
    ref = data if isinstance(data, DataRef) else DataRef.of(data, 0)
    return ("data", ref.size, ref.head)
