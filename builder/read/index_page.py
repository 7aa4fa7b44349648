"""EDGAR index pages: the header and the document list they show.

Two kinds of page:

* `ACCESSION-index-headers.html` holds the real SGML header (HTML-escaped, in a `<PRE>`)
  and one `<DOCUMENT>` entry per file with a link instead of text. The header is taken
  verbatim (`header_format` `sec`, or `nc` when only the tag form in the page comment is
  there).
* `ACCESSION-index.htm(l)` ("Filing Detail") holds a documents table and filer boxes. Its
  facts are written out as a synthesized header in the `<TAG>value` vocabulary of the
  `.nc` form, one tag per line, with `header_format` `index-html`: `<ACCESSION-NUMBER>`,
  `<TYPE>`, `<PUBLIC-DOCUMENT-COUNT>`, `<PERIOD>`, `<ITEMS>` (one per item, number only),
  `<FILING-DATE>`, `<ACCEPTANCE-DATETIME>`, then one block per company: `<FILER>`
  (`<FILED-FOR>`, `<SUBJECT-COMPANY>`, `<FILED-BY>`, `<REPORTING-OWNER>`, `<ISSUER>`) with
  `<COMPANY-DATA>` (`<CONFORMED-NAME>`, `<CIK>`, `<ASSIGNED-SIC>`, `<IRS-NUMBER>`,
  `<STATE-OF-INCORPORATION>`, `<FISCAL-YEAR-END>`), `<FILING-VALUES>` (`<FORM-TYPE>`,
  `<ACT>`, `<FILE-NUMBER>`, `<FILM-NUMBER>`) and `<BUSINESS-ADDRESS>`/`<MAIL-ADDRESS>`
  (`<STREET1>`, `<STREET2>`, `<CITY>`, `<STATE>`, `<ZIP>`, `<PHONE>`). Dates are `YYYYMMDD`
  as in real headers. Only what the page shows is written; nothing is guessed.

Both kinds list the filing's documents: they come back as `RawDocument`s with type,
sequence, filename and description and no text ("listed, not included").
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from builder.read.submission import RawDocument

_I, _IS = re.I, re.I | re.S
_PRE = re.compile(r"<PRE>(.*?)(?:</PRE>|\Z)", _IS)
_COMMENT_HEADER = re.compile(r"<!--\s*(<SEC-HEADER>.*?</SEC-HEADER>)", _IS)
_SEC_HEADER = re.compile(r"<SEC-HEADER>(.*?)(?:</SEC-HEADER>|(?=<DOCUMENT>)|\Z)", _IS)
_DOC_BLOCK = re.compile(r"<DOCUMENT>(.*?)(?=</DOCUMENT>|<DOCUMENT>|\Z)", _IS)
_TAG_VALUE = re.compile(r"<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[ \t]*([^<\n]*)", _I)

_FORM_NAME = re.compile(r'id="formName">\s*<strong>\s*Form\s+(.*?)</strong>', _IS)
_ACCESSION = re.compile(r"(\d{10}-\d{2}-\d{6})")
_SEC_NUM = re.compile(r'id="secNum">(.*?)</div>', _IS)
_INFO = re.compile(r'<div class="infoHead">(.*?)</div>\s*<div class="info">(.*?)</div>', _IS)
_TABLE = re.compile(r'<table class="tableFile"[^>]*>(.*?)</table>', _IS)
_ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", _IS)
_CELL = re.compile(r"<td[^>]*>(.*?)</td>", _IS)
_FILER_DIV = re.compile(r'<div (?:id|class)="filerDiv">(.*?)<div class="clear">', _IS)
_MAILER = re.compile(r'<div class="mailer">\s*(Mailing|Business) Address(.*?)</div>', _IS)
_SPAN_OPEN = re.compile(r'<span class="mailerAddress">', _I)
_PHONE = re.compile(r"[\d() .+-]{7,}")
_STATE_ZIP = re.compile(r"([A-Z][A-Z0-9])\s+(\d[\dA-Z -]{2,9})")
_COMPANY = re.compile(r'<span class="companyName">(.*?)\((?:<a[^>]*>)?([^<)]*)(?:</a>)?\)', _IS)
_CIK = re.compile(r"CIK=(\d{1,10})")
_IDENT = re.compile(r'<p class="identInfo">(.*?)</p>', _IS)
_TAGS = re.compile(r"<[^>]+>")
_CITY_LINE = re.compile(r"(.*?)\s+([A-Z][A-Z0-9])\s+(\d[\dA-Z -]{2,9})")

#: Role shown after a company name → header block tag.
_ROLES = {
    "filer": "FILER", "filed for": "FILED-FOR", "subject": "SUBJECT-COMPANY",
    "filed by": "FILED-BY", "reporting": "REPORTING-OWNER", "issuer": "ISSUER",
}
#: Labels of the identInfo line → tag, and the block it belongs to.
_IDENT_TAGS = {
    "irs no.": ("COMPANY-DATA", "IRS-NUMBER"), "ein.": ("COMPANY-DATA", "IRS-NUMBER"),
    "ein": ("COMPANY-DATA", "IRS-NUMBER"), "state of incorp.": ("COMPANY-DATA", "STATE-OF-INCORPORATION"),
    "fiscal year end": ("COMPANY-DATA", "FISCAL-YEAR-END"), "sic": ("COMPANY-DATA", "ASSIGNED-SIC"),
    "type": ("FILING-VALUES", "FORM-TYPE"), "act": ("FILING-VALUES", "ACT"),
    "file no.": ("FILING-VALUES", "FILE-NUMBER"), "film no.": ("FILING-VALUES", "FILM-NUMBER"),
}


@dataclass
class IndexPage:
    """What an index page yields: header text, its format, and the documents it lists."""

    header: str | None = None
    header_format: str | None = None
    documents: list[RawDocument] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_index_page(page: str) -> IndexPage:
    """The header and document list of an index page (either kind)."""
    pre = _PRE.search(page)
    if pre and "&lt;SEC-HEADER&gt;" in pre.group(1)[:2000]:
        return _headers_page(html.unescape(pre.group(1)))
    comment = _COMMENT_HEADER.search(page)
    if comment:
        found = _headers_page(comment.group(1))
        found.header_format = "nc" if found.header and "ACCESSION NUMBER:" not in found.header else "sec"
        return found
    if _FORM_NAME.search(page) or _TABLE.search(page):
        return _detail_page(page)
    return IndexPage(problems=["an index page with neither a header nor a documents table"])


def _headers_page(sgml: str) -> IndexPage:
    found = IndexPage(header_format="sec")
    header = _SEC_HEADER.search(sgml)
    if header and header.group(1).strip():
        found.header = header.group(1).strip("\n")
    else:
        found.problems.append("the index page shows no SGML header")
    for block in _DOC_BLOCK.finditer(sgml):
        values: dict[str, str] = {}
        for match in _TAG_VALUE.finditer(block.group(1)):
            values.setdefault(match.group(1).lower(), match.group(2).strip())
        found.documents.append(RawDocument(**{k: v or None for k, v in values.items()}))
    return found


def _text(fragment: str) -> str:
    """Visible text of an HTML fragment, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(_TAGS.sub(" ", fragment)).split())


