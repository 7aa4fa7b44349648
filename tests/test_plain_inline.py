"""builder.plain_inline: plain text kept out of Python-Markdown's inline pass, the same HTML."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml
from render_support import hostile_filing, render, sample_archive

from builder import plain_inline
from builder.pipeline import load_archive
from builder.render import render_site

REPO = Path(__file__).resolve().parents[1]


def _project_extensions() -> tuple[list, dict]:
    """mkdocs.yml's `markdown_extensions`: names and their settings."""
    names, configs = [], {}
    for entry in yaml.safe_load((REPO / "mkdocs.yml").read_text())["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, settings), = entry.items()
            names.append(name)
            configs[name] = settings or {}
        else:
            names.append(entry)
    return names, configs


NAMES, CONFIGS = _project_extensions()


def convert(text: str, extensions: list) -> tuple[str, list]:
    md = markdown.Markdown(extensions=extensions, extension_configs=CONFIGS)
    return md.convert(text), md.toc_tokens


class Counting(plain_inline.PlainInlineProcessor):
    """The processor, counting the pieces of text it made into elements."""

    made = 0

    def run(self, root):
        elements = plain_inline._elements

        def counted(text):
            result = elements(text)
            if result is not None:
                Counting.made += 1
            return result

        plain_inline._elements = counted
        try:
            return super().run(root)
        finally:
            plain_inline._elements = elements


class CountingExtension(plain_inline.PlainInlineExtension):
    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        if "plain_inline" in md.treeprocessors:
            md.treeprocessors.register(Counting(md), "plain_inline", 21)


def assert_same_both_ways(pages: dict[str, str]) -> int:
    """Every page converts to the same HTML and table of contents with the processor as without;
    how many pieces of text it took."""
    Counting.made = 0
    for path, text in pages.items():
        assert convert(text, [*NAMES, CountingExtension()]) == convert(text, NAMES), path
    return Counting.made


def test_every_page_of_the_sample_archive_is_the_same_html_without_the_inline_pass_on_plain_text():
    archive = load_archive(REPO / "filings", jobs=1)
    pages = {g.path: g.content for g in render_site(archive, REPO / "site_templates") if g.path.endswith(".md")}
    assert len(pages) > 100
    made = assert_same_both_ways(pages)
    assert made > 20 * len(pages)  # tables, breadcrumbs, lines of links: most of the text


def test_pages_of_hostile_values_are_the_same_html_without_the_inline_pass_on_plain_text():
    pages = {p: c for p, c in render(sample_archive(hostile_filing())).items() if p.endswith(".md")}
    assert assert_same_both_ways(pages) > 0


@pytest.mark.parametrize("text", [
    "| Field | Value |\n|---|---|\n| Name | AT&amp;T &#95;&#95;x &#124; y & z |\n| Link | [a &amp; b](x.md \"t  with   blanks\") tail |",
    "| Seq | Size |\n|---:|:---:|\n| 1 | 1,234 |\n|  |  |",
    "| A | B |\n|---|---|",
    "[Home](../index.md) › [Filings](index.md) › 2022\n{: .breadcrumbs }",
    "Wow! [Yes](a.md#x) (no number)",
    "[tab](a.md \"t\tb\") [padded](b.md \"  c  \") [empty](c.md \"\")",
    "text  \nwith a line break and [a](b.md)",
    "![image](a.png) and *emphasis* and _under_ and `code` and <b>raw</b> and \\*escaped\\*",
    "| A | B |\n|---|---|\n| `x|y` | [l](m.md) |\n| a\\|b | snake_case |",
    "[nested [brackets]](x.md) [t](u.md 'single') [t](<v.md>) [t](w.md \"a (b)\")",
    "!!! note \"Not included\"\n\n    Exhibit 99.1 ([report](index.md)) is listed.",
    "# Title &amp; more {#t}\n\n## Item 2.02 — Results {#item-2-02}\n\ntext",
    '<div markdown="1">\n[in html](a.md) and more\n</div>',
])
def test_tricky_text_is_the_same_html_without_the_inline_pass_on_plain_text(text):
    assert_same_both_ways({"page.md": text})


def test_plain_cells_and_links_are_taken_and_markup_is_left_to_the_inline_pass():
    Counting.made = 0
    convert("| A | B |\n|---|---|\n| [a](b.md \"c\") | d &amp; e |", [*NAMES, CountingExtension()])
    assert Counting.made == 4  # the two headers, the two cells
    Counting.made = 0
    convert("| A |\n|---|\n| *x* |\n| a_b |", [*NAMES, CountingExtension()])
    assert Counting.made == 1  # the header only


def test_another_extensions_inline_syntax_or_tree_processor_turns_it_off():
    text = "| A |\n|---|\n| ~~gone~~ |"
    md = markdown.Markdown(extensions=["tables", "pymdownx.tilde", "builder.plain_inline"])
    assert "plain_inline" not in md.treeprocessors
    assert "<del>gone</del>" in md.convert(text)
    text = "| A |\n|---|\n| The SEC files. |\n\n*[SEC]: Securities and Exchange Commission"
    md = markdown.Markdown(extensions=["tables", "abbr", "builder.plain_inline"])
    assert "plain_inline" not in md.treeprocessors
    assert '<abbr title="Securities and Exchange Commission">SEC</abbr>' in md.convert(text)
    assert "plain_inline" in markdown.Markdown(extensions=["tables", "builder.plain_inline"]).treeprocessors


def test_the_plugin_adds_it_last_once():
    from mkdocs.config import load_config
    config = load_config(str(REPO / "mkdocs.yml"))
    for _ in range(2):
        config = config.plugins.on_config(config)
    assert config.markdown_extensions[-1] == "builder.plain_inline"
    assert config.markdown_extensions.count("builder.plain_inline") == 1


def test_text_without_links_is_plain_exactly_when_the_whole_expression_says_so():
    import random
    rng = random.Random(2)
    alphabet = list("ab !]\\`*_<>\t\n\r") + ["  \n", " \n", "\x00", "\x0b", "\x1f", "\x7f", "é", "&amp;", "  ", "\x85", "\u2028"]
    for _ in range(100000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert (plain_inline._elements(text) is not None) == bool(plain_inline._PLAIN.fullmatch(text)), repr(text)
