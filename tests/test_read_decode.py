"""The read stage's decoding: encodings, line ends, binaries, digests. Never a crash."""

from __future__ import annotations

import hashlib
from pathlib import Path


from hypothesis import given, settings
from hypothesis import strategies as st

from builder.read import Shape, read_source
from builder.read.decode import binary_kind, decode_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "read"


def test_plain_ascii_decodes_as_utf8():
    decoded = decode_bytes((FIXTURES / "files" / "poa.txt").read_bytes())
    assert decoded.encoding == "utf-8"
    assert "LIMITED POWER OF ATTORNEY" in decoded.text


def test_cp1252_curly_quote_is_decoded_when_utf8_fails():
    sub = read_source(FIXTURES / "derived" / "poa-cp1252.txt", FIXTURES)
    assert sub.encoding == "cp1252"
    assert sub.shape == Shape.BARE_TEXT
    assert "undersigned\u2019s true" in sub.documents[0].text


def test_bytes_cp1252_cannot_decode_fall_back_to_latin1():
    decoded = decode_bytes(b"ACME \x81 CORP \x8d")
    assert decoded.encoding == "latin-1"
    assert decoded.text == "ACME \x81 CORP \x8d"


def test_utf8_bom_is_dropped_and_recorded():
    decoded = decode_bytes(b"\xef\xbb\xbf<html><body>caf\xc3\xa9</body></html>")
    assert decoded.encoding == "utf-8-sig"
    assert decoded.text.startswith("<html>")
    assert "caf\u00e9" in decoded.text


def test_crlf_and_lone_cr_become_lf():
    assert decode_bytes(b"a\r\nb\rc\nd").text == "a\nb\nc\nd"


def test_crlf_wrapped_document_reads_like_the_lf_original():
    crlf = read_source(FIXTURES / "derived" / "wrapped-crlf.txt")
    original = read_source(FIXTURES / "files" / "SG-13G-DOCUMENT-WITH-TEXT.html")
    assert crlf.shape == original.shape == Shape.WRAPPED_DOCUMENT
    assert crlf.documents == original.documents
    assert "\r" not in crlf.documents[0].text


def test_lone_cr_separated_nc_header_tags_come_out_one_per_line():
    sub = read_source(FIXTURES / "files" / "0001562180-25-000280.nc")
    assert "\r" not in sub.header
    assert "<ACCESSION-NUMBER>0001562180-25-000280\n<TYPE>4\n" in sub.header


def test_binary_formats_are_recognised_by_magic_bytes():
    assert binary_kind(b"%PDF-1.7\n...") == "a PDF file"
    assert binary_kind(b"PK\x03\x04rest").startswith("a ZIP archive")
    assert binary_kind(b"\xff\xd8\xff\xe0\x00\x10JFIF") == "a JPEG image"
    assert binary_kind(b"\x89PNG\r\n\x1a\n\x00\x00") == "a PNG image"
    assert binary_kind(b"GIF89a...") == "a GIF image"
    assert binary_kind(b"text\x00with a NUL") == "a binary file (it holds NUL bytes)"
    assert binary_kind(b"<SEC-DOCUMENT>0000950137-05-004969.txt") is None


def test_digest_is_sha1_of_the_raw_bytes():
    path = FIXTURES / "derived" / "wrapped-crlf.txt"
    assert read_source(path).digest == hashlib.sha1(path.read_bytes()).hexdigest()


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048))
def test_decoding_never_raises_and_never_leaves_cr(data):
    decoded = decode_bytes(data)
    assert "\r" not in decoded.text
    assert decoded.encoding in {"utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"}


_SGMLISH = st.lists(
    st.sampled_from(
        [
            "<SEC-DOCUMENT>", "<SEC-HEADER>", "</SEC-HEADER>", "<IMS-HEADER>", "<SUBMISSION>",
            "<DOCUMENT>", "</DOCUMENT>", "<TYPE>8-K", "<SEQUENCE>1", "<FILENAME>a.htm", "<TEXT>",
            "</TEXT>", "<XBRL>", "</PDF>", "begin 644 a.jpg", "M86)C", "end", "ACCESSION NUMBER: 1",
            "-----BEGIN PRIVACY-ENHANCED MESSAGE-----", "-----END PRIVACY-ENHANCED MESSAGE-----",
            "<html>", "\n", "\r\n", " ", "text", "\x00", "\xe9",
        ]
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(_SGMLISH)
def test_reading_any_mix_of_sgml_fragments_never_raises(tmp_path_factory, parts):
    path = tmp_path_factory.mktemp("fuzz") / "x.txt"
    path.write_bytes("".join(parts).encode("utf-8"))
    sub = read_source(path)
    assert sub.shape in vars(Shape).values()
    assert not any("the reader failed" in p for p in sub.problems), sub.problems
