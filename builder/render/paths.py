"""Where every generated file goes, and how pages link to each other.

The layout (stable URLs, MkDocs `use_directory_urls` on):

    index.md                              home
    catalog.json, catalog.csv             the archive as data, one row per filing
    problems.md                           every problem of the build
    registrants/index.md                  A-Z index (registrants/a-z/<letter>.md when large)
    registrants/<key>.md                  one registrant (key: 10-digit CIK or name slug)
    filings/index.md                      filings by year and month
    filings/<year>.md, filings/undated.md one year's filings
    forms/, items/, industries/, states/  the other indexes (see `builder.render.indexes`)
    filings/<id>/index.md                 the report
    filings/<id>/ex-99-1.md               an exhibit (listed, included, or both)
    filings/<id>/doc-<seq>.md             any other text document of the submission
    filings/<id>/files/<safe name>        binary documents (graphics, PDFs ...) and the originals

An index page with more than 500 rows continues on `<page>/2.md`, `<page>/3.md` ...
(`builder.render.listing`).

Every path segment taken from a filing goes through `safe_name()` or `safe_segment()`, so no
path can leave the docs folder, whatever the filing says.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from builder.model.archive import Archive
from builder.model.filing import Document, Exhibit, Filing
from builder.render.indexes import Indexes, plan_indexes

MAX_NAME = 100  #: longest file name written, extension included
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_SAFE_PATH = re.compile(r"^[A-Za-z0-9._/-]*(#[A-Za-z0-9._-]*)?$")

#: Extensions a binary document may keep. Anything else (.html, .svg, .js, .md ...) is written
#: as `.bin`, so a document can never become a page, a script or a stylesheet of the site.
BINARY_EXTENSIONS = {
    "jpg", "jpeg", "gif", "png", "bmp", "tif", "tiff", "pdf", "zip", "gz",
    "xls", "xlsx", "doc", "docx", "ppt", "pptx", "txt", "csv", "bin",
}
#: Leading bytes → (extension, is an image a browser shows).
_MAGIC: list[tuple[bytes, str, bool]] = [
    (b"GIF87a", "gif", True),
    (b"GIF89a", "gif", True),
    (b"\xff\xd8\xff", "jpg", True),
    (b"\x89PNG\r\n\x1a\n", "png", True),
    (b"BM", "bmp", False),
    (b"%PDF", "pdf", False),
    (b"PK\x03\x04", "zip", False),
    (b"\x1f\x8b", "gz", False),
]
IMAGE_EXTENSIONS = {"gif", "jpg", "jpeg", "png"}


def safe_name(name: str | None, taken: set[str] | None = None, *, default: str = "file",
              max_length: int = MAX_NAME) -> str:
    """A file name that is safe to write: only [A-Za-z0-9._-], no leading dot, length-capped.

    Only the last component of `name` is kept ("../../x" → "x", "C:\\a\\b.txt" → "b.txt").
    With `taken` (the lower-cased names already used in the folder), the name is made unique
    ("a.jpg", "a-2.jpg" ...) and added to it; comparison ignores case, for case-insensitive disks.
    """
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    base = _UNSAFE.sub("-", base)
    base = re.sub(r"-{2,}", "-", base).lstrip(".-_").rstrip(".-")
    base = re.sub(r"\.{2,}", ".", base)
    if not base:
        base = default
    stem, dot, ext = base.rpartition(".")
    if not dot or not stem or len(ext) > 10:
        stem, ext = base, ""
    ext = ext.lower()
    suffix = f".{ext}" if ext else ""
    stem = stem[: max(1, max_length - len(suffix))].rstrip(".-") or default
    candidate = stem + suffix
    if taken is None:
        return candidate
    n = 1
    while candidate.lower() in taken:
        n += 1
        tail = f"-{n}"
        candidate = stem[: max(1, max_length - len(suffix) - len(tail))] + tail + suffix
    taken.add(candidate.lower())
    return candidate


def safe_segment(value: str | None, taken: set[str], *, default: str) -> str:
    """A URL segment (folder or page name, no extension) made from a key: kept as is when it is
    already safe ("0000950137-05-004969", "x-edb917d2bca7", "sonus-networks-inc"), else cleaned.
    Unique within `taken` (lower-cased), which it updates."""
    value = value or ""
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}", value) and value.lower() not in taken:
        taken.add(value.lower())
        return value
    cleaned = _UNSAFE.sub("-", unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii"))
    cleaned = re.sub(r"[-.]+", "-", cleaned).strip("-_")[:90] or default
    candidate, n = cleaned, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{cleaned}-{n}"
    taken.add(candidate.lower())
    return candidate


def sniff(data: bytes) -> tuple[str | None, bool]:
    """(extension, is a web image) guessed from a binary document's first bytes."""
    for magic, ext, image in _MAGIC:
        if data.startswith(magic):
            return ext, image
    return None, False


