"""Safe file names, page paths and links."""

from __future__ import annotations

import pytest

from builder.model.archive import build_archive
from builder.model.filing import Document, Exhibit, Filer, Filing
from builder.render.paths import (
    MAX_NAME,
    binary_name,
    exhibit_slug,
    html_link,
    item_anchor,
    md_link,
    page_url,
    plan_filing,
    plan_site,
    safe_name,
)


@pytest.mark.parametrize("name, expected", [
    ("../../x", "x"),
    ("/etc/passwd", "passwd"),
    ("C:\\Windows\\evil.exe", "evil.exe"),
    ("..", "file"),
    (".hidden", "hidden"),
    ("...", "file"),
    ("", "file"),
    (None, "file"),
    ("Ré sumé (final).JPG", "Re-sume-final.jpg"),
    ("日本語.htm", "htm"),
    ("a b\x00c.txt", "a-b-c.txt"),
])
def test_safe_name(name, expected):
    assert safe_name(name) == expected


def test_safe_name_caps_length_and_keeps_the_extension():
    name = safe_name("x" * 500 + ".jpeg")
    assert len(name) <= MAX_NAME and name.endswith(".jpeg")


def test_safe_name_deduplicates_per_folder_ignoring_case():
    taken: set[str] = set()
    names = [safe_name(n, taken) for n in ("a.jpg", "A.JPG", "../a.jpg", "a-2.jpg", "a.jpg")]
    assert names == ["a.jpg", "A-2.jpg", "a-3.jpg", "a-2-2.jpg", "a-4.jpg"]
    assert len({n.lower() for n in names}) == len(names)


def test_binary_names_never_make_pages_or_scripts():
    taken: set[str] = set()
    cases = [("page.md", b"x"), ("x.html", b"<script>"), ("x.svg", b"<svg>"), ("logo.gif", b"GIF89a.."),
             ("photo.htm", b"\xff\xd8\xff\xe0"), ("doc.pdf", b"%PDF-1.4"), (None, b"PK\x03\x04")]
    names = [binary_name(Document(sequence=i, filename=f, data=d), taken) for i, (f, d) in enumerate(cases)]
    assert [n for n, _ in names] == ["page.md.bin", "x.html.bin", "x.svg.bin", "logo.gif", "photo.htm.jpg",
                                     "doc.pdf", "document-6.zip"]
    assert [image for _, image in names] == [False, False, False, True, True, False, False]


def test_exhibit_slugs_and_item_anchors():
    assert exhibit_slug("99.1") == "ex-99-1"
    assert exhibit_slug("101.INS") == "ex-101-ins"
    assert exhibit_slug("99(a)") == "ex-99-a"
    assert exhibit_slug("") == "ex"
    assert item_anchor("12") == "item-12" and item_anchor("2.02") == "item-2-02" and item_anchor("II-1A") == "item-ii-1a"


def test_same_exhibit_number_twice_gets_deterministic_unique_paths():
    filing = Filing(source="s", shape="x", id="f", exhibits=[
        Exhibit("99.1", "first"), Exhibit("99.1-2", "natural owner"), Exhibit("99.1", "second"), Exhibit("99.1", "third"),
    ])
    layout = plan_filing(filing, "filings/f")
    assert [e.path for e in layout.exhibits] == [
        "filings/f/ex-99-1.md", "filings/f/ex-99-1-2.md", "filings/f/ex-99-1-3.md", "filings/f/ex-99-1-4.md"]


def test_included_exhibit_documents_without_an_index_entry_still_get_pages():
    docs = [Document(sequence=1, type="8-K", text="r"), Document(sequence=2, type="EX-99", text="x"),
            Document(sequence=3, type="EX-10.1", text="y"), Document(sequence=4, type="COVER", text="z")]
    filing = Filing(source="s", shape="x", id="f", documents=docs,
                    exhibits=[Exhibit("99", "listed", included=True, document_sequence=2)])
    layout = plan_filing(filing, "filings/f")
    assert [(e.exhibit.number, e.document is not None) for e in layout.exhibits] == [("99", True), ("10.1", True)]
    assert layout.targets == {0: "filings/f/index.md#text", 1: "filings/f/ex-99.md",
                              2: "filings/f/ex-10-1.md", 3: "filings/f/doc-4.md"}


def test_unsafe_ids_and_keys_become_safe_unique_folders():
    filings = [Filing(source=str(i), shape="x", id=fid, filed_date="2003-01-01",
                      filers=[Filer(name=name)])
               for i, (fid, name) in enumerate([("../../etc", "Index"), ("..\\..\\etc", "index"), ("2003", "A")])]
    layout = plan_site(build_archive(filings))
    folders = sorted(layout.filings[f.id].folder for f in filings)
    assert folders == ["filings/2003-2", "filings/etc", "filings/etc-2"]  # "2003" is the year page
    assert "registrants/index.md" not in layout.registrants.values()


def test_links_between_pages():
    assert md_link("filings/x/index.md", "registrants/a.md") == "../../registrants/a.md"
    assert md_link("filings/x/ex-1.md", "filings/x/index.md#exhibits") == "index.md#exhibits"
    assert md_link("filings/x/index.md", "filings/x/index.md#text") == "#text"
    assert md_link("index.md", "problems.md") == "problems.md"
    with pytest.raises(ValueError):
        md_link("index.md", "a b/(c).md")


def test_urls_for_raw_html():
    assert page_url("filings/x/index.md") == "filings/x/"
    assert page_url("filings/x/ex-1.md") == "filings/x/ex-1/"
    assert page_url("index.md") == ""
    assert html_link("filings/x/ex-1.md", "filings/x/files/a.jpg") == "../files/a.jpg"
    assert html_link("filings/x/index.md", "filings/x/files/a.jpg") == "files/a.jpg"
    assert html_link("filings/x/ex-1.md", "filings/x/index.md#text") == "../#text"
    assert html_link("filings/x/index.md", "filings/x/ex-2.md") == "ex-2/"
    assert html_link("filings/x/index.md", "filings/x/index.md#text") == "#text"
    assert html_link("filings/x/ex-1.md", "filings/x/files/a.jpg", use_directory_urls=False) == "files/a.jpg"
    assert html_link("filings/x/ex-1.md", "filings/x/ex-2.md", use_directory_urls=False) == "ex-2.html"
