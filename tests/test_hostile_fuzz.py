"""Property-based tests: generated and mutated filings through the readers and the whole pipeline.

The mutations and the checks are those of `benchmarks/fuzz.py` (which runs 10,000+ cases); here
hypothesis drives them, seeded (`derandomize=True`) and few enough to keep `make test` fast.
Properties: nothing raises; every file is a page or a problem; every generated path is safe and
unique; the Markdown, once converted by Python-Markdown with the site's extensions, holds no
markup, link, handler or template from a filing; and text from filings reads back as the text it is.
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from builder.model.archive import build_archive
from builder.model.filing import Document, Exhibit, Filer, Filing, Item, Signature
from builder.pipeline import load_archive
from builder.read import read_source
from builder.read.limits import MAX_DOCUMENTS, MAX_PROBLEMS
from builder.render import GeneratedFile, render_site
from builder.render.html import sanitize_html, wrap
from builder.render.text import cell, clean, md

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
import fuzz  # noqa: E402
from fixtures.hostile.audit import audit_fragment  # noqa: E402
from fixtures.hostile.make_fixtures import document, sec_header  # noqa: E402

TEMPLATES = REPO / "site_templates"
SEEDS = fuzz.seed_files(max_bytes=32 * 1024)



def seeded(examples: int) -> settings:
    """Deterministic runs (the same examples every time), no deadline, no example database."""
    return settings(max_examples=examples, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


#: Text that tries to be markup: payloads, and random strings over the characters that matter.
hostile_text = st.one_of(
    st.sampled_from(fuzz.PAYLOADS),
    st.lists(st.sampled_from(list("<>&\"'`[](){}!*_#|\\/:=;%-~^ \n\tajs0.") + ["javascript:", "onerror=",
                                                                            "<script>", "{{", "{%", "]("]),
             max_size=30).map("".join),
    st.text(max_size=40),
)


def _run(files: dict[str, bytes]) -> list[str]:
    with fuzz.fast_templates(), tempfile.TemporaryDirectory(prefix="hostile-fuzz-") as tmp:
        root = Path(tmp)
        fuzz.write_case(root, files)
        return fuzz.check_case(root)


@seeded(60)
@given(st.randoms(use_true_random=False))
def test_mutated_filings_through_the_whole_pipeline(rng):
    """Truncated, spliced, byte-flipped, re-encoded files with markup injected into their fields."""
    files = fuzz.make_case(rng, SEEDS)
    assert _run(files) == []


@seeded(80)
@given(st.randoms(use_true_random=False))
def test_the_readers_never_raise_and_stay_within_bounds(rng):
    name, data = rng.choice(SEEDS)
    data = fuzz.mutate(rng, data, SEEDS)
    with tempfile.TemporaryDirectory(prefix="hostile-read-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        sub = read_source(path, Path(tmp))
    assert sub.source == name and sub.paths == [name]
    assert len(sub.documents) <= MAX_DOCUMENTS and len(sub.problems) <= MAX_PROBLEMS + 1
    for doc in sub.documents:
        assert doc.text is None or ("\r" not in doc.text and "\x00" not in doc.text)
        assert doc.text is None or doc.data is None


@seeded(40)
@given(name=hostile_text, former=hostile_text, street=hostile_text, description=hostile_text,
       filename=hostile_text, text=hostile_text, doc_type=hostile_text)
def test_generated_submissions_show_every_field_as_text(name, former, street, description, filename, text, doc_type):
    """A submission generated with markup in every field: safe, and the name reads back as text."""
    # One line each, no '<' (a field ends at the next tag) and no NUL (a NUL makes the file binary).
    one_line = [re.sub(r"[\r\n<>\x00]", " ", v) for v in (name, former, street, description, filename, doc_type)]
    text = text.replace("\x00", " ")
    name1, former1, street1, description1, filename1, type1 = one_line
    header = (sec_header("0000000099-24-000099", "8-K", name1 or "X", "0000000099")
              .replace("OLD EVIL CORP", former1).replace("[street](javascript:alert('street'))", street1))
    body = ("<SEC-DOCUMENT>0000000099-24-000099.txt : 20240305\n" + header
            + document("8-K", 1, filename1, description1, "FORM 8-K\nItem 8.01 Other Events.\n" + text)
            + document("EX-99.1" + type1, 2, filename1, description1, text) + "</SEC-DOCUMENT>\n")
    assert _run({"generated.txt": body.encode("utf-8", "surrogatepass")}) == []
    with tempfile.TemporaryDirectory(prefix="hostile-gen-") as tmp:
        (Path(tmp) / "generated.txt").write_bytes(body.encode("utf-8", "surrogatepass"))
        archive = load_archive(Path(tmp))
    shown = archive.filings[0].filers[0].name
    with fuzz.fast_templates():
        page = next(g for g in render_site(archive, TEMPLATES) if g.path.startswith("registrants/0"))
    html = markdown.markdown(page.content.split("---", 2)[2], extensions=fuzz.EXTENSIONS)
    heading = LexborHTMLParser(html).css_first("h1")
    assert heading is not None and heading.text() == " ".join(clean(shown).split())


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _filing(filenames: list[str], types: list[str], texts: list[str]) -> Filing:
    documents = []
    for i, (filename, doc_type, text) in enumerate(zip(filenames, types, texts), 1):
        binary = i % 2 == 0
        documents.append(Document(sequence=i, type=doc_type, filename=filename, format="binary" if binary else "html",
                                  data=b"GIF89a" + text.encode("utf-8", "replace") if binary else None,
                                  text=None if binary else text))
    return Filing(
        source="generated.txt", shape="full-submission", accession_number=None, form_type=types[0],
        filers=[Filer(name=filenames[0], cik=None, file_number=texts[0][:20])],
        items=[Item(number=t[:8] or "1", title=t) for t in types[:2]],
        signatures=[Signature(name=texts[0][:30], title=filenames[0][:30])],
        exhibits=[Exhibit(number=t[:10] or "99", description=d) for t, d in zip(types, texts)],
        documents=documents, problems=texts[:2], id="x-" + str(abs(hash(tuple(filenames))) % 10**12),
    )


@seeded(40)
@given(st.lists(st.tuples(hostile_text, hostile_text, hostile_text), min_size=1, max_size=8))
def test_any_names_types_and_texts_make_safe_unique_paths_and_pages(docs):
    """Names from inside filings (`../../x`, `C:\\x`, NUL, 1000 characters, duplicates, any Unicode)
    never leave the docs folder, never collide, and never make a page, script or style of the site."""
    # Lone surrogates cannot come out of the read stage (every decoder refuses them): left out here.
    filenames, types, texts = ([_SURROGATE.sub("?", v) for v in x] for x in zip(*docs))
    with fuzz.fast_templates():
        generated = render_site(build_archive([_filing(filenames, types, texts)]), TEMPLATES)
    assert fuzz.check_generated(generated) == []


_TAGS = ["script", "img", "a", "svg", "iframe", "div", "p", "style", "math", "table", "td", "form", "input",
         "object", "embed", "base", "meta", "link", "noscript", "template", "xmp", "title", "body", "pre",
         "frameset", "textarea", "select", "video", "details", "mglyph", "mtext", "foreignObject", "ix:header"]
_ATTRIBUTES = ["onerror=alert(1)", "onload=\"alert(1)\"", "href=javascript:alert(1)", "href=' jav&#x09;ascript:x'",
               "href=data:text/html,x", "src=https://evil.example/x.png", "src=//evil.example/x", "srcset=x.png",
               "style=\"background:url(x)\"", "style='width:expression(alert(1))'", "style=\"color:red\"",
               "formaction=javascript:x", "xlink:href=javascript:x", "id=__md_scope", "name=getElementById",
               "markdown=1", "http-equiv=refresh content='0;url=javascript:x'", "background=http://e/x",
               "srcdoc='<script>x</script>'", "class=md-content", "title='\"><script>x</script>'"]
_TEXTS = ["x", "{{ 7*191919 }}", "[a](javascript:x)", "<!--", "-->", "<![CDATA[", "]]>", "&lt;script&gt;", "\t", "\n\n",
          "</div>", "</pre>", "</p>", "'", "\"", "{: onclick=x }", "*", "_", "\\", "&", "\x00", "\u2028"]


@st.composite
def html_documents(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 25))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            tag = draw(st.sampled_from(_TAGS))
            attrs = " ".join(draw(st.lists(st.sampled_from(_ATTRIBUTES), max_size=3)))
            parts.append(f"<{tag} {attrs}>")
        elif kind == 1:
            parts.append(f"</{draw(st.sampled_from(_TAGS))}>")
        else:
            parts.append(draw(st.sampled_from(_TEXTS)))
    return "".join(parts)


@seeded(150)
@given(html_documents())
def test_sanitized_html_stays_safe_through_markdown(source):
    """Any mix of hostile tags, attributes and text: nh3's output, wrapped and read by Python-Markdown."""
    page = f"# Title\n\n{wrap(sanitize_html(source))}\n\nAfter.\n"
    html = markdown.markdown(page, extensions=fuzz.EXTENSIONS)
    assert audit_fragment(html) == []
    assert "After." in LexborHTMLParser(html).body.text()  # the block never swallows the page


