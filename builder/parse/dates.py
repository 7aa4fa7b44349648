"""Dates as filings print them, read into ISO form.

"October 8, 2003", "OCTOBER 8,2003", "Oct. 8, 2003", "October 8th, 2003", "8 October 2003",
"10/08/2003", "10-08-03", "2003-10-08" all give "2003-10-08". Impossible dates give None.
"""

from __future__ import annotations

import datetime as _dt
import re

_MONTHS = {
    "JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AUG": 8,
    "SEP": 9, "SEPT": 9, "OCT": 10, "NOV": 11, "DEC": 12,
}
_MONTH = (
    r"(?P<{0}>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?"
    r"|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_SP = r"[\s\u00a0]*"
#: "October 8, 2003", "OCTOBER 8,2003", "Oct. 8 2003", "October 8th, 2003", "October 8 , 2003".
_MDY = _MONTH.format("m1") + _SP + r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?" + _SP + r",?" + _SP + r"(?P<y1>(?:19|20)\d{2})(?!\d)"
#: "8 October 2003", "8th day of October, 2003".
_DMY = r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?" + _SP + r"(?:day" + _SP + r"of" + _SP + r")?" + _MONTH.format("m2") + _SP + r",?" + _SP + r"(?P<y2>(?:19|20)\d{2})(?!\d)"
#: "10/08/2003", "10-08-2003", "10/8/03".
_NUM = r"(?<![\d/.-])(?P<m3>\d{1,2})(?P<sep>[/-])(?P<d3>\d{1,2})(?P=sep)(?P<y3>(?:19|20)?\d{2})(?![\d/-])"
#: "2003-10-08".
_ISO = r"(?<![\d-])(?P<y4>(?:19|20)\d{2})-(?P<m4>\d{2})-(?P<d4>\d{2})(?![\d-])"

DATE_RE = re.compile(r"\b(?:" + _MDY + "|" + _DMY + r")|" + _NUM + "|" + _ISO, re.IGNORECASE)
#: A digit: every date has one. `DATE_RE` is tried at every character (it starts with no fixed
#: character); a text with no digit (most lines) is passed over at once.
DIGIT = re.compile(r"\d")


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 1900 if year >= 50 else 2000
    return year


def _month(text: str) -> int:
    key = text.upper().rstrip(".")
    return _MONTHS.get(key[:4] if key.startswith("SEPT") else key[:3], 0)


def _from_match(m: re.Match) -> str | None:
    g = m.groupdict()
    if g["m1"]:
        return _iso(int(g["y1"]), _month(g["m1"]), int(g["d1"]))
    if g["m2"]:
        return _iso(int(g["y2"]), _month(g["m2"]), int(g["d2"]))
    if g["m3"]:
        return _iso(_year(g["y3"]), int(g["m3"]), int(g["d3"]))
    return _iso(int(g["y4"]), int(g["m4"]), int(g["d4"]))


def find_dates(text: str) -> list[tuple[str, int, int]]:
    """Every valid date in `text`: (ISO date, start, end), in order."""
    found: list[tuple[str, int, int]] = []
    if not DIGIT.search(text):
        return found
    for m in DATE_RE.finditer(text):
        iso = _from_match(m)
        if iso:
            found.append((iso, m.start(), m.end()))
    return found


def parse_date(text: str | None) -> str | None:
    """The first valid date in `text` as ISO "YYYY-MM-DD", or None."""
    if not text or not DIGIT.search(text):
        return None
    for m in DATE_RE.finditer(text):
        iso = _from_match(m)
        if iso:
            return iso
    return None
