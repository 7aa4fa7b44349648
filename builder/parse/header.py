"""The SGML header of a submission: the facts EDGAR recorded when the filing was accepted.

One parser for every layout the archive holds (see `docs/edgar.md`):

- `sec` / `ims`: indented ``KEY:<tab>value`` lines (``ACCESSION NUMBER:``, ``FILER:``,
  ``COMPANY DATA:`` ...), with a few ``<TAG>value`` lines mixed in (``<ACCEPTANCE-DATETIME>``,
  and in some 2000-era headers a whole ``<REPORTING-OWNER>`` block);
- `nc`: the archive form, ``<ACCESSION-NUMBER>...<TYPE>...`` one tag a line or run together on
  one line, blocks closed by ``</FILER>``;
- `index-html`: an EDGAR ``-index-headers.html`` page, which holds the same header escaped in
  a ``<PRE>`` (and again, as tags, in a comment).

Both layouts are first turned into the same stream of events (a block opens, a block closes,
a field has a value); one interpreter turns the events into a `Header`. Unknown keys are
ignored, missing values stay None, and nothing here raises on odd input.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from builder.model.filing import Address, Filer, FormerName
from builder.read.limits import MAX_PARTIES

#: Header blocks that name a party to the filing → the `Filer.role` they give.
PARTY_ROLES: dict[str, str] = {
    "FILER": "filer",
    "SUBJECT-COMPANY": "subject company",
    "FILED-BY": "filed by",
    "REPORTING-OWNER": "reporting owner",
    "ISSUER": "issuer",
    # The company an UPLOAD/CORRESP letter is about (private-to-public headers): its registrant.
    "FILED-FOR": "filer",
}

#: Party-like blocks the archive does not model (ABS depositors, securitizers ...): skipped.
_PARTY_ROLES_OTHER = {"DEPOSITOR", "SECURITIZER", "ISSUING-ENTITY", "SPONSOR", "SERIAL-COMPANY"}

#: Blocks inside a party block.
_SECTIONS: dict[str, str] = {
    "COMPANY-DATA": "company",
    "OWNER-DATA": "company",
    "FILING-VALUES": "values",
    "BUSINESS-ADDRESS": "business",
    "MAIL-ADDRESS": "mail",
    "FORMER-COMPANY": "former",
    "FORMER-NAME": "former",
}

#: Fields of the submission itself (text-layout key and tag name → one name).
_TOP_FIELDS: dict[str, str] = {
    "ACCESSION-NUMBER": "accession",
    "CONFORMED-SUBMISSION-TYPE": "type",
    "TYPE": "type",
    "PUBLIC-DOCUMENT-COUNT": "count",
    "CONFORMED-PERIOD-OF-REPORT": "period",
    "PERIOD": "period",
    "ITEM-INFORMATION": "items",
    "ITEMS": "items",
    "FILED-AS-OF-DATE": "filed",
    "FILING-DATE": "filed",
    "ACCEPTANCE-DATETIME": "accepted",
}

#: Fields of a party block.
_PARTY_FIELDS: dict[str, str] = {
    "COMPANY-CONFORMED-NAME": "name",
    "CONFORMED-NAME": "name",
    "CENTRAL-INDEX-KEY": "cik",
    "CIK": "cik",
    "STANDARD-INDUSTRIAL-CLASSIFICATION": "sic",
    "ASSIGNED-SIC": "sic",
    "IRS-NUMBER": "irs",
    "EIN": "irs",
    "STATE-OF-INCORPORATION": "incorporation",
    "FISCAL-YEAR-END": "fye",
    "FORM-TYPE": "form",
    "SEC-FILE-NUMBER": "file_number",
    "FILE-NUMBER": "file_number",
    "STREET-1": "street1",
    "STREET1": "street1",
    "STREET-2": "street2",
    "STREET2": "street2",
    "CITY": "city",
    "STATE": "state",
    "ZIP": "zip",
    "BUSINESS-PHONE": "phone",
    "PHONE": "phone",
    "FORMER-CONFORMED-NAME": "former_name",
    "DATE-OF-NAME-CHANGE": "former_date",
    "DATE-CHANGED": "former_date",
}

_ADDRESS_FIELDS = {"street1", "street2", "city", "state", "zip"}

# A header never needs more than this; a runaway input (a whole submission) is cut here.
_MAX_HEADER_CHARS = 1_000_000

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9_-]*)>([^<]*)")
# Words of a key are one space apart, so that a long line without a colon fails in linear time.
_TEXT_LINE = re.compile(r"^([ \t]*)([A-Z][A-Z0-9()/&.,'-]*(?: [A-Z0-9()/&.,'-]+)*)[ \t]*:[ \t]*(.*)$")
_DOCUMENT_START = re.compile(r"<DOCUMENT>", re.IGNORECASE)
_PRE = re.compile(r"<PRE[^>]*>(.*?)</PRE>", re.IGNORECASE | re.DOTALL)
_ACCESSION = re.compile(r"^(\d{10})-?(\d{2})-?(\d{6})$")
_SIC_IN_BRACKETS = re.compile(r"\[\s*(\d{1,4})\s*\]")


@dataclass
class Header:
    """The facts of a submission's SGML header. Unknown values are None (or empty lists)."""

    accession_number: str | None = None
    form_type: str | None = None
    period_of_report: str | None = None  #: ISO date
    filed_date: str | None = None  #: ISO date
    acceptance_datetime: str | None = None  #: as printed, e.g. "20230609145616"
    #: ITEM INFORMATION lines ("Results of Operations and Financial Condition") or <ITEMS> ("5.02").
    item_information: list[str] = field(default_factory=list)
    document_count: int | None = None
    filers: list[Filer] = field(default_factory=list)
    parties_dropped: int = 0  #: parties past `MAX_PARTIES`, not kept


