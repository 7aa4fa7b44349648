"""The page generators of one build, one per page kind, and the order they run in.

- `base`         what they share: rows of tables, headings, breadcrumbs, search front matter
- `filing_pages` a filing's report, exhibit and document pages, its files and originals
- `index_pages`  home, registrants, and the indexes by year, form, item, industry and state
- `catalog`      catalog.json and catalog.csv

Nothing here writes page text: the words are in `site_templates/*.md.j2`.
"""

from __future__ import annotations

from collections.abc import Iterator

from builder.render.base import (
    CATALOG_CSV,
    CATALOG_JSON,
    Page,
    edgar_company_url,
    edgar_filing_url,
    exhibit_kind,
    fiscal_year_end,
    plain_role,
)
from builder.render.catalog import catalog_csv, catalog_json, catalog_rows
from builder.render.filing_pages import FilingPages
from builder.render.index_pages import IndexPages
from builder.render.keys import value_key

#: The generators, and the helpers they are made of (re-exported for callers of this module).
__all__ = ["Page", "Pages", "edgar_company_url", "edgar_filing_url", "exhibit_kind", "fiscal_year_end", "plain_role"]


class Pages(FilingPages, IndexPages):
    """Every generator of one build, sharing the environment, the archive and the layout."""

    def leading(self) -> Iterator[Page]:
        """The pages before the filings' own: home, registrants, the indexes."""
        yield self.home()
        yield from self.registrant_index()
        for registrant in self.archive.registrants:
            yield from self.registrant(registrant)
        yield self.filing_index()
        yield from self.years()
        yield self.form_index()
        yield from self.forms()
        yield self.item_index()
        yield from self.items()
        yield self.industry_index()
        yield from self.industries()
        yield self.state_index()
        yield from self.states()

    def trailing(self) -> Iterator[Page]:
        """The pages after the filings' own: problems, the catalog."""
        yield from self.problems()
        rows = catalog_rows(self.archive, self.layout, self.use_directory_urls)
        store = self.store
        if store is None:
            yield Page(CATALOG_JSON, catalog_json(rows))
            yield Page(CATALOG_CSV, catalog_csv(rows))
            return
        for path, make in ((CATALOG_JSON, catalog_json), (CATALOG_CSV, catalog_csv)):
            key = value_key(store, "catalog", path, rows)
            if not store.has(key):
                store.write(key, make(rows))
            store.used.add(key)
            yield Page(path, source=store.path(key))
