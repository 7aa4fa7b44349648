"""Published under a sub-path (a GitHub project page): every link and asset resolves under it."""

from __future__ import annotations

import functools
import threading
import urllib.error
import urllib.request
from contextlib import contextmanager
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from conftest import seed_id
from site_helpers import build_site

SITE_URL = "https://example.github.io/archive/"
PREFIX = "/archive/"


class _UnderPrefix(SimpleHTTPRequestHandler):
    """Serves the site folder at /archive/ and nothing else (404 outside it), quietly."""

    def translate_path(self, path: str) -> str:
        url_path = urlsplit(path).path
        if not url_path.startswith(PREFIX):
            return str(Path(self.directory) / ".outside-the-prefix" / "missing")
        return super().translate_path("/" + url_path[len(PREFIX):])

    def log_message(self, format, *args) -> None:  # noqa: A002
        pass


@contextmanager
def _serve_under_prefix(site: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_UnderPrefix, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


class _Refs(HTMLParser):
    """Every href, src and srcset URL of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if not value:
                continue
            if name in ("href", "src"):
                self.refs.append(value)
            elif name == "srcset":
                self.refs.extend(part.strip().split()[0] for part in value.split(",") if part.strip())


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200, url
        return response.read().decode("utf-8")


def test_links_and_assets_resolve_under_a_sub_path_site_url(tmp_path):
    site = build_site(tmp_path / "site", "--site-url", SITE_URL)
    pages = ["", "registrants/sonus-networks-inc/", f"filings/{seed_id()}/", f"filings/{seed_id()}/ex-99-1/",
             "404.html"]
    with _serve_under_prefix(site) as base:
        origin = urlsplit(base)
        assert _status(base.replace(PREFIX, "/")) == 404  # the server really serves only /archive/
        checked: dict[str, int] = {}
        broken: list[str] = []
        for page in pages:
            page_url = base + page
            parser = _Refs()
            parser.feed(_get(page_url))
            assert parser.refs, page_url
            for ref in parser.refs:
                target = urljoin(page_url, ref)
                if target.startswith(SITE_URL):  # canonical links and the like: the published site
                    target = base + target[len(SITE_URL):]
                parts = urlsplit(target)
                if parts.scheme not in ("http", "https") or (parts.hostname, parts.port) != (
                        origin.hostname, origin.port):
                    continue  # another site (or mailto:, data:): not part of this one
                target = parts._replace(fragment="").geturl()
                if not unquote(parts.path).startswith(PREFIX):
                    broken.append(f"{page_url}: {ref} leaves {PREFIX}")
                    continue
                if target not in checked:
                    checked[target] = _status(target)
                if checked[target] != 200:
                    broken.append(f"{page_url}: {ref} -> HTTP {checked[target]}")
        assert not broken, "\n".join(broken)
        assert len(checked) > 20, checked  # the pages' nav, assets and cross links were all checked
