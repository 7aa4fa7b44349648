"""Document bodies kept out of Markdown: with the render cache, a filing's Markdown carries a
placeholder for each body (builder/render/filing_pages.py, `body`), and the `filings` plugin puts
the body in after Markdown (`on_page_content`), with its anchors. The built site is the one built
without the cache, links into the bodies validate, and the cache keeps the bodies its pages show."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from builder.plugin import FilingsPlugin
from builder.render import RenderStore
from builder.render.placeholders import BODY_MARK, anchor_ids, fill_bodies
from conftest import REPO, project_config
from search_reader import SearchIndex

CHANGED = "sonus-networks/004_edb917d2bca7005c.txt"


def _config(tmp: Path, filings: Path, *, cache: Path | None, workers: int = 1) -> Path:
    """The project's mkdocs.yml with absolute paths, the caches in `cache` (None: no cache), and
    `workers` page processes from 10 pages up."""
    return project_config(tmp / f"mkdocs-{'cache' if cache else 'none'}-{workers}.yml", filings_dir=str(filings),
                          cache_dir=str(cache) if cache else "", workers=workers, parallel_from=10)


def _build(config: Path, site: Path) -> str:
    """`mkdocs build --strict` (not quiet: anchor warnings are logged at WARNING); its log."""
    env = {k: v for k, v in os.environ.items() if k not in ("FILINGS_WORKERS", "FILINGS_CACHE_DIR")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
                            capture_output=True, text=True, cwd=config.parent, env=env)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "WARNING" not in log, log
    return log


def _site(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _differences(site: Path, other: Path) -> list[str]:
    """The files of two sites that are not the same (or in one only), by path: [] if the sites are
    byte-identical (a failure names the files, not pages of bytes)."""
    mine, theirs = _site(site), _site(other)
    return sorted(path for path in mine.keys() | theirs.keys() if mine.get(path) != theirs.get(path))


def _pages(site: Path) -> dict[str, bytes]:
    """The site's files but its search index."""
    return {path: data for path, data in _site(site).items() if not path.startswith("search/")}


def _found(site: Path) -> tuple[list[str], dict[str, set[str]]]:
    """What the site's search index holds: its pages in date order, the pages of a few words."""
    index = SearchIndex(site)
    return [doc.url for doc in index.docs], {word: index.pages_with(word) for word in ("nil", "nill", "sonus", "8-k")}


def _manifest(cache: Path) -> tuple[RenderStore, dict]:
    """The render cache (as its manifest left it) and its manifest's filings (id → (key, [(path, Stored)]))."""
    [manifest] = (cache / "render").glob("*/manifest.pickle")
    store = RenderStore.open(manifest.parent, REPO / "site_templates")
    assert store.previous, "the manifest was not read"
    return store, store.previous


def _html_path(page: str) -> str:
    """The built HTML of a page of the site (directory URLs)."""
    stem = page.removesuffix(".md")
    return f"{stem.removesuffix('index')}index.html" if stem.endswith("index") else f"{stem}/index.html"


def _bodies(cache: Path) -> list[tuple[str, str, tuple[str, Path, str | None]]]:
    """(page, its Markdown, a body it shows: (its key, the file it is in, its text)) for every body
    of every filing in the cache."""
    store, filings = _manifest(cache)
    found = []
    for _, files in filings.values():
        for path, (key, _, bodies) in files:
            for body in bodies:
                markdown = store.read_text(key)
                held = store.located(body)[0] if store.located(body) else store.path(body)
                found.append((path, markdown, (body, Path(held), store.read_text(body))))
    return found


def _assert_every_body_is_in_its_page(cache: Path, site: Path) -> None:
    bodies = _bodies(cache)
    assert len(bodies) > 50
    for page, markdown, (key, held, text) in bodies:
        assert held.is_file() and text is not None, (page, held)
        assert key in markdown and 'class="filing-html"' not in markdown and 'class="filing-text"' not in markdown
        html = (site / _html_path(page)).read_text(encoding="utf-8")
        assert text in html, page
        assert BODY_MARK not in html, page


@pytest.mark.parametrize("workers", [1, 2])
def test_the_markdown_holds_placeholders_and_the_built_pages_the_bodies_as_without_the_cache(tmp_path, workers):
    cache = tmp_path / "cache"
    _build(_config(tmp_path, REPO / "filings", cache=cache, workers=workers), tmp_path / "cached")
    _assert_every_body_is_in_its_page(cache, tmp_path / "cached")
    _build(_config(tmp_path, REPO / "filings", cache=None), tmp_path / "inline")
    assert _differences(tmp_path / "cached", tmp_path / "inline") == []


