"""The generated Markdown pages of the seed, a full submission and hostile input."""

from __future__ import annotations

import re

import yaml
from render_support import (
    ASTA_HEADLINE,
    ASTA_ID,
    GIF,
    HOSTILE_DESCRIPTION,
    HOSTILE_NAME,
    SEED_DESCRIPTION,
    TEMPLATES,
    hostile_filing,
    render,
    sample_archive,
    seed_archive,
    seed_filing,
    seed_id,
)

from builder.model.archive import Problem, build_archive
from builder.model.filing import Document, Exhibit, Filer, Filing
from builder.render import render_site

REPORT = f"filings/{seed_id()}/index.md"
EXHIBIT = f"filings/{seed_id()}/ex-99-1.md"
REGISTRANT = "registrants/sonus-networks-inc.md"


def front_matter(page: str) -> dict:
    m = re.match(r"---\n(.*?)\n---\n", page, re.S)
    assert m, page[:200]
    return yaml.safe_load(m.group(1))


def test_seed_renders_the_site_layout():
    pages = render(seed_archive())
    assert set(pages) == {
        "index.md", "registrants/index.md", REGISTRANT, "filings/index.md", "filings/2003.md",
        "forms/index.md", "forms/8-k.md", "items/index.md", "items/2-02.md",
        "industries/index.md", "states/index.md", "states/de.md",
        REPORT, EXHIBIT, "problems.md", "catalog.json", "catalog.csv",
    }
    assert all(isinstance(c, str) for c in pages.values())


def test_seed_report_has_title_metadata_item_signature_and_text():
    page = render(seed_archive())[REPORT]
    meta = front_matter(page)
    assert meta["title"] == "SONUS NETWORKS, INC. — Form 8-K — 2003-10-08"
    assert "SONUS NETWORKS, INC." in meta["description"] and "8-K" in meta["description"]
    assert "\n# SONUS NETWORKS, INC. — Form 8-K — 2003-10-08\n" in page
    assert "[SONUS NETWORKS, INC.](../../registrants/sonus-networks-inc.md)" in page
    assert "| Date of report | 2003-10-08 |" in page
    assert "| Commission file number | 000-30229 |" in page
    assert "## Item 12 — Results of Operations and Financial Condition {#item-12}" in page
    assert "Item 2.02" in page  # what the old item became
    assert "| Stephen J. Nill | Chief Financial Officer, Vice President of Finance" in page
    assert "| [99.1](ex-99-1.md) | Press release dated October 8, 2003" in page
    assert "listed, not included" in page
    assert "Sonus Networks, Inc. issued a press release" in page


def test_seed_item_links_to_its_place_in_the_text():
    page = render(seed_archive())[REPORT]
    assert "(#text-item-12)" in page
    assert '<span id="text-item-12"></span>Item 12. RESULTS OF OPERATIONS' in page


def test_filing_text_page_markers_become_page_breaks():
    page = render(seed_archive())[REPORT]
    block = page[page.index('<div class="filing-text"'):]
    assert "&lt;PAGE&gt;" not in block and "<PAGE>" not in block
    # The seed has four pages: cover, Item 12, signature, exhibit index.
    assert block.count('<pre class="filing-text">') == 4
    assert block.count('<hr class="page-break">') == 3
    assert re.search(r'</pre>\n<hr class="page-break">\n<pre class="filing-text">', block)
    # The layout is kept: the cover page's columns are still where they were.
    assert "       DELAWARE                       000-30229                 04-3387074\n" in block


def test_filing_text_is_html_escaped_and_keeps_tabs_at_8_columns():
    filing = seed_filing()
    filing.documents[0].text = "a\tb\n<b>&amp;</b>\n\x0cnext page\n"
    filing.items = []
    page = render(build_archive([filing]))[REPORT]
    assert "a       b\n&lt;b&gt;&amp;amp;&lt;/b&gt;</pre>" in page
    assert '<hr class="page-break">\n<pre class="filing-text">next page</pre>' in page


def test_seed_exhibit_listed_but_absent_links_back_to_report():
    page = render(seed_archive())[EXHIBIT]
    meta = front_matter(page)
    assert meta["title"] == f"Exhibit 99.1 — {SEED_DESCRIPTION}"
    assert "!!! note" in page
    assert (f"Exhibit 99.1 ({SEED_DESCRIPTION}) is listed in the exhibit index of [this report](index.md) "
            "but is not included in this archive.") in page
    assert "[Form 8-K — 2003-10-08](index.md)" in page  # breadcrumbs
    assert "[SONUS NETWORKS, INC.](../../registrants/sonus-networks-inc.md)" in page


