"""How well the text parsers read reports, measured against the SGML headers of real filings.

    .venv/bin/python benchmarks/accuracy.py [CORPUS_DIR] [--misses N]

CORPUS_DIR defaults to ../shared/corpus/files (relative to the repository root). Every full
submission in it whose first <DOCUMENT> is the report itself (same type as the submission,
text or HTML) is split into its header (the truth) and the report's body, and only the body
is fed to the parsers (`parse_cover`, `parse_items`, `parse_signatures` is not scored: no
truth, `parse_exhibit_index`). Per field it prints how many were scored, how many were right,
and every miss as (file, field, expected, got). A field the header does not give is not scored.

Fields: form type; registrant name (normalised; any co-registrant of the header matches);
file number (leading zeros ignored); IRS number (digits); state of incorporation; date of
report vs CONFORMED PERIOD OF REPORT; the set of exhibit numbers vs the EX- documents of the
submission (when it has some); items vs ITEM INFORMATION (when the header names some).

Extra checks on wrapped HTML 8-Ks with no header (`CIK_8K_YEAR_ACCESSION.htm`): the form type
read must be 8-K, and a date of report and a name must be found.

`truth_and_body(path)` is the one place that reads a file; it splits submissions with a few
regexes of its own and converts HTML with selectolax, so that it can later use the read
stage (`builder.read.read_source`) and the header parser (`builder.parse.header`) instead.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from selectolax.lexbor import LexborHTMLParser  # noqa: E402

from builder.edgar import NEW_8K_ITEMS, NEW_8K_ITEMS_FROM, OLD_8K_ITEMS, exhibit_number_from_type  # noqa: E402
from builder.model.names import digits, file_number_key, normalise_name  # noqa: E402
from builder.parse.cover import parse_cover  # noqa: E402
from builder.parse.exhibits import parse_exhibit_index  # noqa: E402
from builder.parse.items import parse_items  # noqa: E402

FIELDS = ["form_type", "date_of_report", "name", "state", "file_number", "irs_number", "items", "items (exact)", "exhibits"]
#: Reports whose cover page prints the registrant's facts under the usual captions.
COVER_FORMS = re.compile(r"^(?:8-K|10-K|10-Q|6-K|20-F|40-F)[A-Z0-9]*(?:/A)?$")


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


# --- reading files (the seam: swap for builder.read + builder.parse.header) -----------------

_HEADER = re.compile(r"<(SEC|IMS)-HEADER>(.*?)</\1-HEADER>", re.DOTALL)
_DOCUMENT = re.compile(r"<DOCUMENT>(.*?)(?:</DOCUMENT>|\Z)", re.DOTALL)
_DOC_TYPE = re.compile(r"<TYPE>\s*([^\n<]+)")
_TEXT = re.compile(r"<TEXT>(.*?)(?:</TEXT>|\Z)", re.DOTALL)
_HTML_SNIFF = re.compile(r"<(?:html|body|div|font|td|br|p|span|ix:)[\s>/]", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"<(?:/?(?:p|div|tr|li|h[1-6]|table|center|hr|dt|dd|blockquote|section|ul|ol|title|pre)|br)\b[^>]*>", re.IGNORECASE)
_CELL_END = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_SGML_TABLE_TAGS = re.compile(r"^\s*</?(?:TABLE|CAPTION|S|C|FN|PAGE)>\s*$|</?(?:S|C|FN|CAPTION)>", re.IGNORECASE | re.MULTILINE)


def read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def html_to_text(markup: str) -> str:
    """Plain text of HTML: a line per block, table cells separated by tabs."""
    tree = LexborHTMLParser(markup)
    for node in tree.css("script, style, head, title"):
        node.decompose()
    for node in tree.css("ix\\:header"):
        node.decompose()
    body = tree.body.html if tree.body else markup
    body = re.sub(r"(?is)<pre\b[^>]*>(.*?)</pre>", lambda m: m.group(1).replace("\n", "<br>"), body)
    body = _CELL_END.sub("\ue001", _BLOCK_TAG.sub("\ue000", body))
    text = LexborHTMLParser(body).text(separator="")
    text = re.sub(r"[\s\u00a0]+", " ", text).replace("\ue000", "\n").replace("\ue001", "\t")
    text = re.sub(r" *\t *", "\t", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\t+\n", "\n", text)
    return re.sub(r"\n{2,}", "\n", text).strip()


def _pipeline_html_to_text():
    """The parse stage's HTML → text (`builder.parse.html_text`), or None when it is not there."""
    try:
        from builder.parse.html_text import html_to_text as convert
    except ImportError:
        return None
    return convert


