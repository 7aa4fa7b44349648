"""What the read stage hands to the parse stage."""

from __future__ import annotations

from dataclasses import dataclass, field


class Shape:
    """The shapes a source in `filings/` can take, chosen by sniffing its content."""

    BARE_TEXT = "bare-text"  #: a plain-text document with no SGML (the seed)
    WRAPPED_DOCUMENT = "wrapped-document"  #: one `<DOCUMENT><TYPE>..<TEXT>` with no header
    FULL_SUBMISSION = "full-submission"  #: `<SEC-DOCUMENT>`/`<SEC-HEADER>`, maybe PEM-wrapped
    IMS_SUBMISSION = "ims-submission"  #: the 1993-94 `<IMS-DOCUMENT>`/`<IMS-HEADER>`
    NC_SUBMISSION = "nc-submission"  #: the `<SUBMISSION>` archive form (`.nc`)
    HEADER_ONLY = "header-only"  #: an SGML header with no documents (`.hdr.sgml`)
    HTML = "html"  #: an HTML or inline-XBRL document
    XML = "xml"  #: an XML document (ownership forms, Form D, 13F primary docs)
    INDEX_PAGE = "index-page"  #: an EDGAR `-index.htm(l)` or `-index-headers.html` page
    ACCESSION_FOLDER = "accession-folder"  #: a folder holding one filing's files and its index page
    NOT_A_FILING = "not-a-filing"  #: empty, binary or otherwise unreadable: becomes a listed problem


@dataclass
class RawDocument:
    """One `<DOCUMENT>` of a submission (or the whole file, for a bare document).

    `text` holds decoded text; `data` holds the bytes of a decoded uuencoded part
    (or of a binary file). Values come straight from the SGML tags, unparsed.
    """

    type: str | None = None
    sequence: str | None = None
    filename: str | None = None
    description: str | None = None
    text: str | None = None
    data: bytes | None = None


@dataclass
class Submission:
    """One source read from `filings/`: a file, or an accession folder of several files.

    `source` is the path as given (relative to the filings folder when read from one);
    `header` the raw header text when the source has one, in `header_format`
    (`sec`, `ims`, `nc` or `index-html`).
    """

    source: str
    shape: str
    paths: list[str] = field(default_factory=list)
    header: str | None = None
    header_format: str | None = None
    documents: list[RawDocument] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: The encoding the bytes were decoded with ("utf-8", "cp1252", ...).
    encoding: str | None = None
    #: SHA-1 of the source's bytes (all files, in order): a stable id when there is no accession number.
    digest: str = ""
    #: The accession number the source's folder is named for (EDGAR's layout: `.../0001193125-11-023336/`
    #: or `.../000119312511023336/`), for filings whose files carry no header that says it.
    folder_accession: str | None = None
