"""builder.front_matter: the archive's front matter read without YAML, as MkDocs reads it."""

from __future__ import annotations

import random

import pytest
from mkdocs.utils import meta
from render_support import hostile_filing, render, sample_archive
from test_plain_inline import REPO

from builder import front_matter
from builder.pipeline import load_archive
from builder.render import render_site


def _same(doc: str) -> bool:
    """`get_data(doc)` is MkDocs' (types included); whether it was read without MkDocs."""
    want = meta.get_data(doc)
    calls = []
    original = meta.get_data
    front_matter.meta.get_data = lambda d: calls.append(d) or original(d)
    try:
        got = front_matter.get_data(doc)
    finally:
        front_matter.meta.get_data = original
    assert got == want, doc
    assert [type(v) for v in got[1].values()] == [type(v) for v in want[1].values()], doc
    return not calls


def test_every_page_of_the_sample_archive_is_read_without_yaml_the_same():
    archive = load_archive(REPO / "filings", jobs=1)
    pages = [g.content for g in render_site(archive, REPO / "site_templates") if g.path.endswith(".md")]
    assert len(pages) > 100
    assert all(_same(page) for page in pages)


def test_pages_of_hostile_values_are_read_the_same():
    pages = [c for p, c in render(sample_archive(hostile_filing())).items() if p.endswith(".md")]
    assert sum(_same(page) for page in pages) > len(pages) // 2


@pytest.mark.parametrize("doc", [
    "---\ntitle: \"a\"\n---\ntext", "---\ntitle: \"a\"\n...\n\n# T", "---\nno: \"a\"\n---\n", "---\ntitle: \"\\ud800\"\n---\n",
    "---\ntitle: \"\\U00110000\"\n---\n", "---\nt: [\"a\", \"b\\x00\"]\nt: \"again\"\nu: []\n---\n", "---\ntitle: plain\n---\n",
    "no front matter\n", "---\ntitle: \"a\"\r\n---\r\n", "---\ntitle: \"a\" # note\n---\n", "title: a\n\ntext",
])
def test_edge_cases_read_the_same(doc):
    _same(doc)


def test_random_front_matter_reads_the_same():
    rng = random.Random(3)
    keys = ["title", "description", "yes", "no", "on", "off", "true", "null", "y", "a1", "x_y", "Title", "2x", "no_", "~"]
    pieces = ["a", " ", '\\"', "\\\\", "\\x41", "\\x00", "\\x85", "\\u00e9", "\\ud800", "\\uFFFE", "\\U0001F600",
              "\\U00110000", "\\n", "\\/", "'", "#", ": ", " #", "[", "]", "{", ",", "&amp;", "é", "\t", '"', "\\", "\\x4"]

    def string() -> str:
        return '"' + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) + '"'

    taken = 0
    for _ in range(5000):
        lines = []
        for _ in range(rng.randint(1, 4)):
            value = string() if rng.random() < 0.6 else "[" + ", ".join(string() for _ in range(rng.randint(0, 3))) + "]"
            lines.append(rng.choice(keys) + rng.choice([": "] * 8 + [":", ":  "]) + value)
        taken += _same("---\n" + "\n".join(lines) + "\n" + rng.choice(["---", "...", "--- "]) + "\n\n# T\n")
    assert taken > 200
