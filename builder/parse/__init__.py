"""The parse stage: one `Submission` in, one `Filing` out.

Headers are the truth when a submission has one; the report's text (cover page, items,
signature, exhibit index) fills what the header lacks:

1. the SGML header (`header.parse_header`): accession number, form type, dates, filers;
2. the documents (`documents.to_document`), and the main one's text (HTML through
   `html_text.html_to_text`);
3. the cover page (`cover.parse_cover`): form type and date of report when the header has none,
   and the registrant when the header names no filer;
4. items (`items.parse_items`), falling back to the header's ITEM INFORMATION; signatures
   (`signatures.parse_signatures`); exhibits: the exhibit index (`exhibits.parse_exhibit_index`)
   joined with the `EX-*` documents (`documents.assemble_exhibits`).

Every step is bounded by the size of the main document; problems found are listed on the
filing, never raised.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from builder.edgar import NEW_8K_ITEMS, NEW_8K_ITEMS_FROM, OLD_8K_ITEMS, item_title
from builder.model.filing import Address, Document, Filer, Filing, Item
from builder.parse.documents import assemble_exhibits, to_document
from builder.parse.header import Header, parse_header
from builder.parse.html_text import html_to_text
from builder.parse.ownership_html import is_ownership_form, parse_rendered_ownership
from builder.parse.schedule import is_schedule, parse_schedule_cover
from builder.parse.xml_forms import parse_xml_form
from builder.read.limits import MAX_PARTIES
from builder.read.submission import Shape, Submission

#: The cover page is looked for in this much of the main document's text.
COVER_WINDOW = 40_000


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    """A text parser from a sibling module, or None while that module does not exist yet."""
    try:
        return getattr(importlib.import_module(f"builder.parse.{module}"), name)
    except ModuleNotFoundError as exc:
        if exc.name != f"builder.parse.{module}":
            raise
        return None


parse_cover = _optional("cover", "parse_cover")
parse_items = _optional("items", "parse_items")
parse_signatures = _optional("signatures", "parse_signatures")
parse_exhibit_index = _optional("exhibits", "parse_exhibit_index")


def parse_submission(submission: Submission) -> Filing:
    """The `Filing` of one submission: header facts first, then what the report's text says."""
    filing = Filing(
        source=submission.source,
        shape=submission.shape,
        source_paths=list(submission.paths),
        problems=list(submission.problems),
    )
    header = parse_header(submission.header, submission.header_format) if submission.header else Header()
    filing.accession_number = header.accession_number or submission.folder_accession
    filing.form_type = header.form_type
    filing.period_of_report = header.period_of_report
    filing.filed_date = header.filed_date
    filing.filers = list(header.filers)
    if header.parties_dropped:
        filing.problems.append(f"more than {MAX_PARTIES:,} companies in the header: the last "
                               f"{header.parties_dropped:,} were not read")
    filing.documents = [to_document(raw) for raw in submission.documents]
    _name_lone_document(filing, submission)

    main = filing.main_document
    if main is not None and main.exhibit_number is not None:
        main = None  # a lone exhibit has no cover page, items or signature of the report's
    if main is not None and main.format == "xml":
        _read_xml_form(filing, main)
    text = main_text(main)
    if text:
        _read_cover(filing, text)
        if main is not None and main.type is None and filing.form_type and not submission.header:
            main.type = filing.form_type  # a bare document is of the form its cover names
        filing.items = _safely(filing, "items", parse_items, text, filing.form_type, filing.period_of_report)
        filing.signatures = _safely(filing, "signatures", parse_signatures, text)
    if not filing.items:
        filing.items = items_from_header(header.item_information, filing.form_type,
                                         filing.period_of_report or filing.filed_date)
    index = _safely(filing, "exhibit index", parse_exhibit_index, text) if text else []
    filing.exhibits = assemble_exhibits(filing.documents, index)

    if not filing.form_type:
        _problem(filing, "no form type found")
    if not filing.filers:
        _problem(filing, "no registrant found")
    filing.id = filing.accession_number or "x-" + (
        submission.digest or hashlib.sha1(submission.source.encode("utf-8")).hexdigest()
    )[:12]
    return filing


def main_text(doc: Document | None) -> str | None:
    """The plain text of a document for the text parsers: HTML made text, XML and binaries none."""
    if doc is None or not doc.text or doc.format in ("binary", "xml"):
        return None
    if doc.format == "html":
        return html_to_text(doc.text)
    return doc.text


def _safely(filing: Filing, what: str, parser: Callable[..., Any] | None, *args: Any) -> list:
    """What a text parser finds, as a list; a parser that fails costs its part, not the filing."""
    if parser is None:
        return []
    try:
        return list(parser(*args) or [])
    except Exception as exc:  # a text parser's bug must not lose the header's facts
        _problem(filing, f"the {what} could not be read: {exc!r}")
        return []


def _read_cover(filing: Filing, text: str) -> None:
    """Fill from the cover page what the header did not give."""
    if parse_cover is None:
        return
    try:
        cover = parse_cover(text[:COVER_WINDOW])
    except Exception as exc:  # as in `_safely`
        _problem(filing, f"the cover page could not be read: {exc!r}")
        return
    if cover is None:
        return
    filing.form_type = filing.form_type or getattr(cover, "form_type", None)
    if is_schedule(filing.form_type):  # filed by a holder about an issuer: its own cover
        _read_schedule_cover(filing, text[:COVER_WINDOW])
        return
    if is_ownership_form(filing.form_type) and not filing.filers and _read_rendered_ownership(filing, text):
        return
    filing.period_of_report = filing.period_of_report or getattr(cover, "date_of_report", None)
    if filing.filers:
        return
    registrant = Filer(
        role="registrant",
        name=getattr(cover, "name", None),
        state_of_incorporation=getattr(cover, "state_of_incorporation", None),
        file_number=getattr(cover, "file_number", None),
        irs_number=getattr(cover, "irs_number", None),
        phone=getattr(cover, "phone", None),
    )
    address = getattr(cover, "address", None)
    if address:
        registrant.business_address = address if isinstance(address, Address) else Address(text=str(address))
    if registrant.name or registrant.file_number or registrant.irs_number:
        filing.filers.append(registrant)
    # A combined cover page (a parent and its subsidiaries) names further registrants.
    for name in getattr(cover, "co_registrants", None) or []:
        if name and all(f.name != name for f in filing.filers):
            filing.filers.append(Filer(role="registrant", name=name))


