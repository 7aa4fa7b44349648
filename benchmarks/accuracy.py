"""How well the text parsers read reports, measured against the SGML headers of real filings.

    .venv/bin/python benchmarks/accuracy.py [CORPUS_DIR] [--misses N] [--own-html]

CORPUS_DIR defaults to ../shared/corpus/files (relative to the repository root). Every full
submission in it whose first <DOCUMENT> is the report itself (of the submission's type, text
or HTML, not XML) is split into its header, the truth, and the report's body; only the body
(HTML made text) is given to the parsers. Per field the script prints how many were scored,
how many were right, and every miss as (file, field, expected, got). A field the header does
not give is not scored. Reports whose cover page carries the usual captions (8-K, 10-K, 10-Q,
6-K, 20-F families) are counted apart from other forms (prospectuses, registration
statements, schedules, letters), whose first pages print few of these fields.

Fields and how they are compared:

- form type: the cover's against CONFORMED SUBMISSION TYPE;
- date of report: against CONFORMED PERIOD OF REPORT;
- name: normalised (`builder.model.names.normalise_name`); any of the header's companies
  matches any name read (co-registrants);
- file number: leading zeros ignored (`file_number_key`); IRS number: its digits (a header's
  000000000 is no number); state of incorporation: EDGAR codes;
- items: the numbers ITEM INFORMATION names (titles matched to the item table of their era)
  must all be read ("items"); "items (exact)" also wants nothing more, for information: headers
  often leave out item 7 / 9.01;
- exhibits: the numbers listed (less those filed with other filings, "incorporated by
  reference", or included in another exhibit or on the signature page)
  against the EX- documents' numbers ("99.01" = "99.1", "99.4(a)" = "99.4", a listed "99.1" =
  an "EX-99" document); the XBRL exhibits (101.*, 104) are not scored: their files come
  with inline XBRL whether the report lists them or not.

A miss on a value that the report does not print (on its cover page; for items and exhibits,
anywhere) is the header's, not the parser's: the "not printed" column counts them and the last
column gives the accuracy on the rest. Extra checks on the wrapped HTML 8-Ks that have no header
(`CIK_8K_YEAR_ACCESSION.htm`): the form type must be read as 8-K, and a date and a name found.

HTML is made text by the parse stage's `builder.parse.html_text` when it is there, else (or
with --own-html) by this script's converter (cells separated by tabs, no blank lines).
`truth_and_body(path)` is the one place that reads a file: it splits a submission with a few
regexes of its own; the read stage (`builder.read.read_source`) and the header parser
(`builder.parse.header.parse_header`) can take its place without changing the rest.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from selectolax.lexbor import LexborHTMLParser  # noqa: E402

from builder.edgar import NEW_8K_ITEMS, NEW_8K_ITEMS_FROM, OLD_8K_ITEMS, exhibit_number_from_type  # noqa: E402
from builder.model.names import digits  # noqa: E402
from builder.parse.cover import parse_cover  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring import Truth, printed, score_file  # noqa: E402

FIELDS = ["form_type", "date_of_report", "name", "state", "file_number", "irs_number", "items", "items (exact)", "exhibits"]
#: Reports whose cover page prints the registrant's facts under the usual captions.
COVER_FORMS = re.compile(r"^(?:8-K|10-K|10-Q|6-K|20-F|40-F)[A-Z0-9]*(?:/A)?$")


# --- reading files (the seam: swap for builder.read + builder.parse.header) -----------------

_HEADER = re.compile(r"<(SEC|IMS)-HEADER>(.*?)</\1-HEADER>", re.DOTALL)
_DOCUMENT = re.compile(r"<DOCUMENT>(.*?)(?:</DOCUMENT>|\Z)", re.DOTALL)
_DOC_TYPE = re.compile(r"<TYPE>\s*([^\n<]+)")
_TEXT = re.compile(r"<TEXT>(.*?)(?:</TEXT>|\Z)", re.DOTALL)
_HTML_SNIFF = re.compile(r"<(?:html|body|div|font|td|br|p|span|ix:)[\s>/]", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"<(?:/?(?:p|div|tr|li|h[1-6]|table|center|hr|dt|dd|blockquote|section|ul|ol|title|pre)|br)\b[^>]*>", re.IGNORECASE)
_CELL_END = re.compile(r"</t[dh]\s*>", re.IGNORECASE)


def read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def html_to_text(markup: str) -> str:
    """Plain text of HTML: a line per block, table cells separated by tabs, no blank lines."""
    tree = LexborHTMLParser(markup)
    for node in tree.css("script, style, head, title, ix\\:header"):
        node.decompose()
    body = tree.body.html if tree.body else markup
    body = re.sub(r"(?is)<pre\b[^>]*>(.*?)</pre>", lambda m: m.group(1).replace("\n", "<br>"), body)
    text = LexborHTMLParser(_CELL_END.sub("\ue001", _BLOCK_TAG.sub("\ue000", body))).text(separator="")
    text = re.sub(r"[\s\u00a0]+", " ", text).replace("\ue000", "\n").replace("\ue001", "\t")
    text = re.sub(r"\t+\n", "\n", re.sub(r" *\n *", "\n", re.sub(r" *\t *", "\t", text)))
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
    """The plain text of a document's <TEXT> part: HTML converted, plain text as it is (with its
    <PAGE> and <TABLE> tags, which the parsers read past)."""
    if _HTML_SNIFF.search(body[:20000]):
        return HTML_TO_TEXT["convert"](body)
    return body


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


def _exhibit_of_type(doc_type: str) -> str | None:
    """The exhibit number of a document type: "EX-99.1" → "99.1"; "EX-FILING FEES" → "107"."""
    if re.match(r"\s*EX-FILING\s+FEES", doc_type, re.IGNORECASE):
        return "107"
    return exhibit_number_from_type(doc_type)


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
        exhibits={n for n in (_exhibit_of_type(t) for t in types[1:]) if n},
    )
    return truth, document_text(body.group(1))


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
    print("not printed: misses on a value the report does not print (its cover page for the cover's fields).\n")
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
