"""The read stage on one real file of each shape: what it is, its header, its documents."""

from __future__ import annotations

from pathlib import Path


import pytest

from builder.read import Shape, read_source

FIXTURES = Path(__file__).parent / "fixtures" / "read"
FILES = FIXTURES / "files"


def read(name: str):
    return read_source(FILES / name, FIXTURES)


def test_source_is_the_posix_path_relative_to_root_or_the_path_as_given():
    assert read("poa.txt").source == "files/poa.txt"
    assert read("poa.txt").paths == ["files/poa.txt"]
    assert read_source(FILES / "poa.txt").source == str(FILES / "poa.txt")


def test_pem_wrapped_ims_submission_splits_into_its_documents():
    sub = read("109446_8K_1994_0000109446-94-000008.txt")
    assert sub.shape == Shape.IMS_SUBMISSION
    assert sub.header_format == "ims"
    assert sub.header.startswith("0000109446-94-000008.hdr.sgml : 19940420")
    assert "ACCESSION NUMBER:\t\t0000109446-94-000008" in sub.header
    assert "COMPANY CONFORMED NAME:\t\t\tZURN INDUSTRIES INC" in sub.header
    assert "</IMS-HEADER>" not in sub.header
    [doc] = sub.documents
    assert (doc.type, doc.sequence, doc.filename, doc.description) == ("8-K", "1", None, "TEST FILING")
    assert "CURRENT REPORT" in doc.text
    assert "</TEXT>" not in doc.text and "PRIVACY-ENHANCED" not in doc.text
    assert sub.problems == []


def test_pem_wrapped_sec_submission_reads_header_and_document():
    sub = read("0001094891-00-000193.txt")
    assert sub.shape == Shape.FULL_SUBMISSION
    assert sub.header_format == "sec"
    assert "CONFORMED SUBMISSION TYPE:\t4" in sub.header
    assert [d.type for d in sub.documents] == ["4"]
    assert not sub.documents[0].text.rstrip().endswith("-----")


def test_full_submission_gives_each_document_its_tags_and_html_text():
    sub = read("0001564590-20-004475-minimal.txt")
    assert sub.shape == Shape.FULL_SUBMISSION
    assert sub.header_format == "sec"
    assert "<ACCEPTANCE-DATETIME>20200213071218" in sub.header
    main, exhibit = sub.documents
    assert (main.type, main.sequence, main.filename) == ("10-K", "1", "tsla-10k_20191231.htm")
    assert (exhibit.type, exhibit.sequence, exhibit.description) == ("EX-21.1", "2", "EX-21.1 SUBSIDIARIES")
    assert exhibit.text.startswith("<html>") and exhibit.text.endswith("</html>")
    assert sub.problems == [] and sub.encoding == "utf-8"


def test_nc_submission_header_is_tag_lines_and_xml_wrapper_is_removed():
    sub = read("0001562180-25-000280.nc")
    assert sub.shape == Shape.NC_SUBMISSION
    assert sub.header_format == "nc"
    assert sub.header.splitlines()[:2] == ["<ACCESSION-NUMBER>0001562180-25-000280", "<TYPE>4"]
    assert "<REPORTING-OWNER>" in sub.header and "</ISSUER>" in sub.header
    [doc] = sub.documents
    assert (doc.type, doc.filename, doc.description) == ("4", "primarydocument.xml", "PRIMARY DOCUMENT")
    assert doc.text.startswith('<?xml version="1.0"?>')
    assert "<XML>" not in doc.text and "</XML>" not in doc.text


def test_nc_header_tags_run_together_on_one_line_are_split_one_per_line(tmp_path):
    raw = (FILES / "0001562180-25-000280.nc").read_bytes()
    header, rest = raw.split(b"<DOCUMENT>", 1)
    path = tmp_path / "run-together.nc"
    path.write_bytes(header.replace(b"\r", b"").replace(b"\n", b"") + b"\n<DOCUMENT>" + rest)
    sub = read_source(path)
    expected = read("0001562180-25-000280.nc")
    assert sub.header == expected.header
    assert sub.documents == expected.documents


def test_hdr_sgml_is_a_header_only_source_in_nc_tag_format():
    sub = read("0001140361-25-017716.hdr.sgml")
    assert sub.shape == Shape.HEADER_ONLY
    assert sub.header_format == "nc"
    assert "<ACCESSION-NUMBER>0001140361-25-017716" in sub.header
    assert sub.documents == []


def test_bare_accession_number_header_is_header_only():
    sub = read("MultipleFilersHeader.txt")
    assert sub.shape == Shape.HEADER_ONLY
    assert sub.header_format == "sec"
    assert sub.header.startswith("<ACCEPTANCE-DATETIME>20230609145616\nACCESSION NUMBER:")
    assert sub.documents == []


def test_sec_document_with_header_and_no_documents_is_header_only():
    sub = read("BankOfAmerica.424B5.header.txt")
    assert sub.shape == Shape.HEADER_ONLY
    assert "SERIAL COMPANY:" in sub.header
    assert "</SEC-DOCUMENT>" not in sub.header


