"""How the benchmark scores what the text parsers read against a submission's header.

`Truth` is what a header says; `score_file` compares the parsers' reading of the report's text
with it, field by field; `printed` tells whether a value the parsers missed is printed in the
report at all (a miss on a value that is not printed is the header's). See `accuracy.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.edgar import COUNTRY_CODES, STATE_CODES
from builder.model.names import digits, file_number_key, normalise_name
from builder.parse.cover import parse_cover
from builder.parse.dates import find_dates
from builder.parse.exhibits import parse_exhibit_index
from builder.parse.items import parse_items


@dataclass
class Truth:
    """What a submission's header says about its report."""

    form_type: str | None = None
    period: str | None = None
    filed: str | None = None
    names: list[str] = field(default_factory=list)
    states: list[str] = field(default_factory=list)
    file_numbers: list[str] = field(default_factory=list)
    irs_numbers: list[str] = field(default_factory=list)
    items: set[str] = field(default_factory=set)
    exhibits: set[str] = field(default_factory=set)



#: A listed exhibit that is not a document of the submission: filed with another filing, or
#: part of another exhibit or of the report ("included on the signature page").
_NOT_A_DOCUMENT = re.compile(
    r"incorporated\s+(?:herein\s+)?by\s+reference(?!\s+therein)|previously\s+filed|filed\s+as\s+exhibit\s+\S+\s+to"
    r"|included\s+(?:in|on|as\s+part\s+of)\s+(?:exhibit|the\s+signature|signature)",
    re.IGNORECASE,
)


def _exhibit_key(number: str) -> str:
    """"99.01" and "99.1" agree; parts "99.4(a)" are exhibit 99.4; the XBRL exhibits (101.INS,
    101.SCH ... and the cover page's 104, whose taxonomy files are the EX-101 documents) are "XBRL",
    which is not scored: those files come with inline XBRL whether or not the report lists them."""
    number = re.sub(r"\(.*$", "", number).upper()
    parts = number.split(".")
    if parts[0] in ("101", "104"):
        return "XBRL"
    return ".".join(str(int(p)) if p.isdigit() else p for p in parts)


def _listed_documents(exhibits: list[tuple[str, str | None]], expected: set[str]) -> set[str]:
    """Listed exhibits that should be documents of the submission (not those incorporated by
    reference), keyed like the documents; "99.1" counts as "99" when the document's type is EX-99."""
    out = set()
    for number, desc in exhibits:
        if _NOT_A_DOCUMENT.search(desc or ""):
            continue
        key = _exhibit_key(number)
        whole = key.split(".")[0]
        out.add(whole if whole in expected and key not in expected else key)
    return out


def score_file(truth: Truth, text: str) -> dict[str, tuple[bool, object, object]]:
    """field → (correct, expected, got) for the fields the header gives."""
    cover = parse_cover(text)
    out: dict[str, tuple[bool, object, object]] = {}
    out["form_type"] = (cover.form_type == truth.form_type, truth.form_type, cover.form_type)
    if truth.period:
        out["date_of_report"] = (cover.date_of_report == truth.period, truth.period, cover.date_of_report)
    got_names = [n for n in [cover.name, *cover.co_registrants] if n]
    if truth.names:
        keys = {normalise_name(n) for n in truth.names}
        out["name"] = (any(normalise_name(n) in keys for n in got_names), truth.names, cover.name)
    if truth.states:
        out["state"] = (cover.state_of_incorporation in truth.states, truth.states, cover.state_of_incorporation)
    if truth.file_numbers:
        keys = {file_number_key(n) for n in truth.file_numbers}
        out["file_number"] = (file_number_key(cover.file_number) in keys, truth.file_numbers, cover.file_number)
    if truth.irs_numbers:
        keys = {digits(n) for n in truth.irs_numbers}
        out["irs_number"] = (digits(cover.irs_number) in keys, truth.irs_numbers, cover.irs_number)
    if truth.items:
        got = {i.number for i in parse_items(text, cover.form_type or truth.form_type, cover.date_of_report)}
        out["items"] = (truth.items <= got, sorted(truth.items), sorted(got))
        out["items (exact)"] = (truth.items == got, sorted(truth.items), sorted(got))
    expected = {_exhibit_key(n) for n in truth.exhibits} - {"XBRL"}
    if expected:
        got = _listed_documents(parse_exhibit_index(text), expected) - {"XBRL"}
        out["exhibits"] = (got == expected, sorted(expected), sorted(got))
    return out


def cover_region(text: str) -> str:
    """The cover page: the text before the first item heading (at most 15,000 characters)."""
    m = re.search(r"^[ \t]*ITEMS?[ \t]+\d", text[200:15_000], re.IGNORECASE | re.MULTILINE)
    return text[: 200 + m.start()] if m else text[:15_000]


def printed(name: str, expected: object, text: str) -> bool:
    """True when the header's value for a field is printed in the report: on its cover page for
    the cover's fields, anywhere for items and exhibits (in any spelling the parsers read)."""
    values = expected if isinstance(expected, list) else [expected]
    top = cover_region(text)
    if name == "file_number":
        for v in values:
            parts = re.findall(r"\d+", v)
            pattern = r"(?<![\d-])" + r"\s?-\s?".join(f"0*{int(p)}" for p in parts) + r"(?![\d])"
            if re.search(pattern, top):
                return True
        return False
    if name == "irs_number":
        return any(re.search(rf"(?<!\d){d[:2]}\s?-?\s?{d[2:]}(?!\d)", top) for d in map(digits, values))
    if name == "name":
        flat = " " + normalise_name(top.replace("\n", " ")) + " "
        return any(f" {normalise_name(v)} " in flat for v in values)
    if name == "date_of_report":
        return any(iso == expected for iso, _, _ in find_dates(top))
    if name in ("items", "items (exact)"):  # every item of the header has a heading in the report
        return all(re.search(rf"(?im)^\W*items?\s*{re.escape(n)}(?!\d)", text) for n in values)
    if name == "exhibits":  # every document's number is printed as an exhibit's
        return all(
            re.search(rf"(?im)(?:^\W*|exhibit\s+(?:no\.?\s*)?){re.escape(n)}(?![\d.])", text) for n in values if n != "XBRL"
        )
    if name == "state":
        return any(re.search(rf"\b{n}\b", top.upper()) for n, c in {**STATE_CODES, **COUNTRY_CODES}.items() if c in values)
    return True
