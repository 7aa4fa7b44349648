"""Malicious and broken filings through the real CLI and `mkdocs build --strict`: the built site.

The fixtures (`tests/fixtures/hostile/`, see its README) try every way we know to run code in the
site, to escape the output folder and to break the build; a few more files whose names cannot be
committed are made at test time. One build, then assertions on the files it wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from fixtures.hostile.audit import TEMPLATE_RESULT, audit_page, audit_search_result, result_text, search_results
from fixtures.hostile.support import (
    add_weird_files,
    cli_build,
    copy_filings,
    normalise,
    page,
    problem_rows,
    report_sources,
    snapshot,
    visible_files,
)

from builder.render.paths import BINARY_EXTENSIONS


@dataclass
class Built:
    work: Path
    filings: Path
    site: Path
    returncode: int
    stdout: str
    stderr: str
    before: dict
    after: dict


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    work = tmp_path_factory.mktemp("hostile-site")
    filings = copy_filings(work / "filings")
    add_weird_files(filings)
    site = work / "site"
    before = snapshot(work)
    result = cli_build(filings, site, "--strict", cwd=work, cache=work / "cache")
    return Built(work, filings, site, result.returncode, result.stdout, result.stderr, before, snapshot(work))


def test_the_strict_build_succeeds_and_prints_one_summary_line(built):
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Traceback" not in built.stderr and "WARNING" not in built.stderr, built.stderr
    lines = built.stdout.strip().splitlines()
    assert len(lines) == 1, built.stdout
    summary = re.fullmatch(r"built .+: (\d+) filings, (\d+) registrants, (\d+) documents, (\d+) problems in .+ s",
                           lines[0])
    assert summary, lines[0]
    assert int(summary.group(4)) == len(problem_rows(built.site)) > 0


def test_the_filings_folder_is_left_exactly_as_it_was(built):
    """Names, bytes and modification times of everything under filings/, before and after."""
    def under_filings(snap):
        return {k: v for k, v in snap.items() if k == "filings" or k.startswith("filings/")}

    assert under_filings(built.after) == under_filings(built.before)


def test_nothing_is_written_outside_the_output_folder(built):
    """Only site/ (and the build cache, kept where the test put it) is new in the work folder; at the
    top of the site, only the builder's own pages, data files and folders."""
    new = set(built.after) - set(built.before)
    assert new and all(p.split("/")[0] in ("site", "cache") for p in new), sorted(new)[:20]
    assert not list(built.work.glob(".site*")), "a staging folder was left behind"
    for entry in built.site.iterdir():
        if entry.is_dir():
            assert entry.name in ("assets", "search") or (entry / "index.html").is_file(), entry
        else:
            assert entry.suffix in (".html", ".xml", ".gz", ".json", ".csv"), entry
    for name in ("etc", "tmp", "windows", "abs", "x.gif", "hostile-pwned.txt", "escape.txt", "index.md"):
        assert not (built.site / name).exists(), name


def test_every_file_is_a_page_or_a_problem(built):
    """Nothing lost: each file of filings/ is a source of a report page or a row of the Problems page."""
    shown = {normalise(s) for sources in report_sources(built.site).values() for s in sources}
    shown |= {normalise(row[0]) for row in problem_rows(built.site)}
    files = visible_files(built.filings)
    assert len(files) >= 25
    lost = [f for f in files if normalise(f) not in shown]
    assert not lost


def test_the_problems_page_says_what_went_wrong_and_what_was_recovered(built):
    rows = problem_rows(built.site)
    assert all(len(row) == 3 and all(row) for row in rows), rows
    by_source: dict[str, list[tuple[str, str]]] = {}
    for source, reason, recovered in rows:
        by_source.setdefault(source, []).append((reason, recovered))

    def reasons(source: str) -> str:
        assert source in by_source, sorted(by_source)
        return " | ".join(f"{r} => {rec}" for r, rec in by_source[source])

    assert reasons("broken/empty.txt") == "the file is empty => nothing"
    assert reasons("broken/whitespace-only.txt") == "the file holds only whitespace => nothing"
    assert "a PDF file => nothing" in reasons("broken/report.pdf")
    assert "a ZIP archive" in reasons("broken/archive.zip")
    assert "a JPEG image" in reasons("broken/photo.jpg")
    assert "NUL bytes" in reasons("broken/nul-bytes.dat")
    assert "has no </TEXT> (truncated?)" in reasons("broken/truncated.txt")
    assert "page built" in reasons("broken/truncated.txt")
    assert "has no <TEXT>; kept without text => page built" in reasons("broken/document-without-text.txt")
    assert "broken line(s) skipped" in reasons("broken/broken-uuencode.txt")
    assert "no 'end' line" in reasons("broken/broken-uuencode.txt")
    assert "the same filing as dupes/copy-1.txt" in reasons("dupes/copy-2.txt")
    assert "NUL characters removed" in reasons("sgml/nul-in-filename.txt")


def test_no_page_holds_code_from_a_filing(built):
    """Every built HTML page passes the audit: only the theme's scripts, no handlers, no frames,
    no `javascript:`/`data:` URLs, no external loads, no dangerous styles, no evaluated templates."""
    pages = sorted(built.site.rglob("*.html"))
    assert len(pages) > 40
    violations = []
    for html_file in pages:
        violations += audit_page(html_file.read_text(encoding="utf-8"), html_file.relative_to(built.site).as_posix())
    assert not violations, violations[:20]


