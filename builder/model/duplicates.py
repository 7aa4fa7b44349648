"""The same filing twice in `filings/`: published once, the other copies listed as problems.

Two shapes of "the same filing":

- **Two copies of one filing** (the same id: the accession number, or the content hash of a
  bare document): the most complete copy is kept, whatever its path (a copy cut off in transfer
  sorts first as often as not). More documents wins, then more bytes, then fewer problems, then
  the first path.
- **A submission and its own main document saved on its own** (a full `.txt` submission, and the
  8-K it holds copied out as a bare text file): the bare file has no accession number, so its id
  is a content hash; it is recognised by its text, which is the text of one document of the
  submission (line ends and spacing aside). The submission is kept: it knows more (header,
  exhibits).

The copies that are not published lose their own parse problems (they describe a page that is
not built) and get one problem saying which file was published instead.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from builder.model.archive import Problem
from builder.model.filing import Document, Filing


@dataclass
class Parsed:
    """A source as the parse stage left it: its filing (None if it is not one) and its problems."""

    filing: Filing | None
    problems: list[Problem]

    @property
    def source(self) -> str:
        """The source's name: its filing's, or its problems' (a source that is no filing has one)."""
        if self.filing is not None:
            return self.filing.source
        return self.problems[0].source if self.problems else ""


def words_key(document: Document) -> str:
    """A hash of the words of a document's text: line ends, indentation and blank lines do not
    count (two copies of one text, saved differently, have the same)."""
    return hashlib.sha1(" ".join((document.text or "").split()).encode("utf-8", "surrogatepass")).hexdigest()


def drop_duplicates(parsed: list[Parsed], words: Callable[[Document], str] = words_key,
                    ) -> tuple[list[Filing], list[Problem]]:
    """The filings to publish (in source order) and every problem, duplicates included. `words`:
    how the words of a document are hashed (`words_key`; the parse cache keeps them, so that a
    build need not read texts to find the same ones again)."""
    kept = _best_copies(parsed)
    dropped: dict[str, str] = {}  # source -> reason
    for entry in parsed:
        if entry.filing is not None and kept[entry.filing.id] is not entry:
            best = kept[entry.filing.id]
            better = ", which is more complete" if _completeness(best.filing) > _completeness(entry.filing) else ""
            dropped[entry.source] = f"the same filing as {best.source}{better}; not published twice"
    publish = [e for e in parsed if e.filing is not None and e.source not in dropped]
    for bare, submission in _bare_copies_of_submissions(publish, words):
        dropped[bare.source] = (f"a document of {submission.source} (accession "
                                f"{submission.filing.accession_number}) saved on its own; not published twice")
    filings: list[Filing] = []
    problems: list[Problem] = []
    for entry in parsed:
        if entry.source in dropped:
            problems.append(Problem(entry.source, dropped[entry.source]))
            continue
        problems.extend(entry.problems)
        if entry.filing is not None:
            filings.append(entry.filing)
    return filings, problems


def _best_copies(parsed: list[Parsed]) -> dict[str, Parsed]:
    best: dict[str, Parsed] = {}
    for entry in parsed:
        if entry.filing is None:
            continue
        current = best.get(entry.filing.id)
        if current is None or _completeness(entry.filing) > _completeness(current.filing):
            best[entry.filing.id] = entry
    return best


def _completeness(filing: Filing | None) -> tuple[int, int, int]:
    if filing is None:
        return (0, 0, 0)
    return (len(filing.documents), sum(d.size for d in filing.documents), -len(filing.problems))


def _bare_copies_of_submissions(entries: list[Parsed], words: Callable[[Document], str],
                                ) -> list[tuple[Parsed, Parsed]]:
    """(bare copy, submission) pairs: a one-document filing without an accession number whose text
    is the text of a document of a filing with one."""
    bare = [e for e in entries if e.filing.accession_number is None and len(e.filing.documents) == 1
            and e.filing.documents[0].length]
    if not bare:
        return []
    by_opening: dict[str, list[Parsed]] = {}
    for entry in bare:
        by_opening.setdefault(entry.filing.documents[0].opening, []).append(entry)
    lengths = sorted(e.filing.documents[0].length for e in bare)
    keys: dict[int, str] = {}  # id(bare entry) -> its text key, made when first needed
    matched: set[int] = set()
    pairs: list[tuple[Parsed, Parsed]] = []
    for entry in entries:
        if entry.filing.accession_number is None:
            continue
        for document in entry.filing.documents:
            if not document.length or not _near(document.length, lengths):
                continue
            candidates = [c for c in by_opening.get(document.opening, ()) if id(c) not in matched]
            if not candidates:
                continue
            key = words(document)
            for copy in candidates:
                if id(copy) not in keys:
                    keys[id(copy)] = words(copy.filing.documents[0])
                if keys[id(copy)] == key:
                    matched.add(id(copy))
                    pairs.append((copy, entry))
                    break
    return pairs


def _near(length: int, lengths: list[int]) -> bool:
    """Is some bare copy's length within 10 % of `length` (spacing and line ends may differ)?"""
    i = bisect.bisect_left(lengths, length * 0.9)
    return i < len(lengths) and lengths[i] <= length * 1.1 + 16

