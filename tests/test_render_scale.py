"""10,000 filings: linked and rendered in seconds, every index page paginated (500 rows at most) and
well under 1 MB, the A-Z index split by letter, a busy registrant's filings over several pages."""

from __future__ import annotations

import re
import time

import pytest
from render_support import TEMPLATES

from builder.model.archive import build_archive
from builder.model.filing import Document, Filer, Filing, Item
from builder.render import render_site
from builder.render.listing import PAGE_ROWS

N = 10_000
FORMS = ["8-K", "8-K", "8-K", "8-K/A", "10-K", "10-Q", "4"]
ITEMS = ["12", "2.02", "8.01", "9.01", "5.02", "7.01"]


def synthetic_archive():
    filings = []
    for i in range(N):
        year = 1994 + i % 31
        company = 1 + i % 1499 if i % 4 else 0  # company 0 files a quarter of everything: 2,500 filings
        cik = f"{1_000_000 + company:010d}"
        filing = Filing(
            source=f"f{i}.txt", shape="full-submission", accession_number=f"{cik}-{year % 100:02d}-{i:06d}",
            form_type=FORMS[i % len(FORMS)], filed_date=f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            period_of_report=f"{year}-{1 + i % 12:02d}-01",
            filers=[Filer(name=f"COMPANY {company:04d} INC", cik=cik, sic=["7372", "2834", "6022", "4911"][company % 4],
                          state_of_incorporation=["DE", "NY", "CA"][company % 3], file_number=f"001-{company + 1:05d}")],
            items=[Item(number=ITEMS[i % len(ITEMS)])],
            documents=[Document(sequence=1, type="8-K", text="Item 2.02. Results.\n")],
        )
        filing.id = filing.accession_number
        filings.append(filing)
    return filings


@pytest.fixture(scope="module")
def rendered():
    filings = synthetic_archive()
    started = time.perf_counter()
    archive = build_archive(filings)
    linked = time.perf_counter()
    pages = {g.path: g.content for g in render_site(archive, TEMPLATES)}
    return archive, pages, linked - started, time.perf_counter() - linked


def is_index(path: str) -> bool:
    return path.endswith(".md") and not re.match(r"filings/[^/]+-\d{2}-\d{6}/", path)


def test_ten_thousand_filings_link_and_render_in_seconds(rendered):
    archive, pages, link_time, render_time = rendered
    assert len(archive.filings) == N and len(archive.registrants) == 1500
    assert link_time < 10 and render_time < 60, (link_time, render_time)


def test_every_index_page_is_paginated_and_small(rendered):
    _, pages, _, _ = rendered
    for path, content in pages.items():
        if not is_index(path):
            continue
        assert len(content.encode("utf-8")) < 1_000_000, path
        rows = sum(1 for line in content.splitlines() if line.startswith("| [") or line.startswith("| COMPANY"))
        assert rows <= PAGE_ROWS + 20, (path, rows)  # + the page's few other tables (forms, facts)
    for path in ("filings/2005.md", "forms/8-k.md", "forms/8-k/2.md", "items/2-02.md", "registrants/index.md"):
        assert path in pages, path
    assert "forms/8-k/9.md" not in pages or "forms/8-k/8.md" in pages


def test_a_busy_registrant_and_the_a_z_index_are_split(rendered):
    archive, pages, _, _ = rendered
    busy = archive.registrant(f"{1_000_000:010d}")
    assert len(busy.filings) > 4 * PAGE_ROWS
    first = pages[f"registrants/{busy.key}.md"]
    assert "| Fact | Value |" in first and f"]({busy.key}/2.md)" in first  # facts, then a pager
    second = pages[f"registrants/{busy.key}/2.md"]
    assert "| Fact | Value |" not in second and f"](../{busy.key}.md)" in second
    assert f"registrants/{busy.key}/5.md" in pages and f"registrants/{busy.key}/6.md" not in pages
    index = pages["registrants/index.md"]
    assert "| [C](a-z/c.md) | 1,500 |" in index  # one letter page (1,500 names: in 3 pages)
    assert "registrants/a-z/c/3.md" in pages and "registrants/a-z/c/4.md" not in pages


def test_paginated_indexes_and_letter_pages_build_strict_with_zero_warnings(tmp_path):
    """1,300 filings of 976 registrants: every continuation page, letter page and month anchor
    is a link MkDocs checks."""
    from render_support import build_site

    filings = synthetic_archive()[:1300]
    for i, filing in enumerate(filings):
        if i % 2:  # a registrant of its own: more than 500 names, so the A-Z index is split by letter
            filing.filers[0].name = f"{'ABCDEFGHIJ'[i % 10]}ORP {i} INC"
            filing.filers[0].cik = f"{2_000_000 + i:010d}"
    archive = build_archive(filings)
    site, log, code = build_site(archive, tmp_path)
    assert code == 0 and "WARNING" not in log, log
    assert (site / "registrants" / "a-z" / "b" / "index.html").is_file()
    assert (site / "forms" / "8-k" / "index.html").is_file()
