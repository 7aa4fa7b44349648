"""`builder.parse.fold.Folded`: the same matches as the case-insensitive pattern, found faster."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import builder.parse.captions as captions
import builder.parse.cover as cover
import builder.parse.registrant as registrant
import builder.parse.signatures as signatures
from builder.parse.fold import Folded

PATTERNS = [
    captions._CAPTION_WORD, *captions.CAPTIONS.values(), captions._ADDRESS_CAPTIONS, captions._ADDRESS_PARTS,
    registrant.NAME_CAPTION, *registrant._TABLE_HEAD,
    cover._DATE_CAPTION, cover._PERIOD, cover._PURSUANT, cover._ADDRESS_CAPTION, cover._PHONE_CAPTION, signatures._SIGNED,
    Folded(r"(?P<Word>[A-Z]+)\s*:\s*(\d+)\b"),
]
#: Words of the patterns in several cases, the three characters folding cannot take ("İ", "ı",
#: "ſ"), the Kelvin sign (a "k"), spaces of every kind.
WORDS = [
    "state", "STATE", "State", "of", "Incorporation", "jurisdiction", "country", "commission", "File", "No.", "number",
    "IRS", "I.R.S.", "i. r. s.", "employer", "identification", "EIN", "tax", "payer", "Name", "registrant", "(", ")",
    "date", "report", "earliest event", "for the fiscal year", "ended", "pursuant to section 13 or 15(d)", "principal",
    "executive", "offices", "telephone number", "ſtate", "ıRS", "İ", "\u212a", "é", "\u2019", "\xa0", "\u2003", "\t",
    " ", "  ", "x", "1", "-", ":", "city", "zip", "issuer", "company", "offeror", "Sec", "statement", "ab12", "duly",
    "caused this", "Report", "signed", "on its behalf", "by the", "UNDERSIGNED", "\n",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=16), st.integers(0, 5))
def test_folded_search_is_the_case_insensitive_search(words, pos):
    text = " ".join(words) if pos % 2 else "".join(words)
    for pattern in PATTERNS:
        want = pattern.regex.search(text, pos)
        got = pattern.search(text, pos)
        assert (want is None) == (got is None), (pattern, text)
        if want is not None:
            assert (got.span(), got.groups()) == (want.span(), want.groups()), (pattern, text)


@pytest.mark.parametrize("pattern", [r"[0-z]", "ſ", r"[\u2000-\u3000]", r"\u017f", r"\x41", r"[\x41-\x5a]"])
def test_patterns_folding_would_change_are_refused(pattern):
    with pytest.raises(ValueError):
        Folded(pattern)


def test_folded_pattern_keeps_escapes_and_group_names():
    folded = Folded(r"(?P<Name>\S+)\s+INC\b")
    assert folded.folded.pattern == r"(?P<Name>\S+)\s+inc\b"
    match = folded.search("  Acme   Inc.")
    assert match is not None and match.group("Name") == "Acme" and match.span() == re.search(
        r"(?P<Name>\S+)\s+INC\b", "  Acme   Inc.", re.I).span()
