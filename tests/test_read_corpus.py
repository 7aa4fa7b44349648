"""The whole shared corpus (624 real files), when `../shared/corpus` is beside the repo."""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path


import pytest

from builder.read import Shape, find_sources, read_source

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def corpus_files() -> Path:
    if not (CORPUS / "files").is_dir():
        pytest.skip("../shared/corpus is not here (fresh clone)")
    return CORPUS / "files"


@pytest.fixture(scope="module")
def corpus_read(corpus_files):
    started = time.perf_counter()
    submissions = [read_source(path, corpus_files) for path in find_sources(corpus_files)]
    return submissions, time.perf_counter() - started


def all_files(root: Path) -> set[str]:
    found = set()
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.update((Path(folder) / f).relative_to(root).as_posix() for f in files if not f.startswith("."))
    return found


def test_every_corpus_file_is_in_exactly_one_source_and_nothing_raises(corpus_files, corpus_read):
    submissions, _ = corpus_read
    paths = Counter(p for sub in submissions for p in sub.paths)
    assert [p for p, n in paths.items() if n > 1] == []
    assert set(paths) == all_files(corpus_files)
    manifest = CORPUS / "MANIFEST.tsv"
    if manifest.is_file():
        listed = {line.split("\t")[0].removeprefix("files/") for line in manifest.read_text().splitlines()[1:] if line}
        assert listed <= set(paths)
    assert not [s.source for s in submissions if any("reader failed" in p for p in s.problems)]


def test_corpus_sources_are_read_as_filings_except_the_tar_archive(corpus_read):
    submissions, _ = corpus_read
    not_filings = [s for s in submissions if s.shape == Shape.NOT_A_FILING]
    assert [s.problems for s in not_filings] == [["not a filing: a tar archive"]]
    for sub in submissions:
        assert sub.digest and len(sub.digest) == 40
        if sub.shape not in (Shape.NOT_A_FILING, Shape.HEADER_ONLY):
            assert sub.documents, sub.source
        if sub.shape in (Shape.FULL_SUBMISSION, Shape.IMS_SUBMISSION, Shape.NC_SUBMISSION, Shape.HEADER_ONLY):
            assert sub.header and sub.header_format in {"sec", "ims", "nc"}, sub.source


def test_corpus_shapes_cover_every_kind_of_source(corpus_read):
    submissions, _ = corpus_read
    shapes = Counter(s.shape for s in submissions)
    for shape in (
        Shape.BARE_TEXT, Shape.WRAPPED_DOCUMENT, Shape.FULL_SUBMISSION, Shape.IMS_SUBMISSION, Shape.NC_SUBMISSION,
        Shape.HEADER_ONLY, Shape.HTML, Shape.XML, Shape.INDEX_PAGE, Shape.ACCESSION_FOLDER, Shape.NOT_A_FILING,
    ):
        assert shapes[shape] > 0, shape


def test_reading_the_whole_corpus_takes_seconds_not_minutes(corpus_read):
    _, seconds = corpus_read
    assert seconds < 20, f"{seconds:.1f}s"


def test_every_corpus_file_becomes_a_filing_or_a_listed_problem(corpus_files):
    # The benchmark's accounting (`benchmarks/accuracy.py`): files = files of filings + files of problems.
    from builder.pipeline import load_archive

    archive = load_archive(corpus_files, jobs=1)
    files = all_files(corpus_files)
    accounted = {p for filing in archive.filings for p in (filing.source_paths or [filing.source])}
    for problem in archive.problems:
        accounted.add(problem.source)
        accounted.update(f for f in files if f.startswith(problem.source.rstrip("/") + "/"))
    assert sorted(files - accounted) == []
    assert archive.filings and archive.problems
