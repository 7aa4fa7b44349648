"""The signature parser (`builder.parse.signatures`): signers, their titles and dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.model.filing import Signature
from builder.parse.signatures import parse_signatures
from test_parse_cover import fixture, html_texts

SEED = Path(__file__).parent / "fixtures" / "seed" / "004_edb917d2bca7005c.txt"


def signers(text: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(s.name, s.title, s.date) for s in parse_signatures(text)]


def test_seed_signature_strips_the_rule_and_joins_the_title_broken_over_lines():
    assert parse_signatures(SEED.read_text()) == [Signature(
        name="Stephen J. Nill",
        title="Chief Financial Officer, Vice President of Finance and Administration and Treasurer",
        date="2003-10-08",
    )]


def test_date_in_the_left_column_and_the_typed_full_name_skipped():
    # "April 19, 1994      /s/ W.A. Freeman" over "William A. Freeman" and "President".
    assert signers(fixture("zurn_1994_8k.txt")) == [("W.A. Freeman", "President", "1994-04-19")]


def test_by_and_conformed_signature_run_together():
    # "Date: October 23,  2008      By:/s/Richard P. Jacobson"
    assert signers(fixture("horizon_2008_8k.txt")) == [
        ("Richard P. Jacobson", "President and Chief Executive Officer", "2008-10-23")]


@pytest.mark.parametrize("converter, text", html_texts("sandisk_2010_8k.htm"))
def test_html_signature_with_name_and_title_labels(converter, text):
    assert signers(text) == [(
        "Judy Bruner",
        "Executive Vice President, Administration and Chief Financial Officer (Principal Financial and Accounting Officer)",
        "2010-08-18",
    )]


def test_several_signers_each_with_the_date_printed_once():
    assert signers(fixture("southern_2005_8k.txt")) == [
        ("W. Dean Hudson", "Comptroller", "2005-01-25"),
        ("Wayne Boston", "Assistant Secretary", "2005-01-25"),
    ]


def test_annual_report_signature_table_gives_one_signer_per_row():
    found = signers(fixture("ford_2001_10k_excerpt.txt"))
    names = [name for name, _, _ in found]
    assert names[0] == "I. Martin Inglis"  # the registrant's signature: "By:  I. Martin Inglis*"
    assert found[0][1] == "Group Vice President and Chief Financial Officer"
    assert ("John R. H. Bond", "Director", "2002-03-28") in found
    assert ("Michael D. Dingman", "Director and Chairman of the Compensation Committee", "2002-03-28") in found
    assert found[1][1].startswith("Director, Chairman of the Board and Chief Executive Officer and Chairman")
    assert names[-2:] == ["Don Leclair", "Peter Sherry, Jr."]  # the last row, then the attorney-in-fact
    assert len(found) == 19
    assert all(date == "2002-03-28" for _, _, date in found)


def test_unsigned_by_line_takes_the_name_printed_under_the_rule():
    # Asta Funding, 2004: no conformed signature, the typed name under "By: ____".
    text = """
                                    SIGNATURE

         Pursuant to the requirements of the Securities and Exchange Act of
1934, the Registrant has duly caused this report to be signed on its behalf by
the undersigned, thereunto duly authorized.

                                             ASTA FUNDING, INC.

Date: August 4, 2004                         By:
                                                -----------------------------
                                                       Mitchell Herman
                                                   Chief Financial Officer
"""
    assert signers(text) == [("Mitchell Herman", "Chief Financial Officer", "2004-08-04")]


def test_dated_label_with_the_date_on_the_next_line():
    # Louisville Gas and Electric, 2003 (HTML cells one per line).
    text = "\n".join([
        "SIGNATURES",
        "Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has duly caused "
        "this report to be signed on its behalf by the undersigned hereunto duly authorized.",
        "Louisville Gas and Electric Company", "Dated:", "March 25, 2003", "By:", "/s/ John R. McCall",
        "Executive Vice President,", "General Counsel and", "Corporate Secretary",
    ])
    assert signers(text) == [("John R. McCall", "Executive Vice President, General Counsel and Corporate Secretary",
                              "2003-03-25")]


def test_name_and_title_on_one_line_and_a_caption_under_the_signature():
    text = "\n".join([
        "SIGNATURES", "Nuance Communications, Inc.", "By:  /s/ Thomas Beaudoin",
        "     Thomas Beaudoin, Chief Financial Officer",
        "", "                SIGNATURE", "      /s/ Daniel E. Jackson", "      ------------------",
        "          (Signature)", "      Daniel E. Jackson", "      Senior Vice President",
    ])
    assert signers(text) == [
        ("Thomas Beaudoin", "Chief Financial Officer", None),
        ("Daniel E. Jackson", "Senior Vice President", None),
    ]


def test_text_without_a_signature_block_has_no_signers():
    assert parse_signatures("Item 8.01 Other Events.\nThe Company announced a dividend.\n") == []
