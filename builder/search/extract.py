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


#: How the theme's searched element starts, and the end of the theme's `<article>` holding it.
SEARCHED = "<div data-search-body"
_ARTICLE_END = "</article>"


def searched_part(html: str) -> str:
    """The part of a built page that holds what the search reads: from the searched element to the
    last end of an `<article>` (the theme's, around the page's content), or the whole page when
    either is missing. The chrome around it (header, navigation, footer: on the archive's pages a
    third of the bytes) is never read, and not parsing it takes a fifth off reading a page
    (3,000 pages of a 10,000-filing site: 2.0-2.1 CPU s against 2.5-2.7 s, the same records)."""
    start = html.find(SEARCHED)
    if start < 0:
        return html
    end = html.rfind(_ARTICLE_END)
    return html[start:end] if end > start else html[start:]


def read_page(html: str) -> tuple[PageRecord, list[str]]:
    """The record of a built page and its text in fragments (no text: no fragments)."""
    return page_record(LexborHTMLParser(searched_part(html)))


def page_record(tree: LexborHTMLParser) -> tuple[PageRecord, list[str]]:
    """`read_page` of a page already parsed (whole, or its `searched_part`)."""
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
