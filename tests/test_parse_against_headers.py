"""A submission parsed whole says what its own header says: the consistency check of
`benchmarks/accuracy.py` (`scoring.raw_header`, a reader of header lines independent of the
builder's, and `scoring.check_against_header`), on the header-bearing fixtures and, when
`../shared/corpus` is beside the repo, on every header-bearing corpus file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from builder.parse import parse_submission
from builder.read import Shape, read_source
from builder.read.decode import decode_bytes

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from scoring import check_against_header, raw_header  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "parse"
CORPUS = REPO.parent / "shared" / "corpus" / "files"
WITH_HEADERS = (Shape.FULL_SUBMISSION, Shape.IMS_SUBMISSION, Shape.NC_SUBMISSION, Shape.HEADER_ONLY)


def disagreements(path: Path) -> list[str] | None:
    """What the parsed submission says otherwise than its header; None for a file with no header."""
    submission = read_source(path)
    if submission.shape not in WITH_HEADERS or not submission.header:
        return None
    text = decode_bytes(path.read_bytes()).text
    end = text.find("<DOCUMENT>")
    return check_against_header(raw_header(text if end < 0 else text[:end]), parse_submission(submission))


def test_raw_header_reads_both_layouts_and_skips_parties_the_archive_does_not_keep():
    text = (FIXTURES / "0001104659-25-002604.header.txt").read_text()
    nc = (FIXTURES / "0001104659-25-002604.header.nc").read_text()
    assert raw_header(text).accession == "0001104659-25-002604"
    assert raw_header(nc).accession == "0001104659-25-002604"
    assert raw_header(text).parties == raw_header(nc).parties
    assert {cik for cik, _ in raw_header(nc).parties} == {"0001376139", "0001034563"}  # SUBJECT-COMPANY (twice), FILED-BY
    abs_header = raw_header((FIXTURES / "0000929638-25-000114.header.nc").read_text())
    assert len(abs_header.parties) == 1  # the FILER; DEPOSITOR, SECURITIZER ... are not kept


@pytest.mark.parametrize("name", sorted(
    p.name for p in FIXTURES.iterdir()
    if p.suffix in (".txt", ".nc", ".html") and not p.name.endswith(("-text.excerpt.txt", "-text.txt"))
))
def test_header_bearing_fixture_parses_whole_as_its_header_says(name):
    found = disagreements(FIXTURES / name)
    assert not found, found


def test_every_header_bearing_corpus_file_parses_as_its_header_says():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not here (fresh clone)")
    checked, wrong = 0, {}
    for path in sorted(p for p in CORPUS.rglob("*") if p.is_file()):
        found = disagreements(path)
        if found is None:
            continue
        checked += 1
        if found:
            wrong[str(path.relative_to(CORPUS))] = found
    assert checked > 100
    assert wrong == {}
