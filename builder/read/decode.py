"""Bytes to text, never failing: encodings, line ends, binary detection, digests.

Decoding order: a byte-order mark (UTF-8, or UTF-16 when the file says so), then strict
UTF-8, then cp1252, then latin-1, which cannot fail. CRLF and lone CR become LF.
"""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

#: Magic numbers of the binary formats found next to filings, and what to call them.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or an Office/XBRL package)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh9", "a bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
)

#: How far into a file NUL bytes are looked for when deciding it is binary.
_NUL_WINDOW = 8192


@dataclass
class Decoded:
    """A file's text after decoding, with the codec used and what went wrong."""

    text: str
    encoding: str
    problems: list[str] = field(default_factory=list)


def binary_kind(data: bytes) -> str | None:
    """What binary format `data` is ("a PDF file", ...), or None when it looks like text.

    Magic numbers first, then a tar header, then NUL bytes near the start (text files,
    UTF-16 aside, never hold them).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if len(data) >= 262 and data[257:262] == b"ustar":
        return "a tar archive"
    if b"\x00" in data[:_NUL_WINDOW]:
        return "a binary file (it holds NUL bytes)"
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode `data` to text with LF line ends; never raises.

    The recorded encoding is the codec's name: `utf-8`, `utf-8-sig` (a BOM was there),
    `utf-16`, `cp1252` or `latin-1`.
    """
    problems: list[str] = []
    text: str | None = None
    encoding = ""
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _try(data, "utf-8-sig")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _try(data, "utf-16")
    if text is None:
        for codec in ("utf-8", "cp1252"):
            text, encoding = _try(data, codec)
            if text is not None:
                break
    if text is None:
        text, encoding = data.decode("latin-1"), "latin-1"
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        problems.append(f"{text.count(chr(0))} NUL characters removed from the text")
        text = text.replace("\x00", "")
    return Decoded(text, encoding, problems)


def _try(data: bytes, codec: str) -> tuple[str | None, str]:
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError:
        return None, codec


def digest(chunks: Iterable[bytes]) -> str:
    """SHA-1 hex digest of the byte strings, fed in order (one file, or a folder's files)."""
    sha = hashlib.sha1()
    for chunk in chunks:
        sha.update(chunk)
    return sha.hexdigest()
