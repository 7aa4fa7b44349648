"""The archive as data: `catalog.json` and `catalog.csv` at the site's root, one row per filing.

Columns (README, "Catalog"): `id`, `accession_number`, `form_type`, `period_of_report`,
`filed_date`, `registrants` (names, the one the filing is about first), `ciks` (the same order,
"" when unknown), `roles`, `items`, `exhibits`, `url` (the report page, relative to the site
root). In JSON, lists are arrays and unknown values null; in CSV, lists are joined with "; " and
unknown values are empty. Rows are in the archive's order: newest first.
"""

from __future__ import annotations

import csv
import io
import json

from builder.model.archive import Archive
from builder.render.paths import SiteLayout, page_url

COLUMNS = ("id", "accession_number", "form_type", "period_of_report", "filed_date", "registrants", "ciks",
           "roles", "items", "exhibits", "url")
#: First characters that make a spreadsheet read a cell as a formula.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def catalog_rows(archive: Archive, layout: SiteLayout, use_directory_urls: bool = True) -> list[dict]:
    """One dict per filing, with the `COLUMNS` keys."""
    rows = []
    for filing in archive.filings:
        parties = archive.parties(filing)
        rows.append({
            "id": filing.id,
            "accession_number": filing.accession_number,
            "form_type": filing.form_type,
            "period_of_report": filing.period_of_report,
            "filed_date": filing.filed_date,
            "registrants": [p.registrant.name for p in parties],
            "ciks": [p.registrant.cik or "" for p in parties],
            "roles": [p.role for p in parties],
            "items": [i.number for i in filing.items],
            "exhibits": [e.number for e in filing.exhibits] or
                        [d.exhibit_number for d in filing.documents if d.exhibit_number],
            "url": page_url(layout.filing(filing).index, use_directory_urls),
        })
    return rows


def catalog_json(rows: list[dict]) -> str:
    """The rows as a JSON array, one filing per line."""
    if not rows:
        return "[]\n"
    return "[\n" + ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n]\n"


def catalog_csv(rows: list[dict]) -> str:
    """The rows as CSV (RFC 4180, a header line first); cells that a spreadsheet would take for a
    formula are prefixed with an apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in COLUMNS])
    return out.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    text = "; ".join(value) if isinstance(value, list) else str(value)
    return "'" + text if text.startswith(_FORMULA) else text
