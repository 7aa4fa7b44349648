"""Pages built on every core (builder/pagebuild.py) and reused from the page cache across builds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path


from conftest import REPO, project_config, seed_id


def _config(tmp: Path, filings: Path, *, workers: int, docs: Path | None = None) -> Path:
    """The project's mkdocs.yml with absolute paths, `workers` page processes from 10 pages up,
    and its caches under `tmp`."""
    return project_config(tmp / f"mkdocs-{workers}.yml", docs=docs, filings_dir=str(filings),
                          cache_dir=str(tmp / "cache"), workers=workers, parallel_from=10,
                          extra={"site_url": "https://example.org/archive/"})  # (a sitemap that lists the pages)


def _build(config: Path, site: Path, stats: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("FILINGS_WORKERS", "FILINGS_CACHE_DIR")}
    env.update(NO_MKDOCS_2_WARNING="1", FILINGS_BUILD_STATS=str(stats))
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
                          capture_output=True, text=True, cwd=config.parent, env=env)


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def test_pages_built_by_two_workers_are_the_pages_mkdocs_builds(tmp_path):
    one = _build(_config(tmp_path, REPO / "filings", workers=1), tmp_path / "one", tmp_path / "one.json")
    two = _build(_config(tmp_path, REPO / "filings", workers=2), tmp_path / "two", tmp_path / "two.json")
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    assert "WARNING" not in two.stderr, two.stderr
    stats = json.loads((tmp_path / "two.json").read_text())
    assert "pages" in stats and stats["pages_reused"] == 0  # the workers built them
    assert "pages" not in json.loads((tmp_path / "one.json").read_text())  # MkDocs did
    assert _pages(tmp_path / "two") == _pages(tmp_path / "one")
    assert (tmp_path / "two" / "sitemap.xml").read_bytes() == (tmp_path / "one" / "sitemap.xml").read_bytes()
    assert (tmp_path / "two" / "sitemap.xml").read_text().count("<loc>https://example.org/archive/") > 250
    assert stats["search_pages"] == json.loads((tmp_path / "one.json").read_text())["search_pages"]


def test_a_worker_page_with_a_bad_link_or_anchor_fails_a_strict_build(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "site_templates" / "docs", docs)
    (docs / "extra.md").write_text(
        f"# Extra\n\n[gone](nowhere.md) and [no such anchor](filings/{seed_id()}/index.md#no-such-item)\n",
        encoding="utf-8")
    result = _build(_config(tmp_path, REPO / "filings", workers=2, docs=docs), tmp_path / "site", tmp_path / "s.json")
    assert result.returncode != 0
    assert "nowhere.md" in result.stderr
    assert "does not contain an anchor '#no-such-item'" in result.stderr
    assert "Aborted with 3 warnings in strict mode" in result.stdout + result.stderr  # and extra.md is not in the nav


def test_after_one_filing_changes_only_its_pages_are_built_again(tmp_path):
    filings = tmp_path / "filings"
    shutil.copytree(REPO / "filings", filings)
    config = _config(tmp_path, filings, workers=2)
    first = _build(config, tmp_path / "site", tmp_path / "first.json")
    assert first.returncode == 0, first.stderr
    total = json.loads((tmp_path / "first.json").read_text())["search_pages"]

    (tmp_path / "site" / "stale.html").write_text("not built by the next build")
    again = _build(config, tmp_path / "site", tmp_path / "again.json")
    assert again.returncode == 0, again.stderr
    assert not (tmp_path / "site" / "stale.html").exists()  # the last site was set aside, then deleted:
    deadline = time.monotonic() + 60
    while list(tmp_path.glob(".site.old-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not list(tmp_path.glob(".site.old-*"))
    stats = json.loads((tmp_path / "again.json").read_text())
    assert stats["parsed"] == 0 and stats["pages_reused"] >= total and stats["search_read"] == 0

    # a filing with an accession number: its URLs stay (a bare document's id is a hash of its bytes)
    report = filings / "asta-funding" / "1001258_8K_2004_0001125282-04-000379.txt"
    report.write_bytes(report.read_bytes().replace(b"210 Sylvan Avenue", b"211 Sylvan Avenue"))
    changed = _build(config, tmp_path / "site", tmp_path / "changed.json")
    assert changed.returncode == 0, changed.stderr
    stats = json.loads((tmp_path / "changed.json").read_text())
    assert stats["parsed"] == 1
    built = stats["search_pages"] - stats["pages_reused"]
    assert 1 <= built <= 12, built  # the report, its exhibit, and the pages that list it
    assert 1 <= stats["search_read"] <= built  # the search reads again only the pages that changed
    html = (tmp_path / "site" / "filings" / "0001125282-04-000379" / "index.html").read_text(encoding="utf-8")
    assert "211 Sylvan Avenue" in html and "210 Sylvan Avenue" not in html


def test_after_a_filing_is_added_or_removed_only_the_pages_that_show_it_are_built_again(tmp_path):
    """The set of pages is not part of every page's key (builder.pagekeys): a filing added or
    removed builds again the pages whose Markdown changed and those linking to it, and the site is
    the site a fresh build makes."""
    filings = tmp_path / "filings"
    shutil.copytree(REPO / "filings", filings)
    held = filings / "asta-funding" / "1001258_8K_2004_0001125282-04-002113.txt"
    kept = held.read_bytes()
    held.unlink()
    config = _config(tmp_path, filings, workers=2)
    site = tmp_path / "site"
    assert _build(config, site, tmp_path / "1.json").returncode == 0

    def fresh(n: int) -> dict[str, bytes]:
        other = tmp_path / f"fresh-{n}"
        other.mkdir()
        assert _build(_config(other, filings, workers=2), other / "site", other / "s.json").returncode == 0
        return _tree(other / "site")

    for step, change in ((2, lambda: held.write_bytes(kept)), (3, held.unlink)):
        change()
        result = _build(config, site, tmp_path / f"{step}.json")
        assert result.returncode == 0, result.stderr
        stats = json.loads((tmp_path / f"{step}.json").read_text())
        built = stats["page_count"] - stats["pages_reused"]
        assert 3 <= built <= 40, built  # of about 260: its own, its registrant's, its neighbours', the lists
        assert (site / "filings" / "0001125282-04-002113").exists() == (step == 2)
        assert _tree(site) == fresh(step)


def test_a_page_is_built_again_when_a_page_it_links_to_comes_or_goes(tmp_path):
    """A page whose Markdown did not change is still built again when a link of it resolves
    differently: MkDocs rewrites a link to an existing page, and leaves one to a missing page."""
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "site_templates" / "docs", docs)
    (docs / "extra.md").write_text("# Extra\n\nSee [the notes](notes.md).\n", encoding="utf-8")
    config = _config(tmp_path, REPO / "filings", workers=2, docs=docs)
    site = tmp_path / "site"
    env = {k: v for k, v in os.environ.items() if k not in ("FILINGS_WORKERS", "FILINGS_CACHE_DIR")}

    def build(step: int) -> tuple[str, dict]:  # not strict: the link to a missing page is a warning
        env.update(NO_MKDOCS_2_WARNING="1", FILINGS_BUILD_STATS=str(tmp_path / f"{step}.json"))
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)],
                                capture_output=True, text=True, cwd=tmp_path, env=env)
        assert result.returncode == 0, result.stderr
        stats = json.loads((tmp_path / f"{step}.json").read_text())
        return (site / "extra" / "index.html").read_text(encoding="utf-8"), stats

    html, _ = build(1)
    assert 'href="notes.md"' in html
    (docs / "notes.md").write_text("# Notes\n", encoding="utf-8")
    html, stats = build(2)
    assert 'href="../notes/"' in html and 'href="notes.md"' not in html
    assert stats["page_count"] - stats["pages_reused"] == 2  # the notes, and the page linking to them
    (docs / "notes.md").unlink()
    html, stats = build(3)
    assert 'href="notes.md"' in html
    assert stats["page_count"] - stats["pages_reused"] == 1


def _tree(site: Path) -> dict[str, bytes]:
    """Every file of a site but its search index (a build with a cache writes changes to it as a
    segment of its own: builder.search.segments, tested in test_search_delta)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and p.relative_to(site).parts[0] != "search"}


