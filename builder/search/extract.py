"""What the search keeps of one built page: its facts, its terms, its text in fragments.

The theme marks what is indexed (`site_templates/overrides/main.html`): the page's content in
`[data-search-body]` (not the navigation around it; `.headerlink` and `[data-search-ignore]`
inside are skipped), and its facts as JSON in that element's `data-search-facts` attribute:
form, year, date, registrants, items, kind. The title is the content's first heading.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from builder.search.tokens import count_terms, fragments

#: Extra occurrences counted for each word of the title: a page is first found by what it is.
TITLE_BOOST = 2
#: Filters of the search, and the facts they come from.
FILTERS = ("form", "year", "registrant", "item", "kind")


@dataclass
class PageRecord:
    """One indexed page (kept in the cache under the hash of its HTML, so not its path).
    `terms`: term -> [occurrences, first fragment holding it]."""

    title: str = ""  #: the content's first heading; "" when it has none
    date: str = ""
    registrant: str = ""  #: the registrants' names, "; "-joined (shown on a result)
    form: str = ""
    kind: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    words: int = 0
    fragments: int = 0
    terms: dict[str, list[int]] = field(default_factory=dict)


def _strings(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v not in (None, "")]
    return [str(value)]


def read_page(html: str) -> tuple[PageRecord, list[str]]:
    """The record of a built page and its text in fragments (no text: no fragments)."""
    tree = LexborHTMLParser(html)
    record = PageRecord()
    body = tree.css_first("[data-search-body]")
    facts = {}
    text = title = ""
    if body is not None:
        try:
            facts = json.loads(body.attributes.get("data-search-facts") or "{}")
        except ValueError:
            facts = {}
        for skipped in body.css(".headerlink, [data-search-ignore], script, style"):
            skipped.decompose()
        heading = body.css_first("h1")
        title = " ".join(heading.text().split()) if heading is not None else ""
        text = " ".join(body.text(separator=" ").split())
    if not isinstance(facts, dict):
        facts = {}
    record.title = title
    record.date = str(facts.get("date") or "")[:10]
    record.form = str(facts.get("form") or "")
    record.kind = str(facts.get("kind") or "")
    registrants = _strings(facts.get("registrants"))
    record.registrant = "; ".join(registrants)
    year = str(facts.get("year") or record.date[:4] or "")
    record.filters = {name: values for name, values in (
        ("form", _strings(record.form)), ("year", _strings(year)), ("registrant", registrants),
        ("item", _strings(facts.get("items"))), ("kind", _strings(record.kind)),
    ) if values}
    pieces = fragments(text) if text else []
    record.fragments = len(pieces)
    record.words = count_terms(pieces, record.terms)
    if title:
        count_terms([title], record.terms, boost=TITLE_BOOST)
    return record, pieces
