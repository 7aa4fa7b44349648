"""Browser tests: the sample site built once, served on 127.0.0.1, driven in a real headless Chromium.

Needs the `playwright` package (the `[browser]` extra) and a Chromium at $CHROMIUM (default
/usr/bin/chromium, Debian's `chromium` package); Playwright's own browser downloads are never used.
Without them the tests are skipped with the reason; REQUIRE_BROWSER=1 (`make test-browser`) turns
that skip into a failure, and SKIP_BROWSER=1 (`make test`) skips them even when they could run.
Screenshots go to a temporary folder, or to docs/images/ with UPDATE_SCREENSHOTS=1.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_helpers import REPO, build_site, free_port

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # A safety net under the request routing below: no host name resolves, so nothing can leave.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
VIEWPORT = {"width": 1280, "height": 900}
SCREENSHOT_MAX_BYTES = 300_000


def _missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (`make test-browser` installs the [browser] extra)"
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM} (`make test-browser` installs Debian's chromium with apt-get)"
    return None


@pytest.fixture(scope="session", autouse=True)
def _browser_available() -> None:
    missing = _missing()
    if os.environ.get("REQUIRE_BROWSER") == "1":
        if missing:
            pytest.fail(f"REQUIRE_BROWSER=1 but {missing}", pytrace=False)
        return
    if os.environ.get("SKIP_BROWSER") == "1":
        pytest.skip("SKIP_BROWSER=1: `make test` leaves the browser tests to `make test-browser`"
                    + (f"; besides, {missing}" if missing else ""))
    if missing:
        pytest.skip(missing)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The sample archive built once with `python -m builder build filings --out ...`."""
    return build_site(tmp_path_factory.mktemp("browser") / "site")


@pytest.fixture(scope="session")
def base_url(site: Path, tmp_path_factory):
    """`python -m http.server` serving the site on 127.0.0.1 on a free port; stopped at the end."""
    log = (tmp_path_factory.mktemp("server") / "http.log").open("w")
    for _ in range(5):  # the free port may be taken between looking and binding: try another
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
            stdout=log, stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}/"
        if _wait_until_up(url, server):
            break
        server.kill()
        server.wait()
    else:
        pytest.fail(f"http.server did not start; see {log.name}")
    try:
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _wait_until_up(url: str, server: subprocess.Popen, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status == 200
        except OSError:
            time.sleep(0.1)
    return False


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, through Playwright (a fresh temporary profile)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Watch:
    """What happened in one browser context that a clean site never does."""

    origin: str
    visited: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        """No request left 127.0.0.1, and no visited page had a console error, a script error or a failed load."""
        assert self.visited, "no page was visited"
        assert not self.foreign, "requests to other hosts than 127.0.0.1:\n" + "\n".join(self.foreign)
        assert not self.errors, "errors on the pages visited:\n" + "\n".join(self.errors)


@pytest.fixture
def watched(browser, base_url):
    """(page, watch): a new 1280x900 page whose every request is routed: those to the test server go
    through, any other is recorded and aborted; console errors, script errors, failed requests and
    HTTP errors are recorded with the page they happened on. Call `watch.assert_clean()` at the end."""
    origin = urlsplit(base_url)
    watch = Watch(origin=base_url)
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    context.set_default_timeout(15_000)

    def route(route) -> None:
        url = urlsplit(route.request.url)
        if url.scheme in ("http", "https") and (url.hostname, url.port) == (origin.hostname, origin.port):
            route.continue_()
        else:
            watch.foreign.append(route.request.url)
            route.abort("blockedbyclient")

    def where(page) -> str:
        return page.url if page is not None else "(a worker)"

    context.route("**/*", route)
    context.on("console", lambda msg: msg.type == "error" and watch.errors.append(
        f"{where(msg.page)}: console error: {msg.text} ({msg.location.get('url', '')})"))
    context.on("weberror", lambda err: watch.errors.append(f"{where(err.page)}: script error: {err.error}"))
    def failed(request) -> None:
        # ERR_ABORTED: cancelled because the page was left (a click on a link) before it loaded
        if request.url not in watch.foreign and request.failure != "net::ERR_ABORTED":
            watch.errors.append(f"request failed: {request.url} ({request.failure})")

    context.on("requestfailed", failed)
    context.on("response", lambda res: res.status >= 400 and watch.errors.append(
        f"HTTP {res.status}: {res.url}"))
    page = context.new_page()
    page.on("framenavigated", lambda frame: frame == page.main_frame and watch.visited.append(frame.url))
    try:
        yield page, watch
    finally:
        context.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """Where screenshots go: docs/images/ with UPDATE_SCREENSHOTS=1, else a temporary folder."""
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        folder = REPO / "docs" / "images"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path_factory.mktemp("screenshots")


def screenshot(page, folder: Path, name: str) -> Path:
    """The viewport (1280x900) as `folder/name.png`, once nothing is loading; under 300 KB."""
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), animations="disabled", caret="hide")
    size = path.stat().st_size
    assert size < SCREENSHOT_MAX_BYTES, f"{path} is {size} bytes"
    return path
