"""Bad bytes and shapes through the real read → parse → model → render stages (no MkDocs: fast).

Each case is handled deliberately; the rules (see also `tests/fixtures/hostile/README.md`):

- empty, whitespace-only and binary files (PDF, ZIP, JPEG, NUL bytes) are not filings: one row on
  the Problems page each, nothing recovered;
- a truncated submission, a `<DOCUMENT>` without `<TEXT>`, a broken uuencoded part: the page is
  built from what is there, and each loss is a problem of the file;
- encodings: one codec per file, the first that decodes every byte (UTF-8, cp1252, Latin-1;
  UTF-16 with its BOM), so a file mixing encodings is read whole, never dropped;
- duplicates: one page per filing id (accession number, else the bytes); the next copies are
  problems "the same filing as X";
- bounds (`builder.read.limits`): at most 5,000 documents per submission, 50 problems per source,
  block HTML nested 400 deep; beyond, the rest is cut and the cut is a problem;
- hidden names, FIFOs and dangling symlinks are not files of the archive: skipped, never waited on.
"""

from __future__ import annotations

import os
import random
import shutil
import threading
import time
from pathlib import Path

import pytest
from fixtures.hostile import make_fixtures
from fixtures.hostile.support import HOSTILE, copy_filings

from builder.model.archive import build_archive
from builder.pipeline import load_archive, parse_one
from builder.read import Shape, read_source
from builder.read.limits import MAX_DOCUMENTS, MAX_HTML_DEPTH, MAX_PROBLEMS, limit_nesting
from builder.render import render_site

TEMPLATES = Path(__file__).resolve().parents[1] / "site_templates"


def _one(path: Path, root: Path):
    sub = read_source(path, root)
    filing, problems = parse_one(sub)
    return sub, filing, [p.reason for p in problems]


@pytest.mark.parametrize(("name", "reason"), [
    ("broken/empty.txt", "the file is empty"),
    ("broken/whitespace-only.txt", "the file holds only whitespace"),
    ("broken/report.pdf", "not a filing: a PDF file"),
    ("broken/archive.zip", "not a filing: a ZIP archive (or an Office/XBRL package)"),
    ("broken/photo.jpg", "not a filing: a JPEG image"),
    ("broken/nul-bytes.dat", "not a filing: a binary file (it holds NUL bytes)"),
])
def test_files_that_are_not_filings_are_one_problem_each(name, reason):
    sub, filing, reasons = _one(HOSTILE / name, HOSTILE)
    assert filing is None and sub.shape == Shape.NOT_A_FILING
    assert reasons == [reason]


def test_a_truncated_submission_keeps_its_header_and_the_text_it_has():
    sub, filing, reasons = _one(HOSTILE / "broken/truncated.txt", HOSTILE)
    assert filing.accession_number == "0000000010-24-000010" and filing.form_type == "8-K"
    assert filing.filers and filing.filed_date == "2024-03-05"
    assert "Item 8.01" in filing.documents[0].text
    assert any("has no </TEXT> (truncated?)" in r for r in reasons)


def test_a_document_without_text_is_kept_as_listed():
    sub, filing, reasons = _one(HOSTILE / "broken/document-without-text.txt", HOSTILE)
    assert [d.filename for d in filing.documents] == ["main.txt", "ex.txt"]
    assert any("has no <TEXT>; kept without text" in r for r in reasons)
    assert any("has an empty <TEXT>" in r for r in reasons)
    render_site(build_archive([filing]), TEMPLATES)  # renders: "the archive holds no text"


def test_a_broken_uuencoded_part_keeps_what_decodes():
    sub, filing, reasons = _one(HOSTILE / "broken/broken-uuencode.txt", HOSTILE)
    graphic = filing.documents[1]
    assert graphic.data and graphic.data.startswith(b"GIF89a")
    assert any("broken line(s) skipped" in r for r in reasons)
    assert any("no 'end' line" in r for r in reasons)


def test_mixed_encodings_are_read_whole_with_one_codec():
    """UTF-8, cp1252 and bytes cp1252 does not define, in one file: Latin-1 reads every byte."""
    sub, filing, reasons = _one(HOSTILE / "broken/mixed-encodings.txt", HOSTILE)
    assert sub.encoding == "latin-1"
    assert filing.accession_number == "0000000007-24-000007" and len(filing.documents) == 9
    text = filing.documents[0].text
    assert "caf\u00e9 (latin-1)" in text and "\r" not in text
    assert "\ufffd" not in text  # nothing replaced, nothing dropped


def test_utf16_with_a_byte_order_mark_is_text_not_binary():
    sub, filing, reasons = _one(HOSTILE / "broken/utf16.txt", HOSTILE)
    assert sub.encoding == "utf-16" and filing.form_type == "8-K"
    assert filing.filers[0].file_number == "000-16161"


