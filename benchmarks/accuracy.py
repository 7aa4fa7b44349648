"""How well the text parsers read reports, measured against the SGML headers of real filings.

    .venv/bin/python benchmarks/accuracy.py [CORPUS_DIR] [--misses N]

CORPUS_DIR defaults to ../shared/corpus/files (relative to the repository root). Every file is
read by the builder's own read stage (`builder.read.read_source`); every full submission (SEC,
IMS or `.nc` archive form) whose first <DOCUMENT> is the report itself (of the submission's
type, text or HTML, not XML) gives the truth, its header read by `builder.parse.header`, and
the report's body: only the body (HTML made text by the parse stage, `builder.parse.main_text`)
is given to the parsers. Per field the script prints how many were scored, how many were right,
and every miss as (file, field, expected, got). A field the header does not give is not scored.
Reports whose cover page carries the usual captions (8-K, 10-K, 10-Q, 6-K, 20-F families) are
counted apart from other forms (prospectuses, registration statements, schedules, letters),
whose first pages print few of these fields.

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

Two more tables cover the whole corpus. The accounting: every file under CORPUS_DIR must be a
file of a filing (`Filing.source_paths` of `builder.pipeline.load_archive`) or of a listed
problem; files that are neither are listed. The consistency check: every header-bearing file,
parsed whole (`builder.parse.parse_submission`), must give the accession number, form type,
filed date, period and filers (CIK and name) that its header says, as read by this script's
own small reader of header lines (`scoring.raw_header`), independent of the builder's.
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

from builder.edgar import NEW_8K_ITEMS, NEW_8K_ITEMS_FROM, OLD_8K_ITEMS, exhibit_number_from_type  # noqa: E402
from builder.model.names import digits  # noqa: E402
from builder.parse import main_text, parse_submission  # noqa: E402
from builder.parse.cover import parse_cover  # noqa: E402
from builder.parse.documents import to_document  # noqa: E402
from builder.parse.header import parse_header  # noqa: E402
from builder.pipeline import load_archive  # noqa: E402
from builder.read import Shape, Submission, read_source  # noqa: E402
from builder.read.decode import decode_bytes  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring import Truth, check_against_header, printed, raw_header, score_file  # noqa: E402

FIELDS = ["form_type", "date_of_report", "name", "state", "file_number", "irs_number", "items", "items (exact)", "exhibits"]
#: Reports whose cover page prints the registrant's facts under the usual captions.
COVER_FORMS = re.compile(r"^(?:8-K|10-K|10-Q|6-K|20-F|40-F)[A-Z0-9]*(?:/A)?$")
#: The shapes of a full submission: a header and its documents.
SUBMISSIONS = (Shape.FULL_SUBMISSION, Shape.IMS_SUBMISSION, Shape.NC_SUBMISSION)


# --- reading files: the builder's read stage and header parser ---------------------------------


def _item_numbers(information: list[str], era_date: str | None) -> set[str]:
    """ITEM INFORMATION lines → item numbers ("Other events" → "5" or "8.01" by date)."""
    new_era = era_date is None or era_date >= NEW_8K_ITEMS_FROM
    table = NEW_8K_ITEMS if new_era else OLD_8K_ITEMS
    key = lambda s: re.sub(r"[^a-z0-9]", "", s.lower())  # noqa: E731
    out = set()
    for value in information:
        value = value.strip()
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


def _exhibit_of_type(doc_type: str | None) -> str | None:
    """The exhibit number of a document type: "EX-99.1" → "99.1"; "EX-FILING FEES" → "107"."""
    if doc_type and re.match(r"\s*EX-FILING\s+FEES", doc_type, re.IGNORECASE):
        return "107"
    return exhibit_number_from_type(doc_type)


def report_of(submission: Submission) -> tuple[Truth, str] | None:
    """(the header's truth, the report's plain text) of a full submission read by `builder.read`;
    None for other shapes and for submissions whose first document is not the report (or is XML)."""
    if submission.shape not in SUBMISSIONS or not submission.header or not submission.documents:
        return None
    head = parse_header(submission.header, submission.header_format)
    form = head.form_type
    first = submission.documents[0]
    if not form or (first.type or "").strip().upper() != form.upper():
        return None
    document = to_document(first)
    if document.format not in ("text", "html"):
        return None
    filers = head.filers
    truth = Truth(
        form_type=form,
        period=head.period_of_report,
        filed=head.filed_date,
        names=[f.name for f in filers if f.name],
        states=[f.state_of_incorporation for f in filers if f.state_of_incorporation],
        file_numbers=[f.file_number for f in filers if f.file_number],
        irs_numbers=[f.irs_number for f in filers if f.irs_number and digits(f.irs_number).strip("0")],
        items=_item_numbers(head.item_information, head.period_of_report or head.filed_date)
        if form.upper().startswith("8-K") else set(),
        exhibits={n for n in (_exhibit_of_type(d.type) for d in submission.documents[1:]) if n},
    )
    return truth, main_text(document) or ""


def truth_and_body(path: Path, root: Path | None = None) -> tuple[Truth, str] | None:
    """`report_of` the file at `path` (see `report_of`)."""
    return report_of(read_source(path, root))


def crawler_check(path: Path, submission: Submission) -> tuple[bool, str]:
    """(ok, what went wrong) for a wrapped HTML 8-K named CIK_8K_YEAR_ACCESSION.htm."""
    first = submission.documents[0] if submission.documents else None
    cover = parse_cover(main_text(to_document(first)) or "" if first else "")
    problems = []
    if cover.form_type not in ("8-K", "8-K/A"):
        problems.append(f"form {cover.form_type}")
    if not cover.date_of_report:
        problems.append("no date")
    if not cover.name:
        problems.append("no name")
    return not problems, ", ".join(problems)


def header_check(raw: bytes, submission: Submission) -> list[str]:
    """What the whole submission, parsed, says otherwise than its header (see `check_against_header`)."""
    text = decode_bytes(raw[:4_000_000]).text
    end = re.search(r"<DOCUMENT>|</(?:SEC|IMS)-HEADER>", text)
    return check_against_header(raw_header(text[: end.start()] if end else text), parse_submission(submission))


def accounting(corpus: Path) -> tuple[int, int, int, int, list[str]]:
    """(files, files of filings, files of problems only, filings, files unaccounted for): every
    file under `corpus` against the sources of `load_archive`'s filings and listed problems."""
    files = {p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file()}
    archive = load_archive(corpus, jobs=1)
    of_filings: set[str] = set()
    for filing in archive.filings:
        of_filings.update(filing.source_paths or [filing.source])
    of_problems: set[str] = set()
    for problem in archive.problems:
        of_problems.add(problem.source)
        if (corpus / problem.source).is_dir():  # a folder that did not become a filing: all its files
            prefix = problem.source.rstrip("/") + "/"
            of_problems.update(f for f in files if f.startswith(prefix))
    of_filings &= files
    only_problems = (of_problems & files) - of_filings
    unaccounted = sorted(files - of_filings - only_problems)
    return len(files), len(of_filings), len(only_problems), len(archive.filings), unaccounted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared" / "corpus" / "files"))
    parser.add_argument("--misses", type=int, default=1000, help="print at most this many misses")
    args = parser.parse_args(argv)
    print("read by builder.read.read_source; HTML converted by builder.parse.main_text\n")
    corpus = Path(args.corpus)
    totals: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    misses, checks, header_misses = [], [], []
    files: dict[str, int] = defaultdict(int)
    headers = 0
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        rel = str(path.relative_to(corpus))
        submission = read_source(path, corpus)
        if re.search(r"_8K_.*\.htm$", path.name):
            checks.append((rel, *crawler_check(path, submission)))
        if submission.shape in (*SUBMISSIONS, Shape.HEADER_ONLY) and submission.header:
            headers += 1
            header_misses += [(rel, m) for m in header_check(path.read_bytes(), submission)]
        pair = report_of(submission)
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
                misses.append((group, rel, name, expected, got, shown))
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
    bad = [c for c in checks if not c[1]]
    print(f"\nwrapped HTML 8-Ks: {len(checks) - len(bad)}/{len(checks)} read as 8-K with a date and a name")
    for file, _, problem in bad[: args.misses]:
        print(f"  {file}: {problem}")
    wrong = {file for file, _ in header_misses}
    rate = 100.0 * (headers - len(wrong)) / headers if headers else 0.0
    print(f"\nheader-bearing files parsed whole against their own headers (accession, form type, filed, "
          f"period, filers' CIK and name): {headers - len(wrong)}/{headers} ({rate:.1f} %)")
    for file, miss in header_misses[: args.misses]:
        print(f"  {file}: {miss}")
    total, in_filings, in_problems, filings, unaccounted = accounting(corpus)
    print(f"\nwhole corpus: {total} files; {in_filings} files became {filings} filings, "
          f"{in_problems} files became listed problems only; {len(unaccounted)} files unaccounted for")
    for file in unaccounted[: args.misses]:
        print(f"  unaccounted: {file}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
