"""What every page generator shares: the environment, the archive, the layout, and the summaries
of filings and registrants that several pages show (a row of a table, a heading, a breadcrumb
trail, the front matter search reads).

Nothing here writes page text: the words are in `site_templates/*.md.j2`. The values handed
to the templates are the model's own (escaped by the environment when printed), paths of the
layout (turned into relative links by the `link` filter), and `Md` strings made here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from builder.edgar import EXHIBIT_KINDS, current_8k_item, item_title
from builder.model.archive import Archive, Party, Registrant, filing_date
from builder.model.filing import FILER_ROLES, Filing
from builder.render.indexes import MONTHS, form_key, is_8k, year_of
from builder.render.keys import context_key
from builder.render.paths import SiteLayout
from builder.render.store import RenderStore
from builder.render.text import Md

HOME = "index.md"
REGISTRANTS = "registrants/index.md"
FILINGS = "filings/index.md"
FORMS = "forms/index.md"
ITEMS = "items/index.md"
INDUSTRIES = "industries/index.md"
STATES = "states/index.md"
PROBLEMS = "problems.md"
CATALOG_JSON = "catalog.json"
CATALOG_CSV = "catalog.csv"

#: The templates of the pages, loaded once per build.
TEMPLATES = ("home", "registrants", "letter", "registrant", "filings", "year", "forms", "form", "items",
             "item", "industries", "industry", "states", "state", "filing", "exhibit", "document", "problems")


@dataclass
class Page:
    """A generated file: Markdown text, or the bytes of a file, in memory (`content`) or in a file
    (`source`: the render cache's copy, or an original in the filings folder; `text` says which
    kind it holds). `bodies`: the render cache's keys of the document bodies the page shows as
    placeholders (filled in after Markdown, see `FilingPages.body`)."""

    path: str
    content: str | bytes | None = None
    source: str | None = None
    text: bool = True
    bodies: tuple[str, ...] = ()
    compress: bool = False  #: `source` is published gzip-compressed (an original, `render.originals`)


class PageBase:
    """The state the page generators share, and the summaries they build pages from."""

    def __init__(self, env: jinja2.Environment, archive: Archive, layout: SiteLayout, *,
                 use_directory_urls: bool = True, filings_dir: Path | None = None,
                 store: RenderStore | None = None) -> None:
        self.env = env
        self.store = store
        self.archive = archive
        self.layout = layout
        self.indexes = layout.indexes
        self.use_directory_urls = use_directory_urls
        self.filings_dir = filings_dir
        self.templates = _Templates(env)  # loaded when first used: a build from the cache needs few
        self._rows: dict[str, dict] = {}

    def load_templates(self, names: tuple[str, ...]) -> None:
        """Load (compile, or read from the render cache) the templates `names` and the macros they
        import now: before forking workers, which then share them."""
        for name in names:
            self.templates[name]
        self.env.get_template("_macros.md.j2")

    def _render(self, template: str, path: str, key: str | None = None, /, **context) -> Page:
        """The page `path` made with `template`. With a render cache, a page whose key is in it
        is not rendered again: `key` (a filing's page), else one made of the context."""
        store = self.store
        if store is None:
            return Page(path, self.templates[template].render(page_path=path, **context))
        if key is None:
            key = context_key(store, template, path, context)
        if store.has(key):
            store.reused += 1
            store.used.add(key)
        else:
            store.rendered += 1
            store.put(key, _utf8(self.templates[template].render(page_path=path, **context)))
        return Page(path, source=store.path(key))

    # -- filings ----------------------------------------------------------------------------

    def filing_row(self, filing: Filing) -> dict:
        """What a table row of filings shows: date, registrant (as filed), form, items, links.
        Made once per filing and shared by every index that lists it."""
        row = self._rows.get(filing.id)
        if row is None:
            primary = self.archive.primary(filing)
            forms = self.indexes.forms.get(form_key(filing))
            row = self._rows[filing.id] = {
                "path": self.layout.filing(filing).index,
                "date": filing_date(filing),
                "form": filing.form_type,
                "form_path": forms.path if forms else None,
                "name": filing.registrant_name or (primary.registrant.name if primary else None),
                "registrant": self.layout.registrant_page(primary.registrant.key) if primary else None,
                "items": self.item_links(filing),
                "amendment": self.archive.amends(filing) is not None,
            }
        return row

    def item_links(self, filing: Filing) -> list[dict]:
        """The items of a filing as table cells show them: the number as filed, the official title
        (EDGAR's, never the filing's text), the item's index page for 8-K items."""
        links = []
        for item in filing.items:
            listing = None
            if is_8k(filing.form_type):
                current = current_8k_item(item.number)
                listing = self.indexes.items.get(current) if current else None
            links.append({"number": item.number, "title": item_title(filing.form_type, item.number, filing_date(filing)),
                          "path": listing.path if listing else None})
        return links

    def parties(self, filing: Filing) -> list[dict]:
        """The registrants of a filing (the primary one first), their names as filed and roles."""
        return [
            {"name": p.registrant.name, "as_filed": p.name_as_filed, "role": None if plain_role(p.role) else p.role,
             "path": self.layout.registrant_page(p.registrant.key)}
            for p in self.archive.parties(filing)
        ]

    def heading(self, filing: Filing) -> dict:
        """The pieces of a report's title: "<Registrant> — Form 8-K — 2003-10-08"."""
        primary = self.archive.primary(filing)
        name = filing.registrant_name or (primary.registrant.name if primary else None)
        return {"name": name, "form": filing.form_type, "date": filing_date(filing)}

    def filing_link(self, filing: Filing | None) -> dict | None:
        """A link to another filing: its form, date and page."""
        if filing is None:
            return None
        return {"form": filing.form_type, "date": filing_date(filing), "path": self.layout.filing(filing).index,
                "name": filing.registrant_name}

    def filing_trail(self, filing: Filing, *here: str) -> list[dict]:
        """Breadcrumbs of a filing's pages: Home › Registrants › registrant › report (› here)."""
        primary = self.archive.primary(filing)
        trail = [step("Home", HOME)]
        if primary is not None:
            trail += [step("Registrants", REGISTRANTS),
                      step(primary.registrant.name, self.layout.registrant_page(primary.registrant.key))]
        else:
            trail.append(step("Filings", FILINGS))
        h = self.heading(filing)
        report = f"Form {h['form'] or 'unknown'}" + (f" — {h['date']}" if h["date"] else "")
        trail.append(step(report, self.layout.filing(filing).index if here else None))
        trail += [step(text) for text in here]
        return trail

    def search_meta(self, filing: Filing, kind: str) -> dict:
        """The front matter the search reads on a filing's pages (see README, "Search")."""
        date = filing_date(filing)
        items: list[str] = []
        for item in filing.items:
            numbers = [item.number]
            if is_8k(filing.form_type):
                numbers.append(current_8k_item(item.number) or item.number)
            for number in numbers:
                if number not in items:
                    items.append(number)
        return {
            "kind": kind,
            "form": filing.form_type or "",
            "year": year_of(filing),
            "date": date,
            "registrants": [p.registrant.name for p in self.archive.parties(filing)],
            "items": items,
        }

    # -- registrants ------------------------------------------------------------------------

    def registrant_row(self, r: Registrant) -> dict:
        """What a table row of registrants shows: name, CIK, filings, the latest one."""
        latest = r.filings[0].filing if r.filings else None
        return {"name": r.name, "cik": r.cik, "path": self.layout.registrant_page(r.key), "count": len(r.filings),
                "latest": self.filing_row(latest) if latest else None, "state": r.state_of_incorporation,
                "location": r.business_address.state if r.business_address else None}


class _Templates(dict):
    """The page templates by name, each loaded (once) when first asked for."""

    def __init__(self, env: jinja2.Environment) -> None:
        super().__init__()
        self.env = env

    def __missing__(self, name: str) -> jinja2.Template:
        if name not in TEMPLATES:
            raise KeyError(name)
        template = self[name] = self.env.get_template(f"{name}.md.j2")
        return template


def _utf8(content: str) -> str:
    """The text with any lone surrogate that slipped through replaced: it never fails the build."""
    if content.isascii():  # a flag of the string: no scan
        return content
    try:
        content.encode("utf-8")
    except UnicodeEncodeError:
        content = content.encode("utf-8", "replace").decode("utf-8")
    return content


def step(text: str, path: str | None = None) -> dict:
    """One step of a breadcrumb trail."""
    return {"text": text, "path": path}


def plain_role(role: str | None) -> bool:
    """Whether a role is just "the company that filed" (header FILER, cover-page registrant)."""
    return all(r in FILER_ROLES for r in (role or "filer").split(", "))


def role_label(role: str, parties: list[Party]) -> str | None:
    """A registrant's role in a filing as its own page shows it: "co-registrant" when it filed
    together with other filers, the role when it did not file (subject company, reporting owner ...)."""
    if not plain_role(role):
        return ", ".join(r for r in role.split(", ") if r not in FILER_ROLES)
    filers = sum(1 for p in parties if plain_role(p.role))
    return "co-registrant" if filers > 1 else None


def exhibit_kind(number: str | None) -> str | None:
    """"Additional exhibits" for "99.1": the kind of an exhibit by its whole number."""
    whole = re.match(r"\d+", number or "")
    return EXHIBIT_KINDS.get(whole.group().lstrip("0") or "0") if whole else None


def fiscal_year_end(mmdd: str | None) -> str | None:
    """"1231" → "December 31"; anything else as it is."""
    if mmdd and re.fullmatch(r"\d{4}", mmdd) and 1 <= int(mmdd[:2]) <= 12 and 1 <= int(mmdd[2:]) <= 31:
        return f"{MONTHS[int(mmdd[:2]) - 1]} {int(mmdd[2:])}"
    return mmdd


def edgar_company_url(cik: str | None) -> Md | None:
    """EDGAR's page of a company, when its CIK is known."""
    if not cik or not cik.isdigit():
        return None
    return Md(f"https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK={cik}")


def edgar_filing_url(cik: str | None, accession: str | None) -> Md | None:
    """EDGAR's index page of a filing, when its accession number (and a CIK) are known."""
    if not accession or not re.fullmatch(r"\d{10}-\d{2}-\d{6}", accession):
        return None
    if not cik or not cik.isdigit():
        return None
    return Md(f"https://www.sec.gov/Archives/edgar/data/{int(cik)}/{accession.replace('-', '')}/{accession}-index.htm")


def form_page_title(form: str) -> str:
    return f"Form {form}" if form else "Unknown form"
