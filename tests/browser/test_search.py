"""Search in a real headless Chromium: the header's box, the archive's index, filters and sorting.

Every test ends with `watch.assert_clean()`: no console error, script error, failed request or
HTTP error, and no request to another host than the local test server.
"""

from __future__ import annotations

import re

try:
    from playwright.sync_api import expect
except ImportError:  # conftest's autouse fixture skips every test with the reason
    expect = None

from conftest import seed_id

REPORT = f"filings/{seed_id()}/"
EXHIBIT = f"{REPORT}ex-99-1/"
BOX = "header [data-filings-search] input[type=search]"
HITS = "[data-filings-search] .md-search-result__link"
STATUS = "[data-filings-search] [data-filings-status]"


def _search(page, base_url: str, query: str) -> None:
    page.goto(base_url)
    box = page.locator(BOX)
    box.click()
    box.press_sequentially(query, delay=30)
    expect(page.locator(STATUS)).to_have_text(re.compile(r"matching document|No matching"), timeout=20_000)
    _hrefs(page, base_url)


def _hrefs(page, base_url: str) -> list[str]:
    """The results on screen, once the last search has shown them."""
    expect(page.locator("[data-filings-search] .md-search-result__list[aria-busy]")).to_have_count(0)
    return [h.removeprefix(base_url.rstrip("/")).lstrip("/") if h.startswith("http") else h.lstrip("/")
            for h in page.locator(HITS).evaluate_all("links => links.map(a => a.href)")]


def _relative(hrefs: list[str], base_url: str) -> list[str]:
    path = re.sub(r"^https?://[^/]+", "", base_url).lstrip("/")
    return [h.removeprefix(path) for h in hrefs]


def _choose(page, name: str, value: str) -> None:
    select = page.locator(f"[data-filings-search] select[name={name}]")
    expect(select.locator("option", has_text=re.compile("^" + re.escape(value) + r" \("))).to_have_count(1)
    label = select.locator("option", has_text=re.compile("^" + re.escape(value) + r" \(")).inner_text()
    select.select_option(label=label)


def test_a_query_with_a_form_type_filter_finds_the_report(watched, base_url):
    page, watch = watched
    _search(page, base_url, "Sonus")
    hits = _relative(_hrefs(page, base_url), base_url)
    assert REPORT in hits and "registrants/sonus-networks-inc/" in hits, hits

    page.locator("[data-filings-filters]").click()
    _choose(page, "form", "8-K")
    expect(page.locator(STATUS)).to_have_text(re.compile("matching document"))
    hits = _relative(_hrefs(page, base_url), base_url)
    assert REPORT in hits and EXHIBIT in hits, hits
    assert "registrants/sonus-networks-inc/" not in hits, hits  # a registrant page has no form type
    for facts in page.locator("[data-filings-search] .filings-search__facts").all_inner_texts():
        assert "Form 8-K" in facts, facts

    _choose(page, "kind", "exhibit")
    expect(page.locator(HITS)).to_have_count(1)
    assert _relative(_hrefs(page, base_url), base_url) == [EXHIBIT]

    page.locator(HITS).first.click()
    expect(page).to_have_url(re.compile(re.escape(base_url + EXHIBIT) + "$"))
    watch.assert_clean()


def test_codes_find_the_filing(watched, base_url):
    page, watch = watched
    for query in ("000-30229", "04-3387074", "Sonus 2.02", "Sonus EX-99.1"):
        _search(page, base_url, query)
        assert REPORT in _relative(_hrefs(page, base_url), base_url), query
    _search(page, base_url, "EX-99.1")  # the seed lists it; many filings include one
    assert {REPORT, EXHIBIT} & set(_relative(_hrefs(page, base_url), base_url))
    for query, expected in (("2.02", "2.02"), ("EX-99.1", "EX-99.1")):
        _search(page, base_url, query)
        excerpt = page.locator("[data-filings-search] .filings-search__excerpt mark").first
        expect(excerpt).to_have_text(re.compile(re.escape(expected), re.I))
        # a code is searched as written: "2.02" does not also match every date of the 2020s
        for text in page.locator("[data-filings-search] .filings-search__excerpt").all_inner_texts():
            assert expected.lower() in text.lower(), (query, text)
    watch.assert_clean()


def test_newest_and_oldest_first(watched, base_url):
    page, watch = watched
    _search(page, base_url, "press release")
    page.locator("[data-filings-filters]").click()
    dates = {}
    for order in ("date:desc", "date:asc"):
        page.locator("[data-filings-search] select[name=sort]").select_option(order)
        expect(page.locator(STATUS)).to_have_text(re.compile("matching document"))
        _hrefs(page, base_url)
        facts = page.locator("[data-filings-search] .filings-search__facts").all_inner_texts()
        dates[order] = [m.group(0) for f in facts if (m := re.search(r"\d{4}-\d\d-\d\d", f))]
        assert len(dates[order]) >= 3, facts
    assert dates["date:desc"] == sorted(dates["date:desc"], reverse=True)
    assert dates["date:asc"] == sorted(dates["date:asc"])
    assert dates["date:desc"][0] > dates["date:asc"][0]
    watch.assert_clean()


