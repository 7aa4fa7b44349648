"""The facts of EDGAR's XML forms, for the XML document of a filing that has no header.

Since 2003 (Forms 3, 4, 5) and 2009-2016 (Form D, 13F, 144, Form C, N-CEN ...) the primary
document of many filings is XML, and a user's folder may hold just that file
(`primary_doc.xml`, `form4.xml`). Two schemas cover them:

- ``<ownershipDocument>`` (Forms 3, 4, 5): ``documentType``, ``periodOfReport``, the ``issuer``
  (``issuerCik``, ``issuerName``) and each ``reportingOwner`` (``rptOwnerCik``, ``rptOwnerName``,
  address), signatures;
- ``<edgarSubmission>`` (every other XML form): ``submissionType``, ``periodOfReport`` or
  ``reportCalendarOrQuarter``, the filer's CIK in ``headerData``, and the party by form: the
  ``primaryIssuer`` of a Form D, the ``filingManager`` of a 13F, the ``issuerInfo`` of a Form
  144 (filed by the seller about the issuer), the ``issuerInformation`` of a Form C.

The values are taken with patterns on element names (namespace prefixes ignored), not with an
XML parser: an XML file from `filings/` is untrusted (entity expansion, deep nesting), and the
facts sit in flat leaf elements. Linear in the size of the text; unknown schemas give None.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from builder.edgar import state_code
from builder.model.filing import Address, Filer, Signature
from builder.parse.dates import parse_date

#: Parties kept from one XML form (a Form D may list hundreds of related persons: they are not parties).
MAX_FORM_PARTIES = 50
_ROOT = re.compile(r"<(?:[\w.-]+:)?(ownershipDocument|edgarSubmission)\b", re.I)


@dataclass
class XmlForm:
    """What an XML form says about its filing."""

    form_type: str | None = None
    period_of_report: str | None = None  #: ISO date
    filers: list[Filer] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)


def parse_xml_form(text: str | None) -> XmlForm | None:
    """The facts of an ownership or EDGAR-submission XML document, or None for other XML."""
    if not text:
        return None
    root = _ROOT.search(text, 0, 4096)
    if root is None:
        return None
    if root.group(1).lower() == "ownershipdocument":
        form = _ownership(text)
    else:
        form = _submission(text)
    form.signatures = [Signature(name=_clean_signer(name), date=parse_date(date))
                       for name, date in zip(_values(text, "signatureName"), _values(text, "signatureDate"))
                       if name][:MAX_FORM_PARTIES]
    return form


def _ownership(text: str) -> XmlForm:
    form = XmlForm(form_type=_first(text, "documentType"), period_of_report=parse_date(_first(text, "periodOfReport")))
    for block in _blocks(text, "issuer")[:1]:
        _add(form, Filer(role="issuer", cik=_cik(_first(block, "issuerCik")), name=_first(block, "issuerName")))
    for block in _blocks(text, "reportingOwner")[:MAX_FORM_PARTIES]:
        _add(form, Filer(role="reporting owner", cik=_cik(_first(block, "rptOwnerCik")),
                         name=_first(block, "rptOwnerName"),
                         business_address=_address(block, "rptOwnerStreet1", "rptOwnerStreet2", "rptOwnerCity",
                                                   "rptOwnerState", "rptOwnerZipCode")))
    return form


def _submission(text: str) -> XmlForm:
    form = XmlForm(form_type=_first(text, "submissionType"),
                   period_of_report=parse_date(_first(text, "periodOfReport") or _first(text, "reportCalendarOrQuarter")))
    header = (_blocks(text, "headerData") or [""])[0]
    filer_cik = _cik(_first(header, "filerCik") or _first(header, "cik"))
    if issuer := (_blocks(text, "issuerInfo") or [None])[0]:
        if _first(issuer, "issuerCik") or _first(issuer, "issuerName"):  # Form 144: a seller about the issuer
            _add(form, Filer(role="subject company", cik=_cik(_first(issuer, "issuerCik")),
                             name=_first(issuer, "issuerName"), file_number=_first(issuer, "secFileNumber"),
                             phone=_first(issuer, "issuerContactPhone"),
                             business_address=_address(issuer, "street1", "street2", "city", "stateOrCountry",
                                                       "zipCode")))
            seller = _first(text, "nameOfPersonForWhoseAccountTheSecuritiesAreToBeSold")
            _add(form, Filer(role="filed by", cik=filer_cik, name=seller))
            return form
    for block in (_blocks(text, "primaryIssuer") + _blocks(text, "issuerList"))[:MAX_FORM_PARTIES]:  # Form D
        _add(form, Filer(role="filer", cik=_cik(_first(block, "cik")), name=_first(block, "entityName"),
                         state_of_incorporation=state_code(_first(block, "jurisdictionOfInc")),
                         phone=_first(block, "issuerPhoneNumber"),
                         business_address=_address(block, "street1", "street2", "city", "stateOrCountry", "zipCode")))
    if not form.filers:
        name = (_first((_blocks(text, "filingManager") or [""])[0], "name")  # 13F
                or _first(text, "nameOfIssuer") or _first(text, "issuerName") or _first(text, "entityName"))
        if name or filer_cik:
            _add(form, Filer(role="filer", cik=filer_cik, name=name))
    return form


def _add(form: XmlForm, filer: Filer) -> None:
    if (filer.name or filer.cik) and all((f.cik, f.name) != (filer.cik, filer.name) for f in form.filers):
        form.filers.append(filer)


def _blocks(text: str, tag: str) -> list[str]:
    """The inner text of every `<tag>...</tag>` (any namespace prefix)."""
    pattern = re.compile(rf"<(?:[\w.-]+:)?{tag}(?:\s[^>]*)?>(.*?)</(?:[\w.-]+:)?{tag}\s*>", re.S | re.I)
    return [m.group(1) for m in pattern.finditer(text)]


def _values(text: str, tag: str) -> list[str]:
    """The text of every leaf `<tag>value</tag>` (a value wrapped in `<value>` too), unescaped."""
    pattern = re.compile(rf"<(?:[\w.-]+:)?{tag}(?:\s[^>]*)?>\s*(?:<(?:[\w.-]+:)?value>)?([^<]*)<", re.I)
    out = []
    for m in pattern.finditer(text):
        value = re.sub(r"\s+", " ", html.unescape(m.group(1))).strip()
        if value:
            out.append(value[:200])
    return out


def _first(text: str, tag: str) -> str | None:
    values = _values(text, tag)
    return values[0] if values else None


def _cik(value: str | None) -> str | None:
    digits = re.sub(r"\D", "", value or "")
    return digits.zfill(10) if digits and len(digits) <= 10 and int(digits) else None


def _address(block: str, street1: str, street2: str, city: str, state: str, zip_code: str) -> Address | None:
    address = Address(street1=_first(block, street1), street2=_first(block, street2), city=_first(block, city),
                      state=_first(block, state), zip=_first(block, zip_code))
    return address if address.street1 or address.city else None


def _clean_signer(name: str) -> str:
    return re.sub(r"^/s/\s*", "", name, flags=re.I).strip()
