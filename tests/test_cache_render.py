"""The render cache (builder/render/store.py) and the filings' pages on two cores (builder/render/site.py):
a build renders only the pages whose inputs changed, and what it hands over is exactly what a
build without the cache renders."""

from __future__ import annotations

import gzip
import os
import pickle
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import jinja2
import pytest

import builder.render.site as site
from builder.cache import ParseCache
from builder.model.filing import facts_digest
from builder.pipeline import load_archive
from builder.render import RenderStore, render_site
import builder.render.originals as originals_module
from builder.render.originals import COMPRESSED, compress_file, compressed_bytes
from builder.render.placeholders import BODY_MARK, fill_bodies
from builder.render.pages import Pages
from conftest import REPO
from render_support import build_site

SAMPLE = REPO / "filings"
TEMPLATES = REPO / "site_templates"


def _build(filings: Path, cache: Path, **options):
    """Load (parse cache) and render (render cache) as the plugin does: (archive, files, store)."""
    parse = ParseCache(cache, filings)
    archive = load_archive(filings, cache=parse, jobs=1)
    store = RenderStore.open(cache / "render", TEMPLATES, parse.digests, parse.facts)
    files = render_site(archive, TEMPLATES, filings_dir=filings, store=store, **options)
    return archive, files, store


def test_rendering_lets_go_of_the_texts_it_read_from_the_parse_cache(tmp_path):
    archive, files, store = _build(SAMPLE, tmp_path / "cache")
    refs = [d.text_ref for f in archive.filings for d in f.documents if d.text_ref is not None]
    assert len(refs) > 50 and store.rendered
    assert all(ref.texts._texts is None for ref in refs)  # read to render, then forgotten
    assert all(isinstance(ref.read(), str) for ref in refs)  # and still there to be read again


def _contents(files) -> dict[str, str | bytes]:
    """The generated files by path, the bodies a page shows put in its placeholders (as the plugin
    does after Markdown), so that pages from the cache compare with pages rendered without it."""
    contents = {}
    for g in files:
        content = g.content
        if isinstance(content, str) and BODY_MARK in content:
            content, _, missing = fill_bodies(content, _stored(g.source.rsplit("/", 2)[0]).read_text)
            assert not missing
        contents[g.path] = content
    return contents


def _stored(root: str) -> RenderStore:
    """The render cache in `root` as its manifest left it (what the plugin reads bodies with)."""
    with open(Path(root, "manifest.pickle"), "rb") as fh:
        return RenderStore(Path(root), spans=pickle.load(fh)["spans"])


def _held(g) -> str:
    """The file a generated file's content is in: its pack, or its own."""
    return g.span[0] if g.span is not None else g.source


def _uncached(filings: Path) -> dict[str, str | bytes]:
    return _contents(render_site(load_archive(filings, jobs=1), TEMPLATES, filings_dir=filings))


def _folder(archive, source: str) -> str:
    filing = next(f for f in archive.filings if f.source == source)
    return f"filings/{filing.id}/"


def test_a_second_build_renders_no_page_again(archive_dir, tmp_path):
    _, first, store = _build(archive_dir, tmp_path / "cache")
    assert store.rendered > 200 and store.reused == 0
    _, second, store = _build(archive_dir, tmp_path / "cache")
    assert store.rendered == 0
    assert _contents(second) == _contents(first) == _uncached(archive_dir)
    assert all(g.source is not None for g in second)  # handed over as files, not held in memory


def test_changing_one_filing_renders_only_its_pages_again(archive_dir, tmp_path):
    _, first, _ = _build(archive_dir, tmp_path / "cache")
    before = {g.path: g.source for g in first}
    changed = archive_dir / "sonus-networks" / "004_edb917d2bca7005c.txt"
    changed.write_bytes(changed.read_bytes().replace(b"Stephen J. Nill", b"Stephen J. Nil"))
    archive, second, store = _build(archive_dir, tmp_path / "cache")
    again = sorted(g.path for g in second if g.source != before.get(g.path))
    folder = _folder(archive, "sonus-networks/004_edb917d2bca7005c.txt")
    assert f"{folder}index.md" in again
    assert [p for p in again if p.startswith("filings/") and "/" in p[len("filings/"):]
            and not p.startswith(folder)] == []  # no other filing's page
    assert store.rendered <= len([p for p in again if p.endswith(".md")])
    assert "Stephen J. Nil" in _contents(second)[f"{folder}index.md"]
    assert _contents(second) == _uncached(archive_dir)