@seeded(200)
@given(hostile_text)
def test_escaped_text_reads_back_as_itself_in_a_paragraph_and_a_table_cell(value):
    """`md()`/`cell()` output is inert and faithful: Python-Markdown shows exactly the text."""
    expected = " ".join(clean(value).replace("\u2028", " ").replace("\u2029", " ").split())
    html = markdown.markdown(f"Before {md(value)} after", extensions=fuzz.EXTENSIONS)
    tree = LexborHTMLParser(html)
    assert [n.tag for n in tree.body.iter()] == ["p"]
    assert " ".join(tree.body.text().split()) == " ".join(f"Before {expected} after".split())
    table = markdown.markdown(f"| a | b |\n|---|---|\n| {cell(value, '-')} | z |\n", extensions=fuzz.EXTENSIONS)
    cells = LexborHTMLParser(table).css("tbody td")
    assert [c.text() for c in cells] == [expected or "-", "z"]
    assert not LexborHTMLParser(table).css("tbody td *")


def test_the_oracle_catches_unsafe_output():
    """The checks themselves: each of these generated files must be reported."""
    bad = [
        GeneratedFile("index.md", "---\ntitle: x\ndescription: y\n---\n<script>alert(1)</script>"),
        GeneratedFile("a.md", "---\ntitle: x\ndescription: y\n---\n[x](javascript:alert(1))"),
        GeneratedFile("b.md", "---\ntitle: x\ndescription: y\n---\n![x](https://evil.example/x.png)"),
        GeneratedFile("c.md", "---\ntitle: x\ndescription: y\n---\n<img src=x onerror=alert(1)>"),
        GeneratedFile("d.md", "---\ntitle: x\ndescription: y\n---\nx\n{: onclick=\"alert(1)\" }"),
        GeneratedFile("e.md", "---\ntitle: <b>x</b>\ndescription: y\n---\nx"),
        GeneratedFile("f.md", "---\ntitle: x\ndescription: y\n---\n1343433"),
        GeneratedFile("../escape.md", "---\ntitle: x\ndescription: y\n---\nx"),
        GeneratedFile("filings/x/files/evil.html", b"<script>"),
        GeneratedFile("INDEX.md", "---\ntitle: x\ndescription: y\n---\nx"),
    ]
    failures = fuzz.check_generated(bad)
    for g in bad:
        assert any(g.path in f for f in failures) or g.path == "INDEX.md", (g.path, failures)
    assert any("two generated files" in f for f in failures)
    raw = (REPO / "tests/fixtures/hostile/filings/html/xss-vectors-8k.htm").read_text(encoding="utf-8")
    assert len(audit_fragment(raw)) > 40  # the unsanitized document breaks nearly every rule


def test_a_fuzz_run_of_the_harness_itself_passes():
    """`benchmarks/fuzz.py` end to end on a few cases (its 10,000-case run is done by hand)."""
    assert fuzz.main(["--cases", "12", "--jobs", "1", "--seed", "3", "--save", ""]) == 0
    assert fuzz.make_case(random.Random("1:1"), SEEDS) == fuzz.make_case(random.Random("1:1"), SEEDS)
