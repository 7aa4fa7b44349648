"""Reading one file into a `Submission`: decode, sniff, split.

Also the per-file step the accession-folder reader builds on (`load`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from builder.read.decode import binary_kind, decode_bytes, digest
from builder.read.index_page import read_index_page
from builder.read.header import strip_closers
from builder.read.limits import cap_problems, limit_nesting
from builder.read.sgml import nesting_problem, split_sgml
from builder.read.sniff import sniff
from builder.read.submission import RawDocument, Shape, Submission

#: Shapes whose text is one whole document (the parser finds the form type in it).
DOCUMENT_SHAPES = (Shape.HTML, Shape.XML, Shape.BARE_TEXT)
#: Shapes that are a whole submission with a header and documents.
SUBMISSION_SHAPES = (Shape.FULL_SUBMISSION, Shape.IMS_SUBMISSION, Shape.NC_SUBMISSION)


@dataclass
class Loaded:
    """One file read and understood: its shape, header, documents, and what went wrong.

    `binary` is set (to a description such as "a PDF file") when the bytes are not text;
    `data` then keeps the bytes, for an accession folder to use as a document.
    """

    name: str
    shape: str
    encoding: str | None = None
    header: str | None = None
    header_format: str | None = None
    documents: list[RawDocument] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    binary: str | None = None
    data: bytes | None = None


def relative(path: Path, root: Path | None) -> str:
    """`path` relative to `root` in POSIX form; the path as given when there is no root."""
    if root is None:
        return str(path)
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        try:
            return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
        except (ValueError, OSError):
            return str(path)


def load(data: bytes, name: str) -> Loaded:
    """Decode, sniff and split the bytes of one file named `name`; never raises."""
    if not data:
        return Loaded(name, Shape.NOT_A_FILING, problems=["the file is empty"])
    kind = binary_kind(data)
    if kind is not None:
        return Loaded(name, Shape.NOT_A_FILING, problems=[f"not a filing: {kind}"], binary=kind, data=data)
    decoded = decode_bytes(data)
    text = decoded.text
    found = sniff(text, name)
    loaded = Loaded(name, found.shape, decoded.encoding, problems=decoded.problems + found.problems)
    if found.shape == Shape.NOT_A_FILING:
        return loaded
    if found.shape == Shape.INDEX_PAGE:
        page = read_index_page(text)
        loaded.header, loaded.header_format = page.header, page.header_format
        loaded.documents = page.documents
        loaded.problems += page.problems
        return loaded
    if found.shape in DOCUMENT_SHAPES:
        body = strip_closers(text[found.start :]) if found.start else text
        body, dropped = limit_nesting(body)
        if dropped:
            loaded.problems.append(nesting_problem(dropped))
        loaded.documents = [RawDocument(filename=name, text=body)]
        return loaded
    split = split_sgml(text, found.shape, found.start)
    loaded.shape = split.shape
    loaded.header, loaded.header_format = split.header, split.header_format
    loaded.documents = split.documents
    loaded.problems += split.problems
    return loaded


def read_file(path: Path, root: Path | None = None) -> Submission:
    """One file as a `Submission` (an index page alone lists its documents without text)."""
    source = relative(path, root)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return Submission(source, Shape.NOT_A_FILING, [source], problems=[f"could not be read: {exc}"])
    try:
        loaded = load(data, Path(path).name)
    except Exception as exc:  # a reader bug must not stop an archive build
        loaded = Loaded(Path(path).name, Shape.NOT_A_FILING, problems=[f"the reader failed: {exc!r}"])
    problems = loaded.problems
    if loaded.shape == Shape.INDEX_PAGE and loaded.documents:
        problems = problems + [
            f"an index page alone: its {len(loaded.documents)} listed document(s) are not included"
        ]
    return Submission(
        source=source,
        shape=loaded.shape,
        paths=[source],
        header=loaded.header,
        header_format=loaded.header_format,
        documents=loaded.documents,
        problems=cap_problems(problems),
        encoding=loaded.encoding,
        digest=digest([data]),
    )