AAMES = "aames-capital/0001011438-98-000429.txt"


def _index_sources(files) -> dict[str, str]:
    """The store file of each index page (every page outside a filing's folder)."""
    return {g.path: g.source for g in files if not g.path.startswith("filings/") or g.path.count("/") == 1}


def test_a_change_to_the_words_of_a_filing_keeps_the_index_pages_and_renders_its_own(archive_dir, tmp_path):
    archive, first, _ = _build(archive_dir, tmp_path / "cache")
    before = next(f for f in archive.filings if f.source == AAMES)
    changed = archive_dir / AAMES
    changed.write_bytes(changed.read_bytes().replace(b"(a)      Not applicable.", b"(a)      Not applicable at all."))
    archive, second, store = _build(archive_dir, tmp_path / "cache")
    after = next(f for f in archive.filings if f.source == AAMES)
    assert facts_digest(after) == facts_digest(before)  # only words changed (and the items' offsets)
    assert _index_sources(second) == _index_sources(first)  # the last build's, no context made
    folder = _folder(archive, AAMES)
    again = sorted(g.path for g in second if g.source != {g.path: g.source for g in first}.get(g.path))
    assert again and all(p.startswith(folder) for p in again)
    assert "Not applicable at all." in _contents(second)[f"{folder}index.md"]
    assert _contents(second) == _uncached(archive_dir)


def test_a_build_that_renders_a_few_pages_compiles_no_template_and_a_broken_compiled_one_is_made_again(
        archive_dir, tmp_path, monkeypatch):
    _build(archive_dir, tmp_path / "cache")
    compiled = []
    compile_ = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile", lambda self, *a, **k: compiled.append(a) or compile_(self, *a, **k))
    changed = archive_dir / AAMES
    changed.write_bytes(changed.read_bytes().replace(b"(a)      Not applicable.", b"(a)      Not applicable at all."))
    _, files, store = _build(archive_dir, tmp_path / "cache")
    assert store.rendered > 0 and compiled == []  # the templates compiled by the last build
    kept = [p for p in (tmp_path / "cache" / "render").glob("*/*") if p.read_bytes()[:2] == b"j2"]
    assert kept
    for path in kept:
        path.write_bytes(b"j2 broken")
    changed.write_bytes(changed.read_bytes().replace(b"Not applicable at all.", b"Not applicable at all!"))
    _, files, store = _build(archive_dir, tmp_path / "cache")
    assert compiled
    assert _contents(files) == _uncached(archive_dir)


def test_a_change_to_the_facts_of_a_filing_makes_the_index_pages_again(archive_dir, tmp_path, monkeypatch):
    _build(archive_dir, tmp_path / "cache")
    changed = archive_dir / AAMES
    changed.write_bytes(changed.read_bytes().replace(b"AAMES CAPITAL CORP\n", b"AAMES CAPITAL HOLDINGS CORP\n"))
    made = []
    monkeypatch.setattr(Pages, "leading", lambda self, _leading=Pages.leading: made.append(1) or _leading(self))
    _, files, _ = _build(archive_dir, tmp_path / "cache")
    assert made
    contents = _contents(files)
    assert any("AAMES CAPITAL HOLDINGS CORP" in c for p, c in contents.items()
               if p.startswith("registrants/") and isinstance(c, str))
    assert contents == _uncached(archive_dir)


def test_a_filing_taken_away_renders_its_neighbours_again_as_without_the_cache(archive_dir, tmp_path):
    archive, _, _ = _build(archive_dir, tmp_path / "cache")
    registrant = max(archive.registrants, key=lambda r: len(r.filings))
    assert len(registrant.filings) >= 3
    middle = registrant.filings[1].filing
    gone = archive_dir / middle.source
    shutil.rmtree(gone) if gone.is_dir() else gone.unlink()
    archive, files, store = _build(archive_dir, tmp_path / "cache")
    assert middle.id not in {f.id for f in archive.filings}
    assert 0 < store.rendered and store.reused > 0
    assert _contents(files) == _uncached(archive_dir)