def test_seed_registrant_page_has_facts_and_filings():
    page = render(seed_archive())[REGISTRANT]
    assert front_matter(page)["title"] == "SONUS NETWORKS, INC."
    for row in ("| State of incorporation | [DE (Delaware)](../states/de.md) |", "| Commission file number | 000-30229 |",
                "| IRS employer identification number | 04-3387074 |",
                "| Business address | 5 CARLISLE ROAD, WESTFORD, MASSACHUSETTS 01886 |",
                "| Phone | (978) 692-8999 |", "| CIK | — |", "| [8-K](../forms/8-k.md) | 1 |"):
        assert row in page, row
    assert (f"| [2003-10-08](../filings/{seed_id()}/index.md) | 8-K | "
            '[12](../items/2-02.md "Results of Operations and Financial Condition") |') in page
    assert "Role" not in page  # the seed's only role is the plain registrant's


def test_home_registrant_index_and_problems_pages():
    pages = render(sample_archive(problems=[Problem("filings/junk.bin", "not a filing")]))
    home = pages["index.md"]
    assert "**2 filings** (5 documents) of **2 registrants**" in home
    assert "**2003-10-08** to **2004-02-13**" in home
    assert "(registrants/index.md)" in home and "(problems.md)" in home and "(filings/index.md)" in home
    assert home.index(ASTA_ID) < home.index(seed_id())  # newest first
    index = pages["registrants/index.md"]
    assert "## A {#letter-a}" in index and "## S {#letter-s}" in index
    assert "| [ASTA FUNDING INC](0001001258.md) | 0001001258 | 1 |" in index
    problems = pages["problems.md"]
    assert "| filings/junk.bin | not a filing | nothing |" in problems
    assert "No problems" in render(seed_archive())["problems.md"]


def test_full_submission_pages_exhibits_and_graphic():
    pages = render(sample_archive())
    folder = f"filings/{ASTA_ID}"
    report = pages[f"{folder}/index.md"]
    assert "[on EDGAR](https://www.sec.gov/Archives/edgar/data/1001258/000112528204000379/0001125282-04-000379-index.htm)" in report
    assert "| [99.1](ex-99-1.md) | Press release | included |" in report
    assert f"| 4 | GRAPHIC | Asta logo | [logo.gif](files/logo.gif) | {len(GIF)} |" in report
    assert "![Asta logo](files/logo.gif)" in report
    assert pages[f"{folder}/files/logo.gif"] == GIF
    exhibit = pages[f"{folder}/ex-99-1.md"]
    assert ASTA_HEADLINE in exhibit and "not included" not in exhibit
    assert "<pre class=\"filing-text\">                " + ASTA_HEADLINE in exhibit  # tabs → 8 columns
    assert "[ASTA FUNDING INC](../../registrants/0001001258.md)" in exhibit
    html_exhibit = pages[f"{folder}/ex-99-2.md"]
    assert '<div class="filing-html" markdown="0">' in html_exhibit
    assert '<img src="../files/logo.gif" alt="Asta logo">' in html_exhibit  # raw HTML: URL from the page's URL
    assert "<script" not in html_exhibit
    registrant = pages["registrants/0001001258.md"]
    assert "(https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0001001258)" in registrant
    assert "ASTA GROUP INC (until 1995-11-13)" in registrant
    assert "| Fiscal year end | September 30 |" in registrant


def test_company_name_with_markup_renders_as_text():
    pages = render(build_archive([hostile_filing()]))
    text = "\n".join(c for p, c in pages.items() if p.endswith(".md"))
    assert HOSTILE_NAME not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "](javascript:" not in text
    assert "{{ config }}" not in text and "{% if x %}" not in text and "{% raw %}" not in text
    assert "<script>" not in text
    assert "*bold*" not in text and "_it_" not in text
    registrant = pages["registrants/0000000001.md"]
    assert front_matter(registrant)["title"] == "&lt;img src=x onerror=alert(1)&gt;"
    # A table cell keeps its columns: the pipes of the data are not column separators.
    row = next(line for line in registrant.splitlines() if line.startswith("| Commission file number"))
    assert row.count("|") == 3
    # Front matter parses and stays HTML-escaped (Material prints it unescaped).
    for path, content in pages.items():
        if path.endswith(".md"):
            meta = front_matter(content)
            assert "<" not in meta["title"] + meta["description"], path


