"""The archive as a graph on the whole shared corpus (../shared/corpus; skipped without it): the
multi-era companies it has, matched into one registrant each, and the whole corpus built with
`--strict` and no warning."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter

import pytest
from conftest import REPO

from builder.pipeline import load_archive


@pytest.fixture(scope="module")
def archive(corpus):
    return load_archive(corpus)


def registrants_of(archive, marker: str) -> Counter:
    """The registrants the filings whose source path holds `marker` are about."""
    return Counter(archive.primary(f).registrant.key for f in archive.filings if marker in f.source)


def test_spacehab_and_astrotech_are_one_registrant_with_both_names(archive):
    found = registrants_of(archive, "/1001907_")  # the corpus names these files by CIK; their text has none
    assert list(found) == ["astrotech-corp"] and found["astrotech-corp"] >= 20
    r = archive.registrant("astrotech-corp")
    assert r.cik is None and r.name == "Astrotech Corporation"
    names = {n.name: n for n in r.names}
    assert set(names) == {"SPACEHAB, Incorporated", "Astrotech Corporation"}
    assert names["SPACEHAB, Incorporated"].last_seen < names["Astrotech Corporation"].first_seen
    assert {m.rule for m in r.merges} >= {"file number", "irs number"}


def test_walt_disney_and_nuance_files_are_one_registrant_each_whatever_the_spelling(archive):
    disney = registrants_of(archive, "/1001039_")
    assert list(disney) == ["walt-disney-co"] and disney["walt-disney-co"] >= 80
    spellings = {f.registrant_name for f in archive.filings if "/1001039_" in f.source}
    assert {"THE WALT DISNEY COMPANY", "The Walt Disney Company"} <= spellings
    nuance = registrants_of(archive, "/1002517_")
    assert list(nuance) == ["nuance-communications-inc"] and nuance["nuance-communications-inc"] >= 150
    r = archive.registrant("nuance-communications-inc")
    assert len(r.file_numbers) > 1 and "irs number" in {m.rule for m in r.merges}


def test_tesla_motors_cover_pages_join_tesla_by_its_former_name(archive):
    r = archive.registrant("0001318605")
    assert r.name == "Tesla, Inc." and len(r.filings) >= 2
    assert [(m.rule, m.value) for m in r.merges] == [("name", "Tesla Motors, Inc.")]


def test_southern_company_and_its_subsidiaries_file_together(archive):
    southern = archive.registrant("0000092122")
    georgia = archive.registrant("0000041091")
    together = {r.filing.id for r in southern.filings} & {r.filing.id for r in georgia.filings}
    assert len(together) >= 3
    for fid in together:
        filing = next(r.filing for r in southern.filings if r.filing.id == fid)
        assert archive.primary(filing).registrant is southern


def test_no_two_ciks_share_a_registrant_and_every_filer_has_one(archive):
    keys = [r.key for r in archive.registrants]
    assert len(keys) == len(set(keys))
    for r in archive.registrants:
        assert {f.cik for role in r.filings for f in role.filing.filers if f.cik and archive.registrant(f.cik) is r} \
            <= {r.cik}
    assert sum(len(r.filings) for r in archive.registrants) == sum(len(archive.parties(f)) for f in archive.filings)


def test_the_whole_corpus_builds_strict_with_zero_warnings(corpus, tmp_path):
    out = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "builder", "build", str(corpus), "--out", str(out), "--strict", "--quiet"],
        capture_output=True, text=True, cwd=REPO, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr, result.stderr[-3000:]
    for url in ("registrants/astrotech-corp", "registrants/walt-disney-co", "items/2-02", "forms/8-k"):
        assert (out / url / "index.html").is_file(), url
    largest = max((p.stat().st_size, p) for p in out.rglob("*.html"))
    assert largest[0] < 10_000_000, largest  # index pages stay small; the largest are filings' own texts
