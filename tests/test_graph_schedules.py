"""Schedules filed by a holder about an issuer, read from EDGAR's accession folders without a header
(three real SC 13G statements of Elon R. Musk on Tesla Motors, 2011-2013): the folder names the
accession, the cover names the parties, and each amendment links to the statement it amends."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from render_support import TEMPLATES

from builder.model.amendments import find_original
from builder.model.archive import build_archive
from builder.model.filing import Filer, Filing
from builder.pipeline import load_archive
from builder.read import find_sources, read_source
from builder.render import render_site

SCHEDULES = Path(__file__).parent / "fixtures" / "schedules"
ORIGINAL, FIRST, SECOND = "0001193125-11-023336", "0001193125-12-060227", "0001193125-13-059336"


@pytest.fixture(scope="module")
def archive():
    return load_archive(SCHEDULES)


def test_a_lone_file_in_an_accession_folder_is_that_accessions_filing(archive):
    sources = find_sources(SCHEDULES)
    assert [p.parent.name for p in sources] == ["000119312511023336", "000119312512060227", "000119312513059336"]
    assert read_source(sources[0], SCHEDULES).folder_accession == ORIGINAL
    assert sorted(f.id for f in archive.filings) == [ORIGINAL, FIRST, SECOND]


def test_a_file_among_others_in_an_accession_folder_is_not_given_its_accession(tmp_path):
    folder = tmp_path / "000119312511023336"
    shutil.copytree(SCHEDULES / "000119312511023336", folder)
    (folder / "sub").mkdir()  # a folder with a subfolder is not an accession folder: files stand alone
    (folder / "notes.txt").write_text("my notes on Tesla\n")
    subs = [read_source(p, tmp_path) for p in find_sources(tmp_path)]
    assert subs and all(s.folder_accession is None for s in subs)


def test_a_schedule_without_header_names_the_issuer_as_subject_and_the_holder_as_filer(archive):
    by_id = {f.id: f for f in archive.filings}
    statement = by_id[ORIGINAL]
    assert statement.form_type == "SC 13G" and by_id[FIRST].form_type == "SC 13G/A"
    assert [(f.role, f.name) for f in statement.filers] == [("subject company", "Tesla Motors, Inc."),
                                                           ("filed by", "Elon R. Musk")]
    assert statement.period_of_report == "2010-12-31"  # the date of the event, from the cover
    assert archive.primary(statement).registrant.name == "Tesla Motors, Inc."
    names = {r.name: sorted((role.role, role.filing.id) for role in r.filings) for r in archive.registrants}
    assert names["Elon R. Musk"] == [("filed by", i) for i in (ORIGINAL, FIRST, SECOND)]
    assert names["Tesla Motors, Inc."] == [("subject company", i) for i in (ORIGINAL, FIRST, SECOND)]


def test_each_13g_amendment_links_to_the_holders_original_statement(archive):
    by_id = {f.id: f for f in archive.filings}
    assert archive.amends(by_id[FIRST]) is by_id[ORIGINAL]
    assert archive.amends(by_id[SECOND]) is by_id[ORIGINAL]
    assert [f.id for f in archive.amendments(by_id[ORIGINAL])] == [FIRST, SECOND]
    pages = {g.path: g.content for g in render_site(archive, TEMPLATES, filings_dir=SCHEDULES)}
    amended = pages[f"filings/{FIRST}/index.md"]
    assert "| Amends |" in amended and f"{ORIGINAL}" in amended.split("| Amends |", 1)[1].split("\n", 1)[0]
    original = pages[f"filings/{ORIGINAL}/index.md"]
    line = original.split("| Amended by |", 1)[1].split("\n", 1)[0]
    assert FIRST in line and SECOND in line


def _schedule(accession: str, form: str, holder: str, period: str, filed: str) -> Filing:
    return Filing(source=accession, shape="sec-submission", accession_number=accession, id=accession,
                  form_type=form, period_of_report=period, filed_date=filed,
                  filers=[Filer(role="subject company", name="ISSUER CORP", cik="0000000001"),
                          Filer(role="filed by", name=holder)])


def test_a_13g_amendment_never_links_to_another_holders_statement():
    mine = _schedule("0000000002-24-000001", "SC 13G", "FUND ONE LP", "2023-12-31", "2024-02-01")
    theirs = _schedule("0000000003-24-000001", "SC 13G", "FUND TWO LP", "2024-12-31", "2025-02-01")
    amendment = _schedule("0000000002-25-000001", "SC 13G/A", "FUND ONE LP", "2024-12-31", "2025-02-10")
    archive = build_archive([mine, theirs, amendment])
    assert archive.amends(amendment) is mine
    lone = _schedule("0000000004-25-000001", "SC 13G/A", "FUND THREE LP", "2024-12-31", "2025-02-11")
    archive = build_archive([mine, theirs, lone])
    assert archive.amends(lone) is None


def test_an_8k_amendment_without_a_report_of_its_period_amends_nothing():
    def report(accession: str, form: str, period: str) -> Filing:
        return Filing(source=accession, shape="sec-submission", accession_number=accession, id=accession,
                      form_type=form, period_of_report=period, filed_date=period,
                      filers=[Filer(role="filer", name="ACME CORP", cik="0000000005", file_number="001-00005")])

    earlier = report("0000000005-24-000001", "8-K", "2024-01-05")
    amendment = report("0000000005-24-000002", "8-K/A", "2024-03-01")
    archive = build_archive([earlier, amendment])
    assert archive.amends(amendment) is None
    position = {earlier.id: 0, amendment.id: 1}
    assert find_original(amendment, [earlier, amendment], position) is None


def test_a_registration_statement_amendment_amends_the_statement_of_its_file_number():
    def statement(accession: str, form: str, number: str, filed: str) -> Filing:
        return Filing(source=accession, shape="sec-submission", accession_number=accession, id=accession,
                      form_type=form, filed_date=filed,
                      filers=[Filer(role="filer", name="ACME CORP", cik="0000000006", file_number=number)])

    shelf = statement("0000000006-24-000001", "S-3", "333-100001", "2024-01-05")
    other = statement("0000000006-24-000002", "S-3", "333-100002", "2024-02-05")
    amendment = statement("0000000006-24-000003", "S-3/A", "333-100001", "2024-03-01")
    archive = build_archive([shelf, other, amendment])
    assert archive.amends(amendment) is shelf
