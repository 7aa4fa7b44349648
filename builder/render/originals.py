"""The original files of a filing, as they are in `filings/`, for the report page's download links.

The bytes are copied unchanged, by MkDocs, from the file itself (never held in memory); only the name is made safe (`paths.safe_name`) and given an
extension a browser never runs: a text file that is not `.txt` is served as `.txt`
("form8k.htm" → "form8k.htm.txt", "x.nc" → "x.nc.txt"), an unknown binary as `.bin`. They go
beside the submission's binary documents, in `filings/<id>/files/`. Nothing is read outside
the filings folder (symbolic links that lead out are skipped), and nothing is ever written to it.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from builder.model.filing import Filing
from builder.render.paths import BINARY_EXTENSIONS, MAX_NAME, safe_name

#: Larger files are not copied (the report page still names them).
MAX_ORIGINAL_BYTES = 64 * 1024 * 1024


@dataclass
class Original:
    """One original file of a filing, copied into the site."""

    source: str  #: its path in the filings folder, as the filing lists it
    path: str  #: where it goes in the site: "filings/<id>/files/<name>"
    name: str
    size: int
    file: Path  #: the file itself, to copy from


#: How much of a file decides whether it is text (a NUL byte in it: binary).
SNIFF_BYTES = 8192


def original_name(source: str, data: bytes, taken: set[str]) -> str:
    """The safe file name of an original (unique in `taken`, which it updates); `data`: its
    first `SNIFF_BYTES` bytes at least."""
    name = safe_name(source, max_length=MAX_NAME - 5)
    ext = name.rpartition(".")[2].lower() if "." in name else ""
    if ext not in BINARY_EXTENSIONS:
        name = f"{name}.txt" if b"\0" not in data[:SNIFF_BYTES] else f"{name}.bin"
    return safe_name(name, taken)


def read_originals(filing: Filing, folder: str, taken: set[str], filings_dir: Path,
                   root: Path | None = None) -> list[Original]:
    """The original files of `filing` (its `source_paths`, relative to `filings_dir`), readable ones
    only; `root`: `filings_dir` resolved, when the caller has it (resolving a path costs a system
    call for each of its folders)."""
    root = filings_dir.resolve() if root is None else root
    originals = []
    for source in filing.source_paths or [filing.source]:
        try:
            path = (root / source).resolve()
            if not path.is_relative_to(root):
                continue
            status = path.stat()  # what is_file() would ask, once
            if not stat.S_ISREG(status.st_mode):
                continue
            size = status.st_size
            if size > MAX_ORIGINAL_BYTES:
                continue
            with open(path, "rb") as fh:
                head = fh.read(SNIFF_BYTES)
        except (OSError, ValueError):
            continue
        name = original_name(source, head, taken)
        originals.append(Original(source=source, path=f"{folder}/files/{name}", name=name, size=size, file=path))
    return originals
