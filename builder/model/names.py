"""Normalising company names so that one company's spellings match."""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

_STATE_TAG = re.compile(r"\s*/[A-Z]{2,3}/?\s*$")  # "APPLE COMPUTER INC /CA/"
_SUFFIXES = {
    "INCORPORATED": "INC",
    "CORPORATION": "CORP",
    "COMPANY": "CO",
    "LIMITED": "LTD",
    "COMPANIES": "COS",
}


@lru_cache(maxsize=1 << 16)  # asked for each name many times (filers, registrants, indexes)
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


@lru_cache(maxsize=1 << 16)
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


# -- keys for matching registrants: the same values, or "" when a value cannot tell two apart ----

#: Two-digit prefixes the IRS has never given to an employer identification number.
_UNASSIGNED_EIN_PREFIXES = frozenset(
    {"00", "07", "08", "09", "17", "18", "19", "28", "29", "49", "69", "70", "78", "79", "89", "96", "97"}
)
#: Normalised names that are words of a form, not a company's name.
_NOT_A_NAME = frozenset({"", "REGISTRANT", "THE REGISTRANT", "COMPANY", "CO", "INC", "CORP", "NONE", "N A", "NA"})


def matching_file_number(value: str | None) -> str:
    """`file_number_key` of a commission file number that can identify a registrant, else "".

    A file number has a prefix and a number ("000-30229", "333-140273-01"); a lone number,
    or one whose number part is zero ("000-00000"), identifies nothing.
    """
    key = file_number_key(value)
    parts = key.split("-") if key else []
    if len(parts) < 2 or int(parts[1]) == 0:
        return ""
    return key


def matching_irs_number(value: str | None) -> str:
    """The 9 digits of an IRS employer identification number that can identify a registrant, else "".

    Bogus values are left out: not 9 digits, one digit repeated ("000000000", "999999999"),
    "123456789", or a prefix the IRS never assigns.
    """
    number = digits(value)
    if len(number) != 9 or len(set(number)) == 1 or number == "123456789":
        return ""
    if number[:2] in _UNASSIGNED_EIN_PREFIXES:
        return ""
    return number


#: What a cover page's text can be mistaken for a name: a caption ("Item 1.", "Percentage of State
#: or"), a sentence, an address ending in a ZIP or postal code ("WILLIAMSVILLE NY 14221").
_NOT_A_NAME_TEXT = re.compile(
    r"^(?:ITEM|FORM|SECTION|EXHIBIT|PART|TABLE|PAGE|PERCENTAGE|BASED|CHECK|COMMISSION|DATE|SEE)\b"
    r"|\b\d{5}(?: \d{4})?$|\b[A-Z]\d[A-Z] ?\d[A-Z]\d$"
)


def matching_name(name: str | None) -> str:
    """`normalise_name` of a name that can identify a registrant, else "": not for words of a form
    ("The Registrant", "Inc."), captions, sentences (more than 12 words) or addresses."""
    key = normalise_name(name)
    if key in _NOT_A_NAME or len(key) < 3 or not any(c.isalpha() for c in key):
        return ""
    if _NOT_A_NAME_TEXT.search(key) or key.count(" ") >= 12:
        return ""
    return key
