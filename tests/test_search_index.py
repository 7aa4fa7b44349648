"""The search index of the sample site (Pagefind, written by the filings plugin), read without a
browser (tests/pagefind_reader.py); the queries themselves run in Chromium (tests/browser)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import seed_id
from pagefind_reader import PagefindBundle


@pytest.fixture(scope="module")
def bundle(sample_site) -> PagefindBundle:
    site, _ = sample_site
    return PagefindBundle(site)


def seed_report() -> str:
    return f"/filings/{seed_id()}/"


def test_the_site_has_pagefind_and_not_materials_search(sample_site, bundle):
    site, _ = sample_site
    assert not (site / "search" / "search_index.json").exists()
    assert not (site / "assets" / "javascripts" / "lunr").exists()
    assert bundle.shards and bundle.shards[0].version == "1.5.2"
    primary = site / "search" / "0"
    assert {"pagefind.js", "wasm.en.pagefind", "pagefind-entry.json"} <= {p.name for p in primary.iterdir()}
    assert not (primary / "pagefind-worker.js").exists(), "Pagefind runs in the page (noWorker)"
    assert not list(primary.glob("pagefind-*ui*")), "Pagefind's own UIs are not shipped"
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "data-filings-search" in html and 'type="search"' in html
    assert 'data-md-component="search"' not in html  # Material's search code stays asleep


def test_the_seed_is_found_by_name_item_and_signer(bundle):
    # what `test_search_index_finds_the_seed_by_name_item_and_signer` checked in Material's index
    for word in ("sonus", "nill", "12"):
        assert seed_report() in bundle.pages_with(word), word
    assert "Item 12" in bundle.fragments[seed_report()]["content"]


@pytest.mark.parametrize("query, word", [("000-30229", "00030229"), ("04-3387074", "043387074"), ("2.02", "202")])
def test_codes_are_indexed_whole(bundle, query, word):
    """Pagefind indexes "000-30229" as one word without its punctuation (and its parts besides)."""
    assert seed_report() in bundle.pages_with(word), query


def test_exhibit_names_are_indexed(bundle):
    found = bundle.pages_with("ex991")
    assert "/filings/0001125282-04-000379/ex-99-1/" in found or "/filings/0001125282-04-000379/" in found


def test_report_pages_carry_filters_sort_and_result_facts(bundle):
    fragment = bundle.fragments[seed_report()]
    assert fragment["filters"]["form"] == ["8-K"]
    assert fragment["filters"]["year"] == ["2003"]
    assert fragment["filters"]["registrant"] == ["SONUS NETWORKS, INC."]
    assert "12" in fragment["filters"]["item"]
    assert fragment["filters"]["kind"] == ["report"]
    meta = fragment["meta"]
    assert meta["title"] == "SONUS NETWORKS, INC. — Form 8-K — 2003-10-08"  # no "¶" of the heading links
    assert (meta["registrant"], meta["form"], meta["date"], meta["kind"]) == ("SONUS NETWORKS, INC.", "8-K", "2003-10-08", "report")
    exhibit = bundle.fragments[seed_report() + "ex-99-1/"]
    assert exhibit["filters"]["kind"] == ["exhibit"] and exhibit["meta"]["registrant"] == "SONUS NETWORKS, INC."


def test_only_the_content_is_indexed_not_the_chrome(bundle):
    for url, fragment in bundle.fragments.items():
        content = fragment["content"]
        assert "Type to start searching" not in content, url  # the search box
        assert "Filters and sorting" not in content, url
        assert "Skip to content" not in content, url
        assert "¶" not in content, url
        if url != "/":
            assert not content.startswith("Filings archive"), url  # the header's site name
    assert bundle.fragments[seed_report()]["content"].startswith("Home › Registrants › SONUS NETWORKS, INC.")


def test_every_report_and_exhibit_page_is_indexed_once(sample_site, bundle):
    site, _ = sample_site
    # every report and exhibit page, and every document page with text (a graphic's page is not indexed)
    pages = {"/" + p.parent.relative_to(site).as_posix() + "/" for p in (site / "filings").rglob("index.html")
             if "data-pagefind-body" in p.read_text(encoding="utf-8")}
    reports_and_exhibits = {p for p in pages if p.count("/") == 3 or "/ex-" in p}
    everything = {"/" + p.parent.relative_to(site).as_posix() + "/" for p in (site / "filings").rglob("index.html")}
    assert {p for p in everything if p.count("/") == 3 or "/ex-" in p} == reports_and_exhibits
    indexed = [url for shard in bundle.shards for url in shard.fragments]
    assert len(indexed) == len(set(indexed))
    assert pages <= set(indexed)
    assert "/404.html" not in indexed and not any(u.endswith("404.html") for u in indexed)


def test_the_search_scripts_name_no_other_host(sample_site):
    site, _ = sample_site
    script = (site / "assets" / "javascripts" / "filings-search.js").read_text(encoding="utf-8")
    assert not re.search(r"https?://", script)
    for name in ("pagefind.js",):
        text = (site / "search" / "0" / name).read_text(encoding="utf-8")
        # Pagefind parses relative URLs against a dummy base; it never fetches it
        assert set(re.findall(r"https?://[\w.-]+", text)) <= {"https://example.com"}, name
