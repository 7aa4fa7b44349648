"""Writing the search index (builder/search) on a real built site: page numbers, the cache, the
bounded-memory runs, the odd pages."""

from __future__ import annotations

import gzip
import html
import json
import multiprocessing
import re
import shutil
from pathlib import Path

import pytest

import builder.search.postings as postings
import builder.search.segments as segments
from builder.search import SearchPage, build_index, page_order
from builder.search.extract import page_record, read_page, searched_part
from builder.search.postings import RunWriter, merged, write_chunks
from search_reader import SearchIndex
from selectolax.lexbor import LexborHTMLParser

BODY = re.compile(r"<div data-search-body(?: data-search-facts='([^']*)')?>")


def _site_pages(site: Path) -> list[SearchPage]:
    """The pages of a built site that the theme marks for the search, with their dates."""
    found = []
    for page in site.rglob("*.html"):
        if page.relative_to(site).parts[0] == "search":
            continue
        match = BODY.search(page.read_text(encoding="utf-8"))
        if match:
            facts = json.loads(html.unescape(match.group(1) or "{}"))
            found.append(SearchPage(page.relative_to(site).as_posix(), str(facts.get("date") or "")[:10]))
    return found


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def site(sample_site, tmp_path) -> Path:
    built, _ = sample_site
    copy = tmp_path / "site"
    shutil.copytree(built, copy)
    return copy


def test_reading_a_page_parses_only_its_content_and_finds_what_the_whole_page_holds(sample_site):
    """The chrome around a page's content is not parsed: every page of the sample site gives the
    record and fragments it gives when parsed whole."""
    built, _ = sample_site
    pages = [p for p in built.rglob("*.html") if p.relative_to(built).parts[0] != "search"]
    sliced = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        record, pieces = read_page(text)
        whole, whole_pieces = page_record(LexborHTMLParser(text))
        assert (record, pieces) == (whole, whole_pieces), page
        sliced += len(searched_part(text)) < len(text)
    assert len(pages) > 50 and sliced == len(_site_pages(built))  # every page with content: without its chrome


def test_a_page_with_articles_inside_its_content_is_read_to_the_end_of_the_last():
    page = ("<html><head><title>chrome</title></head><body><header>navigation words</header><article>"
            "<div data-search-body data-search-facts='{\"form\": \"8-K\"}'><h1>Title here</h1>"
            "<article>inner words</article><p>after inner</p></div></article>"
            "<footer>footer words</footer></body></html>")
    record, pieces = read_page(page)
    assert record.form == "8-K" and record.title == "Title here"
    assert {"inner", "after", "title"} <= set(record.terms)
    assert not {"navigation", "footer", "chrome"} & set(record.terms)
    assert read_page(page) == page_record(LexborHTMLParser(page))
    bare = "<html><body><p>no searched element</p></body></html>"  # parsed whole: no record text
    assert searched_part(bare) == bare and read_page(bare)[1] == []


def test_pages_are_numbered_newest_first_undated_last():
    pages = [SearchPage(f"p{i}/index.html", f"20{i % 25:02d}-01-{1 + i % 28:02d}") for i in range(103)]
    pages += [SearchPage(f"undated{i}/index.html") for i in (5, 1, 3)]
    ordered = page_order(reversed(pages + pages[:4]))  # a page noted twice is numbered once
    assert len(ordered) == 106 and sorted(ordered) == sorted(pages)
    dated = [p.date for p in ordered[:103]]
    assert dated == sorted(dated, reverse=True)
    assert [p.path for p in ordered[103:]] == ["undated1/index.html", "undated3/index.html", "undated5/index.html"]
    same_day = [p.path for p in ordered if p.date == "2000-01-01"]
    assert same_day == sorted(same_day)  # then by path
    assert page_order([]) == []


def test_the_index_of_a_built_site_numbers_its_pages_by_date(site, tmp_path):
    pages = _site_pages(site)
    stats = build_index(site, pages, cache_dir=tmp_path / "cache")
    index = SearchIndex(site)
    assert stats.pages == index.manifest["pages"] == len(pages) > 100
    assert [doc.url for doc in index.docs] == [p.path.removesuffix("index.html") for p in page_order(pages)]
    dated = index.manifest["dated"]
    assert dated == sum(1 for p in pages if p.date)
    dates = [doc.date for doc in index.docs]
    assert dates[:dated] == sorted(dates[:dated], reverse=True) and all(dates[:dated]) and not any(dates[dated:])
    assert stats.chunks == len(index.manifest["index"])


