"""The original files of a filing, as they are in `filings/`, for the report page's download links.

Each original is published gzip-compressed (`<name>.gz`, a quarter of the text's bytes: the
originals were the biggest part of a site, as big as the archive itself), except files of a
compressed format (`COMPRESSED`: images, PDFs, archives), published as they are. The report page's
script (`assets/javascripts/originals.js`) inflates a compressed original in the browser and saves
it under its own name, byte for byte as it was; without the script the browser saves the `.gz`.
A file saved, never opened as a page of the site: the name it is saved under
(`Original.download`) may be `form8k.htm`.

The bytes are read from the file itself (a big one by pieces, never held whole in memory) and
compressed when the site is written (`compress_file`); only the name is made safe
(`paths.safe_name`). They go beside the submission's binary documents, in `filings/<id>/files/`.
Nothing is read outside the filings folder (symbolic links that lead out are skipped), and nothing
is ever written to it.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from builder import gz
from builder.cache import temporary_beside
from builder.model.filing import Filing
from builder.render.paths import MAX_NAME, safe_name

#: Larger files are not copied (the report page still names them).
MAX_ORIGINAL_BYTES = 64 * 1024 * 1024
#: Extensions of compressed formats: published as they are (gzip would not make them smaller).
COMPRESSED = {"jpg", "jpeg", "gif", "png", "pdf", "zip", "gz", "xlsx", "docx", "pptx"}


@dataclass
class Original:
    """One original file of a filing, copied into the site."""

    source: str  #: its path in the filings folder, as the filing lists it
    path: str  #: where it goes in the site: "filings/<id>/files/<name>"
    name: str  #: its file name in the site ("form8k.htm.gz")
    size: int  #: its size in the filings folder
    file: Path  #: the file itself, to copy from
    download: str = ""  #: the (safe) name it is saved under ("form8k.htm")
    compressed: bool = False  #: published gzip-compressed (`compress_file`)


def original_name(source: str, taken: set[str]) -> tuple[str, str, bool]:
    """The safe file name of an original in the site (unique in `taken`, which it updates), the
    name it is saved under, and whether it is published compressed."""
    download = safe_name(source, max_length=MAX_NAME - 3)
    ext = download.rpartition(".")[2].lower() if "." in download else ""
    if ext in COMPRESSED:
        name = safe_name(download, taken)
        return name, name, False
    return safe_name(f"{download}.gz", taken), download, True


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
            if size > MAX_ORIGINAL_BYTES or not os.access(path, os.R_OK):
                continue
        except (OSError, ValueError):
            continue
        name, download, compressed = original_name(source, taken)
        originals.append(Original(source=source, path=f"{folder}/files/{name}", name=name, size=size, file=path,
                                  download=download, compressed=compressed))
    return originals


#: Originals up to this size are read whole and compressed at once; bigger ones by pieces, never
#: held whole in memory. Both by zlib (`builder.gz.compress_same`): the same bytes in every build.
AT_ONCE_BYTES = 16 * 1024 * 1024


def _compress(source: Path | str, raw: BinaryIO) -> None:
    with open(source, "rb") as src:
        if os.fstat(src.fileno()).st_size <= AT_ONCE_BYTES:
            data = src.read(AT_ONCE_BYTES + 1)
            if len(data) <= AT_ONCE_BYTES:  # (the file may have grown since)
                raw.write(gz.compress_same(data, gz.FAST))
                return
            src.seek(0)
        with gz.writer(raw, gz.FAST) as out:
            shutil.copyfileobj(src, out, 1 << 20)


def compress_file(source: Path | str, target: Path | str) -> None:
    """Write `source` gzip-compressed to `target`, whole or not at all: the same bytes for the same
    file (no time stamp, no name in the gzip header), read and written by pieces."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_beside(target)
    try:
        with open(temporary, "wb") as raw:
            _compress(source, raw)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def compressed_bytes(source: Path | str) -> bytes:
    """`source` compressed as `compress_file` writes it."""
    raw = io.BytesIO()
    _compress(source, raw)
    return raw.getvalue()
