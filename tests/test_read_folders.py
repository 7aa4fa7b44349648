"""Finding sources in a filings tree, reading accession folders, and never writing."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path


import pytest

from builder.read import Shape, find_sources, read_archive, read_source

FIXTURES = Path(__file__).parent / "fixtures" / "read"
FILES = FIXTURES / "files"

UPLOAD_DIR = "edgar/data/1875558/000000000026001655"
ROCK = "rock-of-ages/0000084581-00-500009"
DOCS_ONLY = "docs-only/0000084581-00-500009"
PAYPAL = "paypal/000118143111030813"


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """The fixture tree, plus dotfiles, a lone-file accession folder and non-filings."""
    root = tmp_path / "filings"
    shutil.copytree(FIXTURES / "folders", root)
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1\x00")
    (root / PAYPAL / ".gitkeep").write_text("")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    lone = root / "paypal" / "000120919111061529"
    lone.mkdir()
    shutil.copy(FILES / "poa.txt", lone / "poa.txt")
    odd = root / "odd"
    odd.mkdir()
    (odd / "empty.txt").write_bytes(b"")
    (odd / "blank.txt").write_bytes(b"  \r\n\t\n")
    (odd / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (odd / "logo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    (odd / "notes.dat").write_bytes(b"abc\x00\x00\x01def")
    return root


def rel(root: Path, paths: list[Path]) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def visible_files(root: Path) -> set[str]:
    found = set()
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.update((Path(folder) / f).relative_to(root).as_posix() for f in files if not f.startswith("."))
    return found


def test_find_sources_lists_files_and_accession_folders_in_sorted_order_skipping_dotfiles(tree):
    assert rel(tree, find_sources(tree)) == [
        DOCS_ONLY,
        UPLOAD_DIR,
        "headers/0001971857-23-000246-index-headers.html",
        "headers/objectivecapital.form144-index-headers.html",
        "odd/blank.txt",
        "odd/empty.txt",
        "odd/logo.jpg",
        "odd/notes.dat",
        "odd/scan.pdf",
        PAYPAL,
        "paypal/000120919111061529/poa.txt",
        ROCK,
    ]


def test_every_visible_file_is_in_exactly_one_source(tree):
    paths = [p for sub in read_archive(tree) for p in sub.paths]
    assert len(paths) == len(set(paths))
    assert set(paths) == visible_files(tree)


def test_find_sources_is_stable_and_accepts_a_single_file(tree):
    assert find_sources(tree) == find_sources(tree)
    assert find_sources(FILES / "poa.txt") == [FILES / "poa.txt"]


def test_index_page_next_to_its_accession_folder_joins_it(tree):
    sub = read_source(tree / UPLOAD_DIR, tree)
    assert sub.source == UPLOAD_DIR
    assert sub.paths == [
        "edgar/data/1875558/0000000000-26-001655-index.html",
        f"{UPLOAD_DIR}/0000000000-26-001655.txt",
    ]
    assert sub.shape == Shape.FULL_SUBMISSION
    assert sub.header_format == "sec" and "ACCESSION NUMBER:\t\t0000000000-26-001655" in sub.header
    assert [d.type for d in sub.documents] == ["LETTER", "TEXT-EXTRACT"]
    digest = hashlib.sha1(b"".join((tree / p).read_bytes() for p in sub.paths)).hexdigest()
    assert sub.digest == digest


def test_folder_with_the_full_submission_reads_it_and_lists_the_copies(tree):
    sub = read_source(tree / ROCK, tree)
    assert sub.shape == Shape.FULL_SUBMISSION
    assert sub.paths == [
        f"{ROCK}/0000084581-00-500009-index.html",
        f"{ROCK}/0000084581-00-500009.txt",
        f"{ROCK}/formacqui.htm",
    ]
    assert [(d.type, d.filename) for d in sub.documents] == [("8-K", "formacqui.htm"), ("EX-99", "pressacqui.htm")]
    assert sub.header_format == "sec" and "ROCK OF AGES CORP" in sub.header
    assert sub.problems == []


def test_loose_document_missing_from_the_full_submission_is_added_with_a_problem(tree):
    shutil.copy(FILES / "poa.txt", tree / ROCK / "ex24.txt")
    sub = read_source(tree / ROCK, tree)
    assert [d.filename for d in sub.documents] == ["formacqui.htm", "pressacqui.htm", "ex24.txt"]
    assert "ex24.txt is not in the full submission; added as a document" in sub.problems


def test_documents_only_folder_takes_its_header_and_types_from_the_index_page(tree):
    sub = read_source(tree / DOCS_ONLY, tree)
    assert sub.shape == Shape.ACCESSION_FOLDER
    assert sub.header_format == "index-html"
    assert "<ACCESSION-NUMBER>0000084581-00-500009" in sub.header.splitlines()
    assert "<CONFORMED-NAME>ROCK OF AGES CORP" in sub.header.splitlines()
    [doc] = sub.documents
    assert (doc.type, doc.sequence, doc.filename) == ("8-K", "1", "formacqui.htm")
    assert "<HTML>" in doc.text
    assert "1 document(s) listed on the index page are not in the folder: pressacqui.htm" in sub.problems


def test_unwrapped_documents_get_type_and_sequence_from_the_index_listing(tree):
    folder = tree / DOCS_ONLY
    text = (folder / "formacqui.htm").read_text(encoding="utf-8")
    html = text[text.index("<HTML>") : text.rindex("</TEXT>")]
    (folder / "formacqui.htm").write_text(html, encoding="utf-8")
    (folder / "pressacqui.htm").write_text("<html><body>Press release</body></html>", encoding="utf-8")
    (folder / "logo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    sub = read_source(folder, tree)
    assert [(d.type, d.sequence, d.filename) for d in sub.documents] == [
        ("8-K", "1", "formacqui.htm"), ("EX-99", "2", "pressacqui.htm"), (None, None, "logo.jpg"),
    ]
    assert sub.documents[2].data.startswith(b"\xff\xd8") and sub.documents[2].text is None
    assert sub.problems == []


def test_accession_named_folder_of_documents_without_index_is_one_filing(tree):
    sub = read_source(tree / PAYPAL, tree)
    assert sub.shape == Shape.ACCESSION_FOLDER
    assert sub.header is None
    assert [d.filename for d in sub.documents] == ["rrd279589_315608.htm", "rrd279589_316158.htm"]
    assert all(d.text.lstrip().startswith("<HTML>") for d in sub.documents)
    assert ".gitkeep" not in " ".join(sub.paths)


def test_lone_file_in_an_accession_folder_is_its_own_source(tree):
    sub = read_source(tree / "paypal/000120919111061529/poa.txt", tree)
    assert sub.shape == Shape.BARE_TEXT and sub.source == "paypal/000120919111061529/poa.txt"


def test_folder_of_index_pages_of_different_filings_is_not_one_source(tree):
    sources = rel(tree, find_sources(tree))
    assert "headers" not in sources
    sub = read_source(tree / "headers/0001971857-23-000246-index-headers.html", tree)
    assert sub.shape == Shape.INDEX_PAGE


@pytest.mark.parametrize(
    "name, reason",
    [
        ("empty.txt", "the file is empty"),
        ("blank.txt", "the file holds only whitespace"),
        ("scan.pdf", "not a filing: a PDF file"),
        ("logo.jpg", "not a filing: a JPEG image"),
        ("notes.dat", "not a filing: a binary file (it holds NUL bytes)"),
    ],
)
def test_non_filings_are_not_a_filing_with_a_clear_reason(tree, name, reason):
    sub = read_source(tree / "odd" / name, tree)
    assert sub.shape == Shape.NOT_A_FILING
    assert sub.problems == [reason]
    assert sub.documents == []


def test_reading_a_container_folder_reads_only_its_own_files_and_says_so(tree):
    shutil.copy(FILES / "poa.txt", tree / "paypal" / "poa.txt")
    sub = read_source(tree / "paypal", tree)
    assert sub.shape == Shape.ACCESSION_FOLDER
    assert sub.paths == ["paypal/poa.txt"]
    assert [d.filename for d in sub.documents] == ["poa.txt"]
    assert sub.problems == ["the folder has subfolders; only its own files were read"]


def test_an_empty_folder_is_not_a_filing(tmp_path):
    (tmp_path / "0000950137-05-004969").mkdir()
    sub = read_source(tmp_path / "0000950137-05-004969", tmp_path)
    assert sub.shape == Shape.NOT_A_FILING
    assert sub.problems == ["an empty folder"]


def test_a_missing_file_is_not_a_filing_not_an_exception(tmp_path):
    sub = read_source(tmp_path / "gone.txt", tmp_path)
    assert sub.shape == Shape.NOT_A_FILING
    assert sub.problems and "could not be read" in sub.problems[0]


def snapshot(root: Path) -> dict[str, tuple[int, int, str]]:
    state = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            stat = path.stat()
            content = hashlib.sha1(path.read_bytes()).hexdigest() if path.is_file() else ""
            state[path.relative_to(root).as_posix()] = (stat.st_mtime_ns, stat.st_size, content)
    return state


def test_reading_never_modifies_the_filings_folder(tree):
    before = snapshot(tree)
    for _ in range(2):
        for sub in read_archive(tree):
            assert sub.source
    assert snapshot(tree) == before
