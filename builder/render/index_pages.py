"""The pages that lead to filings: home, registrants (A-Z and one page each), and the indexes by
year, form type, 8-K item, industry and state, and the problems page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from builder.edgar import (
    NEW_8K_ITEMS,
    NEW_8K_ITEMS_FROM,
    NEW_TO_OLD_8K_ITEMS,
    OLD_8K_ITEMS,
    OLD_TO_NEW_8K_ITEM,
    form_title,
    jurisdiction_name,
    sic_code,
    sic_division,
    sic_title,
)
from builder.model.archive import Registrant, filing_date
from builder.render.base import (
    CATALOG_CSV,
    CATALOG_JSON,
    FILINGS,
    FORMS,
    HOME,
    INDUSTRIES,
    ITEMS,
    PROBLEMS,
    REGISTRANTS,
    STATES,
    Page,
    PageBase,
    edgar_company_url,
    fiscal_year_end,
    form_page_title,
    role_label,
    step,
)
from builder.render.indexes import MONTHS, letter_of, state_key
from builder.render.listing import Listing

LATEST = 20
BUSIEST = 10
INDEX = {"kind": "index"}


class IndexPages(PageBase):
    """Generators of the pages that list filings and registrants."""

    def ways_in(self) -> list[dict]:
        """The indexes of the site, as the home page lists them."""
        ix = self.indexes
        ways = [("registrants A–Z", REGISTRANTS, len(self.archive.registrants), "registrant", "registrants"),
                ("filings by year", FILINGS, len(ix.years), "year", "years"),
                ("filings by form type", FORMS, len(ix.forms), "form type", "form types"),
                ("8-K reports by item", ITEMS, len(ix.items), "item", "items"),
                ("registrants by industry", INDUSTRIES, len(ix.industries), "industry", "industries"),
                ("registrants by state", STATES, len(ix.states), "state or country", "states or countries")]
        return [{"text": t, "path": p, "count": n, "unit": u, "units": us} for t, p, n, u, us in ways]

    def home(self) -> Page:
        a = self.archive
        dates = [d for d in (filing_date(f) for f in a.filings) if d]
        busiest = sorted(a.registrants, key=lambda r: (-len(r.filings), r.key))[:BUSIEST]
        forms = sorted(((form, len(listing.rows), listing.path) for form, listing in self.indexes.forms.items()),
                       key=lambda f: (-f[1], f[0]))
        return self._render(
            "home", HOME, meta=INDEX,
            registrants=len(a.registrants),
            filings=len(a.filings),
            documents=sum(len(f.documents) for f in a.filings),
            problems=len(a.problems),
            first_date=min(dates) if dates else None,
            last_date=max(dates) if dates else None,
            forms=[{"form": f or "unknown", "count": n, "path": p} for f, n, p in forms[:10]],
            more_forms=max(0, len(forms) - 10),
            latest=[self.filing_row(f) for f in a.filings[:LATEST]],
            busiest=[{"name": r.name, "count": len(r.filings), "path": self.layout.registrant_page(r.key)}
                     for r in busiest if r.filings],
            ways=self.ways_in(), catalog_json=CATALOG_JSON, catalog_csv=CATALOG_CSV,
            registrants_page=REGISTRANTS, filings_page=FILINGS, problems_page=PROBLEMS,
        )

    # -- registrants ----------------------------------------------------------------------

    def name_row(self, entry) -> dict:
        row = self.registrant_row(entry.registrant)
        return {**row, "entry": entry.name, "former": entry.former}

    def registrant_index(self) -> Iterator[Page]:
        ix = self.indexes
        trail = [step("Home", HOME), step("Registrants")]
        common = {"trail": trail, "meta": INDEX, "total": len(self.archive.registrants), "names": len(ix.names)}
        if not ix.letters:
            groups: dict[str, list[dict]] = {}
            for entry in ix.names:
                groups.setdefault(letter_of(entry.name), []).append(self.name_row(entry))
            yield self._render("registrants", REGISTRANTS, **common, letters=[],
                               groups=[{"letter": x, "anchor": _letter_anchor(x), "rows": rows}
                                       for x, rows in groups.items()])
            return
        letters = [{"letter": x, "count": len(listing.rows), "path": listing.path} for x, listing in ix.letters.items()]
        yield self._render("registrants", REGISTRANTS, **common, letters=letters, groups=[])
        for letter, listing in ix.letters.items():
            for number, path in enumerate(listing.pages, 1):
                sections = [{"title": s.title, "rows": [self.name_row(e) for e in s.rows]} for s in listing.page(number)]
                yield self._render(
                    "letter", path, meta=INDEX, letter=letter, sections=sections, pages=listing.pager(number),
                    count=len(listing.rows), letters=letters,
                    trail=[step("Home", HOME), step("Registrants", REGISTRANTS), step(letter)],
                )

    def registrant(self, r: Registrant) -> Iterator[Page]:
        listing = self.indexes.timelines[r.key]
        show_names = len([n for n in r.names if n.filings]) > 1
        rows_all = []
        for number, path in enumerate(listing.pages, 1):
            sections = []
            for s in listing.page(number):
                rows = []
                for role in s.rows:
                    parties = self.archive.parties(role.filing)
                    own = next((p for p in parties if p.registrant is r), None)
                    rows.append({**self.filing_row(role.filing),
                                 "role": role_label(role.role, parties),
                                 "as_filed": own.name_as_filed if own else None})
                sections.append({"title": s.title, "anchor": s.anchor, "rows": rows, "continued": s.continued})
                rows_all.extend(rows)
            yield self._render(
                "registrant", path,
                meta={"kind": "registrant", "registrants": [r.name], "names": [n.name for n in r.other_names]},
                trail=[step("Home", HOME), step("Registrants", REGISTRANTS), step(r.name)],
                registrant=r, number=number, pages=listing.pager(number), first_page=listing.path,
                total=len(r.filings), latest=self.filing_row(r.filings[0].filing) if r.filings else None,
                fiscal_year_end=fiscal_year_end(r.fiscal_year_end),
                business_address=r.business_address.one_line() if r.business_address else None,
                mail_address=r.mail_address.one_line() if r.mail_address else None,
                edgar_url=edgar_company_url(r.cik),
                sic=sic_code(r.sic), sic_title=sic_title(r.sic),
                sic_path=self._listing_path(self.indexes.industries, sic_code(r.sic)),
                state_name=jurisdiction_name(r.state_of_incorporation),
                state_path=self._listing_path(self.indexes.states, state_key(r.state_of_incorporation)),
                names=[{"name": n.name, "first": n.first_seen, "last": n.last_seen, "changed": n.changed,
                        "filings": n.filings, "current": n.name == r.name} for n in r.names],
                matched=self.matching(r),
                forms=[{"form": form, "count": count,
                        "path": self._listing_path(self.indexes.forms, "" if form == "unknown" else form.upper())}
                       for form, count in r.form_counts()],
                sections=sections, show_names=show_names,
                show_roles=any(row["role"] for row in rows_all),
            )

    def matching(self, r: Registrant) -> dict | None:
        """How the registrant's filers were brought together, when a rule besides the CIK did it."""
        if not r.merges:
            return None
        return {"merges": [{"rule": m.rule, "value": m.value, "names": list(m.names), "filers": m.filers}
                           for m in r.merges]}

    # -- filings by year, form, item ------------------------------------------------------------

    def filing_index(self) -> Page:
        years = []
        for year, listing in self.indexes.years.items():
            months = Counter(filing_date(f)[:7] for f in listing.rows)
            located = listing.locate()
            years.append({"year": year, "count": len(listing.rows), "path": listing.path,
                          "months": [{"month": MONTHS[int(m[5:7]) - 1][:3], "count": months[m], "path": located[m]}
                                     for m in sorted(months) if len(m) == 7 and m in located]})
        return self._render("filings", FILINGS, meta=INDEX, years=years, total=len(self.archive.filings),
                            trail=[step("Home", HOME), step("Filings")])

    def filing_listing(self, template: str, listing: Listing, trail: list[dict], **context) -> Iterator[Page]:
        """The pages of a listing of filings (rows: filings, or rows with a `filing`)."""
        for number, path in enumerate(listing.pages, 1):
            sections = []
            for s in listing.page(number):
                rows = []
                for row in s.rows:
                    filing = getattr(row, "filing", row)
                    rows.append({**self.filing_row(filing), "as_filed_item": getattr(row, "number", None)})
                sections.append({"title": s.title, "anchor": s.anchor, "rows": rows, "continued": s.continued})
            yield self._render(template, path, meta=INDEX, trail=trail, sections=sections,
                               pages=listing.pager(number), number=number, count=len(listing.rows), **context)

    def years(self) -> Iterator[Page]:
        for year, listing in self.indexes.years.items():
            yield from self.filing_listing("year", listing, [step("Home", HOME), step("Filings", FILINGS),
                                                             step(year or "Undated")], year=year)

    def form_index(self) -> Page:
        forms = []
        for form, listing in self.indexes.forms.items():
            dates = [d for d in (filing_date(f) for f in listing.rows) if d]
            forms.append({"form": form, "title": form_title(form), "count": len(listing.rows), "path": listing.path,
                          "first": min(dates) if dates else None, "last": max(dates) if dates else None})
        return self._render("forms", FORMS, meta=INDEX, forms=forms, trail=[step("Home", HOME), step("Forms")])

    def forms(self) -> Iterator[Page]:
        for form, listing in self.indexes.forms.items():
            title = form_page_title(form)
            yield from self.filing_listing("form", listing, [step("Home", HOME), step("Forms", FORMS), step(title)],
                                           form=form, title=title, form_title=form_title(form))

    def item_index(self) -> Page:
        items = []
        for number, title in NEW_8K_ITEMS.items():
            listing = self.indexes.items.get(number)
            items.append({"number": number, "title": title, "path": listing.path if listing else None,
                          "count": len(listing.rows) if listing else 0,
                          "old": [{"number": o, "title": OLD_8K_ITEMS[o]} for o in NEW_TO_OLD_8K_ITEMS.get(number, [])]})
        return self._render("items", ITEMS, meta=INDEX, items=items, since=NEW_8K_ITEMS_FROM,
                            old_items=[{"number": old, "title": OLD_8K_ITEMS[old], "new": new}
                                       for old, new in OLD_TO_NEW_8K_ITEM.items()],
                            trail=[step("Home", HOME), step("8-K items")])

    def items(self) -> Iterator[Page]:
        for number, listing in self.indexes.items.items():
            title = NEW_8K_ITEMS.get(number)
            old = [{"number": o, "title": OLD_8K_ITEMS[o],
                    "count": sum(1 for row in listing.rows if row.number == o)} for o in NEW_TO_OLD_8K_ITEMS.get(number, [])]
            yield from self.filing_listing(
                "item", listing, [step("Home", HOME), step("8-K items", ITEMS), step(f"Item {number}")],
                item=number, title=title, old=old, since=NEW_8K_ITEMS_FROM,
                new_count=sum(1 for row in listing.rows if row.number == number),
            )

    # -- registrants by industry and state ------------------------------------------------------

    def industry_index(self) -> Page:
        divisions: dict[str, dict] = {}
        for code, listing in self.indexes.industries.items():
            letter, name = sic_division(code) or ("", "Other")
            division = divisions.setdefault(letter, {"letter": letter, "title": name, "industries": []})
            division["industries"].append({
                "code": code, "title": sic_title(code), "path": listing.path, "count": len(listing.rows),
                "filings": sum(len(r.filings) for r in listing.rows)})
        unknown = sum(1 for r in self.archive.registrants if not sic_code(r.sic))
        return self._render("industries", INDUSTRIES, meta=INDEX, divisions=sorted(divisions.values(), key=lambda d: d["letter"] or "~"),
                            unknown=unknown, trail=[step("Home", HOME), step("Industries")])

    def industries(self) -> Iterator[Page]:
        for code, listing in self.indexes.industries.items():
            title = sic_title(code)
            yield from self.registrant_listing(
                "industry", listing, [step("Home", HOME), step("Industries", INDUSTRIES), step(f"SIC {code}")],
                code=code, title=title, division=sic_division(code))

    def state_index(self) -> Page:
        states = []
        for code, listing in self.indexes.states.items():
            states.append({"code": code, "name": jurisdiction_name(code), "path": listing.path, "count": len(listing.rows),
                           "incorporated": sum(1 for r in listing.rows if state_key(r.state_of_incorporation) == code)})
        return self._render("states", STATES, meta=INDEX, states=states, trail=[step("Home", HOME), step("States")])

    def states(self) -> Iterator[Page]:
        for code, listing in self.indexes.states.items():
            name = jurisdiction_name(code)
            yield from self.registrant_listing(
                "state", listing, [step("Home", HOME), step("States", STATES), step(name or code)],
                code=code, name=name)

    def registrant_listing(self, template: str, listing: Listing, trail: list[dict], **context) -> Iterator[Page]:
        for number, path in enumerate(listing.pages, 1):
            rows = [self.registrant_row(r) for s in listing.page(number) for r in s.rows]
            yield self._render(template, path, meta=INDEX, trail=trail, rows=rows, pages=listing.pager(number),
                               number=number, count=len(listing.rows), **context)

    # -- problems -------------------------------------------------------------------------

    def problems(self) -> Iterator[Page]:
        by_source = {}
        for f in self.archive.filings:
            by_source.setdefault(f.source, self.layout.filing(f).index)
        listing = self.indexes.problems
        for number, path in enumerate(listing.pages, 1):
            rows = [{"source": p.source, "reason": p.reason, "recovered": p.recovered, "path": by_source.get(p.source)}
                    for s in listing.page(number) for p in s.rows]
            yield self._render("problems", path, meta=INDEX, problems=rows, count=len(listing.rows),
                               pages=listing.pager(number), number=number,
                               trail=[step("Home", HOME), step("Problems")])

    @staticmethod
    def _listing_path(listings: dict[str, Listing], key: str | None) -> str | None:
        listing = listings.get(key) if key is not None else None
        return listing.path if listing else None


def _letter_anchor(letter: str) -> str:
    return "letter-" + ("other" if letter == "#" else letter.lower())
