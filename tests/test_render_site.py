"""End to end: the generated files in a docs folder, built by the real `mkdocs build --strict`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from render_support import (
    ASTA_HEADLINE,
    ASTA_ID,
    GIF,
    HOSTILE_NAME,
    build_site,
    hostile_filing,
    sample_archive,
    seed_id,
)
from selectolax.lexbor import LexborHTMLParser

from builder.model.archive import Problem

REPORT = f"filings/{seed_id()}/"
EXHIBIT = f"filings/{seed_id()}/ex-99-1/"
REGISTRANT = "registrants/sonus-networks-inc/"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    archive = sample_archive(hostile_filing(), problems=[Problem("filings/junk.bin", "not a filing <b>")])
    site, log, code = build_site(archive, tmp_path_factory.mktemp("render-site"))
    assert code == 0, log
    return site, log


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def resolve(page_url: str, href: str) -> str:
    parts = [p for p in page_url.strip("/").split("/") if p]
    for piece in href.split("/"):
        if piece == "..":
            parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts) + ("/" if href.endswith("/") or not href else "")


def targets(site: Path, url: str) -> set[str]:
    hrefs = re.findall(r'href="([^"#]*)', page(site, url))
    return {resolve(url, h) for h in hrefs if h and not h.startswith(("http", "mailto", "//"))}


def test_mkdocs_build_strict_gives_zero_warnings(built):
    site, log = built
    assert "WARNING" not in log, log
    assert (site / "index.html").is_file()
    assert (site / "assets" / "archive.css").is_file()
    assert 'href="assets/archive.css"' in page(site, "")


def test_seed_report_links_to_registrant_and_exhibit_and_back(built):
    site, _ = built
    for url in (REPORT, EXHIBIT, REGISTRANT):
        assert (site / url / "index.html").is_file(), url
    assert {REGISTRANT, EXHIBIT} <= targets(site, REPORT)
    assert {REGISTRANT, REPORT} <= targets(site, EXHIBIT)
    assert REPORT in targets(site, REGISTRANT)
    assert REPORT in targets(site, "") and REGISTRANT in targets(site, "registrants/")


def test_seed_report_html_shows_item_anchor_signature_and_text(built):
    site, _ = built
    html = page(site, REPORT)
    assert "<title>SONUS NETWORKS, INC. — Form 8-K — 2003-10-08 - Render test archive</title>" in html
    assert 'id="item-12"' in html and 'href="#text-item-12"' in html and 'id="text-item-12"' in html
    assert "Results of Operations and Financial Condition" in html
    assert "Stephen J. Nill" in html and "000-30229" in html
    assert "Sonus Networks, Inc. issued a press release" in html
    assert html.count('<hr class="page-break">') == 3
    assert '<meta name="description" content="SONUS NETWORKS, INC. — Form 8-K — 2003-10-08' in html


def test_seed_exhibit_page_says_listed_not_included(built):
    site, _ = built
    html = page(site, EXHIBIT)
    assert "Press release dated October 8, 2003" in html
    assert "is listed in the exhibit index of" in html and "not included in this archive" in html
    assert 'class="admonition note"' in html


def test_full_submission_exhibit_text_and_graphic(built):
    site, _ = built
    report, exhibit, html_exhibit = (f"filings/{ASTA_ID}/", f"filings/{ASTA_ID}/ex-99-1/", f"filings/{ASTA_ID}/ex-99-2/")
    assert {exhibit, html_exhibit} <= targets(site, report)
    assert ASTA_HEADLINE in page(site, exhibit)
    assert {report, "registrants/0001001258/"} <= targets(site, exhibit)
    assert (site / "filings" / ASTA_ID / "files" / "logo.gif").read_bytes() == GIF
    for url, src in ((report, "files/logo.gif"), (html_exhibit, "../files/logo.gif")):
        srcs = re.findall(r'<img[^>]* src="([^"]+)"', page(site, url))
        assert src in srcs, (url, srcs)
        assert (site / (url + src).replace("ex-99-2/../", "")).is_file()
    assert "<script>alert(1)</script>" not in page(site, html_exhibit)


def test_hostile_text_stays_text_in_the_built_html(built):
    site, _ = built
    for html_file in sorted(site.rglob("*.html")):
        html = html_file.read_text(encoding="utf-8")
        tree = LexborHTMLParser(html)
        for node in tree.root.traverse():
            for name, value in node.attributes.items():
                assert not name.lower().startswith("on"), (html_file, node.tag, name)
                assert not (value or "").strip().lower().startswith("javascript:"), (html_file, node.tag)
            if node.tag == "img":
                assert node.attributes.get("src") != "x", html_file
            if node.tag == "script" and node.attributes.get("src") is None:
                assert "alert" not in (node.text() or ""), html_file
        assert HOSTILE_NAME not in html, html_file
    registrant = page(site, "registrants/0000000001/")
    title = LexborHTMLParser(registrant).css_first("title").text()
    assert title.startswith(HOSTILE_NAME)  # shown as the text it is
    assert "&lt;img src=x onerror=alert(1)&gt;" in registrant


def test_search_index_holds_the_seed_and_escaped_hostile_text(built):
    site, _ = built
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    seed_docs = " ".join(d["title"] + " " + d["text"] for d in index["docs"] if d["location"].startswith(REPORT))
    for query in ("Sonus", "Item 12", "Nill"):
        assert query.lower() in seed_docs.lower(), query
    for doc in index["docs"]:
        assert "<img src=x" not in doc["title"] + doc["text"], doc["location"]