def test_the_build_writes_the_index_the_site_was_built_with(site, tmp_path):
    """The plugin's index, and one written again from the pages the theme marks: the same files."""
    built = _files(site / "search")
    build_index(site, _site_pages(site), cache_dir=tmp_path / "cache")
    assert _files(site / "search") == built


def test_a_second_build_reads_no_page_again_and_writes_the_same_files(site, tmp_path):
    pages = _site_pages(site)
    first = build_index(site, pages, cache_dir=tmp_path / "cache")
    assert first.read == first.pages == len(pages)
    before = _files(site / "search")
    again = build_index(site, pages, cache_dir=tmp_path / "cache")
    assert (again.read, again.pages) == (0, len(pages))
    assert _files(site / "search") == before


def test_a_changed_page_is_the_only_one_read_again(site, tmp_path):
    pages = _site_pages(site)
    build_index(site, pages, cache_dir=tmp_path / "cache")
    assert SearchIndex(site).pages_with("zyzzyva") == set()
    oldest = page_order(pages)[-1]
    target = site / oldest.path
    text = target.read_text(encoding="utf-8")
    opening = BODY.search(text)
    target.write_text(text[:opening.end()] + "<p>zyzzyva</p>" + text[opening.end():], encoding="utf-8")
    changed = build_index(site, pages, cache_dir=tmp_path / "cache")
    assert changed.read == 1
    index = SearchIndex(site)
    assert index.pages_with("zyzzyva") == {"/" + oldest.path.removesuffix("index.html")}
    assert "zyzzyva" in index.text(index.by_url["/" + oldest.path.removesuffix("index.html")])


def test_small_chunks_find_what_big_chunks_find(site, tmp_path, monkeypatch):
    pages = _site_pages(site)
    build_index(site, pages, cache_dir=tmp_path / "cache")
    whole = SearchIndex(site)
    terms = ("sonus", "nill", "000-30229", "ex-99.1", "2.02", "report", "zzzz-not-a-word")
    expected = {term: whole.pages_with(term) for term in terms}
    all_terms = whole.terms()
    monkeypatch.setattr(postings, "CHUNK_BYTES", 2_000)
    build_index(site, pages, cache_dir=tmp_path / "small-chunks")  # not the base of the cache above
    small = SearchIndex(site)
    assert len(small.manifest["index"]) > 5 * len(whole.manifest["index"])
    assert small.terms() == all_terms
    for term in terms:
        assert small.pages_with(term) == expected[term], term
    for k in range(len(small.manifest["index"])):  # about CHUNK_BYTES each (a longer line alone)
        lines = gzip.decompress((site / "search" / "index" / f"{k}.gz").read_bytes()).decode().splitlines(True)
        assert len(lines) == 1 or sum(len(line) for line in lines) <= 2_000, k


def _records(site: Path) -> list:
    """The records of the site's pages, in the index's order."""
    return [read_page((site / p.path).read_text(encoding="utf-8"))[0] for p in page_order(_site_pages(site))]


