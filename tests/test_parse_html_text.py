"""HTML → plain text on real 8-Ks: cover-page columns kept apart and aligned, hidden inline-XBRL
header dropped, block structure kept as lines."""

from __future__ import annotations

import re
import time

from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.parse.html_text import html_to_text

PARSE = FIXTURES / "parse"


def _html(name: str) -> str:
    return (PARSE / name).read_text(encoding="utf-8", errors="replace")


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _line_with(text: str, needle: str) -> str:
    return next(line for line in _lines(text) if needle in line)


def _columns(line: str) -> list[str]:
    return [c for c in re.split(r"\s{2,}", line.strip()) if c]


def test_cover_page_table_cells_stay_apart_in_columns():
    text = html_to_text(_html("0001493152-25-001317-form8-k.htm"))
    assert _columns(_line_with(text, "001-33886")) == ["Delaware", "001-33886", "22-2786081"]
    assert _columns(_line_with(text, "(Commission")) == ["(State or Other Jurisdiction", "(Commission", "(IRS Employer"]


def test_cover_page_values_start_over_their_captions():
    # Workiva tables: every cell spans three columns, under a row of fifteen empty cells.
    text = html_to_text(_html("form8k.Nordstrom.html"))
    values = _line_with(text, "001-15059")
    captions = _line_with(text, "(Commission")
    for value, caption in (("Washington", "(State or other"), ("001-15059", "(Commission"), ("91-0515058", "(IRS Employer")):
        assert values.index(value) == captions.index(caption)
    # A caption broken by <br> goes on in the same column on the next line.
    below = _lines(text)[_lines(text).index(captions) + 1]
    assert below.index("File Number)") == captions.index("(Commission")


def test_hidden_inline_xbrl_header_is_dropped_and_inline_facts_are_kept():
    html = _html("0001493152-25-001317-form8-k.htm")
    assert "<ix:header>" in html and "dei:EntityCentralIndexKey" in html
    text = html_to_text(html)
    assert "0000880984" not in text  # the CIK is only in the hidden ix:header
    assert "false" not in text.split()  # dei:AmendmentFlag
    assert "ACORN ENERGY, INC." in text  # an ix:nonNumeric on the cover
    assert "Date of Report (Date of earliest event reported) January 6, 2025" in text


def test_text_reads_like_a_plain_text_filing():
    text = html_to_text(_html("0001493152-25-001317-form8-k.htm"))
    lines = _lines(text)
    assert lines[0] == "UNITED STATES"
    assert "FORM 8-K" in lines
    # Headings are lines of their own, set apart as paragraphs.
    item = lines.index(next(x for x in lines if x.startswith("Item 5.02")))
    assert lines[item - 1] == "" and lines[item + 1] == ""
    assert "Item 9.01 Financial Statements and Exhibits." in lines
    # The exhibit index table: number and description in columns.
    assert _columns(_line_with(text, "Consulting Agreement, dated"))[0] == "10.1"
    assert not any("  " in line for line in lines if line.startswith("On January 6, 2025"))
    assert "\n\n\n" not in text


def test_no_break_spaces_are_spaces_and_a_run_of_them_a_column_gap():
    html = ("<p>Item&nbsp;2.02&nbsp;&nbsp;&nbsp;&nbsp;Results of Operations</p>"
            "<p>DELAWARE&#160;&#160;&#160;&#160;&#160;&#160;000-30229</p><p>October&nbsp;8,   2003</p>"
            # Justified prose of a 2009 8-K (0001213900-09-002194): two no-break spaces between words.
            "<p>During the&#160;&#160;Registrant's&#160;&#160;two most recent fiscal years</p>")
    assert _lines(html_to_text(html)) == ["Item 2.02  Results of Operations", "", "DELAWARE  000-30229", "",
                                          "October 8, 2003", "", "During the Registrant's two most recent fiscal years"]


def test_scripts_styles_and_comments_are_dropped():
    html = ("<html><head><title>T</title><style>p {color: red}</style></head><body>"
            "<script>alert('x')</script><!-- a comment --><p onclick=\"evil()\">Text</p>"
            "<div style=\"DISPLAY: NONE\">hidden</div></body></html>")
    assert html_to_text(html) == "Text"


def test_br_and_divs_end_lines_and_inline_tags_do_not():
    html = "<div><b>SONUS</b> <i>NETWORKS</i>, INC.<br>5 CARLISLE ROAD<br/><br/>WESTFORD</div><div>next</div>"
    assert _lines(html_to_text(html)) == ["SONUS NETWORKS, INC.", "5 CARLISLE ROAD", "", "WESTFORD", "next"]


def test_pre_keeps_its_layout():
    html = "<pre>       DELAWARE                       000-30229\n       --------                       ---------</pre>"
    assert _lines(html_to_text(html)) == [
        "       DELAWARE                       000-30229",
        "       --------                       ---------",
    ]


def test_older_html_8k_cover_reads_in_columns():
    # A 2013 WebFilings 8-K (still in its EDGAR <DOCUMENT> wrapper: only its <TEXT> is HTML).
    raw = _html("1001039_8K_2013_0001001039-13-000003.htm")
    html = raw[raw.index("<TEXT>") + 6: raw.index("</TEXT>")]
    text = html_to_text(html)
    assert _columns(_line_with(text, "1-11605")) == ["1-11605", "95-4545390"]
    assert _columns(_line_with(text, "(Commission File Number)")) == ["(Commission File Number)", "(IRS Employer Identification No.)"]
    assert "The Walt Disney Company" in _lines(text)


def test_nested_tables_are_laid_out_inside_their_cell():
    html = ("<table><tr><td>outer</td><td><table><tr><td>a</td><td>b</td></tr>"
            "<tr><td>c</td><td>d</td></tr></table></td></tr></table>")
    assert _lines(html_to_text(html)) == ["outer  a  b", "       c  d"]


def test_empty_and_broken_html_give_text_without_raising():
    assert html_to_text("") == ""
    assert html_to_text(None) == ""
    assert html_to_text("<td>cell outside a table</td><tr><p>unclosed") == "cell outside a table\n\nunclosed"
    assert html_to_text("<table><tr><td colspan='x'>a</td><td colspan='9999999'>b</td></table>") == "a  b"


def test_a_big_document_is_converted_in_linear_time():
    html = _html("form8k.Nordstrom.html")
    body = html[html.index("<body"):]
    big = html + body * 40  # ~2 MB
    started = time.perf_counter()
    text = html_to_text(big)
    assert time.perf_counter() - started < 5
    assert text.count("001-15059") >= 40


_PIECES = ["<", ">", "/", "=", '"', " ", "a", "b", "&", ";", "#", "0", "\n", "\xa0", "x", "<td>", "<tr>", "<table>",
           "</table>", "<pre>", "</pre>", "<br>", "<p>", "&nbsp;", "<ix:header>", "<div style='display:none'>",
           "<td colspan=2>", "</td>", "</tr>", "<script>", "<!--"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=80).map("".join))
def test_any_markup_gives_text_without_raising(html):
    text = html_to_text(html)
    assert isinstance(text, str)
    assert "\n\n\n" not in text
