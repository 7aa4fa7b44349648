"""Normalising company names so that one company's spellings match."""

from __future__ import annotations

import html
import re
import unicodedata

_STATE_TAG = re.compile(r"\s*/[A-Z]{2,3}/?\s*$")  # "APPLE COMPUTER INC /CA/"
_SUFFIXES = {
    "INCORPORATED": "INC",
    "CORPORATION": "CORP",
    "COMPANY": "CO",
    "LIMITED": "LTD",
    "COMPANIES": "COS",
}


def normalise_name(name: str | None) -> str:
    """A key under which a company's spellings agree.

    "Sonus Networks, Inc." and "SONUS NETWORKS INC" give "SONUS NETWORKS INC";
    "&amp;" is "&", state tags such as "/DE/" go, INCORPORATED is INC, a leading THE goes.
    """
    if not name:
        return ""
    text = html.unescape(html.unescape(name))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = text.upper().strip()
    text = _STATE_TAG.sub("", text)
    text = text.replace("&", " AND ")
    text = re.sub(r"[^A-Z0-9 ]+", " ", text)
    words = [_SUFFIXES.get(w, w) for w in text.split()]
    if words and words[0] == "THE":
        words = words[1:]
    return " ".join(words)


def slugify(text: str | None, max_length: int = 80) -> str:
    """A lower-case ASCII slug for URLs: "SONUS NETWORKS, INC." → "sonus-networks-inc"."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", html.unescape(text)).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:max_length].rstrip("-")


def digits(value: str | None) -> str:
    """Only the digits of a value: "04-3387074" → "043387074"."""
    return re.sub(r"\D", "", value or "")


def file_number_key(value: str | None) -> str:
    """A commission file number with leading zeros of each part ignored: "000-30229" → "0-30229"."""
    if not value:
        return ""
    parts = re.findall(r"\d+", value)
    return "-".join(str(int(p)) for p in parts)