def test_a_site_built_again_in_place_is_the_site_a_fresh_build_makes(tmp_path):
    """`mkdocs build` and `mkdocs serve` build into the last site: its pages and originals linked
    from the caches are put back and only checked; what changed, what is gone and what was never
    the build's must end as in a site built from nothing, and the caches must stay whole."""
    filings = tmp_path / "filings"
    shutil.copytree(REPO / "filings", filings)
    config = _config(tmp_path, filings, workers=2)
    site = tmp_path / "site"

    def fresh(n: int) -> dict[str, bytes]:
        other = tmp_path / f"fresh-{n}"
        other.mkdir()
        assert _build(_config(other, filings, workers=2), other / "site", other / "s.json").returncode == 0
        return _tree(other / "site")

    assert _build(config, site, tmp_path / "1.json").returncode == 0
    folder = (site / "registrants").stat().st_ino
    fragments = (site / "search" / "fragment").stat().st_ino
    report = filings / "asta-funding" / "1001258_8K_2004_0001125282-04-000379.txt"
    report.write_bytes(report.read_bytes().replace(b"210 Sylvan Avenue", b"211 Sylvan Avenue"))
    (site / "filings" / "stray.html").write_text("not the build's")
    (site / "search" / "stray.gz").write_text("not the build's")
    next((site / "search" / "fragment").iterdir()).joinpath("stray.0.gz").write_text("not the build's")
    (site / "assets" / "archive.css").write_text("changed in the site, not in the theme")
    again = _build(config, site, tmp_path / "2.json")
    assert again.returncode == 0, again.stderr
    stats = json.loads((tmp_path / "2.json").read_text())
    assert stats["pages_reused"] >= stats["search_pages"] - 12
    assert (site / "registrants").stat().st_ino == folder  # put back, not made again
    assert (site / "search" / "fragment").stat().st_ino == fragments  # the search's too
    assert _tree(site) == fresh(2)

    (filings / "asta-funding" / "1001258_8K_2004_0001125282-04-002113.txt").unlink()  # its pages go
    assert _build(config, site, tmp_path / "3.json").returncode == 0
    assert _tree(site) == fresh(3)
    assert not (site / "filings" / "0001125282-04-002113").exists()
    # the caches were not written through the links put back: a site built from them is the same
    third = tmp_path / "third"
    assert _build(config, third, tmp_path / "4.json").returncode == 0
    assert _tree(third) == _tree(site)
    # the search index built into the last one (its fragments kept, the unused ones deleted) is
    # the index built from nothing with the same caches (the same base and delta)
    assert _search_tree(site) == _search_tree(third)
    assert not (site / "search" / "stray.gz").exists()


