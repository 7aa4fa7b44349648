"""The pages of one filing: the report, its exhibits, its other documents, its files and originals."""

from __future__ import annotations

import posixpath
from collections import Counter, defaultdict
from collections.abc import Iterator
from urllib.parse import unquote

from builder.edgar import NEW_8K_ITEMS_FROM, OLD_TO_NEW_8K_ITEM, current_8k_item, item_title
from builder.model.archive import filing_date
from builder.model.filing import Document, Filing
from builder.render.base import PROBLEMS, Page, PageBase, edgar_filing_url, exhibit_kind
from builder.render.html import sanitize_html, wrap
from builder.render.indexes import form_key, is_8k
from builder.render.originals import read_originals
from builder.render.paths import BinaryFile, FilingLayout, html_link, item_anchor
from builder.render.text import Md, line_numbers, plain_text_html


class FilingPages(PageBase):
    """Generators of a filing's pages."""

    def filing(self, filing: Filing) -> Iterator[Page]:
        fl = self.layout.filing(filing)
        heading = self.heading(filing)
        parties = self.parties(filing)
        originals = []
        if self.filings_dir is not None:
            taken = {w.name.lower() for w in fl.files}
            originals = read_originals(filing, fl.folder, taken, self.filings_dir)
        yield self.report(filing, fl, heading, parties, originals)
        for ex in fl.exhibits:
            here = f"Exhibit {ex.exhibit.number}" if ex.exhibit.number else "Exhibit"
            yield self._render(
                "exhibit", ex.path,
                heading=heading, parties=parties, report_path=fl.index,
                trail=self.filing_trail(filing, here), meta=self.search_meta(filing, "exhibit"),
                exhibit=ex.exhibit, kind=exhibit_kind(ex.exhibit.number),
                document=self.document_view(fl, ex.document, ex.path) if ex.document is not None else None,
            )
        for page in fl.documents:
            doc = page.document
            here = f"Document {doc.sequence}" if doc.sequence is not None else f"Document {doc.type or ''}".rstrip()
            yield self._render(
                "document", page.path,
                heading=heading, parties=parties, report_path=fl.index,
                trail=self.filing_trail(filing, here), meta=self.search_meta(filing, "document"),
                document=self.document_view(fl, doc, page.path),
            )
        for written in fl.files:
            yield Page(written.path, written.document.data or b"")
        for original in originals:
            yield Page(original.path, original.data)

    def report(self, filing: Filing, fl: FilingLayout, heading: dict, parties: list[dict],
               originals: list | None = None) -> Page:
        main = fl.main
        date = filing_date(filing)
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
            new = OLD_TO_NEW_8K_ITEM.get(item.number) if is_8k(filing.form_type) else None
            current = current_8k_item(item.number) if is_8k(filing.form_type) else None
            listing = self.indexes.items.get(current) if current else None
            items.append({
                "number": item.number,
                "title": item.title or item_title(filing.form_type, item.number, date),
                "anchor": anchor,
                "text_anchor": text_anchor,
                "new_number": new if new and (not date or date < NEW_8K_ITEMS_FROM) else None,
                "index": listing.path if listing else None,
                "index_number": current,
                "index_count": len(listing.rows) if listing else 0,
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
        by_source = {o.source: o for o in originals or []}
        sources = [{"source": s, "path": by_source[s].path if s in by_source else None,
                    "name": by_source[s].name if s in by_source else None,
                    "size": len(by_source[s].data) if s in by_source else None}
                   for s in filing.source_paths or [filing.source]]
        primary = self.archive.primary(filing)
        ciks = [primary.registrant.cik] if primary and primary.registrant.cik else []
        ciks += [f.cik for f in filing.filers if f.cik]
        forms = self.indexes.forms.get(form_key(filing))
        return self._render(
            "filing", fl.index,
            filing=filing, heading=heading, parties=parties,
            trail=self.filing_trail(filing), meta=self.search_meta(filing, "report"),
            date_of_report=filing.period_of_report, filed=filing.filed_date,
            edgar_url=edgar_filing_url(ciks[0] if ciks else None, filing.accession_number),
            permalink=Md("index.md") if fl.index.endswith("/index.md") else None,
            permalink_text=fl.folder + "/",
            form_path=forms.path if forms else None,
            file_numbers=file_numbers,
            sources=sources,
            registrant=primary.registrant.name if primary else None,
            previous=self.filing_link(self.archive.previous_filing(filing)),
            next=self.filing_link(self.archive.next_filing(filing)),
            amends=self.filing_link(self.archive.amends(filing)),
            amendments=[self.filing_link(a) for a in self.archive.amendments(filing)],
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


def _basename(href: str) -> str:
    return posixpath.basename(unquote(href.split("?")[0]).replace("\\", "/")).lower()
