"""The pages of one filing: the report, its exhibits, its other documents, its files and originals."""

from __future__ import annotations

import posixpath
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote

from builder.edgar import NEW_8K_ITEMS_FROM, OLD_TO_NEW_8K_ITEM, current_8k_item, item_title
from builder.model.archive import filing_date
from builder.model.filing import Document, Filing
from builder.render.base import PROBLEMS, Page, PageBase, edgar_filing_url, exhibit_kind
from builder.render.html import sanitize_html, wrap
from builder.render.indexes import form_key, is_8k
from builder.render.originals import read_originals
from builder.render.paths import BinaryFile, FilingLayout, html_link, item_anchor
from builder.render.store import Stored, packing
from builder.render.text import Md, line_numbers, plain_text_html


class FilingPages(PageBase):
    """Generators of a filing's pages."""

    @cached_property
    def _filings_root(self) -> Path:
        """The filings folder resolved, once a build (a failure is not kept: each filing meets it)."""
        return self.filings_dir.resolve()

    def reuse(self, filing: Filing, key: str) -> list[Page] | None:
        """The files of `filing` from the last build when its key was `key` then, else None."""
        store = self.store
        last = store.previous.get(filing.id)
        if last is None or last[0] != key or not still_stored(last[1], store):
            return None
        store.filings[filing.id] = last
        pages = pages_of(last[1], store)
        store.reused += len(pages)
        return pages

    def cache_key(self, filing: Filing) -> str:
        """The key of `filing` in the render cache: its `filing_key`, hashed. When the index pages'
        key is the last build's (`RenderStore.same_index`: the facts of every filing are the same)
        and so is the filing's digest, it is the last build's key: everything else `filing_key`
        holds is made of those facts."""
        store = self.store
        digest = store.digest(filing)
        store.filing_digests[filing.id] = digest
        last = store.previous.get(filing.id)
        if store.same_index and last is not None and store.previous_digests.get(filing.id) == digest:
            return last[0]
        return store.key("filing", self.filing_key(filing))

    def filing_key(self, filing: Filing) -> tuple:
        """Everything the pages of `filing` are made of besides the filing itself (its digest):
        its folder, its registrants (names, keys, pages), the filings it links to (form, date,
        name, page), the index pages it links to (and their counts), the URL style. Whatever
        `filing()` shows of the archive must be in here, or a page would not be rendered again
        when it changed (tests/test_cache_render.py compares with a build without the cache)."""
        layout = self.layout

        def link(other: Filing | None) -> tuple | None:
            if other is None:
                return None
            return (other.id, other.form_type, filing_date(other), other.registrant_name, layout.filing(other).index)

        items = []
        if is_8k(filing.form_type):
            for item in filing.items:
                current = current_8k_item(item.number)
                listing = self.indexes.items.get(current) if current else None
                items.append((item.number, current, listing.path if listing else None))
        forms = self.indexes.forms.get(form_key(filing))
        return (
            self.store.digest(filing), filing.id, layout.filing(filing).folder, self.use_directory_urls,
            self.filings_dir is not None,
            [(p.registrant.key, p.registrant.name, p.registrant.cik, p.role, p.name_as_filed,
              layout.registrant_page(p.registrant.key)) for p in self.archive.parties(filing)],
            link(self.archive.previous_filing(filing)), link(self.archive.next_filing(filing)),
            link(self.archive.amends(filing)), [link(a) for a in self.archive.amendments(filing)],
            items, forms.path if forms else None,
        )

    def filing(self, filing: Filing, key: str | None = None) -> list[Page]:
        """The pages and files of a filing, rendered (`key`: the filing's key in the render cache);
        with a render cache, its pages and bodies are kept in one pack (`RenderStore.packing`).
        The texts it read from the parse cache are let go of after (`Filing.forget_texts`): a
        worker rendering thousands of filings would hold them all."""
        try:
            with packing(self.store):
                return list(self._filing(filing, key))
        finally:
            filing.forget_texts()

    def _filing(self, filing: Filing, key: str | None) -> Iterator[Page]:
        fl = self.layout.filing(filing)
        store = self.store

        def page_key(path: str) -> str | None:
            return store.key("filing page", key, path) if store is not None and key else None

        heading = self.heading(filing)
        parties = self.parties(filing)
        originals = []
        if self.filings_dir is not None:
            taken = {w.name.lower() for w in fl.files}
            originals = read_originals(filing, fl.folder, taken, self.filings_dir, self._filings_root)
        bodies: list[str] = []  # the keys of the bodies a page shows (see `body`)
        yield _with_bodies(self.report(filing, fl, heading, parties, originals, page_key(fl.index), bodies), bodies)
        for ex in fl.exhibits:
            here = f"Exhibit {ex.exhibit.number}" if ex.exhibit.number else "Exhibit"
            bodies = []
            yield _with_bodies(self._render(
                "exhibit", ex.path, page_key(ex.path),
                heading=heading, parties=parties, report_path=fl.index,
                trail=self.filing_trail(filing, here),
                meta=dict(self.search_meta(filing, "exhibit"), exhibit=ex.exhibit.number or ""),
                exhibit=ex.exhibit, kind=exhibit_kind(ex.exhibit.number),
                document=self.document_view(fl, ex.document, ex.path, bodies) if ex.document is not None else None,
            ), bodies)
        for page in fl.documents:
            doc = page.document
            here = f"Document {doc.sequence}" if doc.sequence is not None else f"Document {doc.type or ''}".rstrip()
            bodies = []
            yield _with_bodies(self._render(
                "document", page.path, page_key(page.path),
                heading=heading, parties=parties, report_path=fl.index,
                trail=self.filing_trail(filing, here), meta=self.search_meta(filing, "document"),
                document=self.document_view(fl, doc, page.path, bodies),
            ), bodies)
        for written in fl.files:
            if store is None:
                yield Page(written.path, written.document.data or b"", text=False)
            else:
                file_key = store.key("file", store.digest(filing), written.path)
                if not store.has(file_key):  # (the bytes are read only then: `DataRef`)
                    store.write(file_key, written.document.data or b"")
                store.used.add(file_key)
                yield Page(written.path, source=store.path(file_key), text=False)
        for original in originals:
            if store is None:
                yield Page(original.path, source=str(original.file), text=False, compress=original.compressed)
                continue
            # A copy in the render cache (compressed), linked into the site by each build (never a link to filings/).
            file_key = store.key("original", store.digest(filing), original.source, original.size, original.compressed)
            if not store.has(file_key):
                if original.compressed:
                    store.compress_in(file_key, original.file)
                else:
                    store.copy_in(file_key, original.file)
            store.used.add(file_key)
            yield Page(original.path, source=store.path(file_key), text=False)

    def report(self, filing: Filing, fl: FilingLayout, heading: dict, parties: list[dict],
               originals: list | None = None, key: str | None = None, bodies: list[str] | None = None) -> Page:
        main = fl.main
        date = filing_date(filing)
        items = []
        offsets = [i.offset for i in filing.items if i.offset is not None]
        plain_main = main is not None and main.format not in ("html",) and not main.has_data
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
            })
        body = None
        if main is not None and not main.has_data:
            body = self.body(fl, main, fl.index, anchors, bodies)
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
                    "download": by_source[s].download if s in by_source and by_source[s].compressed else None,
                    "size": by_source[s].size if s in by_source else None}
                   for s in filing.source_paths or [filing.source]]
        primary = self.archive.primary(filing)
        ciks = [primary.registrant.cik] if primary and primary.registrant.cik else []
        ciks += [f.cik for f in filing.filers if f.cik]
        forms = self.indexes.forms.get(form_key(filing))
        return self._render(
            "filing", fl.index, key,
            filing=filing, heading=heading, parties=parties,
            trail=self.filing_trail(filing),
            meta=dict(self.search_meta(filing, "report"), exhibits=[e.number for e in filing.exhibits if e.number]),
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

    def document_view(self, fl: FilingLayout, doc: Document, page_path: str, bodies: list[str] | None = None) -> dict:
        written = next((w for w in fl.files if w.document is doc), None)
        return {
            "sequence": doc.sequence, "type": doc.type, "filename": doc.filename,
            "description": doc.description, "size": doc.size,
            "body": self.body(fl, doc, page_path, bodies=bodies) if written is None else None,
            "file": self.file_view(fl, written) if written is not None else None,
            "binary": doc.has_data or doc.format == "binary",
        }

    def file_view(self, fl: FilingLayout, written: BinaryFile) -> dict:
        doc = written.document
        return {"name": written.name, "path": written.path, "image": written.image,
                "description": doc.description or doc.filename or written.name, "type": doc.type,
                "size": doc.size}

    def body(self, fl: FilingLayout, doc: Document, page_path: str,
             anchors: dict[int, list[str]] | None = None, bodies: list[str] | None = None) -> Md | None:
        """A text document as an HTML block for `page_path`: sanitized HTML, or `<pre>` pages.
        With a render cache, the body is kept there and the page gets its placeholder instead
        (`body_placeholder`; its key is added to `bodies`), filled in after Markdown
        (`builder.render.placeholders`): Markdown never reads the bulk of a filing."""
        store = self.store
        if store is None:
            return self._body(fl, doc, page_path, anchors)
        position = next(i for i, d in enumerate(fl.filing.documents) if d is doc)
        key = store.key("body", store.digest(fl.filing), position, page_path, sorted((anchors or {}).items()),
                        self.use_directory_urls)
        size = None
        if store.has(key):
            try:
                size = store.size(key)
            except OSError:
                pass
            else:
                store.used.add(key)
        if size is None:
            text = str(self._body(fl, doc, page_path, anchors) or "")
            store.put(key, text)
            size = len(text)
        if not size:
            return None
        if bodies is not None:
            bodies.append(key)
        return self.body_placeholder(key)

    def body_placeholder(self, key: str) -> Md:
        """What a page carries for the body kept under `key`: a notice that the text is missing,
        which `placeholders.fill_bodies` replaces with the text."""
        macro = self._placeholder_macro
        if macro is None:
            macro = self._placeholder_macro = self.env.get_template("_macros.md.j2").module.body_placeholder
        return Md(str(macro(key)).strip())

    _placeholder_macro = None

    def _body(self, fl: FilingLayout, doc: Document, page_path: str,
              anchors: dict[int, list[str]] | None = None) -> Md | None:
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
            return wrap(fragment) if fragment and not fragment.isspace() else None  # no stripped copy
        return plain_text_html(doc.text, anchors) or None


def stored_files(pages: list[Page]) -> list[tuple[str, Stored]]:
    """The files of a filing as the render cache's manifest keeps them (with a store, each is a
    file of the store, named by its key)."""
    return [(page.path, (str(page.source).rpartition("/")[2], page.text, page.bodies)) for page in pages]


def still_stored(files: list[tuple[str, Stored]], store) -> bool:
    """Whether the store still has every file of a manifest entry and every body its pages show
    (one gone: the pages are rendered again, which writes it again)."""
    return store.all_there(files)


def pages_of(files: list[tuple[str, Stored]], store) -> list[Page]:
    """The files of a filing from the manifest's entry (the keys are marked used, the keys of the
    bodies its pages show too: the pages are not rendered, but the bodies are put in them later)."""
    pages = []
    used, path_of = store.used, store.path
    for path, (key, text, bodies) in files:
        used.add(key)
        if bodies:
            used.update(bodies)
        pages.append(Page(path, source=path_of(key), text=text, bodies=bodies))
    return pages


def _with_bodies(page: Page, bodies: list[str]) -> Page:
    page.bodies = tuple(bodies)
    return page


def _basename(href: str) -> str:
    return posixpath.basename(unquote(href.split("?")[0]).replace("\\", "/")).lower()