def test_links_into_a_body_validate_with_the_anchors_of_the_body(tmp_path):
    """The Items list links to `#text-item-...` in `<pre>` text bodies: anchors MkDocs no longer
    sees in the Markdown. Without the plugin adding them, --strict fails."""
    cache = tmp_path / "cache"
    config = _config(tmp_path, REPO / "filings", cache=cache)
    _build(config, tmp_path / "site")  # strict, no warning
    linked = [(page, markdown) for page, markdown, _ in _bodies(cache) if "(#text-item-" in markdown]
    assert linked and not [m for _, m in linked if 'id="text-item-' in m]

    shutil.rmtree(cache)  # the pages are built again, without the bodies' anchors
    env = {k: v for k, v in os.environ.items() if k not in ("FILINGS_WORKERS", "FILINGS_CACHE_DIR")}
    code = (f"import builder.render.placeholders as p, sys; p.anchor_ids = lambda bodies: set(); "
            f"from mkdocs.__main__ import cli; sys.argv = ['mkdocs', 'build', '--strict', '-f', {str(config)!r}, "
            f"'-d', {str(tmp_path / 'broken')!r}]; cli()")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                            env={**env, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    assert "contains a link '#text-item-" in result.stderr


def test_a_build_from_the_cache_keeps_the_bodies_its_pages_show(archive_dir, tmp_path):
    """Filings whose pages come from the manifest (nothing rendered) still use their bodies: the
    next build does not delete them, and every placeholder is filled, unchanged or one filing changed."""
    cache = tmp_path / "cache"
    config = _config(tmp_path, archive_dir, cache=cache)
    for site in ("first", "same"):
        _build(config, tmp_path / site)
        _assert_every_body_is_in_its_page(cache, tmp_path / site)
    assert _differences(tmp_path / "same", tmp_path / "first") == []
    changed = archive_dir / CHANGED
    changed.write_bytes(changed.read_bytes().replace(b"Stephen J. Nill", b"Stephen J. Nil"))
    for site in ("changed", "again"):
        _build(config, tmp_path / site)
        _assert_every_body_is_in_its_page(cache, tmp_path / site)
    _build(_config(tmp_path, archive_dir, cache=None), tmp_path / "inline")
    assert _differences(tmp_path / "again", tmp_path / "changed") == []
    # the search index of a changed archive is the base plus a delta segment (builder.search.segments):
    # other files than a whole index's, that find the same
    assert _pages(tmp_path / "changed") == _pages(tmp_path / "inline")
    assert "delta" in SearchIndex(tmp_path / "changed").manifest
    assert _found(tmp_path / "changed") == _found(tmp_path / "inline")


def test_a_body_gone_from_the_cache_is_rendered_again(tmp_path):
    cache = tmp_path / "cache"
    config = _config(tmp_path, REPO / "filings", cache=cache, workers=2)
    _build(config, tmp_path / "first")
    _, _, (_, body, _) = _bodies(cache)[0]
    body.unlink()  # its pack: the pages of its filing go with it
    _build(config, tmp_path / "second")
    assert body.is_file()
    _assert_every_body_is_in_its_page(cache, tmp_path / "second")
    assert _differences(tmp_path / "second", tmp_path / "first") == []


def _placeholder(key: str) -> str:
    return f'<div class="filing-body-missing" data-filing-body="{key}" markdown="0">missing</div>'


def test_a_placeholder_whose_body_is_missing_stays_a_notice_with_a_warning(tmp_path, caplog):
    there, gone = "a" * 40, "b" * 40
    (tmp_path / "aa").mkdir()
    (tmp_path / "aa" / there).write_text('<div class="filing-text"><pre><a id="text-item-1"></a>x</pre></div>')
    plugin = FilingsPlugin()
    plugin.render_store = RenderStore(tmp_path)
    page = SimpleNamespace(present_anchor_ids={"top"}, file=SimpleNamespace(src_uri="filings/x/index.md"))
    html = f"<h2>Text</h2>\n{_placeholder(there)}\n<p>and</p>\n{_placeholder(gone)}\n"
    with caplog.at_level("WARNING"):
        out = plugin.on_page_content(html, page=page, config=None, files=None)
    assert out == f'<h2>Text</h2>\n{(tmp_path / "aa" / there).read_text()}\n<p>and</p>\n{_placeholder(gone)}\n'
    assert page.present_anchor_ids == {"top", "text-item-1"}
    assert page.uncached  # not kept by the page cache: built again (and the body rendered again) next time
    assert [r.levelname for r in caplog.records] == ["WARNING"] and gone in caplog.records[0].getMessage()


def test_only_exact_placeholders_are_filled_and_each_body_once():
    key = "c" * 40
    body = f"<p>{_placeholder(key)}</p>"  # a body holding what looks like a placeholder is not searched again
    html = f"{_placeholder(key)}\n&lt;div class=&quot;filing-body-missing&quot; data-filing-body=&quot;{key}&quot;&gt;"
    out, filled, missing = fill_bodies(html, lambda k: body)
    assert out.startswith(body + "\n&lt;div") and filled == [body] and not missing
    assert fill_bodies(_placeholder("d" * 39), lambda k: body)[1] == []


def test_the_anchors_of_a_body_are_the_ones_mkdocs_finds_in_raw_html():
    from mkdocs.structure.pages import _HTMLHandler

    body = ('<div class="filing-html" markdown="0">\n<p id="p1" title="a > b id=no">x id="no"</p>'
            '<a NAME="n&amp;1">a</a><span name="not-an-anchor"></span><IMG ID=\'up\' src="x.png"/>\n'
            '<pre><a id="text-item-2-02"></a>ITEM 2.02 &lt;a id="no"&gt;</pre></div>')
    parser = _HTMLHandler()
    parser.feed(body)
    parser.close()
    assert anchor_ids([body]) == parser.present_anchor_ids == {"p1", "n&1", "up", "text-item-2-02"}
