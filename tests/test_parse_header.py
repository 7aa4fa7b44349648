"""The SGML header parser on real headers: text layout, IMS, .nc (tags per line and run together),
index-headers pages, co-registrants, former names, subject company / filed by, reporting owners."""

from __future__ import annotations

import dataclasses
import re

import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.parse.header import Header, accession, cik10, iso_date, parse_header

PARSE = FIXTURES / "parse"


def _read(name: str) -> str:
    # newline="" keeps the bare CRs some .nc files separate their tags with.
    with open(PARSE / name, encoding="latin-1", newline="") as f:
        return f.read()


def _header(name: str, fmt: str | None = None) -> Header:
    return parse_header(_read(name), fmt)


def _facts(header: Header) -> dict:
    """Everything but the acceptance time (the .nc form does not carry it)."""
    facts = dataclasses.asdict(header)
    facts.pop("acceptance_datetime")
    return facts


def test_text_header_gives_submission_facts_with_iso_dates():
    header = _header("MultipleFormerCompaniesHeader.txt", "sec")
    assert header.accession_number == "0001472375-23-000090"
    assert header.form_type == "10-K"
    assert header.period_of_report == "2023-03-31"
    assert header.filed_date == "2023-06-09"
    assert header.acceptance_datetime == "20230609124624"
    assert header.document_count == 54


def test_text_header_with_co_registrants_gives_one_filer_each_in_order():
    header = _header("MultipleFilersHeader.txt", "sec")
    assert [(f.role, f.name, f.cik) for f in header.filers] == [
        ("filer", "First National Master Note Trust", "0001396730"),
        ("filer", "FIRST NATIONAL FUNDING LLC", "0001171040"),
    ]
    trust, funding = header.filers
    assert trust.sic == "6189"  # from "ASSET-BACKED SECURITIES [6189]"
    assert trust.state_of_incorporation == "DE" and funding.state_of_incorporation == "NE"
    assert trust.fiscal_year_end == "1231" and funding.fiscal_year_end is None
    assert trust.file_number == "333-140273-01" and funding.file_number == "000-50139"
    assert trust.phone == "402-341-0500"
    assert trust.business_address.one_line() == "1620 DODGE STREET STOP CODE 3395, OMAHA, NE 68197"
    # The second co-registrant has a mail address only, and its own (misspelt) city.
    assert funding.business_address is None
    assert funding.mail_address.city == "OHAHA"


def test_all_zero_irs_number_is_unknown():
    header = _header("MultipleFilersHeader.txt", "sec")
    assert [f.irs_number for f in header.filers] == [None, None]  # "000000000" in the header


def test_former_company_blocks_give_former_names_with_iso_dates_in_order():
    (filer,) = _header("MultipleFormerCompaniesHeader.txt", "sec").filers
    assert [(f.name, f.date_changed) for f in filer.former_names] == [
        ("PEPTIDE TECHNOLOGIES, INC.", "2018-03-09"),
        ("Eternelle Skincare Products Inc.", "2017-06-21"),
        ("PEPTIDE TECHNOLOGIES, INC.", "2011-10-07"),
    ]
    assert filer.irs_number == "980479983"


def test_ims_header_gives_former_names_with_dates():
    header = _header("0000950144-94-000103.excerpt.txt", "ims")
    assert header.accession_number == "0000950144-94-000103"
    assert header.form_type == "8-K"
    assert header.period_of_report == "1994-01-24"
    assert header.filed_date == "1994-01-24"
    assert header.item_information == ["7"]
    assert header.document_count == 7
    (turner,) = header.filers
    assert turner.name == "TURNER BROADCASTING SYSTEM INC"
    assert turner.cik == "0000100240"
    assert turner.sic == "4833"  # a bare number in 1994, no "[...]"
    assert turner.irs_number == "580950695"
    assert turner.file_number == "001-08911"
    assert turner.business_address.one_line() == "ONE CNN CENTER, 100 INTERNATIONAL BLVD, ATLANTA, GA 30303"
    assert turner.mail_address.one_line() == "P O BOX 105366, ATLANTA, GA 30348-5366"
    assert turner.phone == "4048271700"
    assert [(f.name, f.date_changed) for f in turner.former_names] == [
        ("TURNER COMMUNICATIONS CORP", "1979-10-16"),
        ("RICE BROADCASTING CO INC", "1970-09-09"),
    ]


