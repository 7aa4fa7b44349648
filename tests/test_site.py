"""End to end: the shipped sample archive becomes a site, and the seed its three linked pages."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO, SEED, seed_id


def _html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"#]*)', html))


def _resolve(page_url: str, href: str) -> str:
    """The site path a relative link on the page at `page_url` points to."""
    parts = [p for p in page_url.strip("/").split("/") if p]
    for piece in href.split("/"):
        if piece == "..":
            parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts) + "/"


def _targets(site: Path, url: str) -> set[str]:
    return {_resolve(url, h) for h in _links(_html(site, url)) if not h.startswith(("http", "mailto"))}


def test_sample_archive_builds_strict_with_zero_warnings(sample_site):
    site, log = sample_site
    assert "WARNING" not in log, log
    assert (site / "index.html").is_file()
    assert (site / "registrants" / "index.html").is_file()


def test_seed_registrant_report_and_exhibit_pages_link_both_ways(sample_site):
    site, _ = sample_site
    report = f"filings/{seed_id()}/"
    exhibit = f"filings/{seed_id()}/ex-99-1/"
    registrant = "registrants/sonus-networks-inc/"
    for url in (report, exhibit, registrant):
        assert (site / url / "index.html").is_file(), url
    assert report in _targets(site, registrant)
    assert {registrant, exhibit} <= _targets(site, report)
    assert {registrant, report} <= _targets(site, exhibit)


def test_seed_report_page_shows_item_signature_and_text(sample_site):
    site, _ = sample_site
    html = _html(site, f"filings/{seed_id()}/")
    assert 'id="item-12"' in html
    assert "Results of Operations and Financial Condition" in html
    assert "Stephen J. Nill" in html
    assert "Chief Financial Officer" in html
    assert "000-30229" in html
    assert "Sonus Networks, Inc. issued a press release" in html


def test_seed_exhibit_listed_but_absent_says_so(sample_site):
    site, _ = sample_site
    html = _html(site, f"filings/{seed_id()}/ex-99-1/")
    assert "Press release dated October 8, 2003" in html
    assert "not included" in html


def test_search_index_finds_the_seed_by_name_item_and_signer(sample_site):
    # The search is the archive's own index (no more search/search_index.json), read in Python;
    # tests/test_search_index.py and tests/browser/test_search.py go further.
    from search_reader import SearchIndex

    site, _ = sample_site
    index = SearchIndex(site)
    report = f"/filings/{seed_id()}/"
    for word in ("sonus", "item", "12", "nill"):  # the index form of "Sonus", "Item 12", "Nill"
        assert report in index.pages_with(word), word


def test_generated_pages_stay_out_of_the_nav(sample_site):
    site, _ = sample_site
    home = _html(site, "")
    assert seed_id() not in re.sub(r"<article.*?</article>", "", home, flags=re.S)


def test_inspect_json_on_the_seed_gives_the_contract_values():
    out = subprocess.run(
        [sys.executable, "-m", "builder", "inspect", "--json", str(SEED)],
        capture_output=True, text=True, check=True, cwd=REPO,
    ).stdout
    lines = out.strip().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert set(record) == {
        "source", "accession_number", "form_type", "period_of_report", "filed_date", "filers",
        "items", "signatures", "exhibits", "documents", "problems",
    }
    assert record["source"] == str(SEED)
    assert record["accession_number"] is None and record["filed_date"] is None
    assert record["form_type"] == "8-K"
    assert record["period_of_report"] == "2003-10-08"
    assert record["filers"] == [{
        "name": "SONUS NETWORKS, INC.", "cik": None, "state_of_incorporation": "DE",
        "file_number": "000-30229", "irs_number": "04-3387074", "sic": None, "fiscal_year_end": None,
        "business_address": "5 CARLISLE ROAD, WESTFORD, MASSACHUSETTS 01886", "phone": "(978) 692-8999",
    }]
    assert record["items"] == [{"number": "12", "title": "Results of Operations and Financial Condition"}]
    assert record["signatures"] == [{
        "name": "Stephen J. Nill",
        "title": "Chief Financial Officer, Vice President of Finance and Administration and Treasurer",
        "date": "2003-10-08",
    }]
    assert record["exhibits"] == [{
        "number": "99.1",
        "description": "Press release dated October 8, 2003 reporting the financial results of "
                       "Sonus Networks, Inc. for the fiscal quarter ended September 30, 2003.",
        "included": False,
    }]
    assert len(record["documents"]) == 1


def test_cli_build_writes_the_site_and_prints_a_summary(tmp_path):
    out = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "builder", "build", str(REPO / "filings"), "--out", str(out), "--quiet"],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").is_file()
    assert re.search(r"\d+ filings, \d+ registrants, \d+ documents, \d+ problems", result.stdout)
    assert not list(tmp_path.glob(".site.tmp-*"))


def test_full_submission_included_exhibit_page_shows_its_text(sample_site):
    site, _ = sample_site
    report = "filings/0001125282-04-000379/"
    exhibit = "filings/0001125282-04-000379/ex-99-1/"
    assert exhibit in _targets(site, report)
    html = _html(site, exhibit)
    assert "ASTA FUNDING REPORTS RECORD FIRST QUARTER FISCAL 2004 RESULTS" in html
    assert report in _targets(site, exhibit)
    assert "registrants/0001001258/" in _targets(site, exhibit)


def test_the_plugins_files_are_the_files_mkdocs_generated_makes(tmp_path):
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.plugins import PluginCollection
    from mkdocs.structure.files import File, InclusionLevel

    from builder.plugin import _file_maker, _LinkedFile

    for urls in (True, False):
        config = MkDocsConfig()
        config.load_dict({"site_name": "t", "site_dir": str(tmp_path / "site"), "use_directory_urls": urls})
        config.validate()
        config["plugins"] = PluginCollection()
        config.plugins._current_plugin = "filings"
        make = _file_maker(config)
        for kind, path, inclusion, source in (
                (File, "filings/0001-03-000001/ex-99-1.md", InclusionLevel.NOT_IN_NAV, dict(abs_src_path="/c/ab/abcd")),
                (File, "index.md", InclusionLevel.INCLUDED, dict(content="# Home\n")),
                (_LinkedFile, "filings/f/files/graphic.jpg", InclusionLevel.NOT_IN_NAV, dict(abs_src_path="/c/x"))):
            made = make(kind, path, inclusion, **{"abs_src_path": None, "content": None, **source})
            expected = kind.generated(config, path, inclusion=inclusion, **source)
            assert type(made) is kind and vars(made) == vars(expected)
            assert (made.dest_uri, made.url, made.abs_dest_path, made.is_documentation_page()) == \
                (expected.dest_uri, expected.url, expected.abs_dest_path, expected.is_documentation_page())