def test_a_20_mb_file_is_read_parsed_and_rendered_in_bounded_time(tmp_path):
    """Made at test time (not committed): a submission of 20 MB, mostly a uuencoded graphic."""
    raw = random.Random(20).randbytes(14_500_000)
    text = ("<SEC-DOCUMENT>0000000011-24-000011.txt : 20240305\n"
            + make_fixtures.sec_header("0000000011-24-000011", "8-K", "BIG CORP", "0000000011")
            + make_fixtures.document("8-K", 1, "main.txt", "main", "FORM 8-K\nItem 8.01 Other Events.\n")
            + make_fixtures.document("GRAPHIC", 2, "big.gif", "big", make_fixtures.uuencode(b"GIF89a" + raw, "big.gif"))
            + "</SEC-DOCUMENT>\n")
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="ascii")
    assert path.stat().st_size > 19_900_000
    started = time.perf_counter()
    sub, filing, reasons = _one(path, tmp_path)
    files = render_site(build_archive([filing]), TEMPLATES)
    elapsed = time.perf_counter() - started
    assert filing.documents[1].data == b"GIF89a" + raw
    assert [f.content for f in files if isinstance(f.content, bytes)] == [b"GIF89a" + raw]
    assert elapsed < 60, elapsed


def test_deeply_nested_html_costs_linear_time(tmp_path):
    """100,000 nested <div>s: quadratic in every HTML parser; cut to 400 levels in the read stage."""
    path = tmp_path / "nested.htm"
    path.write_text("<html><body><p>FORM 8-K</p>" + "<div>x" * 100_000 + "</div>" * 100_000, encoding="ascii")
    started = time.perf_counter()
    sub, filing, reasons = _one(path, tmp_path)
    render_site(build_archive([filing]), TEMPLATES)
    assert time.perf_counter() - started < 20
    assert f"HTML nested more than {MAX_HTML_DEPTH} levels deep: 99,600 deeper tags dropped (their text kept)" \
        in reasons
    assert filing.documents[0].text.count("x") == 100_000


def test_limit_nesting_keeps_shallow_documents_byte_for_byte():
    shallow = "<div><ul><li>a</li></ul></div>" * 5000  # many tags, never deep
    assert limit_nesting(shallow) == (shallow, 0)
    deep = "<div>" * 10 + "<DIV class='x>'>y" + "</div>" * 11
    cut, dropped = limit_nesting(deep, limit=5)
    assert dropped == 6 and cut.count("<div>") == 5 and "y" in cut
    assert cut.count("</div>") == 5


def test_a_file_of_many_documents_is_cut_to_the_bound(tmp_path):
    path = tmp_path / "many.txt"
    path.write_bytes(b"".join(b"<DOCUMENT>\n<TYPE>EX-99\n<TEXT>\n%d\n</TEXT>\n</DOCUMENT>\n" % i for i in range(6_000)))
    sub, filing, reasons = _one(path, tmp_path)
    assert len(sub.documents) == MAX_DOCUMENTS
    assert f"more than {MAX_DOCUMENTS:,} documents: the last 1,000 were not read" in reasons


def test_the_problems_of_one_file_are_capped(tmp_path):
    path = tmp_path / "empties.txt"
    path.write_bytes(b"<DOCUMENT>\n<TYPE>EX-99\n<TEXT>\n" * 10_000)
    sub = read_source(path, tmp_path)
    assert len(sub.problems) == MAX_PROBLEMS + 1
    assert sub.problems[-1].startswith("... and ") and sub.problems[-1].endswith("more problems in this source (not listed)")


def test_a_header_naming_thousands_of_companies_is_cut_to_a_bound(tmp_path):
    filers = "".join(f"\nFILER:\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\tCO {i}\n"
                     f"\t\tCENTRAL INDEX KEY:\t{i:010d}\n" for i in range(1, 5001))
    path = tmp_path / "many-filers.txt"
    path.write_text("<SEC-DOCUMENT>\n<SEC-HEADER>\nACCESSION NUMBER: 0000000001-24-000001\nCONFORMED SUBMISSION "
                    "TYPE: 8-K\n" + filers + "</SEC-HEADER>\n" + make_fixtures.document("8-K", 1, "a.txt", "", "x"),
                    encoding="ascii")
    sub, filing, reasons = _one(path, tmp_path)
    assert len(filing.filers) <= 1_000
    assert any("compan" in r or "filer" in r for r in reasons)


# -- duplicates ----------------------------------------------------------------------------------

def test_two_copies_of_a_file_are_one_page_and_one_problem(tmp_path):
    filings = copy_filings(tmp_path / "filings", ["dupes/copy-1.txt", "dupes/copy-2.txt"])
    archive = load_archive(filings)
    assert [f.source for f in archive.filings] == ["dupes/copy-1.txt"]
    assert [(p.source, p.reason) for p in archive.problems] == [
        ("dupes/copy-2.txt", "the same filing as dupes/copy-1.txt; not published twice")]


