"""Which lines of a document are taken for the registrant's name (`builder.parse.registrant`),
on real excerpts from the shared corpus (tests/fixtures/parse/README says where each is from)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.parse.cover import parse_cover
from builder.parse.registrant import is_junk_name

FIXTURES = Path(__file__).parent / "fixtures" / "parse"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_name_caption_in_an_item_heading_is_not_a_cover_caption():
    # A Schedule 13G: "(Name of Issuer)" on its cover, then "Item 1(a). NAME OF ISSUER:" in its
    # body, under the cover's last box ("TYPE OF REPORTING PERSON / IN").
    cover = parse_cover(fixture("0001076809-24-000144.sc13g-text.excerpt.txt"))
    assert cover.name == "AVID BIOSERVICES, INC."
    assert cover.co_registrants == []


@pytest.mark.parametrize("text", [
    "Item 1.",
    "Item 1(a). NAME OF ISSUER",
    "MORRISVILLE  NC  27560",
    "Erie, Pennsylvania 16505",
    "(Exact name of registrant as specified in its charter)",
    "STANDARD INDUSTRIAL CLASSIFICATION: MOTOR VEHICLES & PASSENGER CAR BODIES [3711]",
    "Based on 20,395,789 shares of Class A Common Stock outstanding on December 31, 2012, as reported by the Issuer",
])
def test_item_headings_address_lines_captions_and_sentences_are_no_names(text):
    assert is_junk_name(text)


@pytest.mark.parametrize("text", [
    "1-800-FLOWERS.COM, INC.",
    "3M COMPANY",
    "1895 BANCORP OF WISCONSIN, INC.",
    "Exeter Automobile Receivables Trust 2025-1",
    "RESIDENTIAL FUNDING MORTGAGE SECURITIES I, INC.",
    "Savannah Electric and Power Company",
])
def test_names_with_digits_or_many_words_are_names(text):
    assert not is_junk_name(text)


def test_address_captions_city_state_zip_give_no_state_of_incorporation():
    # A Form 4: the reporting person's address over "(City) (State) (Zip)".
    cover = parse_cover(fixture("374WaterForm4-text.excerpt.txt"))
    assert cover.state_of_incorporation is None
    assert cover.name is None


def test_uncaptioned_document_takes_the_company_name_at_its_head():
    # A prospectus supplement: no cover captions; the issuer's name over the offering.
    assert parse_cover(fixture("0001104659-24-132924.424b4-text.excerpt.txt")).name == "Traws Pharma, Inc."
    # A letter on the company's letterhead.
    assert parse_cover(fixture("0000065873-05-000060.corresp.excerpt.txt")).name == "ALLTEL CORPORATION"
    # A minimal 10-K: the name over "FORM 10-K".
    assert parse_cover(fixture("0001564590-20-004475-minimal.10-k-text.txt")).name == "TESLA, INC."


def test_uncaptioned_document_without_a_name_at_its_head_gives_none():
    # The issuer is not named before the first sentence; the placement agent further down is not taken.
    assert parse_cover(fixture("0001108205-25-000026.424b5-text.excerpt.txt")).name is None
