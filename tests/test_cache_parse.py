"""The parse cache (builder/cache.py) and the parallel read+parse stage (builder/pipeline.py)."""

from __future__ import annotations

import multiprocessing.pool
import os
import pickle
import shutil
import sys
from pathlib import Path

import pytest
from fixtures.hostile.support import copy_filings

import builder.listing as listing
import builder.pipeline as pipeline
from builder import gz
from builder.cache import ParseCache, TextFile, source_files, stamp
from builder.listing import listed_apart
from builder.model.filing import DataRef, facts_digest, opening
from builder.pipeline import load_archive
from builder.model.strings import share_strings
from builder.skeletons import SkeletonPack
from builder.read import find_sources


@pytest.fixture
def reads(monkeypatch) -> list[Path]:
    """Every source `load_archive` reads (in this process), in order."""
    seen: list[Path] = []
    real = pipeline.read_source

    def counting(path, root=None):
        seen.append(Path(path))
        return real(path, root)

    monkeypatch.setattr(pipeline, "read_source", counting)
    return seen


def _json(archive) -> list[dict]:
    return [f.to_json() for f in archive.filings]


def test_a_second_load_reads_no_file(archive_dir, tmp_path, reads):
    first = load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)
    assert len(reads) == 46
    reads.clear()
    cache = ParseCache(tmp_path / "cache", archive_dir)
    second = load_archive(archive_dir, cache=cache, jobs=1)
    assert reads == []
    assert (cache.hits, cache.misses) == (46, 0)
    assert _json(second) == _json(first)
    assert [(p.source, p.reason) for p in second.problems] == [(p.source, p.reason) for p in first.problems]


def test_changing_one_file_parses_only_that_file(archive_dir, tmp_path, reads):
    load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)
    changed = archive_dir / "sonus-networks" / "004_edb917d2bca7005c.txt"
    changed.write_bytes(changed.read_bytes().replace(b"Stephen J. Nill", b"Stephen J. Nil"))
    reads.clear()
    cache = ParseCache(tmp_path / "cache", archive_dir)
    archive = load_archive(archive_dir, cache=cache, jobs=1)
    assert reads == [changed]
    assert (cache.hits, cache.misses) == (45, 1)
    sonus = next(f for f in archive.filings if f.source.startswith("sonus-networks/"))
    assert sonus.signatures[0].name == "Stephen J. Nil"


def test_a_file_of_an_accession_folder_changes_the_folder_source(archive_dir, tmp_path, reads):
    folder = archive_dir / "amazon" / "0000891020-98-001352"
    assert folder.is_dir()
    load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)
    member = sorted(p for p in folder.iterdir() if p.is_file())[0]
    before = stamp(folder, archive_dir)
    os.utime(member, ns=(member.stat().st_atime_ns, member.stat().st_mtime_ns + 1_000_000_000))
    assert stamp(folder, archive_dir) != before
    reads.clear()
    load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)
    assert reads == [folder]


def test_folder_sources_are_stamped_with_the_files_find_sources_listed(archive_dir, tmp_path):
    # A stray index page beside an accession folder belongs to it: listed once, stamped with it.
    folder = archive_dir / "amazon" / "0000891020-98-001352"
    (folder.parent / "0000891020-98-001352-index.htm").write_text("<html><body>index</body></html>")
    members: dict[Path, list[Path]] = {}
    sources = find_sources(archive_dir, members)
    assert members and set(members) <= set(sources)
    assert folder in members and folder.parent / "0000891020-98-001352-index.htm" in members[folder]
    for source, files in members.items():
        assert files == source_files(source)
        assert stamp(source, archive_dir, files) == stamp(source, archive_dir)


def test_new_parser_code_makes_every_entry_stale(archive_dir, tmp_path, reads, monkeypatch):
    load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)
    monkeypatch.setattr("builder.cache.code_fingerprint", lambda: "another parser")
    reads.clear()
    cache = ParseCache(tmp_path / "cache", archive_dir)
    load_archive(archive_dir, cache=cache, jobs=1)
    assert len(reads) == 46 and cache.hits == 0


def test_entries_of_removed_sources_are_swept(archive_dir, tmp_path):
    load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)
    cache = ParseCache(tmp_path / "cache", archive_dir)
    assert len(list(cache.folder.glob("*/*.pickle"))) == 46
    shutil.rmtree(archive_dir / "amazon")
    load_archive(archive_dir, cache=cache, jobs=1)
    assert len(list(cache.folder.glob("*/*.pickle"))) == 45


