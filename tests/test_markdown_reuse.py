"""builder.markdown_reuse: one converter per worker, reset between pages, the pages MkDocs renders."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from builder import markdown_reuse
from builder.markdown_reuse import ReusingPage

PAGES = {
    "index.md": "# Home\n\nSee [the report](a/report.md#item-202) and [the note][n].\n\n[n]: a/report.md\n",
    "a/report.md": (
        "---\ntitle: A report\n---\n# Report\n\n## Item 2.02 {#item-202}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "!!! note\n    Kept.\n\n[back](../index.md) [missing](../index.md#nowhere) [self](#item-202)\n"
    ),
    "a/other.md": "Text only, no heading: [n] is not a reference here.\n\n## Item 2.02\n\n## Item 2.02\n",
}


def _site(tmp_path: Path, extensions: list) -> tuple[object, Files]:
    docs = tmp_path / "docs"
    for name, text in PAGES.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), markdown_extensions=extensions)
    files = Files([File(name, str(docs), str(tmp_path / "site"), True) for name in PAGES])
    return config, files


def _rendered(page_class, config, files) -> list[tuple]:
    out = []
    for file in files:
        page = page_class(None, file, config)
        page.read_source(config)
        page.render(config, files)
        out.append((page.content, [dict(item.__dict__, children=len(item.children)) for item in page.toc],
                    page.title, sorted(page.present_anchor_ids),
                    {target.src_uri: links for target, links in page.links_to_anchors.items()}))
    return out


def test_pages_rendered_with_one_converter_are_the_pages_mkdocs_renders(tmp_path):
    config, files = _site(tmp_path, ["attr_list", "md_in_html", "admonition", "tables", {"toc": {"permalink": True}},
                                     "builder.plain_inline"])
    mkdocs_pages = _rendered(Page, config, files)
    markdown_reuse._converter = None
    reused = _rendered(ReusingPage, config, files) + _rendered(ReusingPage, config, files)  # twice: reset between
    assert reused == mkdocs_pages + mkdocs_pages
    assert markdown_reuse._converter[1] is not None  # one converter did every page
    assert "Item 2.02" in mkdocs_pages[2][0] and 'id="item-202_1"' in mkdocs_pages[2][0]  # ids are unique per page


def test_an_extension_of_another_package_gets_a_converter_per_page(tmp_path):
    config, files = _site(tmp_path, ["tables", "pymdownx.tilde"])
    markdown_reuse._converter = None
    assert markdown_reuse.converter(config) is None  # its resets are not known: MkDocs' render
    assert _rendered(ReusingPage, config, files) == _rendered(Page, config, files)
