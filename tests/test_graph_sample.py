"""The archive as a graph, on the shipped sample (`filings/`): one registrant across its names and
files, co-registrants and subject companies on every party's page, and every way in — the indexes,
the catalog, previous/next, the originals — built by the real `mkdocs build --strict`."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from render_support import TEMPLATES, build_site

from builder.pipeline import load_archive
from builder.render import render_site

REPO = Path(__file__).resolve().parents[1]
FILINGS = REPO / "filings"
SOUTHERN = "0000092122-05-000042"
ASTA_2004 = ["0001125282-04-000379", "0001125282-04-002113", "0001125282-04-005938"]


@pytest.fixture(scope="module")
def archive():
    return load_archive(FILINGS)


@pytest.fixture(scope="module")
def pages(archive) -> dict[str, str | bytes]:
    return {g.path: g.content for g in render_site(archive, TEMPLATES, filings_dir=FILINGS)}


def front_matter(page: str) -> dict:
    m = re.match(r"---\n(.*?)\n---\n", page, re.S)
    assert m, page[:200]
    return yaml.safe_load(m.group(1))


def report_of(archive, fid: str) -> str:
    return f"filings/{fid}/index.md"


def seed(archive):
    return next(f for f in archive.filings if f.source == "sonus-networks/004_edb917d2bca7005c.txt")


def test_one_registrant_across_eras_spacehab_then_astrotech(archive, pages):
    [r] = [r for r in archive.registrants if "Astrotech" in r.name]
    assert r.key == "astrotech-corp" and r.cik is None  # wrapped HTML: no CIK in the text, none invented
    assert len(r.filings) == 4
    assert {role.filing.source.split("/")[0] for role in r.filings} == {"astrotech"}
    page = pages["registrants/astrotech-corp.md"]
    assert "| SPACEHAB, Incorporated | 2 filings, 2004-02-10 to 2004-05-11 | — |" in page
    assert "| Astrotech Corporation (current) | 2 filings, 2010-01-19 to 2010-03-03 | — |" in page
    assert "| Former names | SPACEHAB, Incorporated (2004-02-10 to 2004-05-11) |" in page
    assert front_matter(page)["names"] == ["SPACEHAB, Incorporated"]  # an old name finds the company
    for role in r.filings:
        assert f"(../filings/{role.filing.id}/index.md)" in page
    # The timeline: newest first, by year, the name each filing gives and its items.
    assert page.index("### 2010 {#s-2010}") < page.index("### 2004 {#s-2004}")
    assert re.search(r"\| SPACEHAB, Incorporated \| 8-K \| \[7\]\(\.\./items/9-01\.md .*\[12\]\(\.\./items/2-02\.md", page)
    assert "| irs number | 91-1273737 | SPACEHAB, Incorporated; Astrotech Corporation | 4 |" in page
    # The A-Z index lists the former name too, leading to the current one.
    assert "| SPACEHAB, Incorporated (former name of [Astrotech Corporation](astrotech-corp.md))" in \
        pages["registrants/index.md"]


def test_a_co_registrant_filing_is_on_each_partys_page_with_its_role(archive, pages):
    filing = next(f for f in archive.filings if f.id == SOUTHERN)
    parties = archive.parties(filing)
    assert len(parties) == 7 and parties[0].registrant.name == "SOUTHERN CO"
    assert front_matter(pages[report_of(archive, SOUTHERN)])["title"] == "SOUTHERN CO — Form 8-K — 2005-01-25"
    for party in parties:
        page = pages[f"registrants/{party.registrant.key}.md"]
        row = next(line for line in page.splitlines() if f"filings/{SOUTHERN}/index.md" in line)
        assert row.endswith("| co-registrant |"), (party.registrant.name, row)
    trust = next(f for f in archive.filings if f.source.startswith("first-national-master-note-trust/"))
    assert [p.registrant.name for p in archive.parties(trust)] == ["First National Master Note Trust",
                                                                   "FIRST NATIONAL FUNDING LLC"]


def test_subject_companies_and_issuers_title_their_filings(archive, pages):
    sc13g = next(f for f in archive.filings if f.form_type == "SC 13G")
    form4 = next(f for f in archive.filings if f.form_type == "4")
    roles = {p.registrant.name: p.role for f in (sc13g, form4) for p in archive.parties(f)}
    assert roles == {"Avid Bioservices, Inc.": "subject company", "GLAZER CAPITAL, LLC": "filed by",
                     "ARROW ELECTRONICS, INC.": "issuer", "Jean-Claude Carine Lamercie": "reporting owner"}
    for filing, title, owner in ((sc13g, "Avid Bioservices, Inc.", "0001076809"),
                                 (form4, "ARROW ELECTRONICS, INC.", "0001870985")):
        assert front_matter(pages[report_of(archive, filing.id)])["title"].startswith(title + " — Form ")
        owner_row = next(line for line in pages[f"registrants/{owner}.md"].splitlines() if filing.id in line)
        assert owner_row.endswith(f"| {roles[archive.registrant(owner).name]} |")
    latest = pages["index.md"][pages["index.md"].index("## Latest filings"):]
    form4_row = next(line for line in latest.splitlines() if form4.id in line)
    assert "[ARROW ELECTRONICS, INC.]" in form4_row and "Lamercie" not in form4_row


def test_the_seed_is_a_registrant_without_a_cik(archive, pages):
    r = archive.registrant("sonus-networks-inc")
    assert r is not None and r.cik is None and r.matched_by == {"alone": 1}
    page = pages["registrants/sonus-networks-inc.md"]
    assert "| CIK | — |" in page and f"(../filings/{seed(archive).id}/index.md)" in page


def test_the_item_index_joins_old_item_12_and_new_item_2_02(archive, pages):
    page = pages["items/2-02.md"]
    assert "| Item 12 | before 2004-08-23 | Results of Operations and Financial Condition |" in page
    assert "| Item 2.02 | from 2004-08-23 | Results of Operations and Financial Condition |" in page
    assert f"(../filings/{seed(archive).id}/index.md)" in page  # Item 12, 2003
    assert "(../filings/0001125282-04-005938/index.md)" in page  # Item 2.02, Asta Funding, November 2004
    index = pages["items/index.md"]
    assert "| [2.02](2-02.md) | Results of Operations and Financial Condition | Item 12 |" in index
    assert "| 12 | Results of Operations and Financial Condition | Item 2.02 |" in index
    meta = front_matter(pages[report_of(archive, seed(archive).id)])
    assert meta["items"] == ["12", "2.02"]


def test_report_front_matter_carries_what_search_filters_on(archive, pages):
    meta = front_matter(pages[report_of(archive, SOUTHERN)])
    assert {k: meta[k] for k in ("kind", "form", "year", "date", "items")} == {
        "kind": "report", "form": "8-K", "year": "2005", "date": "2005-01-25", "items": ["2.02"]}
    assert meta["registrants"][0] == "SOUTHERN CO" and len(meta["registrants"]) == 7
    exhibit = front_matter(pages["filings/0001125282-04-000379/ex-99-1.md"])
    assert exhibit["kind"] == "exhibit" and exhibit["items"] == ["7", "9.01", "12", "2.02"]
    assert front_matter(pages["registrants/0001001258.md"])["kind"] == "registrant"
    for path in ("index.md", "forms/8-k.md", "filings/2004.md", "states/de.md", "industries/4911.md"):
        assert front_matter(pages[path])["kind"] == "index", path


def test_previous_and_next_filing_of_the_same_registrant(archive, pages):
    page = pages[report_of(archive, ASTA_2004[1])]
    assert (f"Filings of ASTA FUNDING INC: ← previous [Form 8-K — 2004-02-11](../{ASTA_2004[0]}/index.md) · "
            f"next [Form 8-K — 2004-11-26](../{ASTA_2004[2]}/index.md) →") in page


def test_catalog_json_and_csv_have_one_row_per_filing(archive, pages):
    rows = json.loads(pages["catalog.json"])
    assert len(rows) == len(archive.filings) == len({r["id"] for r in rows})
    by_id = {r["id"]: r for r in rows}
    assert by_id[seed(archive).id] == {
        "id": seed(archive).id, "accession_number": None, "form_type": "8-K", "period_of_report": "2003-10-08",
        "filed_date": None, "registrants": ["SONUS NETWORKS, INC."], "ciks": [""], "roles": ["registrant"],
        "items": ["12"], "exhibits": ["99.1"], "url": f"filings/{seed(archive).id}/",
    }
    southern = by_id[SOUTHERN]
    assert southern["registrants"][0] == "SOUTHERN CO" and southern["ciks"][0] == "0000092122"
    assert len(southern["ciks"]) == 7 and southern["url"] == f"filings/{SOUTHERN}/"
    table = list(csv.DictReader(io.StringIO(pages["catalog.csv"])))
    assert [r["id"] for r in table] == [r["id"] for r in rows]
    row = next(r for r in table if r["id"] == SOUTHERN)
    assert row["registrants"].split("; ") == southern["registrants"] and row["items"] == "2.02"
    for r in rows:  # every url is a page of the site
        assert f"{r['url']}index.md" in pages


def test_report_pages_link_the_original_files_as_they_were(archive, pages):
    report = pages[report_of(archive, ASTA_2004[0])]
    name = "1001258_8K_2004_0001125282-04-000379.txt"
    # Published compressed, saved (by the page's script) under its own name.
    assert f'[asta-funding/{name}](files/{name}.gz){{ data-download="{name}" download="{name}.gz" ' in report
    assert gzip.decompress(pages[f"filings/{ASTA_2004[0]}/files/{name}.gz"]) == (FILINGS / "asta-funding" / name).read_bytes()
    # HTML originals are files to save, never pages of the site.
    html = next(f for f in archive.filings if f.source.startswith("nordstrom/"))
    original = pages[f"filings/{html.id}/files/form8k.Nordstrom.html.gz"]
    assert original[:2] == b"\x1f\x8b"
    assert gzip.decompress(original) == (FILINGS / "nordstrom" / "form8k.Nordstrom.html").read_bytes()


def test_every_page_has_breadcrumbs_from_home(pages):
    for path, content in pages.items():
        if path.endswith(".md") and path != "index.md":
            crumbs = next(line for line in content.splitlines() if line.startswith("[Home]("))
            assert crumbs, path


def test_the_sample_with_its_indexes_and_originals_builds_strict_with_zero_warnings(archive, tmp_path_factory):
    site, log, code = build_site(archive, tmp_path_factory.mktemp("graph-site"), filings_dir=FILINGS)
    assert code == 0 and "WARNING" not in log, log
    for url in ("forms/8-k", "items/2-02", "industries/4911", "states/de", "registrants/astrotech-corp"):
        assert (site / url / "index.html").is_file(), url
    assert json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    assert (site / "catalog.csv").read_text(encoding="utf-8").startswith("id,accession_number,")
