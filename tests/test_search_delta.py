"""The search index after a small change: the base kept, a delta segment of the changed pages
(builder/search/segments.py), read together as one index, finding what a whole index finds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import builder.search.segments as segments
from builder.search import FORMAT, SearchPage, build_index, page_order
from search_reader import SearchIndex
from test_search_build import BODY, _files, _site_pages, site  # noqa: F401 - `site`: the fixture (a copy of the sample site)


def _insert(site: Path, path: str, html: str) -> None:
    """Put `html` at the start of the page's search body."""
    target = site / path
    text = target.read_text(encoding="utf-8")
    opening = BODY.search(text)
    target.write_text(text[:opening.end()] + html + text[opening.end():], encoding="utf-8")


def _change_a_few(site: Path, pages: list[SearchPage]) -> tuple[list[SearchPage], dict[str, str]]:
    """Four changes: a page's text, a new dated page, a page gone, a page's date. Their URLs."""
    ordered = page_order(pages)
    middle, gone, redated = ordered[len(ordered) // 2], ordered[3], ordered[-1]
    _insert(site, middle.path, "<p>zyzzyva quagga</p>")
    (site / "added").mkdir()
    (site / "added" / "index.html").write_text(
        "<html><body><div data-search-body data-search-facts='{\"date\": \"2003-10-08\", \"form\": \"8-K\", "
        "\"kind\": \"report\", \"year\": \"2003\", \"items\": [\"12\"]}'><h1>Added report</h1>"
        "<p>quagga okapi 000-30229</p></div></body></html>", encoding="utf-8")
    changed = [p for p in pages if p.path not in (gone.path, redated.path)]
    changed += [SearchPage("added/index.html", "2003-10-08"), SearchPage(redated.path, "1999-12-31")]
    _insert(site, redated.path, "<p>redated</p>")
    urls = {name: "/" + p.path.removesuffix("index.html")
            for name, p in (("middle", middle), ("gone", gone), ("redated", redated))}
    return changed, {**urls, "added": "/added/"}


def test_a_small_change_writes_a_delta_that_finds_what_a_whole_index_finds(site, tmp_path):
    pages = _site_pages(site)
    first = build_index(site, pages, cache_dir=tmp_path / "cache")
    assert first.delta == 0 and "delta" not in SearchIndex(site).manifest
    changed, urls = _change_a_few(site, pages)

    stats = build_index(site, changed, cache_dir=tmp_path / "cache")
    assert stats.read == 3 and stats.delta == 3  # the text changed, the added page, the redated page
    merged = SearchIndex(site)
    assert merged.manifest["delta"]["pages"] == 3 and len(merged.removed) == 3  # changed, gone, redated
    whole_site = tmp_path / "whole"
    shutil.copytree(site, whole_site)
    again = build_index(whole_site, changed, cache_dir=tmp_path / "fresh-cache")
    assert again.delta == 0
    whole = SearchIndex(whole_site)
    assert "delta" not in whole.manifest

    # the same pages, in the same date order, with the same facts and filters
    assert [d.url for d in merged.docs] == [d.url for d in whole.docs]
    assert [d[1:] for d in map(_facts, merged.docs)] == [d[1:] for d in map(_facts, whole.docs)]
    assert [merged.dated(d.number) for d in merged.docs] == [whole.dated(d.number) for d in whole.docs]
    assert merged.filter_names == whole.filter_names
    for name in whole.filter_names:
        assert _by_url(merged, merged.filter(name)) == _by_url(whole, whole.filter(name)), name
    # every term finds the same pages (each page once)
    terms = whole.terms()
    assert merged.terms() == terms
    for term in terms:
        assert merged.pages_with(term) == whole.pages_with(term), term
        found = merged.postings(term)
        assert len(found.pages) == len(set(found.pages)), term
    assert merged.pages_with("zyzzyva") == {urls["middle"]}
    assert merged.pages_with("quagga") == {urls["middle"], urls["added"]}
    assert urls["gone"] not in merged.by_url and merged.pages_with("redated") == {urls["redated"]}
    assert merged.by_url[urls["redated"]].date == "" or merged.dated(merged.by_url[urls["redated"]].number)


def _facts(doc) -> tuple:
    return (doc.number, doc.url, doc.title, doc.registrant, doc.form, doc.date, doc.kind, doc.key, doc.fragment_count)


def _by_url(index: SearchIndex, values: dict[str, list[int]]) -> dict[str, set[str]]:
    return {value: {index.doc(n).site_url for n in numbers} for value, numbers in values.items()}


def test_each_build_writes_its_delta_against_the_base_not_the_last_build(site, tmp_path):
    """Two changes in two builds: the second delta holds both pages, and the first change's
    page is not in it twice."""
    pages = _site_pages(site)
    build_index(site, pages, cache_dir=tmp_path / "cache")
    ordered = page_order(pages)
    _insert(site, ordered[10].path, "<p>aardwolf</p>")
    assert build_index(site, pages, cache_dir=tmp_path / "cache").delta == 1
    _insert(site, ordered[20].path, "<p>binturong</p>")
    assert build_index(site, pages, cache_dir=tmp_path / "cache").delta == 2
    index = SearchIndex(site)
    assert index.pages_with("aardwolf") == {"/" + ordered[10].path.removesuffix("index.html")}
    assert index.pages_with("binturong") == {"/" + ordered[20].path.removesuffix("index.html")}
    assert [d.url for d in index.docs] == [p.path.removesuffix("index.html") for p in ordered]


def test_undoing_a_change_writes_no_delta(site, tmp_path):
    pages = _site_pages(site)
    build_index(site, pages, cache_dir=tmp_path / "cache")
    before = _files(site / "search")
    page = site / page_order(pages)[5].path
    original = page.read_bytes()
    _insert(site, page_order(pages)[5].path, "<p>aardwolf</p>")
    assert build_index(site, pages, cache_dir=tmp_path / "cache").delta == 1
    page.write_bytes(original)
    assert build_index(site, pages, cache_dir=tmp_path / "cache").delta == 0
    after = _files(site / "search")
    assert after == before


def test_more_changes_than_the_limit_write_the_index_whole_as_the_new_base(site, tmp_path, monkeypatch):
    pages = _site_pages(site)
    build_index(site, pages, cache_dir=tmp_path / "cache")
    monkeypatch.setattr(segments, "DELTA_PAGES", 2)
    monkeypatch.setattr(segments, "DELTA_SHARE", 0.0)
    ordered = page_order(pages)
    for page in ordered[:3]:
        _insert(site, page.path, "<p>aardwolf</p>")
    stats = build_index(site, pages, cache_dir=tmp_path / "cache")
    assert (stats.delta, stats.read) == (0, 3)
    index = SearchIndex(site)
    assert "delta" not in index.manifest and len(index.pages_with("aardwolf")) == 3
    _insert(site, ordered[4].path, "<p>binturong</p>")  # against the new base: one page
    assert build_index(site, pages, cache_dir=tmp_path / "cache").delta == 1
    assert len(SearchIndex(site).pages_with("aardwolf")) == 3


def test_a_base_the_cache_lost_part_of_is_written_whole(site, tmp_path):
    """A fragment of a base page deleted from the cache: the index is written whole (its pages
    read again), not left with a hole."""
    pages = _site_pages(site)
    build_index(site, pages, cache_dir=tmp_path / "cache")
    store = tmp_path / "cache" / "search" / f"v{FORMAT}"
    lost = next(store.glob("*/*.0.gz"))
    key = lost.name.split(".")[0]
    for file in store.glob(f"*/{key}.*"):
        file.unlink()
    _insert(site, page_order(pages)[0].path, "<p>aardwolf</p>")
    stats = build_index(site, pages, cache_dir=tmp_path / "cache")
    assert stats.delta == 0 and stats.read == 2
    index = SearchIndex(site)
    assert "delta" not in index.manifest and index.pages_with("aardwolf")
    assert all((site / "search" / "fragment" / d.key[:2] / f"{d.key}.{n}.gz").is_file()
               for d in index.docs for n in range(d.fragment_count))


def test_the_manifest_names_what_the_delta_replaces(site, tmp_path):
    pages = _site_pages(site)
    build_index(site, pages, cache_dir=tmp_path / "cache")
    base = json.loads((site / "search" / "manifest.json").read_text())
    ordered = page_order(pages)
    _insert(site, ordered[7].path, "<p>aardwolf</p>")
    build_index(site, pages, cache_dir=tmp_path / "cache")
    manifest = json.loads((site / "search" / "manifest.json").read_text())
    delta = manifest.pop("delta")
    assert manifest["id"] != base["id"] and manifest["pages"] == base["pages"] + 1
    assert {k: v for k, v in manifest.items() if k not in ("id", "pages")} == \
        {k: v for k, v in base.items() if k not in ("id", "pages")}
    # the page numbered 7 replaced by one just before it
    assert (delta["first"], delta["pages"], delta["removed"], delta["positions"], delta["dated"]) == \
        (base["pages"], 1, "7", "7", "1")
    assert 6 < SearchIndex(site).rank(base["pages"]) < 7


def test_two_sites_sharing_a_cache_keep_their_own_stamps_and_bases(site, tmp_path, monkeypatch):
    """`mkdocs serve` and `mkdocs build` of one archive make two sites (their pages differ) in one
    cache: building one does not make the other hash its pages again or write its index whole."""
    import builder.search as search

    other = tmp_path / "other"
    shutil.copytree(site, other)
    pages = _site_pages(site)
    for page in pages:
        _insert(other, page.path, "<p>served</p>")
    cache = tmp_path / "cache"
    build_index(site, pages, cache_dir=cache, base_dir=cache / "search-base" / "a")
    build_index(other, pages, cache_dir=cache, base_dir=cache / "search-base" / "b")
    hashed = []
    real = search._page_key
    monkeypatch.setattr(search, "_page_key", lambda path: hashed.append(path) or real(path))
    _insert(site, page_order(pages)[3].path, "<p>aardwolf</p>")
    again = build_index(site, pages, cache_dir=cache, base_dir=cache / "search-base" / "a")
    assert (again.read, again.delta) == (1, 1) and len(hashed) == 1
    assert build_index(other, pages, cache_dir=cache, base_dir=cache / "search-base" / "b").read == 0
    assert SearchIndex(other).pages_with("served") and not SearchIndex(other).pages_with("aardwolf")


def test_the_sweep_forgets_only_pages_no_site_uses(tmp_path):
    """Once the cache holds more than twice the pages in use (+1000), the pages neither this build
    nor another site's base uses are deleted, with their fragments; the others stay."""
    from builder.search import FORMAT, _sweep
    from builder.search.segments import Base

    store = tmp_path / "store"
    keys = [f"{k:020x}" for k in range(1300)]
    for key in keys:
        (store / key[:2]).mkdir(parents=True, exist_ok=True)
        (store / key[:2] / f"{key}.pkl").write_bytes(b"")
        (store / key[:2] / f"{key}.0.gz").write_bytes(b"")
    other = tmp_path / "bases" / "other" / f"v{FORMAT}"
    (tmp_path / "index" / "index").mkdir(parents=True)
    for name in ("docs", "filter"):
        (tmp_path / "index" / name).mkdir()
    Base.save(other, FORMAT, tmp_path / "index", {}, [("p/index.html", "", keys[1], 1)], 1.0)
    _sweep(store, {keys[0]}, [tmp_path / "bases" / "mine" / f"v{FORMAT}", other])
    left = sorted(p.name for p in store.rglob("*") if p.is_file())
    assert left == sorted(f"{key}.{ext}" for key in keys[:2] for ext in ("pkl", "0.gz"))
    _sweep(store, set(), [])  # 2 records: fewer than 1000, kept
    assert len(list(store.rglob("*.pkl"))) == 2


def test_pages_with_the_same_html_share_their_fragments_linked_once(tmp_path):
    """Many pages with one key (the same HTML): their fragments are linked once each, not by
    several threads at a time (which failed at 10,000 filings: "are the same file")."""
    from builder.search.segments import link_fragments

    store, site = tmp_path / "store", tmp_path / "site"
    key = "ab" + "0" * 18
    (store / "ab").mkdir(parents=True)
    for n in range(300):
        (store / "ab" / f"{key}.{n}.gz").write_bytes(b"%d" % n)
    link_fragments(store, [(key, 300)] * 40, site)
    linked = sorted((site / "ab").iterdir())
    assert len(linked) == 300 and all(p.stat().st_nlink == 2 for p in linked)