def test_a_filing_as_a_file_and_as_an_accession_folder_is_one_page(tmp_path):
    """The same accession number twice (a loose .txt and a folder holding it): published once."""
    filings = tmp_path / "filings"
    shutil.copytree(HOSTILE / "dupes", filings / "0000000008-24-000008")
    (filings / "0000000008-24-000008" / "copy-1.txt").unlink()
    (filings / "0000000008-24-000008" / "copy-2.txt").unlink()
    shutil.copy2(HOSTILE / "dupes" / "0000000008-24-000008.txt", filings / "loose.txt")
    archive = load_archive(filings)
    assert [f.accession_number for f in archive.filings] == ["0000000008-24-000008"]
    assert [p.reason for p in archive.problems if "the same filing" in p.reason]


def test_a_submission_and_its_own_bare_document_are_one_page(tmp_path):
    filings = copy_filings(tmp_path / "filings", ["dupes/0000000008-24-000008.txt", "dupes/dup-8k.txt"])
    archive = load_archive(filings)
    assert [f.source for f in archive.filings] == ["dupes/0000000008-24-000008.txt"]
    assert any(p.source == "dupes/dup-8k.txt" and "dupes/0000000008-24-000008.txt" in p.reason
               for p in archive.problems)


def test_of_two_copies_of_a_filing_the_complete_one_is_published(tmp_path):
    filings = tmp_path / "filings"
    filings.mkdir()
    complete = (HOSTILE / "sgml" / "xss-header.txt").read_bytes()
    (filings / "a-truncated.txt").write_bytes(complete[: complete.index(b"Item 9.01")])
    (filings / "b-complete.txt").write_bytes(complete)
    archive = load_archive(filings)
    assert [f.source for f in archive.filings] == ["b-complete.txt"]
    assert len(archive.filings[0].documents) == 9


# -- one bad file never stops the build -----------------------------------------------------------

def test_a_parser_crash_on_one_file_costs_only_that_file(tmp_path, monkeypatch):
    import builder.pipeline as pipeline

    filings = copy_filings(tmp_path / "filings", ["dupes/copy-1.txt", "text/markdown-injection-8k.txt"])
    real = pipeline.parse_submission

    def parse(sub):
        if sub.source == "dupes/copy-1.txt":
            raise RecursionError("boom")
        return real(sub)

    monkeypatch.setattr(pipeline, "parse_submission", parse)
    archive = load_archive(filings)
    assert [f.source for f in archive.filings] == ["text/markdown-injection-8k.txt"]
    assert [(p.source, p.reason) for p in archive.problems] == [
        ("dupes/copy-1.txt", "the parser failed: RecursionError('boom')")]


def test_a_reader_crash_on_one_file_costs_only_that_file(tmp_path, monkeypatch):
    import builder.read.files as files

    filings = copy_filings(tmp_path / "filings", ["dupes/copy-1.txt", "text/markdown-injection-8k.txt"])
    real = files.load
    monkeypatch.setattr(files, "load", lambda data, name: (_ for _ in ()).throw(MemoryError()) if name == "copy-1.txt"
                        else real(data, name))
    archive = load_archive(filings)
    assert len(archive.filings) == 1
    assert [(p.source, p.reason) for p in archive.problems] == [("dupes/copy-1.txt", "the reader failed: MemoryError()")]


def test_a_render_crash_on_one_filing_costs_only_that_filing(tmp_path, monkeypatch):
    from builder.render.pages import Pages

    filings = copy_filings(tmp_path / "filings", ["dupes/copy-1.txt", "text/markdown-injection-8k.txt"])
    archive = load_archive(filings)
    real = Pages.report

    def report(self, filing, *args):
        if filing.source == "dupes/copy-1.txt":
            raise ValueError("boom")
        return real(self, filing, *args)

    monkeypatch.setattr(Pages, "report", report)
    paths = [f.path for f in render_site(archive, TEMPLATES)]
    assert "problems.md" in paths and len([p for p in paths if p.endswith("/index.md")]) >= 1


# -- things in filings/ that are not regular files ------------------------------------------------

def test_a_fifo_a_dangling_symlink_and_a_symlink_loop_never_hang_the_read(tmp_path):
    filings = copy_filings(tmp_path / "filings", ["dupes/copy-1.txt"])
    os.mkfifo(filings / "pipe.txt")
    os.symlink(tmp_path / "nowhere.txt", filings / "dangling.txt")
    os.symlink("..", filings / "dupes" / "loop")
    done: list = []
    worker = threading.Thread(target=lambda: done.append(load_archive(filings)), daemon=True)
    worker.start()
    worker.join(30)
    assert done, "load_archive hung"
    assert [f.source for f in done[0].filings] == ["dupes/copy-1.txt"]


def test_a_file_that_vanishes_before_it_is_read_is_a_problem(tmp_path):
    path = tmp_path / "gone.txt"
    sub = read_source(path, tmp_path)
    assert sub.shape == Shape.NOT_A_FILING and sub.problems[0].startswith("could not be read:")

