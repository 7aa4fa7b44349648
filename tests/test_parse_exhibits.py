"""The exhibit list parser (`builder.parse.exhibits`): numbers and descriptions, no junk."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.parse.exhibits import parse_exhibit_index
from test_parse_cover import fixture, html_texts

SEED = Path(__file__).parent / "fixtures" / "seed" / "004_edb917d2bca7005c.txt"


def test_seed_index_entry_joins_its_continuation_line():
    assert parse_exhibit_index(SEED.read_text()) == [(
        "99.1",
        "Press release dated October 8, 2003 reporting the financial results of Sonus Networks, Inc. "
        "for the fiscal quarter ended September 30, 2003.",
    )]


def test_page_column_and_page_marks_are_not_part_of_the_description():
    assert parse_exhibit_index(fixture("zurn_1994_8k.txt")) == [
        ("20", "Other Documents or Statements to Security Holders News Release dated April 19, 1994"),
    ]


def test_exhibit_index_as_a_table_with_sub_numbered_exhibits():
    found = parse_exhibit_index(fixture("westell_1999_8k_exhibit_index.txt"))
    assert [n for n, _ in found] == ["99.1", "99.2", "99.3", "99.4(a)", "99.4(b)", "99.4(c)"]
    assert found[2][1] == ("Voting Agreement, dated December 13, 1999, among Robert C. Penny III and Melvin J. Simon, "
                           "individually and as trustees of various trusts, and Teltrend Inc.")


@pytest.mark.parametrize("converter, text", html_texts("sandisk_2010_8k.htm"))
def test_html_exhibit_table_whose_numbers_sit_alone_in_their_cells(converter, text):
    assert parse_exhibit_index(text) == [
        ("1.1", "Form of Underwriting Agreement"),
        ("4.1", "Form of Indenture (including Notes)"),
    ]


def test_exhibit_lines_after_a_paragraph_under_the_exhibits_heading():
    found = parse_exhibit_index(fixture("southern_2005_8k.txt"))
    assert found[0] == ("99.01", "Press Release.")
    assert [n for n, _ in found] == ["99.01", "99.02", "99.03", "99.04", "99.05", "99.06"]


def test_list_after_the_financial_statements_gives_no_numbers_from_them():
    assert parse_exhibit_index(fixture("stockwalk_2000_8k_excerpt.txt")) == [
        ("23.1", "Consent of KPMG LLP"), ("99.1", "Press Release")]


def test_item_exhibits_list_in_a_table_under_old_item_7():
    assert parse_exhibit_index(fixture("two_line_name_8k.txt")) == [
        ("99", "Letter to shareholders dated October 8, 2003, as amended.")]


def test_exhibit_index_wins_over_a_list_numbered_otherwise_in_the_item():
    # Cotelligent, 1996: Item 7(c) lists "1." and "2.", the exhibit index "99.1" and "99.2".
    text = "\n".join([
        "Item 7.   Exhibits.", "", "(c)  Exhibits", "",
        "      1.  Agreement and Plan of Reorganization and Merger, dated as of June 28,",
        "          1996, among Cotelligent Group, Inc. and Innova Solutions, Inc.", "",
        "      2.  Agreement and Plan of Reorganization and Merger, dated as of June 28,",
        "          1996, among Cotelligent Group, Inc. and ESP Software Services, Inc.", "",
        "                                 SIGNATURES", "", "By: /s/ Daniel E. Jackson", "",
        "                                 EXHIBIT INDEX", "", "No.", "- - ---",
        "99.1 Agreement and Plan of Reorganization and Merger, dated as of June 28, 1996,",
        "     among Cotelligent Group, Inc. and Innova Solutions, Inc.", "",
        "99.2 Agreement and Plan of Reorganization and Merger, dated as of June 28, 1996,",
        "     among Cotelligent Group, Inc. and ESP Software Services, Inc.",
    ])
    assert [n for n, _ in parse_exhibit_index(text)] == ["99.1", "99.2"]


@pytest.mark.parametrize("line, number, description", [
    ("Exhibit 99.1 - Press release dated May 1, 2024", "99.1", "Press release dated May 1, 2024"),
    ("EX-99.1    Press release", "99.1", "Press release"),
    ("(99)  Press release", "99", "Press release"),
    ("10.1*  Employment Agreement", "10.1", "Employment Agreement"),
    ("101.INS  Inline XBRL Instance Document", "101.INS", "Inline XBRL Instance Document"),
    ("3-A   Restated Certificate of Incorporation", "3-A", "Restated Certificate of Incorporation"),
    ("12(c) --   Statement re: computation of ratio of earnings", "12(c)", "Statement re: computation of ratio of earnings"),
    ("10.1  364-Day Credit Agreement dated as of March 15, 2013.", "10.1", "364-Day Credit Agreement dated as of March 15, 2013."),
])
def test_entry_layouts_and_number_spellings(line, number, description):
    assert parse_exhibit_index("Item 9.01 Financial Statements and Exhibits.\n(d) Exhibits\n" + line + "\n") == [
        (number, description)]


def test_numbers_in_the_body_are_never_exhibits():
    text = "\n".join([
        "Item 2.02 Results of Operations and Financial Condition.",
        "A copy of the press release is furnished as Exhibit 99.1 hereto.",
        "",
        "                         2003        2002",
        "Revenue                  10.5        9.1",
        "1. Organization and summary of significant accounting policies",
        "",
        "                                       2",
    ])
    assert parse_exhibit_index(text) == []


def test_footnotes_under_a_list_go_to_the_exhibits_they_mark_and_are_no_exhibits():
    text = "\n".join([
        "EXHIBIT INDEX", "", "Exhibit No.   Description", "",
        "3.1           Restated Certificate of Incorporation (1)",
        "99.1          Press release", "",
        "(1) Incorporated by reference to the Registrant's Form 10-K for 2003.", "",
        "                                   4",
    ])
    assert parse_exhibit_index(text) == [
        ("3.1", "Restated Certificate of Incorporation (Incorporated by reference to the Registrant's Form 10-K for 2003.)"),
        ("99.1", "Press release"),
    ]
