"""Finding the sources in a filings folder: single files, and accession folders.

The walk is recursive, in sorted name order, and skips names starting with a dot
(`.DS_Store`, `.gitkeep`, `.git/`). It only lists and stats: nothing is ever written.

The rules for grouping files into one source, an **accession folder**:

1. A folder is a candidate only if it has no (visible) subfolders; a folder with
   subfolders is a container and is walked into.
2. A lone file is always a source of its own (a folder holding only `poa.txt`, or only
   an index page, gives that file), unless its index page sits in the parent (rule 5).
3. A candidate whose name is an accession number (`0000950137-05-004969` or
   `000095013705004969`) is one source: an accession folder full of one filing's files
   (index page or not: `000118143111030813/` with two `.htm` documents is one filing).
4. A candidate with any other name is one source when it holds an EDGAR index page
   (`*-index.htm`, `*-index.html`, `*-index-headers.html`), all its index pages belong to
   one accession, and no file in it is named for another accession. (A folder of many
   index pages, like a test-data `headers/` folder, stays a folder of single files.)
5. An index page named for the accession of a sibling accession folder
   (`ACCESSION-index.htm(l)`, `-index-headers.html`, dashed or not: the layout of
   `edgar/data/CIK/ACCESSION-index.html` next to `edgar/data/CIK/ACCESSIONNODASH/`) is
   part of that folder's source and is not listed on its own.
6. In an accession-named folder, a file named for a different accession breaks the group:
   the files are then sources of their own.

Everything else is a single-file source.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from builder.read.sniff import is_index_name

_ACCESSION_NAME = re.compile(r"(\d{10})-?(\d{2})-?(\d{6})")
_ACCESSION_PREFIX = re.compile(r"^(\d{10})-?(\d{2})-?(\d{6})(?!\d)")


def accession_of_folder(name: str) -> str | None:
    """The dashed accession number a folder is named for, or None."""
    match = _ACCESSION_NAME.fullmatch(name)
    if match is None or ("-" in name and name.count("-") != 2):
        return None
    return "-".join(match.groups())


def accession_of_file(name: str) -> str | None:
    """The dashed accession number a file name starts with, or None."""
    match = _ACCESSION_PREFIX.match(name)
    return "-".join(match.groups()) if match else None


def _visible(entries: list[os.DirEntry]) -> tuple[list[Path], list[Path]]:
    """(files, folders) among `entries`, sorted by name, dot names left out."""
    files, folders = [], []
    for entry in sorted(entries, key=lambda e: e.name):
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir():
                folders.append(Path(entry.path))
            elif entry.is_file():
                files.append(Path(entry.path))
        except OSError:
            continue
    return files, folders


def list_folder(folder: Path) -> tuple[list[Path], list[Path]]:
    """(files, subfolders) of `folder`, sorted by name, dot names left out; never raises."""
    try:
        with os.scandir(folder) as it:
            return _visible(list(it))
    except OSError:
        return [], []


#: How EDGAR names an accession's index pages (after the accession, dashed or not).
_INDEX_SUFFIXES = ("-index.htm", "-index.html", "-index-headers.htm", "-index-headers.html", "-index.htm.html")


def _sibling_names(accession: str) -> list[str]:
    return [a + s for a in (accession, accession.replace("-", "")) for s in _INDEX_SUFFIXES]


def sibling_index_pages(folder: Path, parent_files: list[Path] | None = None) -> list[Path]:
    """Index pages next to an accession-named `folder` (in its parent) for its accession.

    With the parent's listing they are picked from it; without, the few names EDGAR
    uses are looked up (no listing of a parent that may hold thousands of folders).
    """
    accession = accession_of_folder(folder.name)
    if accession is None:
        return []
    names = _sibling_names(accession)
    if parent_files is not None:
        wanted = set(names)
        return [f for f in parent_files if f.name in wanted]
    return sorted(p for p in (folder.parent / n for n in names) if p.is_file())


def folder_members(folder: Path, parent_files: list[Path] | None = None,
                   listing: tuple[list[Path], list[Path]] | None = None) -> list[Path] | None:
    """The files of `folder` as one accession-folder source, or None if it is not one.

    Members are the folder's visible files and its sibling index pages (rule 5). `listing`: the
    folder's `list_folder`, when it is known.
    """
    files, subfolders = listing if listing is not None else list_folder(folder)
    if subfolders or not files:
        return None
    siblings = sibling_index_pages(folder, parent_files)
    index_pages = [f for f in files if is_index_name(f.name)]
    own = accession_of_folder(folder.name)
    named = {a for a in (accession_of_file(f.name) for f in files) if a}
    if len(files) + len(siblings) < 2:
        return None  # a lone file is a source of its own
    if own is not None:
        return None if named - {own} else sorted(files + siblings)
    if not index_pages:
        return None
    index_accessions = {accession_of_file(f.name) for f in index_pages}
    if len(index_pages) > 1 and (len(index_accessions) != 1 or None in index_accessions):
        return None
    if len(named | (index_accessions - {None})) > 1:
        return None
    return sorted(files)


def find_sources(root: Path, members: dict[Path, list[Path]] | None = None) -> list[Path]:
    """Every source under `root`, in a stable order: files, and accession folders.

    A file inside an accession folder, or an index page taken into its sibling folder,
    is not listed on its own (each file belongs to exactly one source). With a `members` dict,
    each folder source's files (`folder_members`) are put in it, so that they need not be
    listed again.
    """
    root = Path(root)
    if root.is_file():
        return [root]
    sources: list[Path] = []
    seen: set[tuple[int, int]] = set()
    _walk(root, sources, seen, members if members is not None else {})
    return sources


def _walk(folder: Path, sources: list[Path], seen: set[tuple[int, int]], members: dict[Path, list[Path]],
          listing: tuple[list[Path], list[Path]] | None = None) -> None:
    try:
        st = os.stat(folder)
    except OSError:
        return
    if (st.st_dev, st.st_ino) in seen:  # a symlink loop
        return
    seen.add((st.st_dev, st.st_ino))
    files, folders = listing if listing is not None else list_folder(folder)
    taken: set[Path] = set()
    groups: dict[Path, tuple[list[Path] | None, tuple[list[Path], list[Path]]]] = {}
    for sub in folders:
        sub_listing = list_folder(sub)
        found = folder_members(sub, files, sub_listing)
        groups[sub] = (found, sub_listing)
        if found is not None:
            taken.update(sibling_index_pages(sub, files))
    for entry in sorted([*files, *folders], key=lambda p: p.name):
        if entry in groups:
            found, sub_listing = groups[entry]
            if found is not None:
                sources.append(entry)
                members[entry] = found
            else:
                _walk(entry, sources, seen, members, sub_listing)
        elif entry not in taken:
            sources.append(entry)