def _search_tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "search").rglob("*") if p.is_file()}


def test_the_page_index_is_read_again_only_when_its_file_changed(tmp_path, monkeypatch):
    """`mkdocs serve` keeps the index it wrote or read (35,000 entries at 10,000 filings) instead of
    reading it at every rebuild, but never one that another build has replaced since."""
    import pickle

    import builder.pagebuild as pagebuild
    from builder.cache import store_entry

    pagebuild._save_index(tmp_path, {"a": ("result a",)})
    reads = []
    real = pickle.load
    monkeypatch.setattr(pagebuild.pickle, "load", lambda fh: reads.append(1) or real(fh))
    assert pagebuild._load_index(tmp_path) == {"a": ("result a",)}
    assert reads == []  # the one this process wrote
    store_entry(tmp_path / pagebuild.INDEX, pickle.dumps({"b": ("result b",)}))  # another build's
    assert pagebuild._load_index(tmp_path) == {"b": ("result b",)}
    assert pagebuild._load_index(tmp_path) == {"b": ("result b",)}
    assert reads == [1]


_WATCHED_BUILD = """
import json, sys
from mkdocs import utils
from mkdocs.__main__ import cli
import builder.pagebuild as pagebuild
import builder.plugin as plugin

taken_before = plugin.FilingsPlugin._take_search_pages
seen = []

def watching(self):  # in a page worker, after each page it builds
    built = [f for f in pagebuild._shared.taken if f.src_uri in built_here]
    held = [f.src_uri for f in built if f.page is not None and pagebuild._shared.inclusion[f.src_uri].is_not_in_nav()]
    with open(sys.argv[1], "a") as out:
        out.write(json.dumps([len(built_here), held, utils._norm_parts.cache_info().currsize]) + "\\n")
    return taken_before(self)

built_here = set()
populate = pagebuild.mkdocs_build._populate_page
def noting(page, config, files, dirty=False):
    built_here.add(page.file.src_uri)
    return populate(page, config, files, dirty)

pagebuild.mkdocs_build._populate_page = noting
plugin.FilingsPlugin._take_search_pages = watching
cli(sys.argv[2:])
"""