def binary_name(doc: Document, taken: set[str]) -> tuple[str, bool]:
    """The safe file name of a binary document and whether a browser can show it as an image.

    The content decides the extension when it is recognised; otherwise the document's own
    extension is kept only when it is harmless (`BINARY_EXTENSIONS`), else `.bin` is added.
    """
    sniffed, image = sniff(doc.data_head)
    name = safe_name(doc.filename or (f"document-{doc.sequence}" if doc.sequence is not None else "document"),
                     max_length=MAX_NAME - 5)
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if sniffed:
        if ext not in ({sniffed, "jpeg"} if sniffed == "jpg" else {sniffed}):
            ext = sniffed if not ext or ext in BINARY_EXTENSIONS else f"{ext}.{sniffed}"
    elif ext not in BINARY_EXTENSIONS:
        ext = f"{ext}.bin" if ext else "bin"
    return safe_name(f"{stem}.{ext}", taken), image


def exhibit_slug(number: str | None) -> str:
    """"99.1" → "ex-99-1", "101.INS" → "ex-101-ins", "" → "ex"."""
    slug = re.sub(r"[^a-z0-9]+", "-", (number or "").lower()).strip("-")[:40].strip("-")
    return f"ex-{slug}" if slug else "ex"


def item_anchor(number: str | None) -> str:
    """"12" → "item-12", "2.02" → "item-2-02", "II-1A" → "item-ii-1a"."""
    slug = re.sub(r"[^a-z0-9]+", "-", (number or "").lower()).strip("-")
    return f"item-{slug}" if slug else "item"


# -- links -------------------------------------------------------------------------------

def relpath(path: str, start: str) -> str:
    """`posixpath.relpath` for paths inside the docs folder (no file system, no cwd)."""
    to = [p for p in path.split("/") if p and p != "."]
    frm = [p for p in start.split("/") if p and p != "."]
    common = 0
    while common < min(len(to), len(frm)) and to[common] == frm[common]:
        common += 1
    parts = [".."] * (len(frm) - common) + to[common:]
    return "/".join(parts) or "."


def md_link(from_page: str, target: str) -> str:
    """A relative link from one generated page to another file, as Markdown wants it: to the
    `.md` file, so that MkDocs checks it and rewrites it for the URL style in use."""
    if target.partition("#")[0] == from_page:
        return _md_link(None, target)
    return _md_link(from_page.rpartition("/")[0], target)  # its folder (`relpath` drops empty parts)


@lru_cache(maxsize=1 << 16)  # the pages of a folder link to the same few pages
def _md_link(from_dir: str | None, target: str) -> str:
    """`md_link` from a page of the folder `from_dir` (None: from the page `target` is on)."""
    path, _, anchor = target.partition("#")
    rel = "" if from_dir is None else relpath(path, from_dir)
    link = rel + (f"#{anchor}" if anchor else "")
    if not _SAFE_PATH.match(link):  # only paths built here get this far
        raise ValueError(f"unsafe link target {target!r}")
    return link or "#"


