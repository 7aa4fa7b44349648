"""EDGAR's XML forms read on their own (no header): Forms 3 and 4, Form D, 13F-HR and Form 144 —
real primary documents from the corpus. Each gives its form type, period, parties with their roles
and CIKs, and signatures; a Form 4's issuer and reporting owner each get a registrant page."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.parse.xml_forms import parse_xml_form
from builder.pipeline import load_archive

XML = Path(__file__).parent / "fixtures" / "xml_forms"


def _form(name: str):
    return parse_xml_form((XML / name).read_text(encoding="utf-8"))


def test_a_form_4_names_its_issuer_and_reporting_owner_with_ciks():
    form = _form("374WaterForm4.xml")
    assert (form.form_type, form.period_of_report) == ("4", "2025-04-30")
    assert [(f.role, f.name, f.cik) for f in form.filers] == [
        ("issuer", "374Water Inc.", "0000933972"), ("reporting owner", "Melkote Rajesh Ramaswamy", "0002064133")]
    assert [(s.name, s.date) for s in form.signatures] == [("Rajesh Melkote", "2025-05-02")]


def test_a_form_144_is_about_the_issuer_and_filed_by_the_seller():
    form = _form("apple.144.xml")
    assert form.form_type == "144"
    assert [(f.role, f.name, f.cik) for f in form.filers] == [
        ("subject company", "Apple Inc.", "0000320193"), ("filed by", "Luca Maestri", "0001513362")]
    assert form.filers[0].file_number == "001-36743"


@pytest.mark.parametrize("name, form_type, period, parties", [
    ("form3.nosecurities.xml", "3", "2021-12-31",
     [("issuer", "SUNPOWER CORP", "0000867773"), ("reporting owner", "Hegde Vinayak", "0001698764")]),
    ("metlife.13F-HR.primarydoc.xml", "13F-HR", "2021-12-31", [("filer", "METLIFE INC", "0001099219")]),
    ("D.APFund.xml", "D", None,
     [("filer", "AP Fund IV, a series of Inference Technology Partners, LP", "0001958740"),
      ("filer", "AP Fund IV AL Vehicle, a series of Inference Technology Partners, LP", "0001963203")]),
])
def test_xml_forms_give_their_form_period_and_parties(name, form_type, period, parties):
    form = _form(name)
    assert (form.form_type, form.period_of_report) == (form_type, period)
    assert [(f.role, f.name, f.cik) for f in form.filers] == parties


def test_xml_that_is_not_an_edgar_form_gives_nothing_and_entities_are_never_expanded():
    assert parse_xml_form('<?xml version="1.0"?><rss><channel/></rss>') is None
    bomb = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            "<ownershipDocument><documentType>4</documentType><issuer><issuerName>&b;</issuerName></issuer>"
            "</ownershipDocument>")
    form = parse_xml_form(bomb)
    assert form.form_type == "4" and form.filers[0].name == "&b;"  # as text, not expanded


def test_the_issuer_of_a_144_gets_a_registrant_page_keyed_by_its_cik(tmp_path):
    archive = load_archive(XML)
    registrants = {r.name: r for r in archive.registrants}
    apple = registrants["Apple Inc."]
    assert apple.key == "0000320193" and apple.cik == "0000320193"
    assert [(role.role, role.filing.form_type) for role in apple.filings] == [("subject company", "144")]
    owner = registrants["Melkote Rajesh Ramaswamy"]
    assert [(role.role, role.filing.form_type) for role in owner.filings] == [("reporting owner", "4")]
    assert not [p for p in archive.problems if "no registrant" in p.reason or "no form type" in p.reason]


@pytest.mark.parametrize("name, form_type, period, parties", [
    ("374WaterForm4.html", "4", "2025-04-30",
     [("issuer", "374Water Inc."), ("reporting owner", "Melkote Rajesh Ramaswamy")]),
    ("form3.BAMPartners.html", "3", "2023-09-28",
     [("issuer", "Triton International Ltd"), ("reporting owner", "BROOKFIELD Corp /ON/")]),
])
def test_a_form_3_or_4_as_edgar_renders_it_names_issuer_and_owner(tmp_path, name, form_type, period, parties):
    (tmp_path / name).write_bytes((XML.parent / "rendered_forms" / name).read_bytes())
    [filing] = load_archive(tmp_path).filings
    assert (filing.form_type, filing.period_of_report) == (form_type, period)
    assert [(f.role, f.name) for f in filing.filers] == parties


def test_a_power_of_attorney_is_an_ex_24_not_the_forms_it_names(tmp_path):
    source = Path(__file__).parent / "fixtures" / "parse" / "poa-2013-limited-power-of-attorney.txt"
    (tmp_path / "poa.txt").write_bytes(source.read_bytes())
    [filing] = load_archive(tmp_path).filings
    assert "Form 4, Statement of" in filing.documents[0].text  # it names them ...
    assert filing.form_type == "EX-24"  # ... and is none of them


def test_a_text_form_4_of_2000_gives_owner_issuer_and_the_month_of_its_statement():
    """The boxes of a plain-text Form 4 (0001094891-00-000193, its first lines as filed)."""
    from builder.parse.ownership_html import parse_rendered_ownership

    text = ("FORM 4\nSTATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP\n"
            "1. Name and Address of Reporting Person\n   Foster, Alan H.\n   c/o Productivity Technologies Corp.\n"
            "2. Issuer Name and Ticker or Trading Symbol\n   Productivity Technologies Corp.\n   PRAC\n"
            "3. IRS or Social Security Number of Reporting Person (Voluntary)\n"
            "4. Statement for Month/Year\n   February 29,2000\n5. If Amendment, Date of Original (Month/Year)\n")
    found = parse_rendered_ownership(text)
    assert (found.reporting_owner, found.issuer, found.period_of_report) == (
        "Foster, Alan H.", "Productivity Technologies Corp.", "2000-02-29")