#: Which HTML → text converter feeds the parsers: the pipeline's, or this script's own (`--own-html`).
HTML_TO_TEXT = {"convert": _pipeline_html_to_text() or html_to_text}


def document_text(body: str) -> str:
    """The plain text of a document's <TEXT> part: HTML converted, SGML table tags dropped."""
    if _HTML_SNIFF.search(body[:20000]):
        return HTML_TO_TEXT["convert"](body)
    return _SGML_TABLE_TAGS.sub("", body)


def _header_values(header: str, key: str) -> list[str]:
    return [v.strip() for v in re.findall(rf"^\s*{key}:[ \t]*(.*)$", header, re.MULTILINE) if v.strip()]


def _iso(yyyymmdd: str | None) -> str | None:
    if yyyymmdd and re.fullmatch(r"\d{8}", yyyymmdd):
        return f"{yyyymmdd[:4]}-{yyyymmdd[4:6]}-{yyyymmdd[6:]}"
    return None


def _item_numbers(header: str, era_date: str | None) -> set[str]:
    """ITEM INFORMATION lines → item numbers ("Other events" → "5" or "8.01" by date)."""
    new_era = era_date is None or era_date >= NEW_8K_ITEMS_FROM
    table = NEW_8K_ITEMS if new_era else OLD_8K_ITEMS
    key = lambda s: re.sub(r"[^a-z0-9]", "", s.lower())  # noqa: E731
    out = set()
    for value in _header_values(header, "ITEM INFORMATION"):
        if re.fullmatch(r"\d{1,2}(?:\.\d{2})?", value):
            out.add(value)
            continue
        best, score = None, 0.0
        for number, title in table.items():
            a, b = key(value), key(title)
            prefix = len(next((p for p in (a[:k] for k in range(min(len(a), len(b)), 0, -1)) if b.startswith(p)), ""))
            s = 1.0 if a == b or prefix >= 20 else max(
                difflib.SequenceMatcher(None, a, b).ratio(), difflib.SequenceMatcher(None, a, b[: len(a)]).ratio()
            )
            if s > score:
                best, score = number, s
        if best and score >= 0.75:
            out.add(best)
    return out


def truth_and_body(path: Path) -> tuple[Truth, str] | None:
    """(the header's truth, the report's plain text) of a full submission; None for other files
    and for submissions whose first document is not the report (or is XML)."""
    raw = read_text(path)
    header = _HEADER.search(raw[:200_000])
    if not header:
        return None
    head = header.group(2)
    docs = _DOCUMENT.findall(raw)
    if not docs:
        return None
    types = [(_DOC_TYPE.search(d).group(1).strip() if _DOC_TYPE.search(d) else "") for d in docs]
    form = (_header_values(head, "CONFORMED SUBMISSION TYPE") or [None])[0]
    if not form or types[0].upper() != form.upper():
        return None
    body = _TEXT.search(docs[0])
    if not body or re.match(r"\s*<(?:\?xml|XML)", body.group(1)):
        return None
    period = _iso((_header_values(head, "CONFORMED PERIOD OF REPORT") or [None])[0])
    filed = _iso((_header_values(head, "FILED AS OF DATE") or [None])[0])
    truth = Truth(
        form_type=form,
        period=period,
        filed=filed,
        names=_header_values(head, "COMPANY CONFORMED NAME"),
        states=_header_values(head, "STATE OF INCORPORATION"),
        file_numbers=_header_values(head, "SEC FILE NUMBER"),
        irs_numbers=[n for n in _header_values(head, "IRS NUMBER") if digits(n).strip("0")],
        items=_item_numbers(head, period or filed) if form.upper().startswith("8-K") else set(),
        exhibits={n for n in (exhibit_number_from_type(t) for t in types[1:]) if n},
    )
    return truth, document_text(body.group(1))


# --- scoring ----------------------------------------------------------------------------------