@pytest.mark.parametrize(
    "name, doc_type, filename",
    [
        ("1002517_8K_2011_0000950123-11-060355.htm", "8-K", "b87042e8vk.htm"),
        ("SG-13G-DOCUMENT-WITH-TEXT.html", "SC 13G/A", "us8965221091_012224.txt"),
    ],
)
def test_lone_wrapped_document_keeps_its_tags_and_has_no_header(name, doc_type, filename):
    sub = read(name)
    assert sub.shape == Shape.WRAPPED_DOCUMENT
    assert sub.header is None and sub.header_format is None
    [doc] = sub.documents
    assert (doc.type, doc.filename) == (doc_type, filename)
    assert doc.text.strip()


def test_wrapped_document_that_starts_at_type_is_read_with_a_problem():
    sub = read("BeyondAir.html")
    assert sub.shape == Shape.WRAPPED_DOCUMENT
    [doc] = sub.documents
    assert (doc.type, doc.sequence, doc.filename) == ("EX-99.1", "2", "ex99-1.htm")
    assert doc.text.lstrip().startswith("<HTML>")
    assert any("<DOCUMENT> tag is missing" in p for p in sub.problems)


def test_inline_xbrl_behind_an_xml_declaration_is_html():
    sub = read("NextPoint.8K.html")
    assert sub.shape == Shape.HTML
    [doc] = sub.documents
    assert (doc.type, doc.filename) == (None, "NextPoint.8K.html")
    assert doc.text == (FILES / "NextPoint.8K.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["form3.nosecurities.xml", "metlife.13F-HR.primarydoc.xml"])
def test_xml_primary_documents_are_xml_even_with_a_title_element(name):
    sub = read(name)
    assert sub.shape == Shape.XML
    assert sub.documents[0].filename == name and sub.documents[0].type is None


def test_xml_whose_root_looks_like_an_sgml_tag_is_still_xml(tmp_path):
    path = tmp_path / "doc.xml"
    path.write_text('<document>\n  <title>Annual report</title>\n  <type>10-K</type>\n</document>\n')
    sub = read_source(path)
    assert sub.shape == Shape.XML
    assert sub.documents[0].text.startswith("<document>")


@pytest.mark.parametrize("name", ["poa.txt", "exhibit24.txt"])
def test_plain_text_is_bare_text_kept_verbatim(name):
    sub = read(name)
    assert sub.shape == Shape.BARE_TEXT
    [doc] = sub.documents
    assert doc.text == (FILES / name).read_text(encoding="utf-8")
    assert (doc.type, doc.filename) == (None, name)


def test_the_seed_is_bare_text():
    seed = Path(__file__).parent / "fixtures" / "seed" / "004_edb917d2bca7005c.txt"
    if not seed.is_file():
        pytest.skip("the seed fixture is not here")
    sub = read_source(seed)
    assert sub.shape == Shape.BARE_TEXT
    assert "SONUS NETWORKS" in sub.documents[0].text.upper()


def test_filing_detail_index_page_gives_a_synthesized_nc_style_header_and_its_document_list():
    sub = read("0001193125-14-242424-index.html")
    assert sub.shape == Shape.INDEX_PAGE
    assert sub.header_format == "index-html"
    lines = sub.header.splitlines()
    for expected in (
        "<ACCESSION-NUMBER>0001193125-14-242424", "<TYPE>8-K", "<PERIOD>20140619", "<ITEMS>2.02",
        "<ITEMS>8.01", "<ITEMS>9.01", "<FILING-DATE>20140619", "<FILER>", "<CONFORMED-NAME>ORACLE CORP",
        "<CIK>0001341439", "<IRS-NUMBER>542185193", "<FILE-NUMBER>001-35992", "<CITY>REDWOOD CITY",
        "<STATE>CA", "<ZIP>94065", "<PHONE>6505067000",
    ):
        assert expected in lines, expected
    assert [(d.type, d.sequence, d.filename) for d in sub.documents] == [
        ("8-K", "1", "d740679d8k.htm"), ("EX-99.1", "2", "d740679dex991.htm"), ("GRAPHIC", "3", "g740679g39l81.jpg"),
    ]
    assert all(d.text is None and d.data is None for d in sub.documents)
    assert any("not included" in p for p in sub.problems)


def test_index_headers_page_gives_the_real_sgml_header():
    sub = read_source(FIXTURES / "folders" / "headers" / "objectivecapital.form144-index-headers.html")
    assert sub.shape == Shape.INDEX_PAGE
    assert sub.header_format == "sec"
    assert "ACCESSION NUMBER:\t\t0001924152-24-000002" in sub.header
    assert "&lt;" not in sub.header and "<SEC-HEADER>" not in sub.header
    assert [d.filename for d in sub.documents] == ["primary_doc.xml", "infotable.xml"]
