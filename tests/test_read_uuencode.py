"""The tolerant uudecoder: round trips, encoder quirks, broken and truncated parts."""

from __future__ import annotations

import binascii

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.read.uuencode import starts_uuencoded, uudecode


def uuencode(data: bytes, name: str = "a.jpg", backticks: bool = False) -> str:
    lines = [binascii.b2a_uu(data[i : i + 45], backtick=backticks).decode("ascii") for i in range(0, len(data), 45)]
    return f"begin 644 {name}\n" + "".join(lines) + ("`\n" if backticks else " \n") + "end\n"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=4000), st.booleans())
def test_uudecode_round_trips_any_bytes(data, backticks):
    part = uudecode(uuencode(data, backticks=backticks))
    assert part.data == data
    assert part.name == "a.jpg"
    assert part.problems == []


def test_trailing_garbage_in_a_lines_last_group_is_ignored():
    # EDGAR encoders fill a line's last 4-character group with leftover bits: "$!" here.
    text = "begin 644 image_001.jpg\nB1*(E$2B)1$HB41*(E$2B)1$HB41*(E$2B)1$HB41*(O_V0$!\nend\n"
    part = uudecode(text)
    assert len(part.data) == 34
    assert part.problems == []


def test_lines_with_trailing_spaces_stripped_still_decode():
    data = bytes(range(40)) + b"\x00" * 5
    encoded = uuencode(data).replace(" \n", "\n")
    assert uudecode(encoded).data == data


def test_a_broken_line_is_skipped_and_counted():
    good = uuencode(b"x" * 90)
    lines = good.split("\n")
    lines[1] = "M" + "~" * 60
    part = uudecode("\n".join(lines))
    assert part.data == b"x" * 45
    assert part.problems == ["uuencoded part 'a.jpg': 1 broken line(s) skipped; the data is incomplete"]


def test_a_part_without_end_keeps_its_data_and_reports_truncation():
    part = uudecode(uuencode(b"hello world").replace("end\n", ""))
    assert part.data == b"hello world"
    assert part.problems == ["uuencoded part 'a.jpg' has no 'end' line (truncated?)"]


def test_only_a_begin_line_at_the_top_counts_as_uuencoded():
    assert starts_uuencoded("\n\nbegin 644 logo.gif\nM...\nend\n") is not None
    assert starts_uuencoded("We begin 644 days of work.\n") is None
    assert starts_uuencoded("Text first\nbegin 644 logo.gif\n") is None