def test_a_broken_entry_is_a_miss_not_an_error(archive_dir, tmp_path):
    load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)
    cache = ParseCache(tmp_path / "cache", archive_dir)
    for entry in list(cache.folder.glob("*/*.pickle"))[:3]:
        entry.write_bytes(b"not a pickle")
    (cache.folder / "skeletons.pack").write_bytes(b"not a pack either")
    archive = load_archive(archive_dir, cache=cache, jobs=1)
    assert (cache.hits, cache.misses) == (43, 3)
    assert len(archive.filings) == len(load_archive(archive_dir, jobs=1).filings)


def test_the_cache_never_writes_in_the_filings_folder(archive_dir, tmp_path):
    before = sorted((p.relative_to(archive_dir), p.stat().st_mtime_ns) for p in archive_dir.rglob("*"))
    load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=2)
    after = sorted((p.relative_to(archive_dir), p.stat().st_mtime_ns) for p in archive_dir.rglob("*"))
    assert after == before


def test_parallel_parsing_gives_the_same_archive_in_the_same_order(archive_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)
    monkeypatch.setattr(pipeline, "CHUNK", 3)
    one = load_archive(archive_dir, jobs=1)
    progress: list[tuple[str, int, int]] = []
    two = load_archive(archive_dir, jobs=2, progress=lambda *a: progress.append(a),
                       cache=ParseCache(tmp_path / "cache", archive_dir))
    assert _json(two) == _json(one)
    assert [(p.source, p.reason) for p in two.problems] == [(p.source, p.reason) for p in one.problems]
    assert [p for p in progress if p[0] == "read+parse"] == [("read+parse", i, 46) for i in range(1, 47)]
    # what the parallel workers parsed is in the cache like the rest
    cache = ParseCache(tmp_path / "cache", archive_dir)
    assert _json(load_archive(archive_dir, jobs=1, cache=cache)) == _json(one) and cache.misses == 0


def test_parse_workers_write_their_own_cache_entries_and_hand_back_no_texts(archive_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)
    monkeypatch.setattr(pipeline, "can_fork", lambda: True)  # forked workers, which inherit the patches below
    writers = tmp_path / "writers"
    writers.mkdir()
    write_entry = pipeline.write_entry

    def noted(folder, key, skeleton, texts):  # (forked workers inherit the patch)
        (writers / f"{os.getpid()}-{key}").write_bytes(b"")
        write_entry(folder, key, skeleton, texts)

    monkeypatch.setattr(pipeline, "write_entry", noted)
    handed: list[int] = []
    imap = multiprocessing.pool.Pool.imap

    def measured(self, func, iterable, chunksize=1):
        for result in imap(self, func, iterable, chunksize):
            handed.append(len(result[0]))
            yield result

    monkeypatch.setattr(multiprocessing.pool.Pool, "imap", measured)
    cache = ParseCache(tmp_path / "cache", archive_dir)
    archive = load_archive(archive_dir, jobs=2, cache=cache)
    pids = {int(p.name.partition("-")[0]) for p in writers.iterdir()}
    assert len(list(writers.iterdir())) == len(cache.used) > 40
    assert pids and os.getpid() not in pids
    # what came back is the entries' skeletons, not their texts
    texts = sum(len(gz.unsqueeze(p.read_bytes())) for p in cache.folder.rglob("*.texts"))
    assert sum(handed) < texts / 5
    assert _texts(archive) == _texts(load_archive(archive_dir, jobs=1))


def _texts(archive) -> dict[str, list]:
    return {f.source: [(d.text, d.size, d.length, d.opening) for d in f.documents] for f in archive.filings}