def test_the_search_loads_nothing_until_it_is_used(watched, base_url):
    page, watch = watched
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    assert not [u for u in fetched if "/search/" in u], fetched
    page.locator(BOX).click()
    page.wait_for_function("window.filingsSearch && window.filingsSearch.ready === true")
    # first use: the manifest alone (the index's chunks come with the words searched)
    assert [u.split("?")[0] for u in fetched if "/search/" in u] == [base_url + "search/manifest.json"], fetched
    watch.assert_clean()


def test_search_works_under_a_sub_path_and_from_the_404_page(browser, tmp_path_factory):
    """Published as a GitHub project page (https://USER.github.io/REPO/): the index, the script and
    every hit are found under the sub-path, also from the 404 page (whose links are absolute)."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from site_helpers import build_site

    site = build_site(tmp_path_factory.mktemp("subpath") / "site", "--site-url", "https://example.github.io/archive/")

    class UnderPrefix(SimpleHTTPRequestHandler):
        def translate_path(self, path):
            path = path.split("?", 1)[0]
            if not path.startswith("/archive/"):
                return str(site / ".missing")
            return super().translate_path("/" + path[len("/archive/"):])

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(UnderPrefix, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/archive/"
    context = browser.new_context()
    outside, errors = [], []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                  else (outside.append(route.request.url), route.abort()))
    context.on("weberror", lambda err: errors.append(str(err.error)))
    context.on("response", lambda res: res.status >= 400 and errors.append(res.url))
    try:
        page = context.new_page()
        for start in (base + "registrants/", base + "404.html"):
            page.goto(start)
            page.locator(BOX).click()
            page.locator(BOX).press_sequentially("Nill", delay=30)
            expect(page.locator(HITS).first).to_have_attribute("href", "/archive/" + REPORT)
        page.locator(HITS).first.click()
        expect(page).to_have_url(base + REPORT)
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert not outside, outside
    assert not errors, errors


def test_a_filing_changed_since_the_last_whole_index_is_found_by_its_new_text_once(browser, tmp_path_factory):
    """After a small change the index is the base plus a delta segment (builder/search/segments.py):
    the changed report is found by its new words, once (not also as it was), and sorting by date
    and filtering still see every page."""
    import json
    import shutil

    from site_helpers import REPO, build_site

    work = tmp_path_factory.mktemp("delta")
    filings = work / "filings"
    shutil.copytree(REPO / "filings", filings)
    env = {"FILINGS_CACHE_DIR": str(work / "cache")}
    site = build_site(work / "site", filings=filings, env=env)
    changed = filings / "aames-capital" / "0001011438-98-000429.txt"
    changed.write_bytes(changed.read_bytes().replace(b"CURRENT REPORT\n", b"CURRENT REPORT ZYZZYVA QUAGGA\n", 1))
    build_site(site, filings=filings, env=env)
    manifest = json.loads((site / "search" / "manifest.json").read_text())
    assert manifest.get("delta", {}).get("pages", 0) >= 1, "the second build wrote a delta segment"
    report = "filings/0001011438-98-000429/"

    server, base = _serve(site)
    context = browser.new_context()
    errors = []
    context.on("weberror", lambda err: errors.append(str(err.error)))
    context.on("response", lambda res: res.status >= 400 and errors.append(res.url))
    try:
        page = context.new_page()
        _search(page, base, "zyzzyva")
        assert _relative(_hrefs(page, base), base) == [report]
        _search(page, base, "Aames capital")
        hits = _relative(_hrefs(page, base), base)
        assert hits.count(report) == 1 and len(hits) == len(set(hits)), hits
        page.locator("[data-filings-filters]").click()
        _choose(page, "form", "8-K")
        expect(page.locator(STATUS)).to_have_text(re.compile("matching document"))
        assert report in _relative(_hrefs(page, base), base)
        page.locator("[data-filings-search] select[name=form]").select_option("")
        page.locator("[data-filings-search] select[name=sort]").select_option("date:desc")
        expect(page.locator(STATUS)).to_have_text(re.compile("matching document"))
        _search(page, base, "press release")
        page.locator("[data-filings-filters]").click()
        page.locator("[data-filings-search] select[name=sort]").select_option("date:asc")
        expect(page.locator(STATUS)).to_have_text(re.compile("matching document"))
        _hrefs(page, base)
        facts = page.locator("[data-filings-search] .filings-search__facts").all_inner_texts()
        dates = [m.group(0) for f in facts if (m := re.search(r"\d{4}-\d\d-\d\d", f))]
        assert len(dates) >= 3 and dates == sorted(dates), facts
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert not errors, errors


def _serve(site):
    """A threaded HTTP server of `site` on 127.0.0.1; (server, base URL)."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
