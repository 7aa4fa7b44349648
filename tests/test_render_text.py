"""Escaping filing text for Markdown and front matter; plain text as <pre> pages."""

from __future__ import annotations

import html

import markdown
import pytest
import yaml

from builder.render.text import Md, cell, line_numbers, md, meta, plain_text_html

EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "toc"]


def rendered(markdown_text: str) -> str:
    return markdown.markdown(markdown_text, extensions=EXTENSIONS)


@pytest.mark.parametrize("text", [
    "<img src=x onerror=alert(1)>",
    "[link](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<https://example.com>",
    "*bold* **strong** _it_ __init__ `code`",
    "a | b",
    "{{ config }} {% if x %} {#id} {: .cls }",
    "# heading #",
    "1. first",
    "- item",
    "> quote",
    "!!! note",
    "=== setext",
    "AT&T &amp; &lt;b&gt; \\*",
    "~~strike~~ ^^ins^^ ==mark==",
])
def test_md_renders_literally_in_a_paragraph_and_a_table_cell(text):
    escaped = md(text)
    paragraph = rendered(f"Before {escaped}")
    assert html.unescape(paragraph.removeprefix("<p>").removesuffix("</p>")) == f"Before {text}"
    at_line_start = rendered(str(escaped))
    assert html.unescape(at_line_start.removeprefix("<p>").removesuffix("</p>")) == text
    table = rendered(f"| a | b |\n|---|---|\n| {escaped} | x |")
    cells = table.split("<td>")
    assert len(cells) == 3 and html.unescape(cells[1].split("</td>")[0]) == text


def test_md_leaves_ordinary_text_readable():
    for text in ("SONUS NETWORKS, INC.", "Stephen J. Nill", "(978) 692-8999", "000-30229",
                 "04-3387074", "99.1", "rrd279589_316158.htm", "2003-10-08"):
        assert md(text) == text


def test_md_collapses_lines_and_drops_control_characters():
    assert md("a\n\n# b\r\n  c\x00\x1b") == "a &#35; b c"
    assert md(None) == "" and md("   ") == ""
    assert md("caf\x92s") == "caf\u2019s"  # cp1252 punctuation read as Latin-1


def test_markup_is_not_escaped_twice():
    assert md(Md("&#42;")) == "&#42;"
    assert cell(None, "—") == "—"


@pytest.mark.parametrize("text", [
    'He said "hi" \\ <b>', "SONUS — Form 8-K", "caf\u00e9 \U0001F600", "line\u2028sep\x85", ": colon", "- dash",
])
def test_meta_is_valid_yaml_holding_html_escaped_text(text):
    value = yaml.safe_load(f"title: {meta(text)}")["title"]
    assert "<" not in value and '"' not in value
    assert html.unescape(value) == md_free(text)


def md_free(text: str) -> str:
    return " ".join(text.replace("\u2028", " ").replace("\x85", "\u2026").split())


def test_meta_of_markup_keeps_its_entities():
    assert meta(md("a *b* <c>")) == '"a &#42;b&#42; &lt;c&gt;"'


def test_plain_text_pages_and_anchors():
    text = "cover\r\n<PAGE>\r\n\r\nItem 1.\tx\r\n\r\n<page> 2\r\nend\x0cnext\r\n"
    out = plain_text_html(text, {3: ["text-item-1"]})
    assert out.startswith('<div class="filing-text" markdown="0">\n<pre class="filing-text">cover</pre>')
    assert '<pre class="filing-text"><span id="text-item-1"></span>Item 1. x</pre>' in out
    assert out.count('<hr class="page-break">') == 3
    assert out.endswith('<pre class="filing-text">next</pre>\n</div>')
    assert "\r" not in out


def test_plain_text_escapes_markup_and_braces():
    out = plain_text_html("</pre><script>alert(1)</script> {{ x }}")
    assert "<script>" not in out and "</pre><script" not in out
    assert "&lt;/pre&gt;&lt;script&gt;" in out and "&#123;&#123; x &#125;&#125;" in out


def test_plain_text_survives_python_markdown_unchanged():
    text = "a\n\n\n    indented *not emphasis*\n\n# not a heading\n<PAGE>\n| not | a table |\n"
    block = plain_text_html(text)
    out = rendered(f"Intro\n\n{block}\n\nAfter")
    assert block in out


def test_empty_text_gives_nothing():
    assert plain_text_html("") == "" and plain_text_html("<PAGE>\n\n<PAGE>\n") == ""


def test_line_numbers_count_every_kind_of_line_end():
    text = "a\r\nb\rc\nd"
    assert line_numbers(text, [0, text.index("b"), text.index("c"), text.index("d")]) == [0, 1, 2, 3]