def test_a_cached_filing_reads_its_texts_only_when_asked(archive_dir, tmp_path):
    first = load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)
    cache = ParseCache(tmp_path / "cache", archive_dir)
    second = load_archive(archive_dir, cache=cache, jobs=1)
    documents = [d for f in second.filings for d in f.documents]
    deferred = [d for d in documents if d.text_ref is not None]
    assert deferred and all(d.data is None for d in deferred)
    # size, length and opening are known without reading the text...
    facts = [(d.size, d.length, d.opening) for d in deferred]
    assert all(d.text_ref is not None for d in deferred)
    # ...and are those of the text once it is read
    assert facts == [(len(d.text.encode("utf-8")), len(d.text), opening(d.text)) for d in deferred]
    assert all(d.text_ref is not None for d in deferred)  # read through it: the document holds no copy
    assert _texts(second) == _texts(first)
    # the bulk of the bytes is in the texts files, not in the entries read at every build...
    entries = sum(p.stat().st_size for p in cache.folder.glob("*/*.pickle"))
    texts = [p.read_bytes() for p in cache.folder.rglob("*.texts")]
    assert sum(len(gz.unsqueeze(t)) for t in texts) > 5 * entries
    # ...kept compressed
    assert sum(map(len, texts)) < sum(len(gz.unsqueeze(t)) for t in texts) / 2


def test_a_cached_binary_document_reads_its_bytes_only_when_asked(archive_dir, tmp_path):
    first = load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)
    originals = {(f.source, d.filename): d.data for f in first.filings for d in f.documents if d.has_data}
    assert len(originals) >= 5 and all(originals.values())
    cache = ParseCache(tmp_path / "cache", archive_dir)
    second = load_archive(archive_dir, cache=cache, jobs=1)
    binaries = [(f, d) for f in second.filings for d in f.documents if d.has_data]
    assert len(binaries) == len(originals)
    # the entries read at every build hold what is known of the bytes, not the bytes
    assert all(d.data_ref is not None for _, d in binaries)
    assert [(d.size, d.data_head) for _, d in binaries] == [
        (len(originals[f.source, d.filename]), originals[f.source, d.filename][:32]) for f, d in binaries]
    skeletons = b"".join(p.read_bytes() for p in cache.folder.glob("*/*.pickle"))
    assert not any(data[64:1064] in skeletons for data in originals.values())
    # read when asked, through the filing's texts file, and let go with its texts
    filing, document = binaries[0]
    assert document.data == originals[filing.source, document.filename]
    assert document.data_ref.texts._texts is not None
    filing.forget_texts()
    assert document.data_ref.texts._texts is None
    assert {(f.source, d.filename): d.data for f, d in binaries} == originals
    # what is known of the bytes counts in the filing's facts the same, at hand or kept apart
    fresh = next(f for f in load_archive(archive_dir, jobs=1).filings if f.source == filing.source)
    before = facts_digest(fresh)
    assert before == cache.facts[filing.source]
    for d in fresh.documents:
        if d.has_data:
            d.data = DataRef.of(d.data, 0)
    assert facts_digest(fresh) == before


def test_a_filing_forgets_the_texts_it_read_and_reads_them_again_when_asked(archive_dir, tmp_path):
    load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)
    archive = load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)
    filing = next(f for f in archive.filings if sum(d.text_ref is not None for d in f.documents) > 1)
    documents = [d for d in filing.documents if d.text_ref is not None]
    texts = [d.text for d in documents]
    (held,) = {d.text_ref.texts for d in documents}  # one file per source
    assert isinstance(held, TextFile) and held._texts is not None
    filing.forget_texts()
    assert held._texts is None
    assert [d.text for d in documents] == texts and all(texts)


def test_the_facts_digest_of_a_filing_comes_with_it_from_the_cache_and_ignores_its_words(archive_dir, tmp_path):
    fresh = load_archive(archive_dir, jobs=1)
    load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)
    cache = ParseCache(tmp_path / "cache", archive_dir)
    cached = load_archive(archive_dir, cache=cache, jobs=1)
    assert cache.hits and cache.facts == {f.source: facts_digest(f) for f in fresh.filings}
    assert all(d.text_ref is not None for f in cached.filings for d in f.documents if d.format != "binary" and d.length)
    filing = next(f for f in fresh.filings if f.items and f.documents[0].text)
    digest = facts_digest(filing)
    filing.documents[0].text += " and more words"
    filing.items[0].offset = (filing.items[0].offset or 0) + 7
    assert facts_digest(filing) == digest
    filing.items[0].title = "Another title"
    assert facts_digest(filing) != digest