def test_ims_header_is_read_past_the_pem_wrapper_and_stops_at_the_first_document():
    text = _read("0000950144-94-000103.excerpt.txt")
    assert text.startswith("-----BEGIN PRIVACY-ENHANCED MESSAGE-----")
    header = parse_header(text, None)
    assert header.accession_number == "0000950144-94-000103"
    assert len(header.filers) == 1  # nothing in the 8-K's text is taken for a header field


def test_header_item_information_text_lines_are_kept_in_order():
    header = _header("0000899243-96-000861.header.txt", "sec")
    assert header.item_information == ["Acquisition or disposition of assets", "Financial statements and exhibits"]
    assert header.period_of_report == "1996-06-28"


def test_nc_header_with_tags_on_their_own_lines_gives_filer_and_items():
    header = _header("0002002260-24-000001.nc", "nc")
    assert header.accession_number == "0002002260-24-000001"
    assert header.form_type == "D"
    assert header.filed_date == "2024-01-11"
    assert header.period_of_report is None
    assert header.item_information == ["06b", "3C", "3C.7"]
    (filer,) = header.filers
    assert (filer.role, filer.name, filer.cik) == ("filer", "VEPF VIII Co-Invest 4-A, L.P.", "0002002260")
    assert filer.file_number == "021-502201"
    assert filer.phone == "415-765-6500"
    assert filer.business_address.one_line() == "4 EMBARCADERO CENTER, 20TH FLOOR, SAN FRANCISCO, CA 94111"


def test_nc_header_on_one_line_with_bare_cr_between_tags():
    # After "<SUBMISSION>\n" the whole header is one line to tools that split on LF: its tags
    # are separated by bare CRs only.
    text = _read("0001493152-25-001317.header.nc")
    assert "\n" not in text.rstrip("\r\n").split("\n", 1)[1]
    assert "<ACCESSION-NUMBER>0001493152-25-001317\r<TYPE>8-K\r<PUBLIC-DOCUMENT-COUNT>14" in text
    header = parse_header(text, "nc")
    assert header.accession_number == "0001493152-25-001317"
    assert header.form_type == "8-K"
    assert header.period_of_report == "2025-01-06"
    assert header.filed_date == "2025-01-08"
    assert header.item_information == ["5.02", "9.01"]
    assert header.document_count == 14
    (acorn,) = header.filers
    assert acorn.name == "ACORN ENERGY, INC."
    assert acorn.cik == "0000880984"
    assert acorn.sic == "8711"  # <ASSIGNED-SIC>
    assert acorn.irs_number == "222786081"
    assert acorn.state_of_incorporation == "DE"
    assert acorn.fiscal_year_end == "1231"
    assert acorn.file_number == "001-33886"
    assert acorn.phone == "302-656-1708"
    assert [(f.name, f.date_changed) for f in acorn.former_names] == [
        ("ACORN FACTOR, INC.", "2006-09-20"),
        ("DATA SYSTEMS & SOFTWARE INC", "1993-10-19"),
        ("DEFENSE SOFTWARE & SYSTEMS INC", "1993-03-28"),
    ]


def test_nc_header_gives_same_facts_as_text_header_of_the_same_filing():
    text_header = _header("0001104659-25-002604.header.txt", "sec")
    nc_header = _header("0001104659-25-002604.header.nc", "nc")
    assert _facts(nc_header) == _facts(text_header)
    assert text_header.acceptance_datetime == "20250110171538"


def test_nc_header_with_tags_run_together_gives_same_facts_as_with_separators():
    text = _read("0001493152-25-001317.header.nc")
    run_together = re.sub(r"[\r\n]+", "", text)
    assert "<ACCESSION-NUMBER>0001493152-25-001317<TYPE>8-K<PUBLIC-DOCUMENT-COUNT>14" in run_together
    assert dataclasses.asdict(parse_header(run_together, "nc")) == dataclasses.asdict(parse_header(text, "nc"))


def test_nc_header_with_tags_run_together_gives_same_facts_as_text_header():
    # The same .nc with the CRs between its tags removed: every tag runs into the next.
    run_together = re.sub(r"\r\n?", "", _read("0001104659-25-002604.header.nc"))
    assert "<FILING-DATE>20250110<DATE-OF-FILING-DATE-CHANGE>" in run_together
    text_header = _header("0001104659-25-002604.header.txt", "sec")
    assert _facts(parse_header(run_together, "nc")) == _facts(text_header)