def parse_header(text: str | None, fmt: str | None = None) -> Header:
    """Parse a header in any layout (`fmt` is `sec`, `ims`, `nc`, `index-html` or None).

    `fmt` is a hint: the layout is also recognised line by line, since real headers mix them.
    """
    header = Header()
    if not text:
        return header
    text = _header_text(text, fmt)
    _Interpreter(header).run(_events(text))
    return header


# --- from a source to header text -------------------------------------------------------------


def _header_text(text: str, fmt: str | None) -> str:
    """The header part of `text`: HTML pages unwrapped, documents cut off, size bounded."""
    if fmt == "index-html" or (fmt is None and re.match(r"\s*<(!DOCTYPE|HTML)", text, re.IGNORECASE)):
        text = _from_index_page(text)
    m = _DOCUMENT_START.search(text, 0, _MAX_HEADER_CHARS)
    end = m.start() if m else _MAX_HEADER_CHARS
    return text[:end]


def _from_index_page(page: str) -> str:
    """The SGML header held by an EDGAR ``-index-headers.html`` page.

    The ``<PRE>`` holds the text layout, HTML-escaped; older pages may only have the tag layout in
    a comment. A page holding neither is returned unchanged (the parser then finds nothing).
    """
    for m in _PRE.finditer(page):
        body = html.unescape(m.group(1))
        if "ACCESSION NUMBER" in body or "<SEC-HEADER>" in body or "<ACCESSION-NUMBER>" in body:
            return body
    at = page.find("<SEC-HEADER>")
    if at >= 0:  # the tag layout, in a comment of the page
        end = page.find("-->", at)
        return page[at: end if end >= 0 else len(page)]
    return page


# --- from header text to events ---------------------------------------------------------------

# Events: ("open", NAME, None), ("close", NAME, None), ("field", NAME, value),
# and ("top", None, None) when a text line at the left margin ends the party block it follows.
Event = tuple[str, "str | None", "str | None"]


def _key(raw: str) -> str:
    """"COMPANY DATA" and "COMPANY-DATA" → "COMPANY-DATA"."""
    return re.sub(r"[\s_]+", "-", raw.strip().upper())


def _events(text: str) -> Iterator[Event]:
    for line in text.splitlines():
        if ":" not in line and "<" not in line:
            continue
        if "<" in line and _TAG.search(line):
            yield from _tag_events(line)
            continue
        m = _TEXT_LINE.match(line)
        if not m:
            continue
        indent, key, value = m.group(1), _key(m.group(2)), m.group(3).strip()
        if key in PARTY_ROLES and not value:
            yield ("open", key, None)
        elif key in _SECTIONS and not value:
            yield ("open", key, None)
        else:
            # A line at the left margin that is not part of a party block (ACCESSION NUMBER,
            # GROUP MEMBERS, DEPOSITOR ...) ends the party block before it.
            if not indent and key not in _PARTY_FIELDS:
                yield ("top", None, None)
            if key in _PARTY_ROLES_OTHER and not value:
                yield ("open", key, None)
            else:
                yield ("field", key, value)


def _tag_events(line: str) -> Iterator[Event]:
    for m in _TAG.finditer(line):
        closing, name, value = m.group(1), _key(m.group(2)), m.group(3).strip()
        if closing:
            yield ("close", name, None)
        elif name in PARTY_ROLES or name in _SECTIONS or name in _PARTY_ROLES_OTHER:
            yield ("open", name, None)
        else:
            yield ("field", name, value)


# --- from events to a Header ------------------------------------------------------------------


