"""Sanitizing filing HTML with nh3 and fitting it into a page."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser

from builder.render.html import sanitize_html, wrap

REPO = Path(__file__).resolve().parents[1]

HOSTILE = """<html><head><title>T</title><script>steal()</script><base href="http://evil/">
<meta http-equiv="refresh" content="0;url=http://evil/"><style>body{display:none}</style></head>
<body onload="steal()">
<p onclick="steal()" style="position:fixed;top:0;color:red;background:url(http://t/x.gif)">Hello <b>bold</b></p>
<a href="javascript:alert(1)">js</a> <a href="JaVaScRiPt&#58;alert(1)">js2</a> <a href=" javascript:alert(1)">js3</a>
<a href="data:text/html,<script>alert(1)</script>">data</a> <a href="vbscript:x">vb</a>
<img src="x" onerror="alert(1)"> <img src="data:image/png;base64,AAAA" alt="inline">
<iframe src="https://evil/">frame</iframe><object data="x.swf">obj</object><embed src="x.swf">
<form action="https://evil/"><input name="q" value="v"><button formaction="javascript:x">b</button>form text</form>
<svg onload="alert(1)"><script>alert(1)</script></svg><math><mi>x</mi></math>
<div style="display:none">hidden</div><ix:header><ix:hidden>HIDDEN FACTS</ix:hidden></ix:header>
<table border="1" class="md-typeset" onmouseover="x()"><tr><td colspan="2" align="right" style="text-align:right">1,234</td></tr></table>
<!-- comment --><noscript><img src="https://tracker/p.gif"></noscript>
</body></html>"""


def elements(fragment: str):
    return LexborHTMLParser(fragment).body.traverse()


def test_filing_html_script_and_handlers_are_removed():
    out = sanitize_html(HOSTILE)
    for node in elements(out):
        assert node.tag not in {"script", "style", "iframe", "object", "embed", "form", "input", "button",
                                "svg", "math", "base", "meta", "noscript", "title"}, node.tag
        for name, value in node.attributes.items():
            assert not name.lower().startswith("on"), (node.tag, name)
            assert "javascript" not in (value or "").lower() and "data:" not in (value or "").lower()
            assert "url(" not in (value or "") and "position" not in (value or "")
    for text in ("steal()", "HIDDEN FACTS", "hidden", "comment", "alert(1)"):
        assert text not in out, text
    assert "<p style=\"color:red\">Hello <b>bold</b></p>" in out
    assert "form text" in out


def test_tables_stay_tables_with_their_layout_attributes():
    out = sanitize_html(HOSTILE)
    assert '<table border="1" class="filing-table">' in out
    assert '<td colspan="2" align="right" style="text-align:right">1,234</td>' in out


def test_external_images_are_not_loaded_but_linked():
    out = sanitize_html('<p><img src="https://cdn.example.com/logo.png" alt="Logo"><img src="//t.example/p.gif"></p>')
    assert "<img" not in out
    assert '<a class="external-image" href="https://cdn.example.com/logo.png" rel="noopener noreferrer nofollow">[External image: Logo]</a>' in out
    assert 'href="https://t.example/p.gif"' in out


def test_relative_links_and_images_resolve_to_the_archive_or_go():
    links = {"ex99.htm": "../ex-99/"}
    images = {"g1.jpg": "../files/g1.jpg"}
    out = sanitize_html(
        '<a href="ex99.htm#sec">ex</a> <a href="#top">top</a> <a name="top">here</a> <a href="gone.htm">gone</a>'
        '<a href="https://www.sec.gov/">sec</a> <img src="g1.jpg" alt="chart"> <img src="missing.jpg" alt="lost">',
        lambda path: links.get(path.lower()), lambda src: images.get(src.lower()),
    )
    assert 'href="../ex-99/#f-sec"' in out
    assert 'href="#f-top"' in out and 'id="f-top"' in out  # ids prefixed, links follow
    assert ">gone</a>" in out and 'href="gone.htm"' not in out
    assert 'href="https://www.sec.gov/"' in out
    assert '<img src="../files/g1.jpg" alt="chart">' in out
    assert '<span class="missing-image">[Image not in the archive: lost]</span>' in out


def test_wrapped_html_passes_python_markdown_untouched_with_blank_lines_and_tabs():
    fragment = sanitize_html("<p>*not emphasis* [not](link)</p>\n\n\n<pre>\ta\n\n    b\n# c</pre>\n\n<table><tr><td>x</td></tr></table>")
    block = wrap(fragment)
    assert block.startswith('<div class="filing-html" markdown="0">\n') and block.endswith("\n</div>")
    assert "\t" not in block and "<pre>&#9;a\n\n    b\n# c</pre>" in block
    for extensions in (["attr_list", "md_in_html", "tables", "toc", "admonition"], ["tables"]):
        out = markdown.markdown(f"# Title\n\n{block}\n\nAfter *this*", extensions=extensions)
        assert block in out, extensions
        assert "<em>this</em>" in out


def test_braces_never_reach_markdown_or_templates():
    block = wrap(sanitize_html("<p>{{ config }} {% raw %} {: .x }</p>"))
    assert "{" not in block and "&#123;&#123; config &#125;&#125;" in block


@pytest.mark.parametrize("path", sorted((REPO / "filings").rglob("*.htm*")) if (REPO / "filings").is_dir() else [],
                         ids=lambda p: p.name)
def test_sample_html_filings_sanitize_and_survive_markdown(path):
    source = path.read_text(encoding="latin-1")
    block = wrap(sanitize_html(source))
    for node in elements(block):
        assert node.tag not in {"script", "style", "iframe", "object", "embed", "form"}
        assert not any(name.startswith("on") for name in node.attributes)
    out = markdown.markdown(f"# T\n\n{block}\n", extensions=["attr_list", "md_in_html", "tables", "toc"])
    assert block in out


def test_filing_html_cannot_switch_markdown_back_on():
    block = wrap(sanitize_html('<div markdown="1">*x* [a](javascript:alert(1))</div><p markdown="block"># h</p>'))
    assert "markdown=\"1\"" not in block and "markdown=\"block\"" not in block
    out = markdown.markdown(block, extensions=["md_in_html", "attr_list"])
    assert "<em>" not in out and "<h1" not in out and 'href="javascript' not in out


def test_a_style_declaration_with_two_colons_is_dropped():
    """Found by benchmarks/fuzz.py (seed 7, case 1135): a flipped byte turned "height:72pt;position:
    relative" into one declaration, "height:72pt\xc9position : relative", which kept a positioning word."""
    out = sanitize_html('<div style="height:72pt\xc9position : relative;width:100%">x</div>')
    assert "position" not in out and "width:100%" in out.replace(" ", "")
