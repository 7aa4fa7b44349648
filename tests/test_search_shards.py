"""The search index in shards of bounded size (builder/search): the plan, the bundles, the cache."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from builder.search import SearchPage, build_index, plan_shards
from pagefind_reader import PagefindBundle


def test_shards_are_at_most_the_size_asked_as_even_as_can_be_newest_first():
    pages = [SearchPage(f"p{i}/index.html", f"20{i % 25:02d}-01-01") for i in range(103)]
    pages += [SearchPage(f"undated{i}/index.html") for i in range(7)]
    shards = plan_shards(pages, 40)
    assert [len(s) for s in shards] == [37, 37, 36]
    assert sorted(p for s in shards for p in s) == sorted(pages)
    flat = [p.date for s in shards for p in s]
    dated = [d for d in flat if d]
    assert dated == sorted(dated, reverse=True)
    assert flat[-7:] == [""] * 7  # undated pages last
    assert plan_shards([], 40) == []
    assert len(plan_shards(pages, 1000)) == 1


def _site_pages(site: Path) -> list[SearchPage]:
    """The pages of a built site that the theme marks for the search, with their dates."""
    found = []
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "data-pagefind-body" in html:
            date = re.search(r'data-pagefind-sort="date">([^<]*)<', html)
            found.append(SearchPage(page.relative_to(site).as_posix(), date.group(1) if date else ""))
    return found


@pytest.fixture
def site(sample_site, tmp_path) -> Path:
    built, _ = sample_site
    copy = tmp_path / "site"
    shutil.copytree(built, copy)
    return copy


def test_a_site_indexed_in_shards_finds_what_one_index_finds(site, tmp_path):
    pages = _site_pages(site)
    whole = PagefindBundle(site)  # the build's own index: one shard
    assert len(whole.shards) == 1
    words = ("sonus", "nill", "00030229", "ex991", "202")
    expected = {word: whole.pages_with(word) for word in words}
    urls = set(whole.fragments)
    stats = build_index(site, pages, max_pages=100, cache_dir=tmp_path / "cache")
    assert (stats.shards, stats.indexed) == (3, 3)
    assert stats.pages == len(pages) and sum(stats.shard_sizes) == len(pages)
    sharded = PagefindBundle(site)
    assert set(sharded.fragments) == urls
    for word in words:
        assert sharded.pages_with(word) == expected[word], word
    manifest = json.loads((site / "search" / "shards.json").read_text())
    assert [s["path"] for s in manifest["shards"]] == ["0/", "1/", "2/"]
    newest_first = [(s["newest"], s["oldest"]) for s in manifest["shards"]]
    for (_, oldest), (newest, _) in zip(newest_first, newest_first[1:]):
        assert not newest or newest <= oldest  # shard k+1 is older than shard k
    # only the primary shard carries Pagefind's script and WebAssembly
    assert (site / "search" / "0" / "pagefind.js").is_file()
    assert not (site / "search" / "1" / "pagefind.js").exists()
    assert not list((site / "search").rglob("pagefind-ui.js"))


def test_unchanged_shards_come_from_the_cache(site, tmp_path):
    pages = _site_pages(site)
    build_index(site, pages, max_pages=100, cache_dir=tmp_path / "cache")
    before = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "search").rglob("*") if p.is_file()}
    again = build_index(site, pages, max_pages=100, cache_dir=tmp_path / "cache")
    assert again.indexed == 0
    after = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "search").rglob("*") if p.is_file()}
    assert after == before
    # one page changes: its shard only is indexed again
    oldest = sorted(pages, key=lambda p: (p.date, p.path), reverse=True)[-1]
    target = site / oldest.path
    target.write_text(target.read_text(encoding="utf-8").replace("<div data-pagefind-body>", "<div data-pagefind-body><p>zyzzyva</p>", 1),
                      encoding="utf-8")
    changed = build_index(site, pages, max_pages=100, cache_dir=tmp_path / "cache")
    assert changed.indexed == 1
    assert PagefindBundle(site).pages_with("zyzzyva") == {"/" + oldest.path.removesuffix("index.html")}


def test_no_pages_gives_an_empty_manifest(tmp_path):
    (tmp_path / "site").mkdir()
    stats = build_index(tmp_path / "site", [], max_pages=10)
    assert stats.shards == 0
    assert json.loads((tmp_path / "site" / "search" / "shards.json").read_text())["shards"] == []
