"""The sample site in a real headless Chromium: home, registrant → report → exhibit and back, search.

Every test ends with `watch.assert_clean()`: no console error, script error, failed request or HTTP
error on any page it visited, and no request to another host than the local test server.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

try:
    from playwright.sync_api import expect
except ImportError:  # conftest's autouse fixture skips every test with the reason (fails with REQUIRE_BROWSER=1)
    expect = None

from conftest import SEED, seed_id
from browser.conftest import screenshot

REGISTRANT = "registrants/sonus-networks-inc/"
REPORT = f"filings/{seed_id()}/"
EXHIBIT = f"{REPORT}ex-99-1/"

# The search UI: the one place to change when the search box or its results change.
SEARCH_BOX = "header input[type=text][placeholder='Search'], header input[type=search]"
SEARCH_HITS = ".md-search-result__link"


def _at(page, base_url: str, path: str) -> None:
    """The page shows the site page at `path` (the query and the fragment aside)."""
    expect(page).to_have_url(re.compile("^" + re.escape(base_url + path) + r"(?:[?#].*)?$"))


def _article(page):
    return page.locator("article").first


def test_home_page_shows_the_archive_and_its_ways_in(watched, base_url, screenshots):
    page, watch = watched
    page.goto(base_url)
    expect(page).to_have_title(re.compile("Filings archive"))
    article = _article(page)
    expect(article.get_by_role("heading", level=1)).to_be_visible()
    for name in ("registrants A–Z", "filings by year"):
        expect(article.get_by_role("link", name=name)).to_be_visible()
    expect(page.locator(SEARCH_BOX).first).to_be_visible()
    screenshot(page, screenshots, "home")
    watch.assert_clean()


def test_registrant_to_report_to_exhibit_and_back(watched, base_url, screenshots):
    page, watch = watched
    page.goto(base_url)
    _article(page).get_by_role("link", name="registrants A–Z").click()
    _at(page, base_url, "registrants/")

    _article(page).get_by_role("link", name="SONUS NETWORKS, INC.", exact=True).click()
    _at(page, base_url, REGISTRANT)
    expect(_article(page).get_by_role("heading", level=1)).to_contain_text(re.compile("sonus networks", re.I))
    screenshot(page, screenshots, "registrant")

    _article(page).locator(f"a[href$='{REPORT}']").first.click()
    _at(page, base_url, REPORT)
    article = _article(page)
    expect(article).to_contain_text("Results of Operations and Financial Condition")
    expect(article).to_contain_text("Stephen J. Nill")
    expect(article).to_contain_text("Sonus Networks, Inc. issued a press release")
    screenshot(page, screenshots, "report")

    article.get_by_role("link", name="99.1", exact=True).click()
    _at(page, base_url, EXHIBIT)
    expect(_article(page)).to_contain_text("Press release dated October 8, 2003")
    expect(_article(page)).to_contain_text("not included")

    # back with the browser's history ...
    page.go_back()
    _at(page, base_url, REPORT)
    page.go_back()
    _at(page, base_url, REGISTRANT)
    page.go_forward()
    page.go_forward()
    _at(page, base_url, EXHIBIT)

    # ... and with the pages' own links: exhibit → report → registrant
    _article(page).get_by_role("link", name="Back to the report").click()
    _at(page, base_url, REPORT)
    _article(page).locator(f"a[href$='{REGISTRANT}']").first.click()
    _at(page, base_url, REGISTRANT)
    watch.assert_clean()


def test_the_report_saves_its_original_file_as_it_was(watched, base_url):
    """The original is published compressed (files/x.txt.gz); the page's script saves it inflated,
    under its own name, byte for byte as it is in filings/."""
    page, watch = watched
    page.goto(base_url + REPORT)
    link = _article(page).locator("a[data-download]").first
    expect(link).to_have_attribute("href", re.compile(r"files/004_edb917d2bca7005c\.txt\.gz$"))
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == SEED.name
    assert Path(download.path()).read_bytes() == SEED.read_bytes()
    watch.assert_clean()


def test_without_scripts_the_original_is_saved_compressed(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + REPORT)
        with page.expect_download() as info:
            page.locator("article a[data-download]").first.click()
        download = info.value
        assert download.suggested_filename == f"{SEED.name}.gz"
        assert gzip.decompress(Path(download.path()).read_bytes()) == SEED.read_bytes()
    finally:
        context.close()


def test_search_in_the_header_finds_sonus_and_opens_the_hit(watched, base_url, screenshots):
    page, watch = watched
    page.goto(base_url)
    box = page.locator(SEARCH_BOX).first
    box.click()
    box.press_sequentially("Sonus", delay=50)
    hits = page.locator(SEARCH_HITS)
    expect(hits.first).to_be_visible()
    expect(hits.first).to_contain_text(re.compile("sonus", re.I))
    screenshot(page, screenshots, "search")

    hits.first.click()
    expect(page).not_to_have_url(re.compile("^" + re.escape(base_url) + "(?:index.html)?$"))
    path = page.url.removeprefix(base_url).split("?")[0].split("#")[0]
    assert path in {REGISTRANT, REPORT, EXHIBIT}, page.url
    expect(_article(page)).to_contain_text(re.compile("sonus", re.I))
    watch.assert_clean()


def test_index_pages_load_clean(watched, base_url):
    page, watch = watched
    for path in ("", "registrants/", "filings/", "problems/", "404.html"):
        page.goto(base_url + path)
        expect(_article(page).get_by_role("heading", level=1)).to_be_visible()
    watch.assert_clean()
