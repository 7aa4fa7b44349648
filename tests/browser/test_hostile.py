"""The hostile site in a real headless Chromium: no filing's script ever runs, nothing loads from elsewhere.

The static audit (`test_hostile_site.py`) reads the built HTML with selectolax; here Chromium parses
it (so mutation-XSS tricks meet a real browser's parser), runs the theme's and the site's scripts,
and every `alert(...)` of the fixtures would open a dialog. Every page of the site is visited, the
DOM the browser built is checked (no handler attributes, no frames, no foreign scripts), hostile
words are typed into the search box, and any request to another host than the test server fails
the test.

Runs with the other browser tests (`make test-browser`), in the session's Chromium (one
Playwright session per run: two sync sessions in one process clash).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlsplit

import pytest
from fixtures.hostile.support import add_weird_files, cli_build, copy_filings

try:
    from playwright.sync_api import expect
except ImportError:  # conftest's autouse fixture skips every test with the reason
    expect = None

#: Evaluated in each page: what of the DOM the browser built could run code or load from elsewhere.
DOM_CHECK = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.toLowerCase().startsWith('on')) found.push(`${el.tagName} ${a.name}`);
      if (/^(href|src|action|formaction|xlink:href|data)$/i.test(a.name) &&
          /^\\s*(javascript|vbscript|data):/i.test(a.value)) found.push(`${el.tagName} ${a.name}=${a.value}`);
    }
  }
  for (const el of document.querySelectorAll('iframe, frame, object, embed, base, meta[http-equiv=refresh i], ' +
                                             'article form, article input, article button, article svg, article style'))
    found.push(el.outerHTML.slice(0, 80));
  for (const s of document.scripts) {
    const src = s.getAttribute('src');
    if (src && !/assets\\/javascripts\\/[\\w.-]+\\.js$/.test(src)) found.push('script ' + src);
    if (s.closest('article')) found.push('script in article');
  }
  return found;
}"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    work = tmp_path_factory.mktemp("hostile-browser")
    filings = copy_filings(work / "filings")
    add_weird_files(filings)
    result = cli_build(filings, work / "site", "--quiet", cache=work / "cache")
    assert result.returncode == 0, result.stderr
    # The server's log goes to a file: a pipe nobody reads fills up (64 KB of request lines) and
    # blocks the server in the middle of a response.
    log = (work / "http.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1",
                               "--directory", str(work / "site")], stdout=log, stderr=subprocess.STDOUT,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 15
    while "Serving HTTP" not in (work / "http.log").read_text() and time.monotonic() < deadline:
        time.sleep(0.05)  # "Serving HTTP on 127.0.0.1 port N (http://127.0.0.1:N/) ..."
    line = (work / "http.log").read_text()
    url = line.split("(", 1)[1].split(")", 1)[0]
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield work / "site", url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def browsing(served, browser):
    """(page, events, base url): one page in a fresh context of the session's Chromium; dialogs,
    script errors and foreign requests recorded."""
    site, base = served
    origin = urlsplit(base)
    events: dict[str, list[str]] = {"dialogs": [], "foreign": [], "errors": []}
    context = browser.new_context(service_workers="block")
    context.set_default_timeout(15_000)

    def route(route) -> None:
        url = urlsplit(route.request.url)
        if (url.hostname, url.port) == (origin.hostname, origin.port):
            route.continue_()
        else:
            events["foreign"].append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    page = context.new_page()

    def dialog(d) -> None:
        events["dialogs"].append(f"{page.url}: {d.type} {d.message!r}")
        d.dismiss()

    page.on("dialog", dialog)
    page.on("pageerror", lambda err: events["errors"].append(f"{page.url}: {err}"))
    try:
        yield page, events, base
    finally:
        context.close()


def test_no_page_runs_a_filings_script_or_loads_from_elsewhere(served, browsing):
    site, _ = served
    page, events, base = browsing
    urls = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html"))
    urls = [u.removeprefix("./") for u in urls]
    assert len(urls) > 40
    bad = []
    for url in urls:
        page.goto(base + url, wait_until="load")
        page.mouse.move(200, 300)  # a little interaction for onmouseover/onfocus-style payloads
        page.keyboard.press("Tab")
        bad += [f"{url}: {found}" for found in page.evaluate(DOM_CHECK)]
    page.wait_for_timeout(300)
    assert not events["dialogs"], events["dialogs"]
    assert not bad, bad[:20]
    assert not events["foreign"], events["foreign"][:20]
    assert not events["errors"], events["errors"][:20]


@pytest.mark.parametrize("query", ["onerror", "script", "javascript", "191919", "evil"])
def test_hostile_words_in_the_search_box_show_results_as_text(browsing, query):
    page, events, base = browsing
    page.goto(base, wait_until="load")
    page.wait_for_function("window.filingsSearch !== undefined")
    box = page.locator("header [data-filings-search] input[type=search]")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=20)
    # The search has answered (results or none) and shown them: what it shows is checked.
    expect(page.locator("[data-filings-search] [data-filings-status]")).to_have_text(
        re.compile(r"matching document|No matching"), timeout=20_000)
    expect(page.locator("[data-filings-search] .md-search-result__list[aria-busy]")).to_have_count(
        0, timeout=20_000)  # the results' excerpts are still loading (5 s was short on a busy CI machine)
    results = page.locator(".md-search-result__list")
    bad = page.evaluate(DOM_CHECK)
    assert not events["dialogs"], events["dialogs"]
    assert not bad, bad
    assert results.locator("img, svg, iframe, script, style, object, embed").count() == 0
    if query == "evil":  # the search works on this site: the hostile names are found, as text
        assert results.locator("li").count() > 0
        assert "EVIL" in results.inner_text()
    assert not events["foreign"], events["foreign"][:20]
