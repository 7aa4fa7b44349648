"""builder.markdown_speed: Python-Markdown's results with less work, on any input."""

from __future__ import annotations

import random

import markdown
import pytest
from markdown.extensions.tables import PIPE_LEFT, PIPE_NONE, PIPE_RIGHT, TableProcessor
from render_support import hostile_filing, render, sample_archive
from test_plain_inline import CONFIGS, NAMES, REPO

from builder import markdown_speed
from builder.pipeline import load_archive
from builder.render import render_site


def _processors() -> tuple[TableProcessor, markdown_speed.FastTableProcessor]:
    md = markdown.Markdown(extensions=["tables"])
    slow = md.parser.blockprocessors["table"]
    fast = markdown_speed.speed_up(markdown.Markdown(extensions=["tables"])).parser.blockprocessors["table"]
    assert type(slow) is TableProcessor and type(fast) is markdown_speed.FastTableProcessor
    return slow, fast


def test_rows_split_as_the_tables_extension_splits_them_random_rows():
    slow, fast = _processors()
    rng = random.Random(7)
    alphabet = ["|", "|", "|", "\\", "`", "``", " ", "a", "b", ":", "-", "&#124;", "\t"]
    for _ in range(40000):
        row = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        for border in (PIPE_NONE, PIPE_LEFT, PIPE_RIGHT, PIPE_LEFT | PIPE_RIGHT):
            slow.border = fast.border = border
            assert fast._split_row(row) == slow._split_row(row), (row, border)
        assert fast._split(row) == slow._split(row), row


def convert(text: str, fast: bool) -> tuple[str, list]:
    md = markdown.Markdown(extensions=NAMES, extension_configs=CONFIGS)
    if fast:
        markdown_speed.speed_up(md)
    return md.convert(text), md.toc_tokens


def _same_both_ways(pages: dict[str, str]) -> None:
    for path, text in pages.items():
        assert convert(text, True) == convert(text, False), path


def test_every_page_of_the_sample_archive_is_the_same_html():
    archive = load_archive(REPO / "filings", jobs=1)
    pages = {g.path: g.content for g in render_site(archive, REPO / "site_templates") if g.path.endswith(".md")}
    assert len(pages) > 100
    _same_both_ways(pages)


def test_pages_of_hostile_values_are_the_same_html():
    _same_both_ways({p: c for p, c in render(sample_archive(hostile_filing())).items() if p.endswith(".md")})


@pytest.mark.parametrize("text", [
    "| A | B |\n|---|---|\n| `x|y` | a\\|b |\n| c \\\\| d | e\\\\\\|f |",
    "| A | B |\n|:--|--:|\n| 1 | 2 |\n| 3 |\n| 4 | 5 | 6 |",
    "A | B\n--|--\n1 | 2\n3 | 4 |",
    "| A |\n|---|\n| a |",
    "|A|B|\n|-|-|\n||x|\n|y||",
    '<div markdown="1">\n| A | B |\n|---|---|\n| <b>x</b> | <p>y</p> |\n</div>\n\n<section>raw</section>\n\n<DIV>x</DIV>',
])
def test_tricky_text_is_the_same_html(text):
    _same_both_ways({"page.md": text})


def test_block_level_tags_follow_the_converters_list():
    md = markdown_speed.speed_up(markdown.Markdown())
    assert md.is_block_level("div") and md.is_block_level("DIV") and not md.is_block_level("span")
    assert not md.is_block_level(None)
    md.block_level_elements.append("span")
    markdown_speed.refresh(md.reset())
    assert md.is_block_level("span") and md.is_block_level("Span/")


def test_relative_urls_are_mkdocs_relative_urls():
    from mkdocs.utils import get_relative_url
    rng = random.Random(11)
    parts = ["a", "b", "..", ".", "", "x.html", "index.md", "c.d", "/"]
    for _ in range(30000):
        url, other = ("/".join(rng.choice(parts) for _ in range(rng.randint(0, 5))) for _ in range(2))
        assert markdown_speed.relative_url(url, other) == get_relative_url(url, other), (url, other)