def test_what_the_parallel_workers_parsed_reads_its_texts_from_the_cache(archive_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)
    one = load_archive(archive_dir, jobs=1)
    two = load_archive(archive_dir, jobs=2, cache=ParseCache(tmp_path / "cache", archive_dir))
    assert any(d.text_ref is not None for f in two.filings for d in f.documents)
    assert _texts(two) == _texts(one)


def test_an_entry_whose_texts_are_gone_is_parsed_again(archive_dir, tmp_path, reads):
    load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)
    cache = ParseCache(tmp_path / "cache", archive_dir)
    lost = sorted(cache.folder.rglob("*.texts"))[:2]
    for path in lost:
        path.unlink()
    reads.clear()
    archive = load_archive(archive_dir, cache=cache, jobs=1)
    assert (cache.hits, cache.misses) == (44, 2)
    assert len(reads) == 2
    assert _texts(archive) == _texts(load_archive(archive_dir, jobs=1))
    assert all(path.is_file() for path in lost)  # written again


def test_a_bare_copy_of_a_cached_submission_is_still_found(tmp_path):
    filings = copy_filings(tmp_path / "filings", ["dupes/0000000008-24-000008.txt", "dupes/dup-8k.txt"])
    load_archive(filings, cache=ParseCache(tmp_path / "cache", filings), jobs=1)
    archive = load_archive(filings, cache=ParseCache(tmp_path / "cache", filings), jobs=1)
    assert [f.source for f in archive.filings] == ["dupes/0000000008-24-000008.txt"]
    assert [p.source for p in archive.problems if "saved on its own" in p.reason] == ["dupes/dup-8k.txt"]


def test_a_bare_copy_found_once_is_found_again_without_reading_a_text(tmp_path, monkeypatch):
    filings = copy_filings(tmp_path / "filings", ["dupes/0000000008-24-000008.txt", "dupes/dup-8k.txt"])
    load_archive(filings, cache=ParseCache(tmp_path / "cache", filings), jobs=1)
    load_archive(filings, cache=ParseCache(tmp_path / "cache", filings), jobs=1)  # the words are kept
    read = []
    monkeypatch.setattr(TextFile, "read", lambda self, index: read.append(index))
    archive = load_archive(filings, cache=ParseCache(tmp_path / "cache", filings), jobs=1)
    assert read == []
    assert [p.source for p in archive.problems if "saved on its own" in p.reason] == ["dupes/dup-8k.txt"]


def _links(archive) -> list:
    """What linking made of an archive: its filings' order, registrants, parties and neighbours."""
    return [[f.id for f in archive.filings], [(r.key, r.name, [(x.filing.id, x.role) for x in r.filings])
                                              for r in archive.registrants],
            [[(p.registrant.key, p.role, p.name_as_filed) for p in archive.parties(f)] for f in archive.filings],
            [(getattr(archive.previous_filing(f), "id", None), getattr(archive.amends(f), "id", None))
             for f in archive.filings], [(p.source, p.reason) for p in archive.problems]]


def test_the_archive_is_linked_again_only_when_the_facts_of_a_filing_change(archive_dir, tmp_path, monkeypatch):
    built = []
    real = pipeline.build_archive
    monkeypatch.setattr(pipeline, "build_archive", lambda *a: built.append(1) or real(*a))
    load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)
    changed = archive_dir / "aames-capital" / "0001011438-98-000429.txt"
    changed.write_bytes(changed.read_bytes().replace(b"(a)      Not applicable.", b"(a)      Not at all applicable."))
    archive = load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)
    assert len(built) == 1  # the words of a filing changed: the last archive, with this build's filings
    fresh = load_archive(archive_dir, jobs=1)  # (linked: built 2)
    assert _links(archive) == _links(fresh)
    filing = next(f for f in archive.filings if f.source == "aames-capital/0001011438-98-000429.txt")
    assert "Not at all applicable." in filing.main_document.text
    assert all(p.registrant is archive.registrant(p.registrant.key) for f in archive.filings for p in archive.parties(f))
    changed.write_bytes(changed.read_bytes().replace(b"AAMES CAPITAL CORP\n", b"AAMES CAPITAL HOLDINGS CORP\n"))
    archive = load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)
    assert len(built) == 3 and _links(archive) == _links(load_archive(archive_dir, jobs=1))
    assert any(r.name == "AAMES CAPITAL HOLDINGS CORP" for r in archive.registrants)