def test_subject_company_and_filed_by_blocks_give_roles():
    header = _header("0001104659-25-002604.header.txt", "sec")
    # The subject company is printed twice (once per form type): it is one party.
    assert [(f.role, f.name) for f in header.filers] == [
        ("subject company", "CVR ENERGY INC"),
        ("filed by", "ICAHN ENTERPRISES HOLDINGS L.P."),
    ]
    filed_by = header.filers[1]
    assert filed_by.file_number is None
    assert filed_by.former_names[0].name == "AMERICAN REAL ESTATE HOLDINGS L P"
    # GROUP MEMBERS lines sit between the top fields and the parties: not a party, not a crash.
    assert header.form_type == "SC TO-T/A"


def test_sc_13g_nc_header_gives_subject_company_and_filed_by():
    header = _header("0001076809-24-000144.header.nc", "nc")
    assert header.form_type == "SC 13G"
    subject, filed_by = header.filers
    assert (subject.role, subject.name, subject.cik, subject.sic) == (
        "subject company", "Avid Bioservices, Inc.", "0000704562", "2834")
    assert subject.fiscal_year_end == "0430"
    assert [f.date_changed for f in subject.former_names] == ["2000-11-09", "1997-09-24", "1992-07-03"]
    assert (filed_by.role, filed_by.name, filed_by.cik) == ("filed by", "GLAZER CAPITAL, LLC", "0001076809")
    assert filed_by.business_address.street2 == "SUITE 30A"
    assert filed_by.sic is None  # it has no SIC


def test_form_4_nc_header_gives_reporting_owner_and_issuer():
    header = _header("0001562180-25-000280.nc", "nc")
    owner, issuer = header.filers
    assert (owner.role, owner.name, owner.cik) == ("reporting owner", "Snow Jessica", "0002009134")
    assert owner.business_address is None
    assert owner.mail_address.one_line() == "C/O 2SEVENTY BIO, INC., 60 BINNEY STREET, CAMBRIDGE, MA 02210"
    assert (issuer.role, issuer.name, issuer.cik) == ("issuer", "2seventy bio, Inc.", "0001860782")
    assert issuer.phone == "339-499-9300"
    assert header.period_of_report == "2025-01-06"


def test_abs_depositor_securitizer_and_issuing_entity_blocks_are_not_filers():
    header = _header("0000929638-25-000114.header.nc", "nc")
    assert header.form_type == "ABS-15G"
    assert header.item_information == ["2.01"]
    (filer,) = header.filers  # <DEPOSITOR>, <SECURITIZER>, <ISSUING_ENTITY> follow the <FILER>
    assert (filer.role, filer.name, filer.file_number) == ("filer", "EFCAR, LLC", "025-02288")


def test_text_header_with_a_tagged_reporting_owner_block_at_the_margin():
    # 2000: SUBJECT COMPANY in the text layout, then <REPORTING-OWNER> ... </REPORTING-OWNER>
    # whose COMPANY DATA etc. are not indented.
    header = _header("0001094891-00-000193.txt", "sec")
    subject, owner = header.filers
    assert subject.role == "subject company"
    assert subject.name == "PRODUCTIVITY TECHNOLOGIES CORP /"
    assert subject.mail_address.street1 == "C/O SAMUEL N SIEDMAN & CO"
    assert (owner.role, owner.name, owner.cik) == ("reporting owner", "FOSTER ALAN H", "0001050609")
    assert owner.sic is None  # "STANDARD INDUSTRIAL CLASSIFICATION:	 []"
    assert owner.business_address.street2 == "509 MADISON AVE"


def test_index_headers_page_gives_the_header_it_holds_with_ampersands_unescaped():
    header = _header("0001971857-23-000246-index-headers.html", "index-html")
    assert header.accession_number == "0001971857-23-000246"
    assert header.form_type == "144"
    assert header.filed_date == "2023-06-12"
    subject, owner = header.filers
    assert (subject.role, subject.name, subject.sic) == ("subject company", "CONSUMERS ENERGY CO", "4931")
    assert subject.former_names[0].name == "CONSUMERS POWER CO"
    assert (owner.role, owner.name, owner.cik) == ("reporting owner", "Hendrian Catherine A", "0001701746")


