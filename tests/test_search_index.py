"""The search index of the sample site (the archive's own, written by builder/search after the
build), read without a browser (tests/search_reader.py); the queries themselves run in Chromium
(tests/browser)."""

from __future__ import annotations

import re

import pytest

from conftest import seed_id
from search_reader import SearchIndex


@pytest.fixture(scope="module")
def index(sample_site) -> SearchIndex:
    site, _ = sample_site
    return SearchIndex(site)


def seed_report() -> str:
    return f"/filings/{seed_id()}/"


def test_the_site_has_its_own_index_and_not_materials_or_pagefinds(sample_site, index):
    site, _ = sample_site
    assert not (site / "search" / "search_index.json").exists()
    assert not (site / "assets" / "javascripts" / "lunr").exists()
    assert not list(site.rglob("pagefind*")), "no Pagefind file is left in the site"
    manifest = index.manifest
    assert set(manifest) == {"format", "pages", "dated", "doc_chunk", "filters", "index", "id"}
    assert manifest["pages"] == len(index.docs) > 100
    assert manifest["filters"] == ["form", "year", "registrant", "item", "kind"]
    # the search folder holds data only: the manifest, then gzip files (no script, no WebAssembly)
    files = [p.relative_to(site / "search").as_posix() for p in (site / "search").rglob("*") if p.is_file()]
    assert "manifest.json" in files
    assert all(f == "manifest.json" or f.endswith(".gz") for f in files), files
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "data-filings-search" in html and 'type="search"' in html
    assert 'data-md-component="search"' not in html  # Material's search code stays asleep


def test_the_chunks_hold_their_terms_in_order_from_the_manifests_first_terms(index):
    firsts = index.manifest["index"]
    assert firsts == sorted(firsts) and len(set(firsts)) == len(firsts)
    for k, first in enumerate(firsts):
        assert next(iter(index.chunk(k))) == first, k
    terms = index.terms()
    assert terms == sorted(terms) and len(set(terms)) == len(terms)
    for term in ("sonus", "nill", "zzzz-not-a-word"):
        assert index.chunk_of(term) == max(k for k, f in enumerate(firsts) if f <= term)


def test_the_seed_is_found_by_name_item_and_signer(index):
    # what `test_search_index_finds_the_seed_by_name_item_and_signer` checked in Material's index
    for word in ("sonus", "nill", "12"):
        assert seed_report() in index.pages_with(word), word
    assert "Item 12" in index.text(index.by_url[seed_report()])
    assert index.pages_with("zyzzyva") == set()


@pytest.mark.parametrize("code", ["000-30229", "04-3387074", "2.02"])
def test_codes_are_indexed_whole(index, code):
    """A code is one term as written (and its parts besides): "2.02" is not "202" nor "2" of a date."""
    assert seed_report() in index.pages_with(code), code
    for part in re.split(r"[.\-]", code):
        assert seed_report() in index.pages_with(part), part
    assert seed_report() not in index.pages_with(code.replace("-", "").replace(".", ""))


def test_exhibit_names_are_indexed_as_edgar_writes_them(index):
    """The seed lists exhibit 99.1 (not included): its report and exhibit page are found by
    EDGAR's name of it, "EX-99.1", which the pages print as "Exhibit 99.1"."""
    found = index.pages_with("ex-99.1")
    assert {seed_report(), seed_report() + "ex-99-1/"} <= found, found
    assert "/filings/0001125282-04-000379/ex-99-1/" in found or "/filings/0001125282-04-000379/" in found
    # "Exhibit 99.1" on the seed's pages: the number as written, its parts
    for term in ("99.1", "99"):
        assert {seed_report(), seed_report() + "ex-99-1/"} <= index.pages_with(term), term


def test_report_pages_carry_filters_sort_and_result_facts(index):
    assert index.filters_of(seed_report()) == {
        "form": ["8-K"], "year": ["2003"], "registrant": ["SONUS NETWORKS, INC."],
        "item": ["12", "2.02"], "kind": ["report"],
    }
    doc = index.by_url[seed_report()]
    assert doc.title == "SONUS NETWORKS, INC. — Form 8-K — 2003-10-08"  # no "¶" of the heading links
    assert (doc.registrant, doc.form, doc.date, doc.kind) == ("SONUS NETWORKS, INC.", "8-K", "2003-10-08", "report")
    exhibit = index.by_url[seed_report() + "ex-99-1/"]
    assert index.filters_of(exhibit.site_url)["kind"] == ["exhibit"]
    assert (exhibit.kind, exhibit.registrant) == ("exhibit", "SONUS NETWORKS, INC.")
    assert doc.number in index.filter("form")["8-K"] and doc.number in index.filter("year")["2003"]


def test_pages_are_numbered_newest_first_undated_last(index):
    dated = index.manifest["dated"]
    dates = [doc.date for doc in index.docs]
    assert 0 < dated < len(dates)
    assert all(dates[:dated]) and not any(dates[dated:])
    assert dates[:dated] == sorted(dates[:dated], reverse=True)
    # sorting by date is sorting by number: a newer year's pages come before an older one's
    years = sorted(index.filter("year").items(), reverse=True)
    assert len(years) > 3
    for (_, newer), (_, older) in zip(years, years[1:]):
        assert max(newer) < min(older)


def test_only_the_content_is_indexed_not_the_chrome(index):
    for doc in index.docs:
        content = index.text(doc)
        url = doc.site_url
        assert "Type to start searching" not in content, url  # the search box
        assert "Filters and sorting" not in content, url
        assert "Skip to content" not in content, url
        assert "¶" not in content, url
        if url != "/":
            assert not content.startswith("Filings archive"), url  # the header's site name
    assert index.text(index.by_url[seed_report()]).startswith("Home › Registrants › SONUS NETWORKS, INC.")


def test_every_report_and_exhibit_page_is_indexed_once(sample_site, index):
    site, _ = sample_site
    # every report and exhibit page, and every document page with text (a graphic's page is not indexed)
    pages = {"/" + p.parent.relative_to(site).as_posix() + "/" for p in (site / "filings").rglob("index.html")
             if "data-search-body" in p.read_text(encoding="utf-8")}
    reports_and_exhibits = {p for p in pages if p.count("/") == 3 or "/ex-" in p}
    everything = {"/" + p.parent.relative_to(site).as_posix() + "/" for p in (site / "filings").rglob("index.html")}
    assert {p for p in everything if p.count("/") == 3 or "/ex-" in p} == reports_and_exhibits
    indexed = [doc.site_url for doc in index.docs]
    assert len(indexed) == len(set(indexed))
    assert pages <= set(indexed)
    assert "/404.html" not in indexed and not any(u.endswith("404.html") for u in indexed)


def test_every_page_has_its_fragments_and_every_posting_a_page(index):
    pages = index.manifest["pages"]
    for doc in index.docs:
        for n in range(doc.fragment_count):
            assert index.fragment(doc, n).strip(), (doc.url, n)
    for term in ("sonus", "12", "2.02", "report"):
        postings = index.postings(term)
        assert postings.pages == sorted(set(postings.pages)) and postings.pages[-1] < pages, term
        assert all(1 <= w <= 35 for w in postings.weights), term
        for number, fragment in zip(postings.pages, postings.fragments):
            doc = index.doc(number)
            assert fragment < doc.fragment_count, (term, doc.url)
            assert term in index.fragment(doc, fragment).lower(), (term, doc.url, fragment)


def test_the_search_script_names_no_other_host(sample_site):
    site, _ = sample_site
    script = (site / "assets" / "javascripts" / "filings-search.js").read_text(encoding="utf-8")
    assert not re.search(r"https?://", script)
