"""The items parser (`builder.parse.items`): headings found, numbered and titled officially."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.parse.cover import parse_cover
from builder.parse.exhibits import parse_exhibit_index
from builder.parse.items import parse_items
from builder.parse.signatures import parse_signatures

TEXT = Path(__file__).parent / "fixtures" / "text"
SEED = Path(__file__).parent / "fixtures" / "seed" / "004_edb917d2bca7005c.txt"


def fixture(name: str) -> str:
    return (TEXT / name).read_text(encoding="utf-8")


def numbers(text: str, form: str | None = "8-K", date: str | None = None) -> list[str]:
    return [i.number for i in parse_items(text, form, date)]


def test_seed_old_item_12_gets_its_official_title_and_offset():
    text = SEED.read_text()
    items = parse_items(text, "8-K", "2003-10-08")
    assert [(i.number, i.title) for i in items] == [("12", "Results of Operations and Financial Condition")]
    assert text[items[0].offset:].startswith("Item 12. RESULTS")


def test_new_decimal_items_in_the_order_of_their_headings():
    text = fixture("horizon_2008_8k.txt")
    items = parse_items(text, "8-K", "2008-10-23")
    assert [(i.number, i.title) for i in items] == [
        ("2.02", "Results of Operations and Financial Condition"),
        ("9.01", "Financial Statements and Exhibits"),
    ]
    assert all(text[i.offset:].lower().startswith("item " + i.number) for i in items)


def test_old_items_keep_the_order_they_are_printed_in():
    assert numbers(fixture("two_line_name_8k.txt"), "8-K/A", "2003-10-08") == ["9", "7"]
    assert numbers(fixture("stockwalk_2000_8k_excerpt.txt"), "8-K", "2000-08-01") == ["2", "7"]


def test_ims_era_heading_with_a_dash():
    items = parse_items(fixture("zurn_1994_8k.txt"), "8-K", "1994-04-19")
    assert [(i.number, i.title) for i in items] == [("5", "Other Events")]


@pytest.mark.parametrize("heading, number", [
    ("ITEM 2.02. RESULTS OF OPERATIONS", "2.02"),
    ("Item 2.02 Results of Operations and Financial Condition", "2.02"),
    ("Item 5.02(b) Departure of Directors", "5.02"),
    ("Item 9.1  Financial Statements and Exhibits", "9.01"),
    ("Item\u00a08.01\tOther Events.", "8.01"),
    ("  ITEM 5 -- OTHER EVENTS", "5"),
    ("Item 12. Results of Operations", "12"),
    ("ITEM 7(c). EXHIBITS", "7"),
])
def test_item_numbers_are_normalised(heading, number):
    assert numbers("Some text.\n" + heading + "\nMore text.\n") == [number]


def test_several_items_under_one_heading():
    text = "Items 1.01(a) and 5.02(e) Amendment of a Material Definitive Agreement;\nText.\nItem 9.01 Financial Statements\n"
    assert numbers(text, "8-K", "2008-01-28") == ["1.01", "5.02", "9.01"]


def test_item_mentioned_in_a_sentence_is_not_a_heading():
    text = (
        "Item 8.01 Other Events.\n"
        "On March 3 the Company issued a press release, a copy of which is filed as Exhibit 99.1 under\n"
        "Item 9.01 of this report and incorporated herein by reference. See also Item 2.02 below.\n"
        "Item 7 of Form 8-K does not apply.\n"
    )
    assert numbers(text, "8-K", "2008-03-03") == ["8.01"]


def test_table_of_contents_entry_is_not_the_item():
    text = fixture("cotelligent_1996_8k_toc.txt")  # "Item 5 - Other Events.......3", then the item itself
    items = parse_items(text, "8-K", "1996-11-25")
    assert [i.number for i in items] == ["5"]
    assert text[items[0].offset:].startswith("ITEM 5 -- OTHER EVENTS")


def test_numbers_that_are_no_item_of_the_form_are_dropped():
    assert numbers("Item 13. Something\nText\nItem 2.09 Nothing\nText\n", "8-K", "2009-01-01") == []


def test_annual_report_items_with_the_titles_of_their_year():
    text = fixture("ford_2001_10k_excerpt.txt")
    items = parse_items(text, "10-K", "2001-12-31")
    assert [i.number for i in items] == ["1", "2", "3", "4", "5", "6", "7", "7A", "8", "9", "10", "11", "12", "13", "14"]
    titles = {i.number: i.title for i in items}
    assert titles["4"] == "Submission of Matters to a Vote of Security Holders"
    assert titles["7A"] == "Quantitative and Qualitative Disclosures About Market Risk"
    assert titles["14"] == "Exhibits, Financial Statement Schedules, and Reports on Form 8-K"
    assert parse_items(text, "10-K", "2023-12-31")[3].title == "Mine Safety Disclosures"


def test_running_heads_and_items_cited_at_a_line_start_are_not_headings():
    text = fixture("ford_2001_10k_excerpt.txt")
    offsets = {i.number: i.offset for i in parse_items(text, "10-K", "2001-12-31")}
    assert text[offsets["1"]:].startswith("Item 1.  Business\n")  # not "Item 1. Business (Continued)"
    assert text[offsets["14"]:].startswith("Item 14.  Exhibits")  # not 'Item 14. "Exhibits, ..." and'


def test_quarterly_report_items_carry_their_part():
    text = "\n".join([
        "PART I - FINANCIAL INFORMATION", "Item 1. Financial Statements", "x" * 400,
        "Item 2. Management's Discussion and Analysis", "x" * 400,
        "PART II - OTHER INFORMATION", "Item 1. Legal Proceedings", "None.",
        "Item 1A. Risk Factors", "x" * 400, "Item 6. Exhibits", "31.1 Certification",
    ])
    items = parse_items(text, "10-Q", "2024-03-31")
    assert [(i.number, i.title) for i in items] == [
        ("I-1", "Financial Statements"),
        ("I-2", "Management's Discussion and Analysis of Financial Condition and Results of Operations"),
        ("II-1", "Legal Proceedings"), ("II-1A", "Risk Factors"), ("II-6", "Exhibits"),
    ]


def test_forms_without_known_items_have_none():
    assert parse_items("Item 13. Other Expenses of Issuance and Distribution\n", "S-1", None) == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Item 9.01 SIGNATURE /s/ Exhibit 99.1 (State) Delaware\n\t -_,:()")), max_size=600))
def test_text_parsers_never_fail_on_any_text(text):
    cover = parse_cover(text)
    parse_items(text, cover.form_type, cover.date_of_report)
    parse_signatures(text)
    parse_exhibit_index(text)


def test_current_report_items_that_say_none_are_not_reported():
    # Rock of Ages, 2000: every old item listed, most with "None."
    text = "\n".join([
        "ITEM 1. CHANGES IN CONTROL OF REGISTRANT.", "", "None.", "",
        "ITEM 2. ACQUISITION OR DISPOSITION OF ASSETS.", "", "None.", "",
        "ITEM 5. OTHER EVENTS.", "", "On September 26, 2000, the Registrant completed the acquisition of ...", "",
        "ITEM 7. FINANCIAL STATEMENTS AND EXHIBITS.", "", "None.",
    ])
    assert numbers(text, "8-K", "2000-09-22") == ["5"]
