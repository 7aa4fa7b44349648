"""How the benchmark scores what the text parsers read against a submission's header.

`Truth` is what a header says; `score_file` compares the parsers' reading of the report's text
with it, field by field; `printed` tells whether a value the parsers missed is printed in the
report at all (a miss on a value that is not printed is the header's). `raw_header` reads a header's
main lines on its own and `check_against_header` compares a whole parsed submission with them.
See `accuracy.py`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from builder.edgar import COUNTRY_CODES, STATE_CODES
from builder.model.filing import Filer, Filing
from builder.model.names import digits, file_number_key, normalise_name
from builder.parse.dates import find_dates
from builder.parse.exhibits import parse_exhibit_index
from builder.parse import parse_submission
from builder.read.submission import RawDocument, Shape, Submission


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


def parse_body(text: str) -> Filing:
    """The report's body as the archive reads a bare document (the seed's case): one plain-text
    file, no header, through `builder.parse.parse_submission`."""
    submission = Submission("report.txt", Shape.BARE_TEXT, ["report.txt"],
                            documents=[RawDocument(filename="report.txt", text=text)], digest="0" * 40)
    return parse_submission(submission)


def score_file(truth: Truth, text: str) -> dict[str, tuple[bool, object, object]]:
    """field → (correct, expected, got) for the fields the header gives."""
    filing = parse_body(text)
    first = filing.filers[0] if filing.filers else Filer()
    out: dict[str, tuple[bool, object, object]] = {}
    out["form_type"] = (filing.form_type == truth.form_type, truth.form_type, filing.form_type)
    if truth.period:
        out["date_of_report"] = (filing.period_of_report == truth.period, truth.period, filing.period_of_report)
    got_names = [f.name for f in filing.filers if f.name]
    if truth.names:
        keys = {normalise_name(n) for n in truth.names}
        out["name"] = (any(normalise_name(n) in keys for n in got_names), truth.names, first.name)
    if truth.states:
        got = [f.state_of_incorporation for f in filing.filers if f.state_of_incorporation]
        out["state"] = (any(g in truth.states for g in got), truth.states, first.state_of_incorporation)
    if truth.file_numbers:
        keys = {file_number_key(n) for n in truth.file_numbers}
        got = [f.file_number for f in filing.filers if f.file_number]
        out["file_number"] = (any(file_number_key(g) in keys for g in got), truth.file_numbers, first.file_number)
    if truth.irs_numbers:
        keys = {digits(n) for n in truth.irs_numbers}
        got = [f.irs_number for f in filing.filers if f.irs_number]
        out["irs_number"] = (any(digits(g) in keys for g in got), truth.irs_numbers, first.irs_number)
    if truth.items:
        got = {i.number for i in filing.items}
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
    if name == "exhibits":  # every document's number is printed as an exhibit's (not as "-2-", a page's)
        return all(
            re.search(rf"(?im)(?:^[ \t]*(?:\(\w\)[ \t]*)?|exhibit\s+(?:no\.?\s*)?){re.escape(n)}(?![\d.]|-)", text)
            for n in values if n != "XBRL"
        )
    if name == "state":
        return any(re.search(rf"\b{n}\b", top.upper()) for n, c in {**STATE_CODES, **COUNTRY_CODES}.items() if c in values)
    return True


# --- a header read on its own, for the consistency check -------------------------------------

#: Header blocks naming a party the archive keeps, and those it does not (ABS depositors ...).
_PARTIES = {"FILER", "SUBJECT-COMPANY", "FILED-BY", "REPORTING-OWNER", "ISSUER", "FILED-FOR"}
_OTHER_PARTIES = {"DEPOSITOR", "SECURITIZER", "ISSUING-ENTITY", "SPONSOR", "SERIAL-COMPANY"}
_RAW_FIELD = re.compile(r"<(/?)([A-Z][A-Z0-9-]*)>([^<\n]*)|^[ \t]*([A-Z][A-Z0-9 -]*?)[ \t]*:[ \t]*(.*)$", re.MULTILINE)


@dataclass
class RawHeader:
    """The main lines of a header, read by `raw_header` (ISO dates; parties as (CIK, name))."""

    accession: str | None = None
    form_type: str | None = None
    filed: str | None = None
    period: str | None = None
    parties: set[tuple[str, str]] = field(default_factory=set)


def _raw_iso(value: str) -> str | None:
    return f"{value[:4]}-{value[4:6]}-{value[6:8]}" if re.fullmatch(r"\d{8}", value) else None


def raw_header(text: str) -> RawHeader:
    """A header's accession number, form type, dates and parties, from its `KEY: value` lines or
    `<KEY>value` tags (the `.nc` form), with none of the builder's code."""
    out = RawHeader()
    party: list[str | None] | None = None  # [CIK, name] of the party block being read
    keep = False

    def close() -> None:
        if party is not None and keep and party[0]:
            out.parties.add((party[0], party[1] or ""))

    for m in _RAW_FIELD.finditer(text):
        closing, key, value = (m.group(1), m.group(2), m.group(3)) if m.group(2) else ("", m.group(4), m.group(5))
        key, value = key.strip().replace(" ", "-"), value.strip()
        if key in _PARTIES | _OTHER_PARTIES and not value:
            close()
            party, keep = (None, False) if closing else ([None, None], key in _PARTIES)
        elif party is not None and key in ("CENTRAL-INDEX-KEY", "CIK") and value.isdigit() and party[0] is None:
            party[0] = value.zfill(10)
        elif party is not None and key in ("COMPANY-CONFORMED-NAME", "CONFORMED-NAME") and party[1] is None:
            name = html.unescape(html.unescape(value))
            party[1] = re.sub(r"\s+", " ", name).strip()
        elif party is None and key == "ACCESSION-NUMBER" and not out.accession:
            out.accession = value
        elif party is None and key in ("CONFORMED-SUBMISSION-TYPE", "TYPE") and not out.form_type:
            out.form_type = value
        elif party is None and key in ("FILED-AS-OF-DATE", "FILING-DATE") and not out.filed:
            out.filed = _raw_iso(value)
        elif party is None and key in ("CONFORMED-PERIOD-OF-REPORT", "PERIOD") and not out.period:
            out.period = _raw_iso(value)
    close()
    return out


def check_against_header(raw: RawHeader, filing: Filing) -> list[str]:
    """What `filing` (a whole submission, parsed) says otherwise than its header: "field: header
    value != parsed value" lines; [] when they agree. Parties are compared as (CIK, name) sets."""
    out = []
    accession = re.sub(r"^(\d{10})-?(\d{2})-?(\d{6})$", r"\1-\2-\3", raw.accession or "") or None
    for name, want, got in (("accession", accession, filing.accession_number),
                            ("form type", raw.form_type, filing.form_type),
                            ("filed", raw.filed, filing.filed_date),
                            ("period", raw.period, filing.period_of_report if raw.period else None)):
        if want != got:
            out.append(f"{name}: header {want!r} != parsed {got!r}")
    got_parties = {(f.cik, f.name or "") for f in filing.filers if f.role != "registrant" and f.cik}
    if raw.parties != got_parties:
        out.append(f"filers: header has {sorted(raw.parties - got_parties)}, parsed has {sorted(got_parties - raw.parties)}")
    return out