def _read_xml_form(filing: Filing, main: Document) -> None:
    """Form type, period, parties and signatures from an XML form (Form 4, D, 13F, 144 ...),
    for what the header did not give."""
    try:
        form = parse_xml_form(main.text)
    except Exception as exc:  # as in `_safely`
        _problem(filing, f"the XML form could not be read: {exc!r}")
        return
    if form is None:
        return
    filing.form_type = filing.form_type or form.form_type
    filing.period_of_report = filing.period_of_report or form.period_of_report
    filing.filers = filing.filers or form.filers
    filing.signatures = form.signatures
    if main.type is None:
        main.type = filing.form_type


def _read_rendered_ownership(filing: Filing, text: str) -> bool:
    """Issuer, reporting owner and date of a Form 3, 4 or 5 as EDGAR renders it; False if it is not one."""
    rendered = parse_rendered_ownership(text[:COVER_WINDOW])
    if rendered is None:
        return False
    filing.period_of_report = filing.period_of_report or rendered.period_of_report
    if rendered.issuer:
        filing.filers.append(Filer(role="issuer", name=rendered.issuer))
    if rendered.reporting_owner:
        filing.filers.append(Filer(role="reporting owner", name=rendered.reporting_owner))
    return True


def _read_schedule_cover(filing: Filing, text: str) -> None:
    """A schedule's event date, and when no header names them, its issuer and reporting persons."""
    cover = parse_schedule_cover(text)
    filing.period_of_report = filing.period_of_report or cover.event_date
    if filing.filers:
        return
    if cover.issuer:
        filing.filers.append(Filer(role="subject company", name=cover.issuer))
    for person in cover.reporting_persons:
        filing.filers.append(Filer(role="filed by", name=person))


def _name_lone_document(filing: Filing, submission: Submission) -> None:
    """A bare document (one file, no SGML wrapper) is named after its file."""
    if len(filing.documents) != 1 or filing.documents[0].filename:
        return
    if submission.shape not in (Shape.BARE_TEXT, Shape.HTML, Shape.XML):
        return
    path = submission.paths[0] if submission.paths else submission.source
    if path:
        filing.documents[0].filename = PurePath(path).name


def _problem(filing: Filing, text: str) -> None:
    if text not in filing.problems:
        filing.problems.append(text)


# --- items from the header's ITEM INFORMATION -------------------------------------------------

_ITEM_NUMBER = re.compile(r"^\s*(?:ITEM\s+)?(\d{1,2}(?:\.\d{2})?)\s*$", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+")
_STOP = {"of", "or", "and", "the", "a", "an", "to", "in", "on", "under", "for", "s"}


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower().replace("'", "")) if w not in _STOP)


#: Other wordings filers used for the old items (edgar.md: "Other Events and Regulation FD
#: Disclosure" from 2003; "Financial Statements and Exhibits", the short title of item 7).
_OLD_ALIASES = [("5", "Other Events and Regulation FD Disclosure"), ("7", "Financial Statements and Exhibits")]

_TITLE_WORDS = {
    "old": [(n, _words(t)) for n, t in [*OLD_8K_ITEMS.items(), *_OLD_ALIASES]],
    "new": [(n, _words(t)) for n, t in NEW_8K_ITEMS.items()],
}


def items_from_header(information: list[str], form_type: str | None, date_iso: str | None) -> list[Item]:
    """8-K items from the header: "5.02" or "7" as numbers, "Other events" matched to a title.

    Text is matched to the official titles of the item numbering in force on `date_iso` (the old
    numbers before 23 August 2004); text that matches no title well is left out. Other forms'
    header items (Form D's "06b", "3C") are not report items and give none.
    """
    form = (form_type or "").upper()
    if not form.startswith("8-K"):
        return []
    items: list[Item] = []
    seen: set[str] = set()
    for entry in information:
        m = _ITEM_NUMBER.match(entry)
        number = m.group(1) if m else _match_title(entry, date_iso)
        if number is None or number in seen:
            continue
        title = item_title(form_type, number, date_iso)
        if m and title is None:
            continue
        seen.add(number)
        items.append(Item(number=number, title=title))
    return items


def _match_title(text: str, date_iso: str | None) -> str | None:
    """The number of the 8-K item whose title `text` is (closest word overlap, at least half).

    The numbering in force on `date_iso` is tried first (the new one when the date is unknown),
    then the other: a filing of late August 2004 may report an earlier event under new items.
    """
    words = _words(text)
    if not words:
        return None
    old_first = bool(date_iso) and date_iso < NEW_8K_ITEMS_FROM
    for table in (("old", "new") if old_first else ("new", "old")):
        best, best_score = None, 0.0
        for number, title_words in _TITLE_WORDS[table]:
            score = len(words & title_words) / len(words | title_words)
            if score > best_score:
                best, best_score = number, score
        if best_score >= 0.5:
            return best
    return None