def test_links_resolve_as_mkdocs_resolves_them(tmp_path, caplog):
    import logging

    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files, InclusionLevel
    from mkdocs.structure.pages import _RelativePathTreeprocessor

    names = ["index.md", "a/index.md", "a/b.md", "a/c/d.md", "e.md", "img/p.png", "a/x y.md", "gone.md"]
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    targets = ["index.md", "../index.md", "b.md", "c/d.md", "../e.md", "../../e.md", "d.md", "nowhere.md", "a/", "a",
               "../img/p.png", "x%20y.md", "x y.md", "../gone.md", "gone.md", ".", "./b.md", "c/../b.md", "b.md/",
               "b", "../a/b.md", "#top", "?q=1", "", "/e.md", "\\e.md", "https://x.org/a.md", "mailto:a@b.c",
               "//h/a.md", "a@b.c"]
    for directory_urls in (True, False):
        config = load_config(str(tmp_path / "mkdocs.yml"), use_directory_urls=directory_urls)
        files = Files([File(n, str(tmp_path / "docs"), str(tmp_path / "site"), directory_urls) for n in names])
        files.get_file_from_path("gone.md").inclusion = InclusionLevel.EXCLUDED
        for page in files:
            if not page.src_uri.endswith(".md"):
                continue
            for excluded in (False, True):
                page.inclusion = InclusionLevel.EXCLUDED if excluded else InclusionLevel.INCLUDED
                seen = []
                for cls in (_RelativePathTreeprocessor, markdown_speed.FastRelativePath):
                    processor = cls(page, files, config)
                    looked_up = []
                    lookup = files.get_file_from_path
                    files.get_file_from_path = lambda p: looked_up.append(p) or lookup(p)
                    caplog.clear()
                    try:
                        with caplog.at_level(logging.DEBUG, "mkdocs.structure.pages"):
                            urls = [processor.path_to_url(t + a) for t in targets for a in ("", "#s", "?q#t")]
                    finally:
                        del files.get_file_from_path
                    seen.append((urls, {f.src_uri: v for f, v in processor.links_to_anchors.items()},
                                 [(r.levelno, r.getMessage()) for r in caplog.records], list(dict.fromkeys(looked_up))))
                assert seen[0] == seen[1], (page.src_uri, directory_urls, excluded)
            page.inclusion = InclusionLevel.INCLUDED


@pytest.mark.parametrize("text", [
    "[TOC]\n\n# A\n\n## B", "# A\n\n  [TOC]  \n\n## B", "# [TOC]\n\n[TOC]", "> [TOC]\n\n# A", "* [TOC]\n* b\n\n# A",
    "| [TOC] |\n|---|\n| [TOC] |\n\n# A", "`[TOC]`\n\n    [TOC]\n\n# A", "&#91;TOC&#93;\n\n\\[TOC\\]\n\n# A",
    "<div markdown=\"1\">\n[TOC]\n</div>\n\n# A", "!!! note \"[TOC]\"\n    [TOC]\n\n# A", "[TOC] *x*\n\n# A",
])
def test_the_toc_marker_is_replaced_as_the_extension_replaces_it(text):
    _same_both_ways({"page.md": text})
    assert type(markdown_speed.speed_up(markdown.Markdown(extensions=["toc"])).treeprocessors["toc"]).__name__ == "FastTocTreeprocessor"


def test_unescaping_gives_the_same_strings_and_types():
    import xml.etree.ElementTree as etree

    from markdown.treeprocessors import UnescapeTreeprocessor
    from markdown.util import ETX, STX, AtomicString

    def tree():
        root = etree.Element("div")
        a = etree.SubElement(root, "p", {"title": f"x{STX}42{ETX}", "class": AtomicString("c"), "id": "i"})
        a.text, a.tail = AtomicString("plain"), f"t{STX}38{ETX}{STX}x{ETX}"
        code = etree.SubElement(root, "code")
        code.text, code.tail = f"{STX}42{ETX}", AtomicString("")
        etree.SubElement(root, "em").text = f"{STX}"
        root.append(etree.Comment(f"c{STX}42{ETX}"))
        return root

    def state(root):
        return [(e.tag, e.text, type(e.text), e.tail, type(e.tail), [(k, v, type(v)) for k, v in e.items()]) for e in root.iter()]

    md = markdown.Markdown()
    slow, fast = tree(), tree()
    UnescapeTreeprocessor(md).run(slow)
    markdown_speed.FastUnescapeTreeprocessor(md).run(fast)
    assert state(fast) == state(slow)
    assert type(markdown_speed.speed_up(markdown.Markdown()).treeprocessors["unescape"]).__name__ == "FastUnescapeTreeprocessor"