def test_a_build_after_a_change_loads_the_entries_from_one_pack_not_from_their_files(archive_dir, tmp_path):
    load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)
    cache = ParseCache(tmp_path / "cache", archive_dir)
    for entry in cache.folder.glob("*/*.pickle"):
        entry.unlink()  # the pack (builder.skeletons) is all there is to load them from
    archive = load_archive(archive_dir, cache=cache, jobs=1)
    assert (cache.hits, cache.misses) == (46, 0)
    assert _json(archive) == _json(load_archive(archive_dir, jobs=1))


def test_a_garbled_pack_or_one_its_index_does_not_name_loads_the_entries_from_their_files(archive_dir, tmp_path):
    cache = ParseCache(tmp_path / "cache", archive_dir)
    load_archive(archive_dir, cache=cache, jobs=1)
    pack = tmp_path / "cache" / "parse"
    pack = next(pack.glob("*/skeletons.pack"))
    whole = pack.read_bytes()
    for broken in (whole[:16] + bytes(len(whole) - 16),  # its bytes zeroed
                   os.urandom(16) + whole[16:],  # another pack's token
                   whole[:16] + whole[16 + 40 + 200:],  # the entries shifted
                   whole[:len(whole) // 2],  # cut
                   whole[:16] + pickle.dumps(["not", "a", "dict"])):  # something else than its entries
        pack.write_bytes(broken)
        cache = ParseCache(tmp_path / "cache", archive_dir)
        archive = load_archive(archive_dir, cache=cache, jobs=1)
        assert (cache.hits, cache.misses) == (46, 0)
        assert _json(archive) == _json(load_archive(archive_dir, jobs=1))
        assert len(SkeletonPack(str(pack.parent)).entries()) == 46  # written whole again, from the entries loaded


def test_the_pack_holds_the_entries_as_their_files_do(archive_dir, tmp_path):
    cache = ParseCache(tmp_path / "cache", archive_dir)
    load_archive(archive_dir, cache=cache, jobs=1)  # (the pack written from the entries parsed, their texts read)
    entries = SkeletonPack(str(cache.folder)).entries()
    assert set(entries) == set(cache.digests.values()) and len(entries) == 46
    for key, entry in entries.items():
        with open(cache._file(key), "rb") as fh:
            in_file = pickle.load(fh)
        assert _plain(entry) == _plain(in_file)  # no text in it, nothing more nor less


def _plain(obj):
    """What `obj` pickles as, in lists, dicts and values: equal for equal objects whichever of
    their strings are one object (a pickle's bytes tell that too)."""
    if isinstance(obj, (str, bytes, int, float, bool, type(None))):
        return obj
    if isinstance(obj, type):
        return obj.__qualname__
    if isinstance(obj, (list, tuple)):
        return [type(obj).__name__, *map(_plain, obj)]
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    return [type(obj).__name__, _plain(obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)[1:])]


def test_the_short_strings_of_the_filings_loaded_are_one_object_a_value_and_the_pack_keeps_each_once(
        archive_dir, tmp_path):
    cache = ParseCache(tmp_path / "cache", archive_dir)
    archive = load_archive(archive_dir, cache=cache, jobs=1)
    again = load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)  # from the pack
    assert _json(again) == _json(archive) == _json(load_archive(archive_dir, jobs=1))
    for filings in (archive.filings, again.filings):
        types = [d.type for f in filings for d in f.documents]
        forms = [f.form_type for f in filings]
        assert len(types) > len(set(types)) and len(forms) > len(set(forms))
        assert len({id(t) for t in types}) == len(set(types))  # one object a value
        assert len({id(t) for t in forms}) == len(set(forms))
    pack = (cache.folder / "skeletons.pack").read_bytes()
    assert pack.count(b"\x8c\x07EX-99.1") == 1 and pack.count(b"\x8c\x038-K") == 1  # each pickled once


