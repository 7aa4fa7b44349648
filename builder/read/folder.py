"""Reading an accession folder (one filing's files) into one `Submission`.

* When the folder holds the full submission (`ACCESSION.txt`, or the `.nc` form), the
  submission is read from it and takes its shape; the index pages, the `.hdr.sgml` and
  the loose copies of its documents are only listed in `paths`. A loose document that is
  not in the full submission is added to it, with a problem saying so. A second copy of
  the full submission (the `.nc` next to the `.txt`) is listed and not read.
* Otherwise the shape is `accession-folder`: the header comes from a `.hdr.sgml`, else
  an `-index-headers.html` page (`sec`), else an `-index.htm(l)` page (`index-html`, see
  `builder.read.index_page`); the documents are the folder's other files, one
  `RawDocument` each (a wrapped file gives its `<DOCUMENT>`s; a binary file such as a
  graphic gives `data`), in the order of the index page's list, then by sequence, then
  by name. Type, sequence and description missing from a file are taken from the index
  page's list. Listed documents absent from the folder are named in a problem; when the
  folder holds no document at all, the listed ones are kept without text.

`encoding` is the full submission's, or the encodings of the files read, comma-joined.
"""

from __future__ import annotations

from pathlib import Path

from builder.read.decode import digest
from builder.read.discover import accession_of_folder, folder_members, list_folder, sibling_index_pages
from builder.read.files import DOCUMENT_SHAPES, SUBMISSION_SHAPES, Loaded, load, relative
from builder.read.limits import MAX_DOCUMENTS, cap_problems
from builder.read.sniff import is_index_name
from builder.read.submission import RawDocument, Shape, Submission


def read_folder(folder: Path, root: Path | None = None) -> Submission:
    """An accession folder as one `Submission` (see the module docstring for the rules)."""
    folder = Path(folder)
    source = relative(folder, root)
    members = folder_members(folder)
    problems: list[str] = []
    if members is None:  # not one by the rules of `discover`: read its own files anyway
        files, subfolders = list_folder(folder)
        members = sorted(files + sibling_index_pages(folder))
        if subfolders:
            problems.append("the folder has subfolders; only its own files were read")
    paths = [relative(p, root) for p in members]
    sub = Submission(source, Shape.ACCESSION_FOLDER, paths, problems=problems,
                     folder_accession=accession_of_folder(folder.name))
    if not members:
        sub.shape = Shape.NOT_A_FILING
        sub.problems.append("an empty folder")
        return sub
    blobs: list[bytes] = []
    loaded: list[Loaded] = []
    for path in members:
        try:
            data = path.read_bytes()
        except OSError as exc:
            sub.problems.append(f"{path.name}: could not be read: {exc}")
            continue
        blobs.append(data)
        try:
            loaded.append(load(data, path.name))
        except Exception as exc:  # a reader bug must not stop an archive build
            sub.problems.append(f"{path.name}: the reader failed: {exc!r}")
    sub.digest = digest(blobs)
    _combine(sub, loaded)
    if len(sub.documents) > MAX_DOCUMENTS:
        sub.problems.append(f"more than {MAX_DOCUMENTS:,} documents: the last "
                            f"{len(sub.documents) - MAX_DOCUMENTS:,} were not read")
        del sub.documents[MAX_DOCUMENTS:]
    sub.problems = cap_problems(sub.problems)
    return sub


def _combine(sub: Submission, files: list[Loaded]) -> None:
    mains: list[Loaded] = []
    headers: list[Loaded] = []
    indexes: list[Loaded] = []
    loose: list[Loaded] = []
    for f in files:
        if f.shape in SUBMISSION_SHAPES:
            mains.append(f)
        elif f.shape == Shape.HEADER_ONLY:
            headers.append(f)
        elif f.shape == Shape.INDEX_PAGE or (is_index_name(f.name) and f.shape == Shape.HTML):
            indexes.append(f)
        else:
            loose.append(f)
        if f.binary is None:
            sub.problems.extend(f"{f.name}: {p}" for p in f.problems)
    mains.sort(key=lambda f: (f.shape == Shape.NC_SUBMISSION, -len(f.documents), f.name))
    indexes.sort(key=lambda f: (f.header_format != "sec", f.name))
    if mains:
        main = mains[0]
        sub.shape, sub.encoding = main.shape, main.encoding
        sub.header, sub.header_format = main.header, main.header_format
        sub.documents = list(main.documents)
        sub.problems.extend(f"{other.name} is another copy of the submission; not read" for other in mains[1:])
        known = {d.filename.lower() for d in sub.documents if d.filename}
        for f in loose:
            extra = [d for d in _documents_of(f) if not _names(d, f) & known]
            if extra:
                sub.problems.append(f"{f.name} is not in the full submission; added as a document")
                sub.documents.extend(extra)
    else:
        encodings = list(dict.fromkeys(f.encoding for f in files if f.encoding))
        sub.encoding = ",".join(encodings) or None
        _from_documents(sub, loose, indexes)
    if sub.header is None:
        for f in headers + indexes:
            if f.header:
                sub.header, sub.header_format = f.header, f.header_format
                break


def _names(doc: RawDocument, f: Loaded) -> set[str]:
    return {n.lower() for n in (doc.filename, f.name) if n}


def _documents_of(f: Loaded) -> list[RawDocument]:
    """The documents a non-submission file gives: its own, or its bytes for a binary file."""
    if f.binary is not None:
        return [RawDocument(filename=f.name, data=f.data)]
    if f.shape == Shape.NOT_A_FILING:
        return []
    documents = f.documents
    if f.shape in DOCUMENT_SHAPES or f.shape == Shape.WRAPPED_DOCUMENT:
        for doc in documents:
            doc.filename = doc.filename or f.name
    return documents


def _from_documents(sub: Submission, loose: list[Loaded], indexes: list[Loaded]) -> None:
    """Fill `sub` from a folder of documents (no full submission)."""
    listing = next((f.documents for f in indexes if f.documents), [])
    listed = {d.filename.lower(): (i, d) for i, d in enumerate(listing) if d.filename}
    documents: list[tuple[tuple, RawDocument]] = []
    for f in loose:
        for doc in _documents_of(f):
            hit = listed.get((doc.filename or "").lower()) or listed.get(f.name.lower())
            if hit:
                entry = hit[1]
                doc.type = doc.type or entry.type
                doc.sequence = doc.sequence or entry.sequence
                doc.description = doc.description or entry.description
            order = hit[0] if hit else len(listed)
            documents.append(((order, _number(doc.sequence), f.name), doc))
    documents.sort(key=lambda pair: pair[0])
    sub.documents = [doc for _, doc in documents]
    present = {(d.filename or "").lower() for d in sub.documents}
    absent = [d for d in listing if d.filename and d.filename.lower() not in present]
    if not sub.documents and listing:
        sub.documents = list(listing)
        sub.problems.append(
            f"the folder holds no documents: the {len(listing)} listed on its index page are not included"
        )
    elif absent:
        names = ", ".join(d.filename for d in absent[:5] if d.filename) + (", ..." if len(absent) > 5 else "")
        sub.problems.append(f"{len(absent)} document(s) listed on the index page are not in the folder: {names}")
    if not sub.documents:
        sub.problems.append("the folder holds no documents")


def _number(sequence: str | None) -> int:
    try:
        return int(sequence or "")
    except ValueError:
        return 1 << 30