def _detail_page(page: str) -> IndexPage:
    found = IndexPage(header_format="index-html")
    lines: list[str] = []
    sec_num = _SEC_NUM.search(page)
    accession = _ACCESSION.search(_text(sec_num.group(1))) if sec_num else None
    if accession:
        lines.append(f"<ACCESSION-NUMBER>{accession.group(1)}")
    form = _FORM_NAME.search(page)
    if form:
        lines.append(f"<TYPE>{_text(form.group(1))}")
    info = {_text(k).lower(): v for k, v in _INFO.findall(page)}
    for label, tag in (("documents", "PUBLIC-DOCUMENT-COUNT"), ("period of report", "PERIOD")):
        if info.get(label):
            lines.append(f"<{tag}>{_date(_text(info[label]))}")
    for item in re.split(r"<br\s*/?>", info.get("items", ""), flags=_I):
        number = re.match(r"\s*Item\s+([\w.]+)\s*:", _text(item))
        if number:
            lines.append(f"<ITEMS>{number.group(1)}")
    if info.get("filing date"):
        lines.append(f"<FILING-DATE>{_date(_text(info['filing date']))}")
    if info.get("accepted"):
        lines.append(f"<ACCEPTANCE-DATETIME>{re.sub(r'[^0-9]', '', _text(info['accepted']))}")
    for block in _FILER_DIV.finditer(page):
        lines.extend(_filer(block.group(1)))
    found.header = "\n".join(lines) or None
    if found.header is None:
        found.problems.append("nothing header-like found on the index page")
    found.documents = _listed_documents(page)
    return found