def page_url(path: str, use_directory_urls: bool = True) -> str:
    """The site URL (relative to the site root) of a file of the docs folder."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def html_link(from_page: str, target: str, use_directory_urls: bool = True) -> str:
    """A relative URL from a page to a file, for raw HTML (which MkDocs does not rewrite)."""
    path, _, anchor = target.partition("#")
    here = page_url(from_page, use_directory_urls)
    here_dir = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    there = page_url(path, use_directory_urls)
    if there == here and anchor:
        return f"#{anchor}"
    rel = relpath(there, here_dir)
    if rel == ".":
        rel = "./"
    elif there.endswith("/") or not there:
        rel += "/"
    return rel + (f"#{anchor}" if anchor else "")


# -- the layout of one build --------------------------------------------------------------

@dataclass
class ExhibitPage:
    """An exhibit of a filing and the page it gets."""

    exhibit: Exhibit
    document: Document | None  #: the included document, None when only listed
    path: str
    slug: str


@dataclass
class DocumentPage:
    """A text document of a filing that is neither the report nor an exhibit."""

    document: Document
    path: str


@dataclass
class BinaryFile:
    """A binary document written as a file of the site."""

    document: Document
    path: str
    name: str
    image: bool


@dataclass
class FilingParts:
    """The pages and files of one filing (`FilingLayout`), as `plan_filing` decides them."""

    main: Document | None
    exhibits: list[ExhibitPage] = field(default_factory=list)
    documents: list[DocumentPage] = field(default_factory=list)
    files: list[BinaryFile] = field(default_factory=list)
    #: Position of a document in `filing.documents` → the path (with anchor) that shows it.
    targets: dict[int, str] = field(default_factory=dict)
    #: Lower-cased file name of a document → the path that shows it (links inside HTML).
    by_filename: dict[str, str] = field(default_factory=dict)
    #: Lower-cased file name → the written file, for images referenced by HTML documents.
    files_by_filename: dict[str, BinaryFile] = field(default_factory=dict)


def _part(name: str) -> property:
    return property(lambda layout: getattr(layout.parts, name), doc=f"`FilingParts.{name}`")


@dataclass
class FilingLayout:
    """Every path of one filing: the report page, exhibit and document pages, files.

    The folder is decided with the site's; the pages and files inside it (`parts`) when first
    asked for, from the filing as parsed (its documents' bytes decide the files' names), so a
    build that takes a filing's pages from the render cache never decides them.
    """

    filing: Filing
    folder: str  #: "filings/<id>"
    index: str  #: "filings/<id>/index.md"

    @cached_property
    def parts(self) -> FilingParts:
        return _plan_parts(self.filing, self.folder, self.index)

    main = _part("main")
    exhibits = _part("exhibits")
    documents = _part("documents")
    files = _part("files")
    targets = _part("targets")
    by_filename = _part("by_filename")
    files_by_filename = _part("files_by_filename")


def _is_binary(doc: Document) -> bool:
    return doc.has_data or doc.format == "binary"


def plan_filing(filing: Filing, folder: str) -> FilingLayout:
    """The layout of one filing in `folder`: its pages and files are decided when first asked for
    (`FilingLayout.parts`), deterministically (the filing's own order)."""
    return FilingLayout(filing=filing, folder=folder, index=f"{folder}/index.md")


def _plan_parts(filing: Filing, folder: str, index: str) -> FilingParts:
    main = filing.main_document
    layout = FilingParts(main=main)
    docs = filing.documents
    by_sequence: dict[int, Document] = {}
    for d in docs:
        if d.sequence is not None:
            by_sequence.setdefault(d.sequence, d)

    # Exhibits: the listed ones, then included exhibit documents no listed exhibit points to.
    entries: list[tuple[Exhibit, Document | None]] = []
    used: set[int] = set()
    for ex in filing.exhibits:
        doc = by_sequence.get(ex.document_sequence) if ex.document_sequence is not None else None
        if doc is None and ex.included:
            doc = next((d for d in docs if d.exhibit_number == (ex.number or "").upper() and id(d) not in used
                        and d is not main), None)
        if doc is not None and id(doc) in used:
            doc = None
        if doc is not None:
            used.add(id(doc))
        entries.append((ex, doc))
    for d in docs:
        if d.exhibit_number and id(d) not in used and d is not main:
            used.add(id(d))
            entries.append((Exhibit(number=d.exhibit_number, description=d.description, included=True,
                                    document_sequence=d.sequence), d))

    taken = {"index", "files"}
    natural = [exhibit_slug(ex.number) for ex, _ in entries]
    first: dict[str, int] = {}
    for i, slug in enumerate(natural):
        first.setdefault(slug, i)
    taken.update(first)
    for i, ((ex, doc), slug) in enumerate(zip(entries, natural)):
        if first[slug] != i:  # the same number again: "ex-99-1-2", "ex-99-1-3" ...
            n = 2
            while f"{slug}-{n}" in taken:
                n += 1
            slug = f"{slug}-{n}"
            taken.add(slug)
        page = ExhibitPage(exhibit=ex, document=doc, path=f"{folder}/{slug}.md", slug=slug)
        layout.exhibits.append(page)

    file_names: set[str] = set()
    exhibit_of = {id(p.document): p for p in layout.exhibits if p.document is not None}
    for i, doc in enumerate(docs):
        if doc.has_data:
            name, image = binary_name(doc, file_names)
            written = BinaryFile(document=doc, path=f"{folder}/files/{name}", name=name, image=image)
            layout.files.append(written)
            if doc.filename:
                layout.files_by_filename.setdefault(_basename(doc.filename), written)
            layout.targets[i] = written.path
        if id(doc) in exhibit_of:
            layout.targets[i] = exhibit_of[id(doc)].path
        elif doc is main and not _is_binary(doc):
            layout.targets[i] = f"{index}#text"
        elif not _is_binary(doc) and i not in layout.targets:
            seq = doc.sequence if doc.sequence is not None else i + 1
            slug = safe_segment(f"doc-{seq}", taken, default="doc")
            page = DocumentPage(document=doc, path=f"{folder}/{slug}.md")
            layout.documents.append(page)
            layout.targets[i] = page.path
    for i, doc in enumerate(docs):
        if doc.filename and i in layout.targets:
            layout.by_filename.setdefault(_basename(doc.filename), layout.targets[i])
    return layout


def _basename(filename: str) -> str:
    return re.split(r"[\\/]", filename.strip())[-1].lower()


@dataclass
class SiteLayout:
    """The paths of the whole site, decided once before any page is written."""

    registrants: dict[str, str]  #: registrant key → page path
    filings: dict[str, FilingLayout]  #: filing id → layout
    indexes: Indexes

    def registrant_page(self, key: str) -> str:
        return self.registrants[key]

    def filing(self, filing: Filing) -> FilingLayout:
        return self.filings[filing.id]


def plan_site(archive: Archive) -> SiteLayout:
    """Decide every path: registrant pages, index pages, filing folders (in archive order)."""
    taken_registrants = {"index", "a-z"}
    registrants = {
        r.key: f"registrants/{safe_segment(r.key, taken_registrants, default='registrant')}.md"
        for r in archive.registrants
    }
    indexes = plan_indexes(archive, registrants, safe_segment)
    taken_filings = {"index", "undated"} | {y for y in indexes.years if y}
    filings: dict[str, FilingLayout] = {}
    for f in archive.filings:
        if f.id in filings:
            continue
        folder = "filings/" + safe_segment(f.id, taken_filings, default="filing")
        filings[f.id] = plan_filing(f, folder)
    return SiteLayout(registrants=registrants, filings=filings, indexes=indexes)