def test_entries_used_outside_the_pack_are_removed_once_no_longer_used(archive_dir, tmp_path, monkeypatch):
    import builder.skeletons as skeletons
    monkeypatch.setattr(skeletons, "OUTSIDE", 0.5)  # the pack is written whole less often than at 2 %
    load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)
    cache = ParseCache(tmp_path / "cache", archive_dir)
    pack = cache.folder / "skeletons.pack"
    written = pack.stat().st_mtime_ns
    changed = archive_dir / "sonus-networks" / "004_edb917d2bca7005c.txt"
    entries = []
    for name in (b"Stephen J. Nil", b"Stephen J. Ni"):
        changed.write_bytes(changed.read_bytes().replace(b"Stephen J. Nill" if not entries else b"Stephen J. Nil", name))
        cache = ParseCache(tmp_path / "cache", archive_dir)
        load_archive(archive_dir, cache=cache, jobs=1)
        entries.append(Path(cache._file(cache.digests["sonus-networks/004_edb917d2bca7005c.txt"])))
        assert pack.stat().st_mtime_ns == written  # not written whole: the entry is used outside it
        assert len(list(cache.folder.glob("*/*.pickle"))) == 46
        assert entries[-1].is_file() and not any(e.is_file() for e in entries[:-1])
    cache = ParseCache(tmp_path / "cache", archive_dir)
    archive = load_archive(archive_dir, cache=cache, jobs=1)
    assert (cache.hits, cache.misses) == (46, 0)
    assert next(f for f in archive.filings if f.source.startswith("sonus-networks/")).signatures[0].name == "Stephen J. Ni"


def test_a_build_after_a_change_lists_its_sources_apart_while_it_loads_the_pack(archive_dir, tmp_path, monkeypatch, reads):
    load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)  # the pack written
    changed = archive_dir / "sonus-networks" / "004_edb917d2bca7005c.txt"
    changed.write_bytes(changed.read_bytes().replace(b"Stephen J. Nill", b"Stephen J. Nil"))
    listed_by = tmp_path / "listed-by"
    real = listing.keyed

    def keyed(root, cache):  # who stamped the sources (a forked process inherits this patch)
        with open(listed_by, "a") as fh:
            fh.write(f"{os.getpid()}\n")
        return real(root, cache)

    monkeypatch.setattr(listing, "keyed", keyed)
    monkeypatch.setattr(pipeline, "can_fork", lambda: True)
    reads.clear()
    apart = ParseCache(tmp_path / "cache", archive_dir)
    archive = load_archive(archive_dir, cache=apart, jobs=2)
    assert listed_by.read_text().split() != [str(os.getpid())] and len(listed_by.read_text().split()) == 1
    assert (apart.hits, apart.misses) == (45, 1) and reads == [changed]
    here = ParseCache(tmp_path / "cache", archive_dir)
    assert _json(load_archive(archive_dir, cache=here, jobs=1)) == _json(archive) == _json(load_archive(archive_dir, jobs=1))
    assert apart.digests == here.digests and apart.facts == here.facts  # (the render cache's names of the filings)
    assert listed_by.read_text().split()[1:] == [str(os.getpid())]  # jobs=1: listed here


def test_where_forking_is_unsafe_the_sources_are_listed_by_the_fork_server_with_the_builds_code_key(
        archive_dir, tmp_path, monkeypatch, reads):
    # The code the build runs is not the code on disk (edited while `mkdocs serve` runs): the
    # process started by the fork server must key the sources with the build's fingerprint.
    monkeypatch.setattr("builder.cache.code_fingerprint", lambda: "the code this build runs")
    load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)  # the pack written
    changed = archive_dir / "sonus-networks" / "004_edb917d2bca7005c.txt"
    changed.write_bytes(changed.read_bytes().replace(b"Stephen J. Nill", b"Stephen J. Nil"))
    started = []
    real = pipeline.Apart

    def apart(work, then=None, *, context=None):
        started.append((work.func, context.get_start_method() if context is not None else "fork"))
        return real(work, then, context=context)

    monkeypatch.setattr(pipeline, "Apart", apart)
    monkeypatch.setattr(pipeline, "can_fork", lambda: False)  # as under `mkdocs serve`
    reads.clear()
    cache = ParseCache(tmp_path / "cache", archive_dir)
    archive = load_archive(archive_dir, cache=cache, jobs=2)
    assert started == [(listed_apart, "forkserver")]
    assert (cache.hits, cache.misses) == (45, 1) and reads == [changed]
    here = ParseCache(tmp_path / "cache", archive_dir)
    assert _json(load_archive(archive_dir, cache=here, jobs=1)) == _json(archive)
    assert cache.digests == here.digests and cache.facts == here.facts


