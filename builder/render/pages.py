"""One generator per page kind: each gathers what its template shows and fills the template.

Nothing here writes page text: the words are in `site_templates/*.md.j2`. The values handed
to the templates are the model's own (escaped by the environment when printed), paths of
the layout (turned into relative links by the `link` filter), and `Md` HTML blocks made by
`builder.render.text` / `builder.render.html`.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

import jinja2

from builder.edgar import EXHIBIT_KINDS, NEW_8K_ITEMS_FROM, OLD_TO_NEW_8K_ITEM, item_title
from builder.model.archive import Archive, Registrant, filing_date
from builder.model.filing import Document, Filing
from builder.model.names import normalise_name
from builder.render.html import sanitize_html, wrap
from builder.render.paths import (
    BinaryFile,
    FilingLayout,
    SiteLayout,
    html_link,
    item_anchor,
    year_of,
)
from builder.render.text import Md, line_numbers, plain_text_html

HOME = "index.md"
REGISTRANTS = "registrants/index.md"
FILINGS = "filings/index.md"
PROBLEMS = "problems.md"
LATEST = 20
BUSIEST = 10

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


@dataclass
class Page:
    path: str
    content: str | bytes


class Pages:
    """The page generators of one build, sharing the environment, the archive and the layout."""

    def __init__(self, env: jinja2.Environment, archive: Archive, layout: SiteLayout,
                 use_directory_urls: bool = True) -> None:
        self.env = env
        self.archive = archive
        self.layout = layout
        self.use_directory_urls = use_directory_urls
        names = ("home", "registrants", "registrant", "filings", "year", "filing", "exhibit",
                 "document", "problems")
        self.templates = {name: env.get_template(f"{name}.md.j2") for name in names}

    def _render(self, name: str, path: str, **context) -> Page:
        return Page(path, self.templates[name].render(page_path=path, **context))

    # -- summaries shared by several pages ------------------------------------------------

    def filing_row(self, filing: Filing, role: str | None = None) -> dict:
        """What a table row of filings shows: date, form, name as filed, items, role, links."""
        parties = self.archive.parties(filing)
        return {
            "registrant": self.layout.registrant_page(parties[0].registrant.key) if parties else None,
            "date": filing_date(filing),
            "form": filing.form_type,
            "name": filing.registrant_name or (parties[0].registrant.name if parties else None),
            "item_numbers": ", ".join(i.number for i in filing.items),
            "role": role,
            "accession": filing.accession_number,
            "path": self.layout.filing(filing).index,
        }

    def parties(self, filing: Filing) -> list[dict]:
        return [
            {"name": p.registrant.name, "role": None if plain_role(p.role) else p.role,
             "path": self.layout.registrant_page(p.registrant.key)}
            for p in self.archive.parties(filing)
        ]

    def heading(self, filing: Filing) -> dict:
        """The pieces of a report's title: "<Registrant> — Form 8-K — 2003-10-08"."""
        parties = self.archive.parties(filing)
        name = filing.registrant_name or (parties[0].registrant.name if parties else None)
        return {"name": name, "form": filing.form_type, "date": filing_date(filing)}

    # -- the pages ------------------------------------------------------------------------

    def all(self) -> Iterator[Page]:
        yield self.home()
        yield self.registrant_index()
        for registrant in self.archive.registrants:
            yield self.registrant(registrant)
        yield self.filing_index()
        yield from self.years()
        for fl in self.layout.filings.values():  # archive order, each id once
            yield from self.filing(fl.filing)
        yield self.problems()

    def home(self) -> Page:
        a = self.archive
        dates = [d for d in (filing_date(f) for f in a.filings) if d]
        busiest = sorted(a.registrants, key=lambda r: -len(r.filings))[:BUSIEST]
        forms = Counter(f.form_type or "unknown" for f in a.filings)
        return self._render(
            "home", HOME,
            registrants=len(a.registrants),
            filings=len(a.filings),
            documents=sum(len(f.documents) for f in a.filings),
            problems=len(a.problems),
            first_date=min(dates) if dates else None,
            last_date=max(dates) if dates else None,
            forms=sorted(forms.items(), key=lambda kv: (-kv[1], kv[0])),
            latest=[self.filing_row(f) for f in a.filings[:LATEST]],
            busiest=[{"name": r.name, "count": len(r.filings), "path": self.layout.registrant_page(r.key)}
                     for r in busiest if r.filings],
            registrants_page=REGISTRANTS, filings_page=FILINGS, problems_page=PROBLEMS,
        )

    def registrant_index(self) -> Page:
        groups: dict[str, list[dict]] = {}
        for r in self.archive.registrants:  # already in A-Z order of the normalised name
            first = normalise_name(r.name)[:1]
            letter = first if first.isalpha() else "#"
            latest = r.filings[0].filing if r.filings else None
            groups.setdefault(letter, []).append({
                "name": r.name,
                "cik": r.cik,
                "count": len(r.filings),
                "path": self.layout.registrant_page(r.key),
                "latest": self.filing_row(latest) if latest else None,
            })
        letters = sorted(groups, key=lambda x: (x == "#", x))
        return self._render(
            "registrants", REGISTRANTS,
            groups=[{"letter": x, "anchor": "letter-" + ("other" if x == "#" else x.lower()),
                     "registrants": groups[x]} for x in letters],
            total=len(self.archive.registrants),
        )

    def registrant(self, r: Registrant) -> Page:
        path = self.layout.registrant_page(r.key)
        rows = [self.filing_row(role.filing, None if plain_role(role.role) else role.role) for role in r.filings]
        return self._render(
            "registrant", path,
            registrant=r,
            fiscal_year_end=fiscal_year_end(r.fiscal_year_end),
            business_address=r.business_address.one_line() if r.business_address else None,
            mail_address=r.mail_address.one_line() if r.mail_address else None,
            edgar_url=edgar_company_url(r.cik),
            forms=r.form_counts(),
            filings=rows,
            show_roles=any(not plain_role(row["role"]) for row in rows),
            registrants_page=REGISTRANTS,
        )

    def filing_index(self) -> Page:
        counts = Counter(year_of(fl.filing) for fl in self.layout.filings.values())
        # The layout lists years as the filings come: newest first, undated last.
        years = [{"year": y, "count": counts[y], "path": p} for y, p in self.layout.years.items()]
        return self._render("filings", FILINGS, years=years, total=len(self.archive.filings))

    def years(self) -> Iterator[Page]:
        by_year: dict[str, list[Filing]] = defaultdict(list)
        for fl in self.layout.filings.values():  # newest first
            by_year[year_of(fl.filing)].append(fl.filing)
        for year, path in self.layout.years.items():
            yield self._render("year", path, year=year, filings=[self.filing_row(f) for f in by_year[year]],
                               filings_page=FILINGS)

    def problems(self) -> Page:
        by_source = {}
        for f in self.archive.filings:
            by_source.setdefault(f.source, self.layout.filing(f).index)
        rows = [{"source": p.source, "reason": p.reason, "recovered": p.recovered,
                 "path": by_source.get(p.source)} for p in self.archive.problems]
        return self._render("problems", PROBLEMS, problems=rows)

    # -- a filing: the report, its exhibits, its other documents, its files ---------------

    def filing(self, filing: Filing) -> Iterator[Page]:
        fl = self.layout.filing(filing)
        heading = self.heading(filing)
        parties = self.parties(filing)
        yield self.report(filing, fl, heading, parties)
        for ex in fl.exhibits:
            yield self._render(
                "exhibit", ex.path,
                heading=heading, parties=parties, report_path=fl.index,
                exhibit=ex.exhibit, kind=exhibit_kind(ex.exhibit.number),
                document=self.document_view(fl, ex.document, ex.path) if ex.document is not None else None,
            )
        for page in fl.documents:
            yield self._render(
                "document", page.path,
                heading=heading, parties=parties, report_path=fl.index,
                document=self.document_view(fl, page.document, page.path),
            )
        for written in fl.files:
            yield Page(written.path, written.document.data or b"")

    def report(self, filing: Filing, fl: FilingLayout, heading: dict, parties: list[dict]) -> Page:
        main = fl.main
        items = []
        offsets = [i.offset for i in filing.items if i.offset is not None]
        plain_main = main is not None and main.format not in ("html",) and main.data is None
        lines = iter(line_numbers(main.text or "", offsets)) if plain_main and offsets else iter(())
        anchors: dict[int, list[str]] = defaultdict(list)
        seen: Counter = Counter()
        for item in filing.items:
            anchor = item_anchor(item.number)
            seen[anchor] += 1
            if seen[anchor] > 1:
                anchor = f"{anchor}-{seen[anchor]}"
            text_anchor = None
            if item.offset is not None:
                line = next(lines, None)
                if line is not None:
                    text_anchor = f"text-{anchor}"
                    anchors[line].append(text_anchor)
            date = filing_date(filing)
            new = OLD_TO_NEW_8K_ITEM.get(item.number) if _is_8k(filing.form_type) else None
            items.append({
                "number": item.number,
                "title": item.title or item_title(filing.form_type, item.number),
                "anchor": anchor,
                "text_anchor": text_anchor,
                "new_number": new if new and (not date or date < NEW_8K_ITEMS_FROM) else None,
            })
        body = None
        if main is not None and main.data is None:
            body = self.body(fl, main, fl.index, anchors)
        file_numbers: list[str] = []
        for filer in filing.filers:
            if filer.file_number and filer.file_number not in file_numbers:
                file_numbers.append(filer.file_number)
        exhibits = [{"number": e.exhibit.number, "description": e.exhibit.description,
                     "included": e.document is not None, "path": e.path} for e in fl.exhibits]
        documents = []
        for i, d in enumerate(filing.documents):
            documents.append({
                "sequence": d.sequence, "type": d.type, "description": d.description,
                "filename": d.filename, "size": d.size, "path": fl.targets.get(i),
            })
        ciks = [f.cik for f in filing.filers if f.cik]
        return self._render(
            "filing", fl.index,
            filing=filing, heading=heading, parties=parties,
            date_of_report=filing.period_of_report, filed=filing.filed_date,
            edgar_url=edgar_filing_url(ciks[0] if ciks else None, filing.accession_number),
            file_numbers=file_numbers,
            sources=filing.source_paths or [filing.source],
            items=items, body=body, main=main,
            signatures=filing.signatures, exhibits=exhibits, documents=documents,
            images=[self.file_view(fl, w) for w in fl.files if w.image and w.document is not main],
            problems=filing.problems, problems_page=PROBLEMS,
        )

    def document_view(self, fl: FilingLayout, doc: Document, page_path: str) -> dict:
        written = next((w for w in fl.files if w.document is doc), None)
        return {
            "sequence": doc.sequence, "type": doc.type, "filename": doc.filename,
            "description": doc.description, "size": doc.size,
            "body": self.body(fl, doc, page_path) if written is None else None,
            "file": self.file_view(fl, written) if written is not None else None,
            "binary": doc.data is not None or doc.format == "binary",
        }

    def file_view(self, fl: FilingLayout, written: BinaryFile) -> dict:
        doc = written.document
        return {"name": written.name, "path": written.path, "image": written.image,
                "description": doc.description or doc.filename or written.name, "type": doc.type,
                "size": doc.size}

    def body(self, fl: FilingLayout, doc: Document, page_path: str,
             anchors: dict[int, list[str]] | None = None) -> Md | None:
        """A text document as an HTML block for `page_path`: sanitized HTML, or `<pre>` pages."""
        if not doc.text or not doc.text.strip():
            return None
        if doc.format == "html":
            def link(href: str) -> str | None:
                target = fl.by_filename.get(_basename(href))
                return html_link(page_path, target, self.use_directory_urls) if target else None

            def image(src: str) -> str | None:
                written = fl.files_by_filename.get(_basename(src))
                if written is None or not written.image:
                    return None
                return html_link(page_path, written.path, self.use_directory_urls)

            fragment = sanitize_html(doc.text, link, image)
            return wrap(fragment) if fragment.strip() else None
        return plain_text_html(doc.text, anchors) or None


def plain_role(role: str | None) -> bool:
    """Whether a role is just "the company that filed" (header FILER, cover-page registrant)."""
    return (role or "filer") in ("filer", "registrant")


def _basename(href: str) -> str:
    return posixpath.basename(unquote(href.split("?")[0]).replace("\\", "/")).lower()


def _is_8k(form: str | None) -> bool:
    return (form or "").upper().startswith("8-K")


def exhibit_kind(number: str | None) -> str | None:
    """"Additional exhibits" for "99.1": the kind of an exhibit by its whole number."""
    whole = re.match(r"\d+", number or "")
    return EXHIBIT_KINDS.get(whole.group().lstrip("0") or "0") if whole else None


def fiscal_year_end(mmdd: str | None) -> str | None:
    """"1231" → "December 31"; anything else as it is."""
    if mmdd and re.fullmatch(r"\d{4}", mmdd) and 1 <= int(mmdd[:2]) <= 12 and 1 <= int(mmdd[2:]) <= 31:
        return f"{_MONTHS[int(mmdd[:2]) - 1]} {int(mmdd[2:])}"
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