def test_a_template_change_renders_every_page_again(archive_dir, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    parse = ParseCache(tmp_path / "cache", archive_dir)
    archive = load_archive(archive_dir, cache=parse, jobs=1)
    render_site(archive, templates, store=RenderStore.open(tmp_path / "render", templates, parse.digests))
    document = templates / "document.md.j2"
    document.write_text(document.read_text(encoding="utf-8") + "\nCHANGED-BY-THE-TEST\n", encoding="utf-8")
    store = RenderStore.open(tmp_path / "render", templates, parse.digests)
    files = _contents(render_site(archive, templates, store=store))
    documents = [p for p in files if "/doc-" in p]
    assert documents and all("CHANGED-BY-THE-TEST" in files[p] for p in documents)
    assert store.reused == 0


def test_the_files_the_last_build_used_and_this_one_does_not_are_removed(archive_dir, tmp_path):
    _, first, _ = _build(archive_dir, tmp_path / "cache")
    changed = archive_dir / "sonus-networks" / "004_edb917d2bca7005c.txt"
    changed.write_bytes(changed.read_bytes().replace(b"Stephen J. Nill", b"Stephen J. Nil"))
    _, second, _ = _build(archive_dir, tmp_path / "cache")
    stale = {_held(g) for g in first if Path(g.source).is_relative_to(tmp_path / "cache")} - {_held(g) for g in second}
    assert stale and not [p for p in stale if Path(p).exists()]
    assert all(Path(_held(g)).is_file() for g in second)


def test_originals_are_compressed_from_the_filings_folder_not_held_in_memory(archive_dir, tmp_path):
    archive = load_archive(archive_dir, jobs=1)
    originals = [g for g in render_site(archive, TEMPLATES, filings_dir=archive_dir) if "/files/" in g.path
                 and g.source is not None and Path(g.source).is_relative_to(archive_dir.resolve())]
    assert len(originals) >= len(archive.filings)
    for g in originals:
        assert g._content is None and not g.text
        if g.compress:
            assert g.path.endswith(".gz") and gzip.decompress(g.content) == Path(g.source).read_bytes()
        else:  # a compressed format (zip, pdf, images): as it is
            assert g.path.rpartition(".")[2] in COMPRESSED and g.content == Path(g.source).read_bytes()
    nordstrom = next(g for g in originals if g.path.endswith("/files/form8k.Nordstrom.html.gz"))
    assert Path(nordstrom.source) == (archive_dir / "nordstrom" / "form8k.Nordstrom.html").resolve()


def test_originals_in_the_render_cache_are_compressed_the_same_way_each_time(archive_dir, tmp_path):
    _, files, _ = _build(archive_dir, tmp_path / "cache")
    originals = {g.path: Path(g.source).read_bytes() for g in files if "/files/" in g.path and g.path.endswith(".gz")}
    assert originals
    for path, data in originals.items():  # no time stamp, no name: the same bytes for the same file
        assert data[:2] == b"\x1f\x8b" and data[4:8] == b"\0\0\0\0" and not data[3] & 0x08
    nordstrom = next(d for p, d in originals.items() if p.endswith("/files/form8k.Nordstrom.html.gz"))
    assert gzip.decompress(nordstrom) == (archive_dir / "nordstrom" / "form8k.Nordstrom.html").read_bytes()
    assert all(os.stat(_held(g)).st_mode & 0o044 == 0o044 for g in files if g.source)  # a web server may read them


def test_an_original_is_compressed_at_once_or_by_pieces_to_the_same_text_every_time(archive_dir, tmp_path, monkeypatch):
    source = archive_dir / "nordstrom" / "form8k.Nordstrom.html"
    text = source.read_bytes()
    at_once = compressed_bytes(source)
    assert gzip.decompress(at_once) == text and compressed_bytes(source) == at_once
    monkeypatch.setattr(originals_module, "AT_ONCE_BYTES", len(text) - 1)  # too big to be read whole
    by_pieces = compressed_bytes(source)
    assert gzip.decompress(by_pieces) == text and compressed_bytes(source) == by_pieces
    compress_file(source, tmp_path / "out.gz")
    assert (tmp_path / "out.gz").read_bytes() == by_pieces
    for data in (at_once, by_pieces):  # no time stamp, no name
        assert data[:2] == b"\x1f\x8b" and data[4:8] == b"\0\0\0\0" and not data[3] & 0x08


def test_filings_rendered_by_two_workers_are_the_pages_rendered_here(archive_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(site, "PARALLEL_FROM", 2)
    _, files, store = _build(archive_dir, tmp_path / "cache", jobs=2)
    assert store.rendered > 200
    assert [g.path for g in files] == [g.path for g in render_site(load_archive(archive_dir, jobs=1), TEMPLATES,
                                                                     filings_dir=archive_dir)]
    assert _contents(files) == _uncached(archive_dir)


_spied: dict = {}


def _spy_render_chunk(indexes):
    """`_render_chunk` noting, in a file named after the worker, the thread that forked it."""
    (_spied["folder"] / str(os.getpid())).write_text(threading.current_thread().name)
    return _spied["real"](indexes)


def _build_by_workers(monkeypatch, filings: Path, cache: Path, *, chunk: int, per_worker: int):
    """`_build` with 2 render workers, `chunk` filings a chunk and `per_worker` chunks a worker."""
    monkeypatch.setattr(site, "PARALLEL_FROM", 2)
    monkeypatch.setattr(site, "CHUNK", chunk)
    monkeypatch.setattr(site, "WORKER_CHUNKS", per_worker)
    return _build(filings, cache, jobs=2)


def test_filings_rendered_by_workers_each_forked_by_the_build_itself_are_the_pages_rendered_here(
        archive_dir, tmp_path, monkeypatch):
    """Each worker renders a few chunks and ends; its successor is forked by the build's own thread,
    never by a pool's thread while the build may hold a lock (as `maxtasksperchild` would)."""
    seen = tmp_path / "workers"
    seen.mkdir()
    monkeypatch.setitem(_spied, "folder", seen)
    monkeypatch.setitem(_spied, "real", site._render_chunk)
    monkeypatch.setattr(site, "_render_chunk", _spy_render_chunk)
    archive, files, store = _build_by_workers(monkeypatch, archive_dir, tmp_path / "cache", chunk=1, per_worker=4)
    assert store.rendered > 200
    forked_by = [p.read_text() for p in seen.iterdir()]
    assert len(forked_by) >= -(-len(archive.filings) // 4) >= 3  # a worker for every 4 filings
    assert set(forked_by) == {"MainThread"}
    assert _contents(files) == _uncached(archive_dir)


def test_the_index_pages_are_rendered_once_no_render_worker_is_alive(archive_dir, tmp_path, monkeypatch):
    """Rendered while workers run, they would read the whole archive in the build process, and each
    page of its memory they touched would be copied for every worker alive."""
    import multiprocessing

    alive: list[int] = []
    real = Pages.home

    def noting(self):  # the first index page made
        alive.append(len(multiprocessing.active_children()))
        return real(self)

    monkeypatch.setattr(Pages, "home", noting)
    archive, files, store = _build_by_workers(monkeypatch, archive_dir, tmp_path / "cache", chunk=1, per_worker=4)
    assert store.rendered > 200 and alive == [0]
    assert _contents(files) == _uncached(archive_dir)


def _die_on(indexes):
    """`_render_chunk` whose worker dies (as one killed, or out of memory) on the chunk of `_spied["dies"]`."""
    if any(site._shared["todo"][i][0].source == _spied["dies"] for i in indexes):
        os._exit(9)
    return _spied["real"](indexes)


def test_a_render_worker_that_dies_costs_the_filings_of_its_chunk_and_the_build_goes_on(
        archive_dir, tmp_path, monkeypatch):
    source = "sonus-networks/004_edb917d2bca7005c.txt"
    monkeypatch.setitem(_spied, "dies", source)
    monkeypatch.setitem(_spied, "real", site._render_chunk)
    monkeypatch.setattr(site, "_render_chunk", _die_on)
    everything = load_archive(archive_dir, jobs=1)
    archive, files, store = _build_by_workers(monkeypatch, archive_dir, tmp_path / "cache", chunk=2, per_worker=3)
    lost = {p.source: p.reason for p in archive.problems if "render worker" in p.reason}
    assert source in lost and len(lost) <= 2, lost  # the filing it died on, and the one sharing its chunk (CHUNK = 2)
    assert set(lost.values()) == {"the renderer failed: the render worker ended with exit code 9 before handing its pages back"}
    assert len(archive.filings) == len(everything.filings) - len(lost)  # the others are all there
    pages = _contents(files)
    assert len([p for p in pages if p.endswith("/index.md") and p.count("/") == 2]) == len(archive.filings)
    assert source in pages["problems.md"]


def _break_one(monkeypatch, source: str) -> None:
    real = Pages.report

    def report(self, filing, *args):
        if filing.source == source:
            raise ValueError("boom")
        return real(self, filing, *args)

    monkeypatch.setattr(Pages, "report", report)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_filing_whose_pages_fail_to_render_is_a_problem_and_nothing_links_to_it(archive_dir, tmp_path,
                                                                                   monkeypatch, jobs):
    monkeypatch.setattr(site, "PARALLEL_FROM", 2)
    source = "sonus-networks/004_edb917d2bca7005c.txt"
    folder = _folder(load_archive(archive_dir, jobs=1), source)
    _break_one(monkeypatch, source)
    archive, files, _ = _build(archive_dir, tmp_path / "cache", jobs=jobs)
    pages = _contents(files)
    assert source not in {f.source for f in archive.filings}
    assert [p.reason for p in archive.problems if p.source == source] == ["the renderer failed: ValueError('boom')"]
    assert "the renderer failed: ValueError(&#39;boom&#39;)" in pages["problems.md"] \
        or "the renderer failed: ValueError('boom')" in pages["problems.md"]
    assert not [p for p in pages if p.startswith(folder)]
    linked = folder.split("/")[1]
    assert not [p for p, text in pages.items() if isinstance(text, str) and linked in text and p != "problems.md"]
    assert len([p for p in pages if p.endswith("/index.md") and p.count("/") == 2]) == len(archive.filings)


def test_a_site_without_the_filing_that_failed_builds_strict(tmp_path, monkeypatch):
    source = "sonus-networks/004_edb917d2bca7005c.txt"
    _break_one(monkeypatch, source)
    archive = load_archive(SAMPLE, jobs=1)
    _, log, code = build_site(archive, tmp_path, filings_dir=SAMPLE)
    assert code == 0, log
    assert source in {p.source for p in archive.problems}


def test_a_neighbours_new_date_reaches_the_links_to_it(tmp_path):
    from dataclasses import replace

    from builder.model.archive import build_archive
    from render_support import seed_filing

    def archive(middle_date: str):
        seed = seed_filing()
        return build_archive([replace(seed, id=f"x-{n}", filed_date=date, source=f"s/{n}.txt", source_paths=[])
                              for n, date in (("1", "2003-01-10"), ("2", middle_date), ("3", "2003-03-10"))])

    render_site(archive("2003-02-10"), TEMPLATES, store=RenderStore.open(tmp_path / "render", TEMPLATES))
    changed = archive("2003-02-11")
    store = RenderStore.open(tmp_path / "render", TEMPLATES)
    pages = _contents(render_site(changed, TEMPLATES, store=store))
    assert "2003-02-11" in pages["filings/x-1/index.md"] and "2003-02-11" in pages["filings/x-3/index.md"]
    assert pages == _contents(render_site(archive("2003-02-11"), TEMPLATES))


def test_originals_with_the_cache_are_linked_from_a_copy_in_it_never_from_the_filings_folder(archive_dir, tmp_path):
    def build(out: Path) -> None:
        result = subprocess.run([sys.executable, "-m", "builder", "build", str(archive_dir), "--out", str(out), "--quiet"],
                                capture_output=True, text=True, cwd=tmp_path,
                                env={**os.environ, "FILINGS_CACHE_DIR": str(tmp_path / "cache")})
        assert result.returncode == 0, result.stderr

    report = archive_dir / "asta-funding" / "1001258_8K_2004_0001125282-04-000379.txt"
    copy = tmp_path / "site" / "filings" / "0001125282-04-000379" / "files" / f"{report.name}.gz"
    build(tmp_path / "site")
    assert gzip.decompress(copy.read_bytes()) == report.read_bytes()
    assert copy.stat().st_nlink >= 2  # a link to the render cache's (compressed) copy, not a copy of its own
    assert all(p.stat().st_nlink == 1 for p in archive_dir.rglob("*") if p.is_file())  # filings/ never linked
    report.write_bytes(report.read_bytes().replace(b"210 Sylvan Avenue", b"211 Sylvan Avenue"))
    build(tmp_path / "site")
    assert gzip.decompress(copy.read_bytes()) == report.read_bytes()
    old = report.read_bytes().replace(b"211 Sylvan", b"210 Sylvan")
    cached = [p for p in (tmp_path / "cache" / "render").rglob("*") if p.is_file() and p.read_bytes()[:2] == b"\x1f\x8b"
              and gzip.decompress(p.read_bytes()) in (report.read_bytes(), old)]
    assert [gzip.decompress(p.read_bytes()) for p in cached] == [report.read_bytes()]  # the old copy went with the old build


def test_a_pack_mostly_dead_is_written_again_with_only_what_is_used(tmp_path):
    store = RenderStore.open(tmp_path / "render", TEMPLATES)
    with store.packing():
        for name in ("a", "b", "c", "d"):
            store.put(store.key(name), f"page {name}\n" * 100)
    old_pack = store.spans[store.key("a")][0]
    store.finish()

    again = RenderStore.open(tmp_path / "render", TEMPLATES)  # the next build uses one page of four
    kept = again.key("c")
    assert again.has(kept)
    again.used.add(kept)
    assert again.compact() == 1
    new_pack = again.spans[kept][0]
    again.finish()

    assert not Path(again.path(old_pack)).exists()
    assert Path(again.path(new_pack)).stat().st_size == len("page c\n" * 100)
    assert _stored(str(tmp_path / "render")).read_text(kept) == "page c\n" * 100


def test_a_pack_mostly_used_stays_as_it_is(tmp_path):
    store = RenderStore.open(tmp_path / "render", TEMPLATES)
    with store.packing():
        for name in ("a", "b", "c"):
            store.put(store.key(name), f"page {name}\n" * 100)
    store.finish()
    again = RenderStore.open(tmp_path / "render", TEMPLATES)
    again.used.update(again.key(name) for name in ("a", "b"))
    assert again.compact() == 0


def test_what_the_build_reads_of_the_store_once_the_pages_are_made_is_the_bodies_they_show(tmp_path):
    store = RenderStore.open(tmp_path / "render", TEMPLATES)
    page, body, other = store.key("page"), store.key("body"), store.key("other page")
    with store.packing():
        store.put(page, "# a page\n")
        store.put(body, "<p>its body</p>\n")
        store.put(other, "# another page\n")
    store.filings["f-1"] = (store.key("filing"), [("filings/f-1/index.md", (page, True, (body,))),
                                                   ("filings/f-1/other.md", (other, True, ()))])
    store.index = (store.key("index"), [], [])

    reader = store.reader()
    assert set(reader.spans) == {body}  # not the pages: the build has their spans in its files
    assert reader.read_text(body) == "<p>its body</p>\n"
    store.finish()
    assert set(store.spans) == {body} and store.read_text(body) == "<p>its body</p>\n"
    assert set(RenderStore.open(tmp_path / "render", TEMPLATES).spans) == {page, body, other}  # the manifest has all


def test_a_pack_gone_from_the_disk_is_found_gone_whether_the_store_was_listed_before_or_not(tmp_path):
    store = RenderStore.open(tmp_path / "render", TEMPLATES)
    packs = []
    for name in ("a", "b", "c"):
        with store.packing():
            store.put(store.key(name), f"page {name}\n")
        packs.append(store.spans[store.key(name)][0])
    store.finish()
    Path(store.path(packs[1])).unlink()

    again = RenderStore.open(tmp_path / "render", TEMPLATES)
    stored = [("p.md", (again.key(name), True, ())) for name in ("a", "b", "c")]
    assert again.all_there(stored[:1]) and again._listed  # listed once, at the first pack asked for
    assert not again.all_there(stored[1:2]) and again.all_there(stored[2:])
    with again.packing():  # written after the listing: there
        again.put(again.key("d"), "page d\n")
    assert again.all_there([("d.md", (again.key("d"), True, ()))])