def test_postings_spilled_in_many_runs_merge_into_the_same_chunks(sample_site, tmp_path):
    """Memory is bounded by writing sorted runs; how many there are changes nothing in the index.
    (build_index always uses the default run size, so the runs are written here directly.)"""
    built, _ = sample_site
    records = _records(built)

    def chunks(name: str, limit: int) -> tuple[int, int, list[str], dict[str, bytes]]:
        folder = tmp_path / name
        folder.mkdir()
        runs = RunWriter(folder, limit=limit)
        for number, record in enumerate(records):
            runs.add(number, record.terms)
        runs.flush()
        terms = list(merged(runs.runs))
        # each term's postings as merged, whatever encode() makes of them
        lines = ((term, f"{term}\t{','.join(map(str, flat))}\n") for term, flat in terms)
        firsts = write_chunks(lines, folder / "index")
        return len(runs.runs), sum(len(flat) // 3 for _, flat in terms), firsts, _files(folder / "index")

    one_runs, one_postings, one_firsts, one = chunks("one", 10**9)
    many_runs, many_postings, many_firsts, many = chunks("many", 50)
    assert one_runs == 1 and many_runs > 20
    assert one_postings == many_postings == sum(len(record.terms) for record in records)
    assert many_firsts == one_firsts and len(one_firsts) > 1
    assert many == one


def test_the_index_written_in_term_ranges_side_by_side_is_the_index_written_in_one_go(sample_site, tmp_path):
    """The writer's last step (merge, encode) on several processes: the same chunks, byte for byte."""
    built, _ = sample_site
    records = _records(built)
    runs = RunWriter(tmp_path, limit=300)
    for number, record in enumerate(records):
        runs.add(number, record.terms)
    runs.flush()
    norm = postings.norms([record.words for record in records])
    whole = postings.write_index(runs.runs, norm, 0, tmp_path / "whole")
    cuts = postings.split_terms(runs.runs, 4)
    assert len(runs.runs) > 5 and len(cuts) == 3 and cuts == sorted(cuts)
    with multiprocessing.get_context("fork").Pool(2) as pool:
        ranges = postings.write_index(runs.runs, norm, 0, tmp_path / "ranges", parts=4,
                                      spread=lambda f, items: pool.map(f, items, chunksize=1))
    assert ranges == whole and len(whole) > 1
    assert _files(tmp_path / "ranges") == _files(tmp_path / "whole")
    terms = [term for term, _ in postings.merged(runs.runs)]
    for cut in cuts:  # each range starts where its cut falls in every run
        assert [t for t, _ in postings.merged(runs.runs, cut)] == [t for t in terms if t >= cut]
        assert [t for t, _ in postings.merged(runs.runs, None, cut)] == [t for t in terms if t < cut]


def test_postings_held_in_memory_make_the_index_that_runs_merged_on_several_processes_make(site, tmp_path, monkeypatch):
    """A site whose postings fit in memory is encoded from it (no run written); spilled in runs and
    written in term ranges side by side (jobs=2), the same files."""
    pages = _site_pages(site)
    build_index(site, pages, jobs=2)
    held = _files(site / "search")
    spilled = []

    def small_runs(folder):
        spilled.append(RunWriter(folder, limit=300))
        return spilled[-1]

    monkeypatch.setattr(segments, "RunWriter", small_runs)
    build_index(site, pages, jobs=2)
    assert len(spilled) == 1 and len(spilled[0].runs) > 5
    assert _files(site / "search") == held


def test_no_pages_give_a_manifest_of_no_pages(tmp_path):
    (tmp_path / "site").mkdir()
    stats = build_index(tmp_path / "site", [])
    assert (stats.pages, stats.read, stats.chunks) == (0, 0, 0)
    index = SearchIndex(tmp_path / "site")
    assert (index.manifest["pages"], index.manifest["dated"], index.manifest["index"]) == (0, 0, [])
    assert index.manifest["filters"] == [] and index.docs == [] and index.pages_with("sonus") == set()
    assert not list(tmp_path.glob(".search-*")), "the work folder is removed"


def test_pages_without_search_content_are_still_numbered_and_shown(site, tmp_path):
    """A page with no `data-search-body` (or an empty one, or facts that are not JSON) is a result
    with its path for a title, no text and no filters, and the build goes on."""
    pages = _site_pages(site) + [SearchPage("bare/index.html"), SearchPage("empty/index.html", "1900-01-01")]
    (site / "bare").mkdir()
    (site / "bare" / "index.html").write_text("<html><body><p>quokka outside the body</p></body></html>",
                                              encoding="utf-8")
    (site / "empty").mkdir()
    (site / "empty" / "index.html").write_text(
        "<html><body><div data-search-body data-search-facts='{not json'></div></body></html>", encoding="utf-8")
    stats = build_index(site, pages, cache_dir=tmp_path / "cache")
    assert stats.pages == len(pages)
    index = SearchIndex(site)
    bare, empty = index.by_url["/bare/"], index.by_url["/empty/"]
    assert (bare.title, bare.fragment_count, bare.date, bare.kind) == ("bare/index.html", 0, "", "")
    assert (empty.title, empty.fragment_count) == ("empty/index.html", 0)
    assert index.pages_with("quokka") == set()
    assert empty.number == index.manifest["dated"] - 1  # the oldest dated page
    assert bare.number >= index.manifest["dated"]
    for name in index.manifest["filters"]:
        assert not any(bare.number in numbers or empty.number in numbers for numbers in index.filter(name).values())
    assert not list((site / "search" / "fragment").rglob(f"{bare.key}.*"))
    assert index.pages_with("sonus")  # the other pages as before


def test_two_pages_with_the_same_html_are_read_once_and_keep_their_own_urls(site, tmp_path):
    """The cache knows a page by the hash of its HTML, not by its path: two copies are one record,
    each shown under its own URL and (without a heading) its own path."""
    same = "<html><body><div data-search-body><p>wombat twice</p></div></body></html>"
    for name in ("twin-a", "twin-b"):
        (site / name).mkdir()
        (site / name / "index.html").write_text(same, encoding="utf-8")
    stats = build_index(site, [SearchPage("twin-a/index.html"), SearchPage("twin-b/index.html")],
                        cache_dir=tmp_path / "cache")
    assert (stats.pages, stats.read) == (2, 1)
    index = SearchIndex(site)
    assert index.pages_with("wombat") == {"/twin-a/", "/twin-b/"}
    assert (index.by_url["/twin-a/"].title, index.by_url["/twin-b/"].title) == ("twin-a/index.html", "twin-b/index.html")


def test_a_page_the_reader_fails_on_is_listed_without_text(site, tmp_path, monkeypatch):
    """One page that breaks the reader costs its text, not the index: it is still a result."""
    import builder.search.reading as search

    real = search.read_page

    def fragile(html: str):
        if "broken-page-marker" in html:
            raise ValueError("unreadable")
        return real(html)

    monkeypatch.setattr(search, "read_page", fragile)
    (site / "broken").mkdir()
    (site / "broken" / "index.html").write_text(
        "<html><body><div data-search-body><h1>broken-page-marker</h1></div></body></html>", encoding="utf-8")
    pages = _site_pages(site)
    assert "broken/index.html" in {p.path for p in pages}
    stats = build_index(site, pages, jobs=1, cache_dir=tmp_path / "cache")
    assert stats.pages == len(pages)
    index = SearchIndex(site)
    broken = index.by_url["/broken/"]
    assert (broken.title, broken.fragment_count) == ("broken/index.html", 0)
    assert index.pages_with("sonus")


def test_the_index_written_while_the_pages_are_read_is_the_one_written_after(site, tmp_path, monkeypatch):
    """The index is written as the worker processes read the pages (each page's record waited
    for), in batches of 4 here: the files are those of reading everything first, in one process."""
    import builder.search.reading as reading

    pages = _site_pages(site)
    other = tmp_path / "other"
    shutil.copytree(site, other)
    alone = build_index(other, pages, jobs=1, cache_dir=tmp_path / "cache-1")
    monkeypatch.setattr(reading, "BATCH", 4)
    waited: list[str] = []
    real = reading.Reading.wait
    monkeypatch.setattr(reading.Reading, "wait", lambda self, key: waited.append(key) or real(self, key))
    stats = build_index(site, pages, jobs=2, cache_dir=tmp_path / "cache-2")
    assert stats.read > 2 * reading.BATCH  # several batches, read by two workers
    assert len(waited) == len(pages)
    assert _files(site / "search") == _files(other / "search")
    # The readers' CPU, which this process's own count misses (their parent is the fork server).
    assert alone.cpu == 0 and stats.cpu > 0


def test_a_page_that_cannot_be_read_stops_the_index_written_beside_the_reading(site, tmp_path, monkeypatch):
    """A page missing from the site (not a page the reader fails on: a broken build) is an error
    of the index, raised where the writer waits, not a wait without end."""
    import builder.search.reading as reading

    pages = _site_pages(site)
    monkeypatch.setattr(reading, "BATCH", 4)
    (site / page_order(pages)[-1].path).unlink()
    with pytest.raises(FileNotFoundError):
        build_index(site, pages, jobs=2, cache_dir=tmp_path / "cache")
