"""The cover page parser (`builder.parse.cover`) on real cover pages, plain text and HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from builder.edgar import jurisdiction_code
from builder.parse.cover import WINDOW, Cover, parse_cover
from builder.parse.dates import find_dates, parse_date
from builder.parse.form_type import parse_form_type

TEXT = Path(__file__).parent / "fixtures" / "text"
SEED = Path(__file__).parent / "fixtures" / "seed" / "004_edb917d2bca7005c.txt"


def fixture(name: str) -> str:
    return (TEXT / name).read_text(encoding="utf-8")


def _cells_text(html: str) -> str:
    """HTML as text the plain way: a line per block, table cells separated by tabs, no blank lines."""
    tree = LexborHTMLParser(html)
    for node in tree.css("script, style, head, title"):
        node.decompose()
    body = tree.body.html if tree.body else html
    body = re.sub(r"(?i)<(?:/?(?:p|div|tr|li|h[1-6]|table|center|hr)|br)\b[^>]*>", "\ue000", body)
    body = re.sub(r"(?i)</t[dh]\s*>", "\ue001", body)
    text = re.sub(r"[\s\u00a0]+", " ", LexborHTMLParser(body).text(separator=""))
    text = text.replace("\ue000", "\n").replace("\ue001", "\t")
    text = re.sub(r" *\n *", "\n", re.sub(r" *\t *", "\t", text))
    return re.sub(r"\n{2,}", "\n", re.sub(r"\t+\n", "\n", text)).strip()


def html_texts(name: str) -> list[tuple[str, str]]:
    """(converter, text) of an HTML fixture: cells joined by tabs, and the parse stage's layout
    in columns (`builder.parse.html_text`) when it is there. The parsers must read both."""
    html = fixture(name)
    out = [("tab-separated cells", _cells_text(html))]
    try:
        from builder.parse.html_text import html_to_text
    except ImportError:  # the parse stage's converter is not written yet
        return out
    return out + [("columns", html_to_text(html))]


def test_seed_cover_page_columns_map_to_their_captions():
    cover = parse_cover(SEED.read_text())
    assert cover.state_of_incorporation == "DE"
    assert cover.file_number == "000-30229"
    assert cover.irs_number == "04-3387074"


def test_seed_cover_gives_form_date_name_address_and_phone():
    cover = parse_cover(SEED.read_text())
    assert cover.form_type == "8-K"
    assert cover.date_of_report == "2003-10-08"
    assert cover.name == "SONUS NETWORKS, INC."
    assert cover.address == "5 CARLISLE ROAD, WESTFORD, MASSACHUSETTS 01886"
    assert cover.phone == "(978) 692-8999"
    assert cover.co_registrants == []


def test_ims_era_cover_reads_captions_printed_over_their_values():
    cover = parse_cover(fixture("zurn_1994_8k.txt"))
    assert (cover.state_of_incorporation, cover.file_number, cover.irs_number) == ("PA", "1-5502", "25-1040754")
    assert cover.address == "One Zurn Place, Erie, Pennsylvania 16505"
    assert cover.phone == "814-452-2111"


def test_ims_era_cover_without_name_caption_names_the_line_over_the_identifiers():
    cover = parse_cover(fixture("zurn_1994_8k.txt"))
    assert cover.name == "ZURN INDUSTRIES, INC."
    assert cover.form_type == "8-K"


def test_date_printed_alone_under_the_pursuant_line_is_the_date_of_report():
    assert parse_cover(fixture("zurn_1994_8k.txt")).date_of_report == "1994-04-19"


def test_date_over_its_caption_is_the_date_of_report():
    cover = parse_cover(fixture("cotelligent_1996_8k_toc.txt"))  # "November 25, 1996" / "(Date of Report)"
    assert cover.date_of_report == "1996-11-25"
    assert cover.name == "COTELLIGENT GROUP, INC."


def test_plain_text_cover_with_rules_under_values_and_the_date_beside_its_caption():
    cover = parse_cover(fixture("stockwalk_2000_8k_excerpt.txt"))
    assert cover.date_of_report == "2000-08-01"
    assert cover.name == "Stockwalk.com Group, Inc."
    assert (cover.state_of_incorporation, cover.file_number, cover.irs_number) == ("MN", "0-22247", "41-1756256")
    assert cover.address == "5500 Wayzata Boulevard, Suite 800, Minneapolis, Minnesota 55416"
    assert cover.phone == "763.542.6000"


@pytest.mark.parametrize("converter, text", html_texts("sandisk_2010_8k.htm"))
def test_html_cover_in_a_table_reads_as_its_text(converter, text):
    cover = parse_cover(text)
    assert cover.form_type == "8-K"
    assert cover.date_of_report == "2010-08-18"
    assert cover.name == "SanDisk Corporation"
    assert (cover.state_of_incorporation, cover.file_number, cover.irs_number) == ("DE", "000-26734", "77-0191793")
    assert cover.address == "601 McCarthy Boulevard, Milpitas, California 95035"
    assert cover.phone == "(408) 801-1000"


@pytest.mark.parametrize("converter, text", html_texts("ford_2017_8k.htm"))
def test_html_cover_with_values_and_captions_stacked(converter, text):
    cover = parse_cover(text)
    assert cover.date_of_report == "2017-10-03"  # "Date of Report: October 3, 2017" over its caption
    assert cover.name == "FORD MOTOR COMPANY"
    assert (cover.state_of_incorporation, cover.file_number, cover.irs_number) == ("DE", "1-3950", "38-0549190")
    assert cover.phone == "313-322-3000"


def test_stacked_values_map_in_order_to_stacked_captions():
    # Cells of an HTML cover table broken into lines (1895 Bancorp of Wisconsin, 2024).
    text = "\n".join([
        "Date of Report (Date of earliest event reported): December 20, 2024",
        "1895 BANCORP OF WISCONSIN, INC.",
        "(Exact Name of Registrant as Specified in its Charter)",
        "Maryland", "001-40609", "61-1993378",
        "(State or Other Jurisdiction of Incorporation)", "(Commission File No.)", "(I.R.S. Employer Identification No.)",
        "7001 West Edgerton Avenue, Greenfield, Wisconsin", "53220",
        "(Address of Principal Executive Offices)", "(Zip Code)",
    ])
    cover = parse_cover(text)
    assert (cover.state_of_incorporation, cover.file_number, cover.irs_number) == ("MD", "001-40609", "61-1993378")
    assert cover.address == "7001 West Edgerton Avenue, Greenfield, Wisconsin 53220"


def test_labelled_file_number_beside_other_values():
    # 3M, 2024: "File No. 1-3285" printed in the file number's column.
    text = "\n".join([
        "3M COMPANY",
        "(Exact Name of Registrant as Specified in Its Charter)",
        "",
        "Delaware                                        File No. 1-3285           41-0417775",
        "(State or other jurisdiction of incorporation)  (Commission File Number)  (IRS Employer Identification No.)",
        "",
        "3M Center, St. Paul, Minnesota                                            55144-1000",
        "(Address of Principal Executive Offices)                                  (Zip Code)",
        "(Registrant's Telephone Number, Including Area Code) (651) 733-1110",
    ])
    cover = parse_cover(text)
    assert (cover.state_of_incorporation, cover.file_number, cover.irs_number) == ("DE", "1-3285", "41-0417775")
    assert cover.address == "3M Center, St. Paul, Minnesota 55144-1000"
    assert cover.phone == "(651) 733-1110"


def test_name_broken_over_two_lines_is_joined():
    cover = parse_cover(fixture("two_line_name_8k.txt"))
    assert cover.name == "ACME WESTERN LIFE INSURANCE COMPANY"
    assert cover.state_of_incorporation == "CO"


def test_amendment_and_a_date_on_its_captions_line_without_a_space():
    cover = parse_cover(fixture("two_line_name_8k.txt"))  # "FORM 8-K/A", "OCTOBER 8,2003"
    assert cover.form_type == "8-K/A"
    assert cover.date_of_report == "2003-10-08"


def test_co_registrant_table_gives_the_first_registrant_and_names_the_others():
    cover = parse_cover(fixture("southern_2005_8k.txt"))
    assert cover.name == "The Southern Company"
    assert (cover.state_of_incorporation, cover.file_number, cover.irs_number) == ("DE", "1-3526", "58-0690070")
    assert cover.address == "270 Peachtree Street, N.W., Atlanta, Georgia 30303"
    assert cover.co_registrants == [
        "Alabama Power Company", "Georgia Power Company", "Gulf Power Company", "Mississippi Power Company",
        "Savannah Electric and Power Company", "Southern Power Company",
    ]


def test_annual_report_cover_gives_the_fiscal_year_end_as_its_date():
    cover = parse_cover(fixture("ford_2001_10k_excerpt.txt"))
    assert cover.form_type == "10-K"
    assert cover.date_of_report == "2001-12-31"
    assert (cover.name, cover.state_of_incorporation, cover.file_number) == ("FORD MOTOR COMPANY", "DE", "1-3950")


def test_values_not_printed_are_none():
    cover = parse_cover("Press release\n\nACME Corp. announced results today.\n")
    assert cover == Cover()


def test_only_the_top_of_the_text_is_read_for_the_cover():
    assert parse_cover(" " * WINDOW + "\n" + SEED.read_text()) == Cover()


def test_cover_gives_the_registrant_as_a_filer():
    filer = parse_cover(SEED.read_text()).to_filer()
    assert (filer.role, filer.name, filer.state_of_incorporation) == ("registrant", "SONUS NETWORKS, INC.", "DE")
    assert filer.business_address.one_line() == "5 CARLISLE ROAD, WESTFORD, MASSACHUSETTS 01886"


@pytest.mark.parametrize("top, form", [
    ("FORM 10-Q\nQUARTERLY REPORT PURSUANT TO SECTION 13", "10-Q"),
    ("FORM 8-K\n(Amendment No. 1)\nCURRENT REPORT", "8-K/A"),
    ("FORM 8-K\nAmendment No. ___\nCURRENT REPORT", "8-K"),
    ("AMENDMENT NO. 1\nTO\nFORM S-3\nREGISTRATION STATEMENT", "S-3/A"),
    ("Post-Effective Amendment No. 1 to\nForm S-3\nRegistration Statement", "POS AM"),
    ("FORM 6-K\nREPORT OF FOREIGN PRIVATE ISSUER", "6-K"),
    ("SCHEDULE 13G\nUnder the Securities Exchange Act of 1934\n(Amendment No. 2)*", "SC 13G/A"),
    ("SCHEDULE 13G\nUnder the Securities Exchange Act of 1934\n(Amendment No. )*", "SC 13G"),
    ("Filed Pursuant to Rule 424(b)(5)\nRegistration No. 333-278184\nPROSPECTUS SUPPLEMENT", "424B5"),
    ("June 22, 2005\nSecurities and Exchange Commission\nRe: ALLTEL Corporation\nForm S-4, as amended\n"
     "Ladies and Gentlemen:\nThe undersigned requests ...", "CORRESP"),
    ("Press release\nACME announces results", None),
])
def test_form_type_from_the_title(top, form):
    assert parse_form_type(top.split("\n")) == form


@pytest.mark.parametrize("printed, iso", [
    ("October 8, 2003", "2003-10-08"), ("OCTOBER 8,2003", "2003-10-08"), ("Oct. 8, 2003", "2003-10-08"),
    ("October 8th, 2003", "2003-10-08"), ("8 October 2003", "2003-10-08"), ("10/08/2003", "2003-10-08"),
    ("10-08-03", "2003-10-08"), ("2003-10-08", "2003-10-08"), ("January 24, 1994", "1994-01-24"),
    ("February 30, 2003", None), ("(978) 692-8999", None),
])
def test_dates_as_filings_print_them(printed, iso):
    assert parse_date(printed) == iso


def test_find_dates_gives_every_date_and_where_it_is():
    assert find_dates("August 19, 2009 (August 3, 2009)") == [("2009-08-19", 0, 15), ("2009-08-03", 17, 31)]


@pytest.mark.parametrize("name, code", [
    ("DELAWARE", "DE"), ("State of New York", "NY"), ("Commonwealth of Pennsylvania", "PA"),
    ("Bermuda", "D0"), ("Cayman Islands", "E9"), ("Ontario, Canada", "A6"), ("England and Wales", "X0"),
    ("N/A", None),
])
def test_jurisdictions_get_edgar_codes(name, code):
    assert jurisdiction_code(name) == code