def test_the_search_index_holds_no_code_from_a_filing(built):
    """Search results are shown as HTML: every page of the index, as the site's search script
    (filings-search.js `render()`) shows it, passes the audit, and links to a page of the site."""
    assert not (built.site / "search" / "search_index.json").exists()
    results = list(search_results(built.site / "search"))
    assert len(results) > 40
    violations = []
    for where, row, texts in results:
        violations += audit_search_result(row, texts, where)
    assert not violations, violations[:20]
    for _, row, _ in results:  # each result is a page of the site
        assert (built.site / row[0] / "index.html").is_file() or (built.site / row[0]).is_file(), row[0]
    # the hostile name is shown as the text it is: in the registrant's page title and its results' facts
    shown = " ".join(result_text(row, texts) for _, row, texts in results)
    assert "<img src=x onerror=alert('company')> EVIL SGML CORP" in shown
    titles = [row[1] for _, row, _ in results]
    assert any(t.startswith("<img src=x onerror=alert('company')> EVIL SGML CORP") for t in titles)


def test_no_template_in_a_filing_is_ever_evaluated(built):
    for path in built.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            assert TEMPLATE_RESULT not in path.read_text(encoding="utf-8"), path


def test_hostile_names_and_texts_are_shown_as_the_text_they_are(built):
    registrant = page(built.site, "registrants/0000000002")
    assert registrant.css_first("article h1").text().strip().startswith(
        "<img src=x onerror=alert('company')> EVIL SGML CORP")
    assert registrant.css_first("title").text().startswith("<img src=x onerror=alert('company')>")
    report = page(built.site, "filings/0000000002-24-000002")
    text = report.css_first("div.filing-text").text()
    assert "<script>alert('plain-script')</script>" in text
    assert "[click me](javascript:alert('plain-md-link'))" in text
    assert "{{ 7*191919 }}" in text and '{% include "mkdocs.yml" %}' in text
    exhibits = " ".join(td.text() for td in report.css("article td"))
    assert "[press](javascript:alert('ex-description'))" in exhibits
    html_report = page(built.site, "filings/" + _id_of(built, "html/xss-vectors-8k.htm"))
    assert "Template text: {{ 7*191919 }}" in html_report.css_first("div.filing-html").text()
    nc = page(built.site, "filings/" + _id_of(built, "sgml/xss.nc"))
    assert "[NC CORP](javascript:alert('nc-name')) {{ 7*191919 }}" in nc.css_first("article h1").text()


def _id_of(built: Built, source: str) -> str:
    for url, sources in report_sources(built.site).items():
        if source in sources:
            return url.split("/")[1]
    raise AssertionError(f"no report page lists {source}")


def test_external_images_are_links_to_click_not_loads(built):
    tree = page(built.site, "filings/" + _id_of(built, "html/xss-vectors-8k.htm"))
    links = {a.attributes.get("href") for a in tree.css("a.external-image")}
    assert "https://evil.example/track.gif" in links
    assert "https://evil.example/protocol-relative.png" in links
    for img in tree.css("article img"):
        assert not re.match(r"(?:[a-z]+:|//)", img.attributes.get("src") or "", re.I), img.html


def test_document_names_cannot_escape_their_filing_folder_or_overwrite_each_other(built):
    """29 graphics with hostile <FILENAME>s (`../../x.gif`, `/abs`, `C:\\`, `x.gif` three times, 1000
    characters, NFKD tricks, `index.html`, `sitemap.xml` ...): 29 distinct files in their filing's folder."""
    folder = built.site / "filings" / "0000000003-24-000003" / "files"
    files = sorted(f for f in folder.iterdir() if f.name != "traversal-names.txt.gz")  # beside the original
    assert (folder / "traversal-names.txt.gz").is_file()
    assert len(files) == 29
    assert sorted(f.read_bytes()[-1] for f in files) == list(range(1, 30))  # each graphic's own last byte
    assert len({f.name.lower() for f in files}) == 29
    assert all(len(f.name) <= 100 for f in files)
    for name in ("x.gif", "etc", "tmp", "windows", "abs", "hostile-pwned.txt"):
        assert not (built.site / name).exists()
    assert not Path("/tmp/hostile-pwned.txt").exists()


def test_files_from_filings_are_never_served_as_pages_scripts_or_styles(built):
    for path in (built.site / "filings").rglob("*"):
        if not path.is_file():
            continue
        if path.parent.name == "files":
            ext = path.name.rsplit(".", 1)[-1].lower()
            assert ext in BINARY_EXTENSIONS, path
        else:
            assert path.name == "index.html" and "md-content" in path.read_text(encoding="utf-8"), path
    active = [p for p in built.site.rglob("*") if p.suffix.lower() in (".svg", ".htm", ".xhtml", ".js", ".css")
              and p.relative_to(built.site).parts[0] not in ("assets", "search")]
    assert not active, active


def test_hidden_files_are_skipped_by_design(built):
    assert (built.filings / ".hidden-is-skipped.txt").exists()
    assert not any(".hidden-is-skipped" in row[0] for row in problem_rows(built.site))
