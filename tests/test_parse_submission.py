"""The parse stage as a whole: a `Submission` in, a `Filing` out (and its documents and exhibits).

Submissions are built here from real fixture text the way the read stage hands them over
(header text + raw documents), so these tests do not depend on the read stage; one test at the
end reads the fixtures through it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED, seed_id

import builder.parse as parse
from builder.model.filing import Document
from builder.parse import items_from_header, main_text, parse_submission
from builder.parse.documents import assemble_exhibits, document_format, exhibit_key, to_document
from builder.read.submission import RawDocument, Shape, Submission

PARSE = FIXTURES / "parse"
TEXT_PARSERS = {"cover": parse.parse_cover, "items": parse.parse_items,
                "signatures": parse.parse_signatures, "exhibits": parse.parse_exhibit_index}
needs_text_parsers = pytest.mark.skipif(
    not all(TEXT_PARSERS.values()),
    reason="the text parsers (cover, items, signatures, exhibits) are not all there yet",
)

SEED_JSON = {
    "source": "004_edb917d2bca7005c.txt",
    "accession_number": None,
    "form_type": "8-K",
    "period_of_report": "2003-10-08",
    "filed_date": None,
    "filers": [{
        "name": "SONUS NETWORKS, INC.",
        "cik": None,
        "state_of_incorporation": "DE",
        "file_number": "000-30229",
        "irs_number": "04-3387074",
        "sic": None,
        "fiscal_year_end": None,
        "business_address": "5 CARLISLE ROAD, WESTFORD, MASSACHUSETTS 01886",
        "phone": "(978) 692-8999",
    }],
    "items": [{"number": "12", "title": "Results of Operations and Financial Condition"}],
    "signatures": [{
        "name": "Stephen J. Nill",
        "title": "Chief Financial Officer, Vice President of Finance and Administration and Treasurer",
        "date": "2003-10-08",
    }],
    "exhibits": [{
        "number": "99.1",
        "description": "Press release dated October 8, 2003 reporting the financial results of Sonus Networks, "
                       "Inc. for the fiscal quarter ended September 30, 2003.",
        "included": False,
    }],
    # A bare document has no <TYPE>: it is of the form type its cover page names.
    "documents": [{"sequence": None, "type": "8-K", "filename": "004_edb917d2bca7005c.txt", "description": None}],
    "problems": [],
}


def _read(path: Path) -> str:
    with open(path, encoding="latin-1", newline="") as f:
        return f.read()


def _digest(*paths: Path) -> str:
    sha = hashlib.sha1()
    for path in paths:
        sha.update(path.read_bytes())
    return sha.hexdigest()


def _seed_submission() -> Submission:
    """The seed as the read stage gives it: one bare-text document, no header."""
    return Submission(
        source=SEED.name, shape=Shape.BARE_TEXT, paths=[SEED.name],
        documents=[RawDocument(text=SEED.read_text(encoding="utf-8"))],
        encoding="utf-8", digest=_digest(SEED),
    )


def _tag(block: str, name: str) -> str | None:
    m = re.search(rf"<{name}>[ \t]*([^\r\n<]*)", block, re.IGNORECASE)
    return m.group(1).strip() if m else None


def _sgml_submission(name: str, shape: str, header_format: str, header_tags: tuple[str, str]) -> Submission:
    """A full submission fixture split the simple way: header between its tags, one RawDocument
    per <DOCUMENT> with the text between <TEXT> and </TEXT>."""
    path = PARSE / name
    text = _read(path)
    start, end = header_tags
    header = text[text.index(start) + len(start): text.index(end)] if end in text else text[: text.index("<DOCUMENT>")]
    documents = []
    for block in re.findall(r"<DOCUMENT>(.*?)</DOCUMENT>", text, re.DOTALL):
        body = block[block.index("<TEXT>") + 6: block.index("</TEXT>")] if "<TEXT>" in block else None
        documents.append(RawDocument(type=_tag(block, "TYPE"), sequence=_tag(block, "SEQUENCE"),
                                     filename=_tag(block, "FILENAME"), description=_tag(block, "DESCRIPTION"),
                                     text=body))
    return Submission(source=name, shape=shape, paths=[name], header=header, header_format=header_format,
                      documents=documents, digest=_digest(path))


# --- the seed: the acceptance test -----------------------------------------------------------


@needs_text_parsers
def test_seed_bare_text_8k_gives_the_whole_filing():
    filing = parse_submission(_seed_submission())
    assert filing.to_json() == SEED_JSON
    assert filing.id == seed_id()
    assert filing.shape == Shape.BARE_TEXT
    assert filing.source_paths == [SEED.name]


def test_seed_header_less_facts_come_from_nowhere_else():
    filing = parse_submission(_seed_submission())
    assert filing.accession_number is None and filing.filed_date is None
    assert filing.id == "x-" + _digest(SEED)[:12]
    assert [d.format for d in filing.documents] == ["text"]
    assert filing.documents[0].filename == "004_edb917d2bca7005c.txt"


@needs_text_parsers
def test_seed_read_by_the_read_stage_gives_the_same_filing():
    from builder.read import read_source

    try:
        submission = read_source(SEED, SEED.parent)
    except NotImplementedError:
        pytest.skip("the read stage is not there yet")
    filing = parse_submission(submission)
    assert filing.to_json() == SEED_JSON
    assert filing.id == seed_id()


# --- submissions with a header ---------------------------------------------------------------


def test_header_facts_are_the_truth_for_a_full_submission():
    sub = _sgml_submission("0000950117-01-500102.txt", Shape.FULL_SUBMISSION, "sec", ("<SEC-HEADER>", "</SEC-HEADER>"))
    filing = parse_submission(sub)
    assert filing.id == filing.accession_number == "0000950117-01-500102"
    assert (filing.form_type, filing.period_of_report, filing.filed_date) == ("8-K", "2001-04-26", "2001-04-26")
    (filer,) = filing.filers
    assert (filer.role, filer.name, filer.cik, filer.irs_number) == ("filer", "ENTRADA NETWORKS INC", "0001000695", "330676350")
    assert [f.name for f in filer.former_names] == ["SYNC RESEARCH INC"]
    (doc,) = filing.documents
    assert (doc.sequence, doc.type, doc.filename, doc.format) == (1, "8-K", "a29582.txt", "text")
    assert filing.problems == []


@needs_text_parsers
def test_items_are_read_from_the_body_when_the_header_item_information_is_blank():
    sub = _sgml_submission("0000950117-01-500102.txt", Shape.FULL_SUBMISSION, "sec", ("<SEC-HEADER>", "</SEC-HEADER>"))
    filing = parse_submission(sub)
    assert [(i.number, i.title) for i in filing.items] == [("5", "Other Events")]
    assert filing.signatures[0].name == "Gilbert S. Goldbeck"


def test_ims_submission_gives_header_filer_and_items():
    sub = _sgml_submission("0000950144-94-000103.excerpt.txt", Shape.IMS_SUBMISSION, "ims", ("<IMS-HEADER>", "</IMS-HEADER>"))
    filing = parse_submission(sub)
    assert filing.accession_number == "0000950144-94-000103"
    assert filing.period_of_report == "1994-01-24"
    assert [(f.name, f.cik) for f in filing.filers] == [("TURNER BROADCASTING SYSTEM INC", "0000100240")]
    assert [i.number for i in filing.items] == ["7"]  # the body's "ITEM 7." or the header's "7"
    assert filing.items[0].title == "Financial Statements, Pro Forma Financial Information and Exhibits"


def test_header_only_submission_takes_items_from_item_information():
    path = PARSE / "0000899243-96-000861.header.txt"
    text = _read(path)
    header = text[text.index("<SEC-HEADER>") + len("<SEC-HEADER>"): text.index("</SEC-HEADER>")]
    sub = Submission(source=path.name, shape=Shape.HEADER_ONLY, paths=[path.name], header=header,
                     header_format="sec", digest=_digest(path))
    filing = parse_submission(sub)
    assert filing.form_type == "8-K" and filing.documents == []
    assert [(i.number, i.title) for i in filing.items] == [
        ("2", "Acquisition or Disposition of Assets"),
        ("7", "Financial Statements, Pro Forma Financial Information and Exhibits"),
    ]
    assert filing.filers[0].name == "COTELLIGENT GROUP INC"
    assert filing.problems == []


def test_nc_form_4_gives_owner_and_issuer_and_an_xml_document():
    path = PARSE / "0001562180-25-000280.nc"
    text = _read(path)
    header, _, rest = text.partition("<DOCUMENT>")
    body = rest[rest.index("<TEXT>") + 6: rest.index("</TEXT>")]
    body = re.sub(r"^<XML>|</XML>\s*$", "", body.strip())
    sub = Submission(source=path.name, shape=Shape.NC_SUBMISSION, paths=[path.name], header=header,
                     header_format="nc", digest=_digest(path),
                     documents=[RawDocument(type="4", sequence="1", filename="primarydocument.xml",
                                            description="PRIMARY DOCUMENT", text=body)])
    filing = parse_submission(sub)
    assert [(f.role, f.name) for f in filing.filers] == [("reporting owner", "Snow Jessica"), ("issuer", "2seventy bio, Inc.")]
    assert filing.form_type == "4"
    assert filing.documents[0].format == "xml"
    assert main_text(filing.documents[0]) is None  # no cover page in XML
    assert filing.items == [] and filing.problems == []


@needs_text_parsers
def test_wrapped_html_8k_without_header_takes_registrant_from_its_cover():
    path = PARSE / "0001493152-25-001317-form8-k.htm"
    sub = Submission(source=path.name, shape=Shape.WRAPPED_DOCUMENT, paths=[path.name], digest=_digest(path),
                     documents=[RawDocument(type="8-K", sequence="1", filename="form8-k.htm", text=_read(path))])
    filing = parse_submission(sub)
    assert filing.documents[0].format == "html"
    assert (filing.form_type, filing.period_of_report) == ("8-K", "2025-01-06")
    (registrant,) = filing.filers
    assert registrant.role == "registrant"
    assert (registrant.name, registrant.state_of_incorporation, registrant.file_number, registrant.irs_number) == (
        "ACORN ENERGY, INC.", "DE", "001-33886", "22-2786081")
    assert [i.number for i in filing.items] == ["5.02", "9.01"]
    assert "10.1" in [e.number for e in filing.exhibits]
    assert filing.id.startswith("x-") and filing.problems == []


def test_a_document_that_says_nothing_gives_problems_not_errors():
    sub = Submission(source="note.txt", shape=Shape.BARE_TEXT, paths=["note.txt"], digest="ab" * 20,
                     documents=[RawDocument(text="Nothing to see here.\n")], problems=["read: something odd"])
    filing = parse_submission(sub)
    assert filing.problems == ["read: something odd", "no form type found", "no registrant found"]
    assert filing.id == "x-" + "ab" * 6


def test_a_lone_exhibit_is_not_read_as_a_report():
    # A press release filed alone (its 8-K not in the file): its text mentions "Form 10-K".
    html = (PARSE / "0001493152-25-001317-form8-k.htm").read_text(encoding="utf-8")
    sub = Submission(source="ex99-1.htm", shape=Shape.WRAPPED_DOCUMENT, digest="cd" * 20,
                     documents=[RawDocument(type="EX-99.1", sequence="2", filename="ex99-1.htm", text=html)])
    filing = parse_submission(sub)
    assert filing.form_type is None and filing.filers == [] and filing.items == []
    assert [(e.number, e.included, e.document_sequence) for e in filing.exhibits] == [("99.1", True, 2)]


def test_a_failing_text_parser_costs_its_part_not_the_filing(monkeypatch):
    def broken(*args):
        raise ValueError("boom")

    monkeypatch.setattr(parse, "parse_signatures", broken)
    sub = _sgml_submission("0000950117-01-500102.txt", Shape.FULL_SUBMISSION, "sec", ("<SEC-HEADER>", "</SEC-HEADER>"))
    filing = parse_submission(sub)
    assert filing.signatures == []
    assert filing.problems == ["the signatures could not be read: ValueError('boom')"]
    assert filing.filers[0].name == "ENTRADA NETWORKS INC"


@pytest.mark.parametrize("documents", [
    [],
    [RawDocument()],
    [RawDocument(text="")],
    [RawDocument(type="GRAPHIC", sequence="2", filename="g.jpg", data=b"\xff\xd8\xff")],
    [RawDocument(type="8-K", text="<html><body><table><tr><td>FORM 8-K</td></tr></table></body></html>")],
    [RawDocument(type="EX-99.1", sequence="x", text="<p>press release</p>")],
])
def test_odd_submissions_are_parsed_without_raising(documents):
    sub = Submission(source="odd", shape=Shape.WRAPPED_DOCUMENT, documents=documents, header="<<garbage>>",
                     header_format="sec")
    filing = parse_submission(sub)
    assert filing.id.startswith("x-")
    assert "no registrant found" in filing.problems


# --- items from the header --------------------------------------------------------------------


@pytest.mark.parametrize(("information", "date", "expected"), [
    (["Results of Operations and Financial Condition"], "2003-10-08", [("12", "Results of Operations and Financial Condition")]),
    (["Results of Operations and Financial Condition"], "2010-01-01", [("2.02", "Results of Operations and Financial Condition")]),
    (["Other events"], "1994-03-22", [("5", "Other Events")]),
    (["Other Events and Regulation FD Disclosure"], "2003-05-01", [("5", "Other Events")]),
    (["Financial statements and exhibits"], "1996-06-28", [("7", "Financial Statements, Pro Forma Financial Information and Exhibits")]),
    (["Entry into a Material Definitive Agreement"], "2004-08-20", [("1.01", "Entry into a Material Definitive Agreement")]),
    (["5.02", "9.01"], "2025-01-06", [("5.02", "Departure of Directors or Certain Officers; Election of Directors; "
                                       "Appointment of Certain Officers; Compensatory Arrangements of Certain Officers"),
                                      ("9.01", "Financial Statements and Exhibits")]),
    (["7"], "1994-01-24", [("7", "Financial Statements, Pro Forma Financial Information and Exhibits")]),
    (["Something else entirely", ""], "2003-01-01", []),
])
def test_header_item_information_maps_to_item_numbers_and_official_titles(information, date, expected):
    assert [(i.number, i.title) for i in items_from_header(information, "8-K", date)] == expected


def test_header_items_of_other_forms_are_not_report_items():
    assert items_from_header(["06b", "3C", "3C.7"], "D", "2024-01-11") == []


# --- documents and exhibits -------------------------------------------------------------------


def test_document_sequence_is_a_number_and_format_is_read_from_the_content():
    html = (PARSE / "0001493152-25-001317-form8-k.htm").read_text(encoding="utf-8")
    doc = to_document(RawDocument(type=" 8-K ", sequence="001", filename="form8-k.htm", text=html))
    assert (doc.sequence, doc.type, doc.format) == (1, "8-K", "html")
    assert to_document(RawDocument(sequence="n/a")).sequence is None
    assert document_format(SEED.read_text(encoding="utf-8")) == "text"
    # Plain-text filings of 2001 use SGML <TABLE>/<S>/<C> and <PAGE>: still text.
    assert document_format(_read(PARSE / "0000950117-01-500102.txt").split("<TEXT>")[1]) == "text"
    assert document_format('<?xml version="1.0"?>\n<ownershipDocument>') == "xml"
    assert document_format("<edgarSubmission xmlns=\"http://www.sec.gov/edgar/thirteenffiler\">") == "xml"
    assert document_format(None, b"\x89PNG") == "binary"
    assert document_format("", filename="R1.htm") == "html"


def _docs(*specs: tuple[str, int, str | None]) -> list[Document]:
    return [Document(sequence=seq, type=t, description=d) for t, seq, d in specs]


def test_exhibits_join_the_index_and_the_exhibit_documents_in_natural_order():
    # The Acorn Energy 8-K (0001493152-25-001317): its index lists 10.1 and 104.1 (embedded,
    # no document); its documents are EX-10.1 and three EX-101 XBRL files.
    documents = _docs(("8-K", 1, None), ("EX-10.1", 2, None), ("EX-101.SCH", 3, "XBRL SCHEMA FILE"),
                      ("EX-101.LAB", 4, "XBRL LABEL FILE"), ("EX-101.PRE", 5, "XBRL PRESENTATION FILE"),
                      ("ZIP", 15, "IDEA: XBRL DOCUMENT"))
    index = [("10.1", "Consulting Agreement, dated January 6, 2025, by and between Acorn Energy, Inc., and Jan H. Loeb"),
             ("104.1", "Cover Page Interactive Data File (embedded within the Inline XBRL document)")]
    exhibits = assemble_exhibits(documents, index)
    assert [(e.number, e.included, e.document_sequence) for e in exhibits] == [
        ("10.1", True, 2), ("101.LAB", True, 4), ("101.PRE", True, 5), ("101.SCH", True, 3), ("104.1", False, None)]
    assert exhibits[0].description.startswith("Consulting Agreement")
    assert exhibits[1].description == "XBRL LABEL FILE"


def test_exhibit_numbers_sort_naturally():
    numbers = ["99.10", "99.2", "10", "99.1", "3(i)", "99", "101.INS", "2.1"]
    assert sorted(numbers, key=exhibit_key) == ["2.1", "3(i)", "10", "99", "99.1", "99.2", "99.10", "101.INS"]


def test_exhibit_spellings_match():
    assert exhibit_key("99(a)") == exhibit_key("99.A") == exhibit_key("EX-99.a")
    exhibits = assemble_exhibits(_docs(("EX-99.A", 3, "AUDITED STATEMENTS")), [("99(a)", "Audited statements")])
    assert [(e.number, e.included, e.document_sequence) for e in exhibits] == [("99(a)", True, 3)]


def test_a_lone_ex_99_document_is_the_lone_listed_99_1():
    exhibits = assemble_exhibits(_docs(("8-K", 1, None), ("EX-99", 2, "PRESS RELEASE")), [("99.1", "Press release")])
    assert [(e.number, e.description, e.included, e.document_sequence) for e in exhibits] == [
        ("99.1", "Press release", True, 2)]
    # With two listed 99s the EX-99 cannot be told apart: it stays an exhibit of its own.
    exhibits = assemble_exhibits(_docs(("EX-99", 2, None)), [("99.1", "One"), ("99.2", "Two")])
    assert [(e.number, e.included) for e in exhibits] == [("99", True), ("99.1", False), ("99.2", False)]


def test_1994_exhibit_types_with_letters_match_their_index_entries():
    # Turner Broadcasting, 0000950144-94-000103: types "EX-12.(C)" ..., index "12(c)" ...;
    # the index says 24(d)/24(e) where the documents say EX-23.(D)/EX-23.(E).
    documents = _docs(("8-K", 1, None), ("EX-12.(C)", 2, "COMPUTATION OF RATIO EARNINGS"),
                      ("EX-12.(D)", 3, "COMPUTATION OF RATIO EARNINGS"), ("EX-23.(D)", 4, "CONSENT OF PRICE WATERHOUSE"),
                      ("EX-23.(E)", 5, "CONSENT OF ERNST & YOUNG"), ("EX-99.(A)", 6, "AUDITED CONSOLIDATED BALANCE SHEETS"),
                      ("EX-99.(B)", 7, "UNAUDITED CONSOLIDATED BALANCE SHEETS"))
    index = [("12(c)", "Statement re: computation of ratio of earnings to fixed charges for interim period"),
             ("12(d)", "Statement re: computation of pro forma ratio of earnings to fixed charges"),
             ("24(d)", "Consent of Price Waterhouse"), ("24(e)", "Consent of Ernst & Young"),
             ("99(a)", "Audited New Line Cinema Corporation consolidated balance sheets"),
             ("99(b)", "Unaudited New Line Cinema Corporation condensed consolidated balance sheet")]
    exhibits = assemble_exhibits(documents, index)
    assert [(e.number, e.included, e.document_sequence) for e in exhibits] == [
        ("12(c)", True, 2), ("12(d)", True, 3), ("23.(D)", True, 4), ("23.(E)", True, 5),
        ("24(d)", False, None), ("24(e)", False, None), ("99(a)", True, 6), ("99(b)", True, 7)]
    assert exhibits[0].description.startswith("Statement re: computation")
    assert exhibits[2].description == "CONSENT OF PRICE WATERHOUSE"


def test_bare_exhibit_types_pair_in_order_with_as_many_listed_exhibits():
    exhibits = assemble_exhibits(_docs(("EX-99", 2, "FIRST"), ("EX-99", 3, "SECOND")),
                                 [("99.1", "Press release"), ("99.2", "Slides")])
    assert [(e.number, e.description, e.document_sequence) for e in exhibits] == [
        ("99.1", "Press release", 2), ("99.2", "Slides", 3)]


def test_two_documents_of_one_exhibit_number_stay_two_exhibits():
    exhibits = assemble_exhibits(_docs(("EX-99.1", 2, "A"), ("EX-99.1", 3, "B")), [("99.1", "Press release")])
    assert [(e.number, e.description, e.document_sequence) for e in exhibits] == [
        ("99.1", "Press release", 2), ("99.1", "B", 3)]


def test_listed_number_with_neither_description_nor_document_is_left_out():
    # "2": the page number under an exhibit index (0001213900-25-032135), read as an entry.
    exhibits = assemble_exhibits(_docs(("8-K", 1, None), ("EX-99.1", 2, "PRESS RELEASE")),
                                 [("99.1", "Press Release"), ("2", None)])
    assert [e.number for e in exhibits] == ["99.1"]


def test_listed_exhibit_without_document_is_listed_not_included():
    (exhibit,) = assemble_exhibits(_docs(("8-K", None, None)), [("99.1", "Press release dated October 8, 2003")])
    assert (exhibit.number, exhibit.included, exhibit.document_sequence) == ("99.1", False, None)


# --- through the read stage -------------------------------------------------------------------


def test_every_fixture_read_by_the_read_stage_parses():
    from builder.read import read_source

    paths = sorted(p for p in PARSE.iterdir() if p.is_file() and p.name != "README")
    try:
        read_source(paths[0], PARSE)
    except NotImplementedError:
        pytest.skip("the read stage is not there yet")
    for path in paths:
        submission = read_source(path, PARSE)
        if submission.shape == Shape.NOT_A_FILING:
            continue
        filing = parse_submission(submission)
        assert filing.id, path
        assert filing.source == submission.source