def test_index_html_header_synthesized_by_the_read_stage_reads_as_tags():
    # The read stage writes a -index.htm page's facts as .nc tags, one per line.
    synthesized = "\n".join([
        "<ACCESSION-NUMBER>0000072333-23-000015", "<TYPE>8-K", "<PUBLIC-DOCUMENT-COUNT>15",
        "<PERIOD>20230301", "<ITEMS>5.02", "<ITEMS>9.01", "<FILING-DATE>20230306",
        "<FILER>", "<COMPANY-DATA>", "<CONFORMED-NAME>NORDSTROM INC", "<CIK>0000072333",
        "<IRS-NUMBER>910515058", "<STATE-OF-INCORPORATION>WA", "</COMPANY-DATA>",
        "<FILING-VALUES>", "<FORM-TYPE>8-K", "<FILE-NUMBER>001-15059", "</FILING-VALUES>", "</FILER>",
    ])
    header = parse_header(synthesized, "index-html")
    assert (header.accession_number, header.form_type, header.period_of_report) == (
        "0000072333-23-000015", "8-K", "2023-03-01")
    assert header.item_information == ["5.02", "9.01"]
    (filer,) = header.filers
    assert (filer.name, filer.cik, filer.file_number) == ("NORDSTROM INC", "0000072333", "001-15059")


def test_filed_for_block_of_an_upload_letter_names_the_filer_and_ein_is_its_irs_number():
    header = _header("0000000000-26-001655.header.txt", "sec")
    assert header.form_type == "UPLOAD"
    (filer,) = header.filers
    assert (filer.role, filer.name, filer.cik) == ("filer", "Nuvectis Pharma, Inc.", "0001875558")
    assert filer.irs_number == "862405608"  # "EIN:" in this header
    # PUBLIC REFERENCE ACCESSION NUMBER (after the parties) is not the accession number.
    assert header.accession_number == "0000000000-26-001655"


def test_ampersand_entities_in_names_are_unescaped():
    text = _read("MultipleFilersHeader.txt").replace("First National Master Note Trust", "AT&amp;T MASTER TRUST")
    assert parse_header(text, "sec").filers[0].name == "AT&T MASTER TRUST"


@pytest.mark.parametrize("text", [
    "", "   \n\n", "not a header at all", "FILER:\n\tCOMPANY DATA:\n", "<FILER><COMPANY-DATA></FILER>",
    "ACCESSION NUMBER:\nCONFORMED SUBMISSION TYPE:\t\nFILED AS OF DATE:\t2023", "<SUBMISSION><TYPE>",
    "<<<>>>", "FILER:\n\tFORMER COMPANY:\n\t\tDATE OF NAME CHANGE:\t20200101\n",
])
def test_odd_or_empty_headers_give_empty_facts_without_raising(text):
    header = parse_header(text, "sec")
    assert header.accession_number is None
    assert header.filers == []


def test_truncated_header_keeps_what_was_read():
    text = _read("MultipleFormerCompaniesHeader.txt")
    cut = text[: text.index("BUSINESS PHONE")]
    (filer,) = parse_header(cut, "sec").filers
    assert filer.name == "REGENEREX PHARMA, INC."
    assert filer.business_address.city == "LAS VEGAS"
    assert filer.phone is None


def test_value_helpers():
    assert iso_date("19940124") == "1994-01-24"
    assert iso_date("20231341") is None
    assert iso_date("") is None
    assert cik10("100240") == "0000100240"
    assert cik10("0000000000") is None
    assert accession("000095014494000103") == "0000950144-94-000103"
    assert accession("95014494000103") is None


_PIECES = ["FILER:", "SUBJECT COMPANY:", "COMPANY DATA:", "FORMER COMPANY:", "COMPANY CONFORMED NAME:\tX",
           "DATE OF NAME CHANGE:\t19990101", "CENTRAL INDEX KEY:\t0000000001", "<FILER>", "</FILER>", "<CIK>12",
           "<FORMER-COMPANY>", "<DATE-CHANGED>2020", "<ISSUER>", "<TYPE>", "\t", "\n", "\r", ":", "<", ">", "&amp;",
           "ACCESSION NUMBER:\t0000950144-94-000103", "ITEM INFORMATION:\tOther events", "<ITEMS>", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join), st.sampled_from(["sec", "ims", "nc", "index-html", None]))
def test_any_header_like_text_parses_without_raising(text, fmt):
    header = parse_header(text, fmt)
    assert all(f.role in ("filer", "subject company", "filed by", "reporting owner", "issuer") for f in header.filers)
    assert all(f.cik is None or re.fullmatch(r"\d{10}", f.cik) for f in header.filers)


def test_every_prefix_of_a_real_header_parses_without_raising():
    text = _read("0001094891-00-000193.txt")
    for end in range(0, len(text), 97):
        parse_header(text[:end], "sec")