class _Interpreter:
    """Fold events into a `Header`: party blocks become `Filer`s, sections say where fields go."""

    def __init__(self, header: Header) -> None:
        self.header = header
        self.party: Filer | None = None  # the party block being read
        self.skipping = False  # inside a party-like block the archive does not model
        self.section: str | None = None
        self.former: FormerName | None = None
        self.seen: set[tuple[str, str]] = set()  # (role, CIK) of the parties kept

    def run(self, events: Iterator[Event]) -> None:
        for kind, name, value in events:
            if kind == "open":
                self.open(name or "")
            elif kind == "close":
                self.close(name or "")
            elif kind == "top":
                self.end_party()
            else:
                self.field(name or "", value or "")
        self.end_party()

    def open(self, name: str) -> None:
        if name in PARTY_ROLES:
            self.end_party()
            self.party = Filer(role=PARTY_ROLES[name])
        elif name in _PARTY_ROLES_OTHER:
            self.end_party()
            self.skipping = True
        elif name in _SECTIONS:
            self.section = _SECTIONS[name]
            if self.section == "former":
                self.former = None

    def close(self, name: str) -> None:
        if name in PARTY_ROLES or name in _PARTY_ROLES_OTHER:
            self.end_party()
        elif name in _SECTIONS:
            self.section = None

    def end_party(self) -> None:
        party, self.party = self.party, None
        self.skipping = False
        self.section = None
        self.former = None
        if party is None or not (party.name or party.cik):
            return
        if party.cik:  # the same company twice in one role (SC TO-T/A, 485APOS): once
            if (party.role, party.cik) in self.seen:
                return
            self.seen.add((party.role, party.cik))
        if len(self.header.filers) >= MAX_PARTIES:
            self.header.parties_dropped += 1
            return
        self.header.filers.append(party)

    def field(self, key: str, value: str) -> None:
        if self.party is None:
            if not self.skipping:
                self.top_field(key, value)
            return
        name = _PARTY_FIELDS.get(key)
        if name is None or not value:
            return
        party = self.party
        if name == "name":
            party.name = _clean_name(value)
        elif name == "cik":
            party.cik = cik10(value)
        elif name == "sic":
            party.sic = _sic(value)
        elif name == "irs":
            party.irs_number = _irs(value)
        elif name == "incorporation":
            party.state_of_incorporation = value.upper()
        elif name == "fye":
            party.fiscal_year_end = value if re.fullmatch(r"\d{4}", value) else None
        elif name == "file_number":
            party.file_number = party.file_number or value
        elif name == "form":
            if self.header.form_type is None:
                self.header.form_type = value
        elif name == "phone":
            party.phone = party.phone or value
        elif name in _ADDRESS_FIELDS:
            self.address_field(name, value)
        elif name in ("former_name", "former_date"):
            self.former_field(name, value)

    def address_field(self, name: str, value: str) -> None:
        party = self.party
        assert party is not None
        if self.section == "mail":
            party.mail_address = party.mail_address or Address()
            address = party.mail_address
        elif self.section == "business":
            party.business_address = party.business_address or Address()
            address = party.business_address
        else:
            return
        setattr(address, name, value)

    def former_field(self, name: str, value: str) -> None:
        party = self.party
        assert party is not None
        if name == "former_name":
            self.former = FormerName(name=_clean_name(value))
            party.former_names.append(self.former)
        elif self.former is not None and self.former.date_changed is None:
            self.former.date_changed = iso_date(value)

    def top_field(self, key: str, value: str) -> None:
        name = _TOP_FIELDS.get(key)
        header = self.header
        if name is None or not value:
            return
        if name == "accession":
            header.accession_number = header.accession_number or accession(value)
        elif name == "type":
            header.form_type = value if header.form_type is None else header.form_type
        elif name == "count":
            header.document_count = int(value) if value.isdigit() else header.document_count
        elif name == "period":
            header.period_of_report = header.period_of_report or iso_date(value)
        elif name == "filed":
            header.filed_date = header.filed_date or iso_date(value)
        elif name == "accepted":
            header.acceptance_datetime = header.acceptance_datetime or value
        elif name == "items" and value not in header.item_information:
            header.item_information.append(value)


# --- values -----------------------------------------------------------------------------------


def iso_date(value: str | None) -> str | None:
    """"19940124" (or "1994-01-24") → "1994-01-24"; None for anything that is not a real date."""
    if not value:
        return None
    digits = re.sub(r"[-/]", "", value.strip())[:8]
    if not re.fullmatch(r"\d{8}", digits):
        return None
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"


def accession(value: str | None) -> str | None:
    """"0000950144-94-000103" as printed, or formatted from its 18 digits; None otherwise."""
    m = _ACCESSION.match((value or "").strip())
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def cik10(value: str | None) -> str | None:
    """A CIK zero-padded to 10 digits; None when there is no number."""
    digits = re.sub(r"\D", "", value or "")
    if not digits or len(digits) > 10 or not digits.strip("0"):
        return None
    return digits.zfill(10)


def _sic(value: str) -> str | None:
    """"SERVICES-PREPACKAGED SOFTWARE [7372]" → "7372"; "4833" → "4833"; " []" → None."""
    m = _SIC_IN_BRACKETS.search(value)
    digits = m.group(1) if m else value.strip()
    if not re.fullmatch(r"\d{1,4}", digits) or not digits.strip("0"):
        return None
    return digits.zfill(4)


def _irs(value: str) -> str | None:
    """The IRS number as printed; the all-zero placeholder EDGAR uses for "none" is None."""
    value = value.strip()
    return value if re.sub(r"\D", "", value).strip("0") else None


def _clean_name(value: str) -> str:
    """Names come with ``&amp;`` (sometimes twice escaped) and runs of spaces."""
    name = html.unescape(value)
    if "&amp;" in name:
        name = html.unescape(name)
    return re.sub(r"\s+", " ", name).strip()