def test_a_page_worker_keeps_no_page_out_of_the_nav_once_built_nor_the_paths_of_earlier_chunks(tmp_path):
    config = _config(tmp_path, REPO / "filings", workers=2)
    log = tmp_path / "watched.jsonl"
    env = {k: v for k, v in os.environ.items() if k not in ("FILINGS_WORKERS", "FILINGS_CACHE_DIR")}
    env.update(NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-c", _WATCHED_BUILD, str(log), "build", "-q", "-f", str(config),
                             "-d", str(tmp_path / "site")], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    seen = [json.loads(line) for line in log.read_text().splitlines()]
    assert max(built for built, _, _ in seen) > 3 * 24  # a worker built pages of several chunks
    for built, held, paths in seen:
        assert len(held) <= 1  # at most the page just built, whose result is being taken
        assert paths <= 40 * 24  # MkDocs' cache of paths holds this chunk's, not every page's


def test_workers_replaced_after_each_chunk_build_the_pages_mkdocs_builds_and_note_each_page_once(tmp_path):
    one = _build(_config(tmp_path, REPO / "filings", workers=1), tmp_path / "one", tmp_path / "one.json")
    assert one.returncode == 0, one.stderr
    env = {k: v for k, v in os.environ.items() if k not in ("FILINGS_WORKERS", "FILINGS_CACHE_DIR")}
    env.update(NO_MKDOCS_2_WARNING="1", FILINGS_BUILD_STATS=str(tmp_path / "replaced.json"))
    code = "import sys, builder.pagebuild as p; p.WORKER_CHUNKS = 1; from mkdocs.__main__ import cli; cli(sys.argv[1:])"
    replaced = subprocess.run([sys.executable, "-c", code, "build", "--strict", "-f",
                               str(_config(tmp_path, REPO / "filings", workers=2)), "-d", str(tmp_path / "replaced")],
                              capture_output=True, text=True, cwd=tmp_path, env=env)
    assert replaced.returncode == 0, replaced.stderr
    stats = json.loads((tmp_path / "replaced.json").read_text())
    assert stats["pages_reused"] == 0 and stats["page_count"] > 5 * 24  # many workers, one after the other
    assert _pages(tmp_path / "replaced") == _pages(tmp_path / "one")
    # a worker forked late starts with what the build noted so far: it hands back its own pages only
    assert stats["search_pages"] == json.loads((tmp_path / "one.json").read_text())["search_pages"]


def test_page_results_keep_their_strings_in_one_and_give_them_back_whole():
    from builder.pagekeys import strings, unpack
    for items in (["item-2-02", "text-item-2-02", "f-a b"], [], ["one"], ["", "x"], ["a\0b", "c"]):
        assert list(unpack(strings(items))) == items
    assert strings(["a", "b"]) == "a\0b"  # one object, not one per string
    assert isinstance(strings(["a\0b", "c"]), tuple) and isinstance(strings(["", "x"]), tuple)