def test_exhibits_with_the_same_number_get_distinct_paths():
    pages = render(build_archive([hostile_filing()]))
    folder = "filings/0000000001-24-000001"
    assert f"{folder}/ex-99-1.md" in pages and f"{folder}/ex-99-1-2.md" in pages
    assert "The same number again" in pages[f"{folder}/ex-99-1-2.md"]
    assert HOSTILE_DESCRIPTION.split("]")[0][1:] in pages[f"{folder}/ex-99-1.md"]  # "link", as text


def test_filename_with_traversal_stays_inside_docs():
    files = render_site(build_archive([hostile_filing()]), TEMPLATES)
    paths = [g.path for g in files]
    assert len(paths) == len(set(paths))
    for path in paths:
        assert re.fullmatch(r"[A-Za-z0-9._/-]+", path), path
        parts = path.split("/")
        assert ".." not in parts and "" not in parts and not any(p.startswith(".") for p in parts), path
    binary = [g for g in files if isinstance(g.content, bytes)]
    assert [g.path for g in binary] == ["filings/0000000001-24-000001/files/evil.html.bin"]


def test_filing_html_is_sanitized_on_its_page():
    page = render(build_archive([hostile_filing()]))["filings/0000000001-24-000001/ex-99-1-2.md"]
    block = page[page.index('<div class="filing-html"'):]
    assert "onclick" not in block and "onerror" not in block and "<iframe" not in block
    assert "javascript:" not in block
    assert "<p>Hi" in block


def test_output_is_deterministic():
    first = render_site(sample_archive(hostile_filing()), TEMPLATES)
    second = render_site(sample_archive(hostile_filing()), TEMPLATES)
    assert [(g.path, g.content) for g in first] == [(g.path, g.content) for g in second]


def test_templates_are_loaded_once_per_build(monkeypatch):
    import jinja2

    loads: list[str] = []
    original = jinja2.FileSystemLoader.get_source

    def counting(self, environment, template):
        loads.append(template)
        return original(self, environment, template)

    monkeypatch.setattr(jinja2.FileSystemLoader, "get_source", counting)
    filings = []
    for i in range(30):
        f = seed_filing()
        f.id = f"x-{i:04d}"
        filings.append(f)
    render_site(build_archive(filings), TEMPLATES)
    assert len(loads) == len(set(loads)), sorted(loads)


def test_filing_without_filers_documents_or_dates_still_renders():
    bare = Filing(source="filings/odd.txt", shape="bare-document", id="x-000000000001")
    bare.exhibits = [Exhibit(number="", description=None)]
    weird = Filing(source="filings/weird.txt", shape="html", id="../../etc", form_type="10-K",
                   filers=[Filer(name=None)], documents=[Document(type="10-K", format="html", text="")])
    pages = render(build_archive([bare, weird]))
    assert "filings/x-000000000001/index.md" in pages
    assert "filings/x-000000000001/ex.md" in pages
    assert "filings/undated.md" in pages
    assert not any(".." in p for p in pages)
    assert "The archive holds no text for this report." in pages["filings/x-000000000001/index.md"]


def test_co_registrants_and_roles_are_shown_on_both_sides():
    parent = Filer(name="PARENT CORP", cik="0000000010", role="filer")
    subsidiary = Filer(name="SUBSIDIARY LLC", cik="0000000011", role="filer")
    target = Filer(name="TARGET INC", cik="0000000012", role="subject company")
    filing = Filing(source="s.txt", shape="full-submission", id="0000000010-05-000001",
                    accession_number="0000000010-05-000001", form_type="8-K", filed_date="2005-01-03",
                    filers=[parent, subsidiary, target])
    pages = render(build_archive([filing]))
    report = pages["filings/0000000010-05-000001/index.md"]
    # The filing is about its subject company: it comes first and titles the report.
    assert ("| Registrants | [TARGET INC](../../registrants/0000000012.md) (subject company), "
            "[PARENT CORP](../../registrants/0000000010.md), "
            "[SUBSIDIARY LLC](../../registrants/0000000011.md) |") in report
    assert front_matter(report)["title"] == "TARGET INC — Form 8-K — 2005-01-03"
    assert "| [2005-01-03](../filings/0000000010-05-000001/index.md) | 8-K |  | subject company |" in \
        pages["registrants/0000000012.md"]
    assert "| [2005-01-03](../filings/0000000010-05-000001/index.md) | 8-K |  | co-registrant |" in \
        pages["registrants/0000000011.md"]
