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