def test_every_class_the_page_index_keeps_is_defined_in_code_the_page_keys_hash(tmp_path):
    """A page of the cache is reused while its key is the same; its key hashes the code of
    `pagekeys._MODULES`. A class pickled in the index from a module outside them could change
    (a field renamed, slots added) while the keys stay: the index would then load wrong objects."""
    import pickle

    from builder.pagekeys import _MODULES

    result = _build(_config(tmp_path, REPO / "filings", workers=2), tmp_path / "site", tmp_path / "stats.json")
    assert result.returncode == 0, result.stderr
    (index,) = (tmp_path / "cache" / "pages").glob("*/index.pickle")
    modules: set[str] = set()

    class Noting(pickle.Unpickler):
        def find_class(self, module, name):
            modules.add(module)
            return super().find_class(module, name)

    with open(index, "rb") as fh:
        assert Noting(fh).load()
    ours = {m for m in modules if m.startswith("builder.")}
    assert {"builder.pagekeys", "builder.search"} <= ours
    hashed = {"builder." + name.replace("/__init__", "").replace("/", ".") for name in _MODULES}
    assert ours <= hashed, ours - hashed


def test_the_sitemap_entries_of_pages_let_go_of_are_the_urls_mkdocs_pages_have():
    from types import SimpleNamespace

    from mkdocs.structure.pages import Page

    from builder.pagebuild import _Base, _Listed

    urls = ["", "./", ".", "filings/0001-23-000001/", "filings/x/ex-99.1/", "registrants/a-z/v/index.html",
            "a%20b/c~d/", "../up/", "./here/", "a/./b/", "a/../b/", "q?x=1", "f#frag", "p;param", "a//b/",
            ".hidden/", "x:y/", "//host/path", "é/"]
    for site_url in ["https://example.org/archive/", "https://example.org/archive", "https://example.org",
                     "http://127.0.0.1:8000/sub/", "", None, "https://example.org/a?b=c"]:
        for url in urls:
            file = SimpleNamespace(url=url)
            expected = SimpleNamespace(file=file, url=Page.url.fget(SimpleNamespace(file=file)))
            Page._set_canonical_url(expected, site_url)
            listed = _Listed(file, site_url, "2024-01-01", _Base.of(site_url))
            assert (listed.canonical_url, listed.abs_url) == (expected.canonical_url, expected.abs_url), (site_url, url)
            assert not listed.is_link and listed.update_date == "2024-01-01"


_DYING_BUILD = """
import os, sys
import builder.pagebuild as pagebuild
from mkdocs.__main__ import cli

real = pagebuild._build_chunk
dies = sys.argv.pop(1)  # "chunk": dies on its chunk once (the first worker); "page": on its page always

def dying(indexes):  # in a page worker
    sources = [pagebuild._shared.taken[i].src_uri for i in indexes]
    if os.environ["DIES_ON"] in sources and (dies == "page" or len(indexes) > 1):
        os._exit(9)
    return real(indexes)

pagebuild._build_chunk = dying
cli(sys.argv[1:])
"""


def test_a_page_worker_that_dies_costs_nothing_when_its_pages_build_again_one_at_a_time(tmp_path):
    one = _build(_config(tmp_path, REPO / "filings", workers=1), tmp_path / "one", tmp_path / "one.json")
    assert one.returncode == 0, one.stderr
    env = {k: v for k, v in os.environ.items() if k not in ("FILINGS_WORKERS", "FILINGS_CACHE_DIR")}
    env.update(NO_MKDOCS_2_WARNING="1", DIES_ON=f"filings/{seed_id()}/index.md")
    config = str(_config(tmp_path, REPO / "filings", workers=2))
    chunk = subprocess.run([sys.executable, "-c", _DYING_BUILD, "chunk", "build", "--strict", "-f", config,
                            "-d", str(tmp_path / "chunk")], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    assert chunk.returncode == 0, chunk.stderr
    assert _pages(tmp_path / "chunk") == _pages(tmp_path / "one")
    shutil.rmtree(tmp_path / "cache")
    page = subprocess.run([sys.executable, "-c", _DYING_BUILD, "page", "build", "-f", config,
                           "-d", str(tmp_path / "page")], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    assert page.returncode == 0, page.stderr  # the build goes on ...
    assert f"ERROR   -  filings: the page {env['DIES_ON']} was not built: its worker ended with exit code 9" in page.stderr
    built, expected = _pages(tmp_path / "page"), _pages(tmp_path / "one")
    assert set(expected) - set(built) == {f"filings/{seed_id()}/index.html"}  # ... without that page only
    assert all(built[p] == expected[p] for p in built)