def _date(value: str) -> str:
    return value.replace("-", "") if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else value


def _filer(block: str) -> list[str]:
    company = _COMPANY.search(block)
    if company is None:
        return []
    role = _ROLES.get(_text(company.group(2)).lower(), _text(company.group(2)).upper().replace(" ", "-") or "FILER")
    data = "OWNER-DATA" if role == "REPORTING-OWNER" else "COMPANY-DATA"
    groups: dict[str, list[str]] = {data: [f"<CONFORMED-NAME>{_text(company.group(1))}"], "FILING-VALUES": []}
    cik = _CIK.search(block)
    if cik:
        groups[data].append(f"<CIK>{cik.group(1).zfill(10)}")
    ident = _IDENT.search(block)
    for part in re.split(r"<br\s*/?>|\|", ident.group(1) if ident else "", flags=_I):
        label, _, value = _text(part).partition(":")
        where = _IDENT_TAGS.get(label.strip().lower())
        value = value.strip()
        if where and value:
            if where[1] == "ASSIGNED-SIC":
                value = value.split()[0]
            groups[data if where[0] == "COMPANY-DATA" else where[0]].append(f"<{where[1]}>{value}")
    lines = [f"<{role}>"]
    for name, values in groups.items():
        if values:
            lines += [f"<{name}>", *values, f"</{name}>"]
    for kind, body in _MAILER.findall(block):
        address = _address(body)
        if address:
            tag = "MAIL-ADDRESS" if kind.lower() == "mailing" else "BUSINESS-ADDRESS"
            lines += [f"<{tag}>", *address, f"</{tag}>"]
    lines.append(f"</{role}>")
    return lines


def _address(body: str) -> list[str]:
    """`<STREET1>`.. lines from a mailer box: street lines, then "CITY ST ZIP", then a phone.

    The state often sits in a span nested in the city's span, so the pieces come out as
    "REDWOOD CITY" then "CA 94065"; or the city line is one piece: "ARMONK NY 10504".
    """
    pieces = [t for t in (_text(p) for p in _SPAN_OPEN.split(body)[1:]) if t]
    streets: list[str] = []
    place: list[str] = []
    phone = None
    for piece in pieces:
        state_zip, city_line = _STATE_ZIP.fullmatch(piece), _CITY_LINE.fullmatch(piece)
        if _PHONE.fullmatch(piece):
            phone = piece
        elif state_zip and streets and not place:
            place = [streets.pop(), state_zip.group(1), state_zip.group(2)]
        elif city_line and streets and not place:
            place = [city_line.group(1), city_line.group(2), city_line.group(3)]
        else:
            streets.append(piece)
    out = [f"<STREET{n}>{v}" for n, v in enumerate([*streets[:1], " ".join(streets[1:])], 1) if v]
    out += [f"<{tag}>{v}" for tag, v in zip(("CITY", "STATE", "ZIP"), place) if v]
    return out + ([f"<PHONE>{phone}"] if phone else [])


def _listed_documents(page: str) -> list[RawDocument]:
    documents: list[RawDocument] = []
    for table in _TABLE.finditer(page):
        for row in _ROW.finditer(table.group(1)):
            cells = [_text(c) for c in _CELL.findall(row.group(1))]
            if len(cells) < 4 or not (cells[2] or cells[3]):
                continue
            sequence, description, filename, doc_type = (c or None for c in cells[:4])
            if doc_type is None and (description or "").lower().startswith("complete submission"):
                continue
            filename = filename.split()[0] if filename else None  # "d1.htm iXBRL" -> the file
            documents.append(RawDocument(doc_type, sequence, filename, description))
    return documents