@pytest.mark.parametrize("broken", ["zeroed", "cut"])
def test_a_broken_pack_preloaded_beside_the_listing_loads_the_entries_from_their_files(archive_dir, tmp_path, monkeypatch, broken):
    load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)
    pack = next((tmp_path / "cache" / "parse").glob("*/skeletons.pack"))
    whole = pack.read_bytes()
    pack.write_bytes(whole[:16] + bytes(len(whole) - 16) if broken == "zeroed" else whole[:len(whole) // 2])
    monkeypatch.setattr(pipeline, "can_fork", lambda: True)
    cache = ParseCache(tmp_path / "cache", archive_dir)
    archive = load_archive(archive_dir, cache=cache, jobs=2)
    assert (cache.hits, cache.misses) == (46, 0)
    assert _json(archive) == _json(load_archive(archive_dir, jobs=1))


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_entry_of_the_pack_whose_texts_are_gone_is_parsed_again(archive_dir, tmp_path, monkeypatch, reads, jobs):
    load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)  # the pack written
    source = archive_dir / "sonus-networks" / "004_edb917d2bca7005c.txt"
    key = ParseCache(tmp_path / "cache", archive_dir).key(source)
    [texts] = (tmp_path / "cache" / "parse").glob(f"*/{key[:2]}/{key}.texts")
    texts.unlink()
    monkeypatch.setattr(pipeline, "can_fork", lambda: True)  # jobs 2: the pack preloaded beside the listing
    reads.clear()
    cache = ParseCache(tmp_path / "cache", archive_dir)
    archive = load_archive(archive_dir, cache=cache, jobs=jobs)
    assert (cache.hits, cache.misses) == (45, 1) and reads == [source]
    assert _json(archive) == _json(load_archive(archive_dir, jobs=1))
    assert texts.is_file()  # written again


def test_what_the_sources_listing_process_logs_is_logged_in_the_build(archive_dir, tmp_path, monkeypatch, caplog):
    load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)  # the pack written
    real = listing.keyed

    def keyed(root, cache):
        pipeline.log.warning("listed in process %d", os.getpid())
        return real(root, cache)

    monkeypatch.setattr(listing, "keyed", keyed)
    monkeypatch.setattr(pipeline, "can_fork", lambda: True)
    with caplog.at_level("WARNING", logger="builder"):
        load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=2)
    listed = [r for r in caplog.records if r.getMessage().startswith("listed in process")]
    assert len(listed) == 1 and listed[0].name == "builder" and listed[0].getMessage() != f"listed in process {os.getpid()}"


def test_a_sources_listing_process_that_dies_leaves_the_listing_to_the_build(archive_dir, tmp_path, monkeypatch, caplog):
    load_archive(archive_dir, cache=ParseCache(tmp_path / "cache", archive_dir), jobs=1)  # the pack written
    here = os.getpid()
    real = listing.keyed

    def keyed(root, cache):
        if os.getpid() != here:
            os._exit(9)  # as if killed
        return real(root, cache)

    monkeypatch.setattr(listing, "keyed", keyed)
    monkeypatch.setattr(pipeline, "can_fork", lambda: True)
    cache = ParseCache(tmp_path / "cache", archive_dir)
    with caplog.at_level("WARNING", logger="builder"):
        archive = load_archive(archive_dir, cache=cache, jobs=2)
    assert (cache.hits, cache.misses) == (46, 0)
    assert _json(archive) == _json(load_archive(archive_dir, jobs=1))
    assert any("exit code 9" in r.getMessage() for r in caplog.records)


def test_sharing_strings_leaves_what_it_does_not_walk_into_as_it_was():
    class Holder:
        pass

    inner = Holder()
    inner.name = "".join(["Acme", " Corp"])  # made at run time: not already the interned object
    inner.long = " ".join(["words"] * 40)  # longer than SHORT
    holder = Holder()
    holder.kind, holder.parts, holder.cls, holder.table = Holder, [inner, "".join(["8", "-K"])], Holder, {"k": "v"}
    result = (holder, [inner], "".join(["a", "b"]))
    share_strings(result)
    assert inner.name is sys.intern("Acme Corp") and holder.parts[1] is sys.intern("8-K")
    assert inner.long is not sys.intern(" ".join(["words"] * 40))
    assert holder.kind is Holder and holder.table == {"k": "v"} and result[2] == "ab"