_BY_REFERENCE = re.compile(r"incorporated\s+(?:herein\s+)?by\s+reference\s+(?:to|from)|previously\s+filed", re.IGNORECASE)


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
        if _BY_REFERENCE.search(desc or ""):
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
    """True when the header's value for a field is printed on the report's cover page (in any
    spelling the parsers read); a miss on a value not printed there is the header's, not the parser's."""
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
        from builder.parse.dates import find_dates

        return any(iso == expected for iso, _, _ in find_dates(top))
    if name in ("items", "items (exact)"):  # every item of the header has a heading in the report
        return all(re.search(rf"(?im)^\W*items?\s*{re.escape(n)}(?!\d)", text) for n in values)
    if name == "exhibits":  # every document's number is printed as an exhibit's
        return all(
            re.search(rf"(?im)(?:^\W*|exhibit\s+(?:no\.?\s*)?){re.escape(n)}(?![\d.])", text) for n in values if n != "XBRL"
        )
    if name == "state":
        from builder.edgar import COUNTRY_CODES, STATE_CODES

        names = {**STATE_CODES, **COUNTRY_CODES}
        upper = top.upper()
        return any(re.search(rf"\b{n}\b", upper) for n, c in names.items() if c in values)
    return True


def crawler_checks(corpus: Path) -> list[tuple[str, bool, str]]:
    """(file, ok, what went wrong) for the wrapped HTML 8-Ks named CIK_8K_YEAR_ACCESSION.htm."""
    out = []
    for path in sorted(corpus.rglob("*_8K_*.htm")):
        raw = read_text(path)
        body = _TEXT.search(raw)
        cover = parse_cover(document_text(body.group(1) if body else raw))
        problems = []
        if cover.form_type not in ("8-K", "8-K/A"):
            problems.append(f"form {cover.form_type}")
        if not cover.date_of_report:
            problems.append("no date")
        if not cover.name:
            problems.append("no name")
        out.append((str(path.relative_to(corpus)), not problems, ", ".join(problems)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared" / "corpus" / "files"))
    parser.add_argument("--misses", type=int, default=1000, help="print at most this many misses")
    parser.add_argument("--own-html", action="store_true",
                        help="convert HTML with this script's converter (tab-separated cells, no blank lines)")
    args = parser.parse_args(argv)
    if args.own_html:
        HTML_TO_TEXT["convert"] = html_to_text
    print(f"HTML converted by {HTML_TO_TEXT['convert'].__module__}.html_to_text\n")
    corpus = Path(args.corpus)
    totals: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    misses = []
    files: dict[str, int] = defaultdict(int)
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        pair = truth_and_body(path)
        if pair is None:
            continue
        group = "cover" if COVER_FORMS.match(pair[0].form_type or "") else "other"
        files[group] += 1
        for name, (ok, expected, got) in score_file(*pair).items():
            totals[group][name][0] += 1
            totals[group][name][1] += ok
            if not ok:
                shown = printed(name, expected, pair[1])
                totals[group][name][2] += not shown
                misses.append((group, str(path.relative_to(corpus)), name, expected, got, shown))
    titles = {
        "cover": "reports with a cover page (8-K, 10-K, 10-Q, 6-K, 20-F families)",
        "other": "other forms (prospectuses, registration statements, schedules, letters)",
    }
    for group in ("cover", "other"):
        print(f"{titles[group]}: {files[group]} submissions whose first document is the report")
        print(f"  {'field':16} {'scored':>6} {'right':>6} {'%':>7}   {'not printed':>11} {'% of printed':>12}")
        for name in FIELDS:
            n, ok, absent = totals[group].get(name, [0, 0, 0])
            if n:
                rate = f"{100.0 * ok / (n - absent):12.1f}" if n > absent else f"{'-':>12}"
                print(f"  {name:16} {n:6} {ok:6} {100.0 * ok / n:7.1f}   {absent:11} {rate}")
        print()
    print("'not printed': misses where the header's value is not printed on the report's cover page.\n")
    print(f"misses ({len(misses)}):")
    for group, file, name, expected, got, shown in misses[: args.misses]:
        note = "" if shown else "   [header value not printed in the report]"
        print(f"  [{group}] {file}\n      {name}: expected {expected!r}, got {got!r}{note}")
    checks = crawler_checks(corpus)
    bad = [c for c in checks if not c[1]]
    print(f"\nwrapped HTML 8-Ks: {len(checks) - len(bad)}/{len(checks)} read as 8-K with a date and a name")
    for file, _, problem in bad[: args.misses]:
        print(f"  {file}: {problem}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
