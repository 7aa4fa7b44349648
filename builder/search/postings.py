"""The inverted index, written in bounded memory: sorted runs on disk, merged into term chunks.

Pages arrive in the order of their numbers (newest first). Their terms are gathered until about
`RUN_POSTINGS` postings are held, then written as one **run**: a file of lines
`term \\t page,occurrences,fragment,page,...`, sorted by term. The runs are then merged (each
term's postings, run after run, are in page order) into **chunks** of the index (postings that
never outgrew memory are encoded from it, no run written and read back): gzip files of
lines `term \\t page gaps \\t weights \\t fragments`, terms sorted, each chunk about `CHUNK_BYTES`
before compression. The manifest lists each chunk's first term, so the browser fetches only the
chunks of the words it looks up (and of a word's prefix). With several processes (`write_index`),
each merges and encodes a range of the terms (each run is entered at its range by a binary search
over its bytes); one process cuts the chunks from their lines in order: the same chunks.

- page gaps: base-36 numbers joined by ",": the first page's number, then each one's distance
  from the one before.
- weights: one base-36 digit (1-z) per page: how much the term weighs in that page, BM25's
  term-frequency part (k1 = 1.2, b = 0.75) scaled to 1-35.
- fragments: the fragment of each page where the term first appears, base 36, joined by ",";
  empty when it is the first fragment on every page.
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Callable, Iterable, Iterator
from operator import sub
from pathlib import Path

from builder import gz

#: Postings held in memory before a run is written.
RUN_POSTINGS = 1_000_000
#: Bytes of a chunk before compression (a term with more postings has a chunk of its own).
CHUNK_BYTES = 48_000
K1, B = 1.2, 0.75
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36(n: int) -> str:
    if n < len(_SMALL):
        return _SMALL[n]
    out = []
    while n:
        n, r = divmod(n, 36)
        out.append(_DIGITS[r])
    return "".join(reversed(out))


def _spell(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = _DIGITS[r] + out
        if not n:
            return out


#: The base-36 spelling of the numbers most written (page gaps, fragments).
_SMALL = [_spell(n) for n in range(36 ** 3)]


class RunWriter:
    """Gathers (page, term, occurrences, fragment) postings, pages in increasing order, and
    spills them to sorted run files in `folder`."""

    def __init__(self, folder: Path, limit: int = RUN_POSTINGS) -> None:
        self.folder = folder
        self.limit = limit
        self.runs: list[Path] = []
        self._terms: dict[str, list[int]] = {}
        self._held = 0

    def add(self, page: int, terms: dict[str, list[int]]) -> None:
        held = self._terms
        for term, (occurrences, fragment) in terms.items():
            postings = held.get(term)
            if postings is None:
                held[term] = [page, occurrences, fragment]
            else:
                postings += (page, occurrences, fragment)
        self._held += len(terms)
        if self._held >= self.limit:
            self.flush()

    def flush(self) -> None:
        if not self._terms:
            return
        path = self.folder / f"run-{len(self.runs):05d}.txt"
        with open(path, "w", encoding="utf-8") as out:
            for term in sorted(self._terms):
                out.write(f"{term}\t{','.join(map(str, self._terms[term]))}\n")
        self.runs.append(path)
        self._terms = {}
        self._held = 0

    def write(self, norm: list[float], first: int, folder: Path, *, parts: int = 1,
              spread: Callable[[Callable, list], list] | None = None) -> list[str]:
        """The index chunks of the postings added (see `write_index`) into `folder`; the first
        term of each. When no run was written (the postings were held in memory whole), they are
        encoded from memory, here: the lines that merging one run would give, without the run."""
        if self.runs:
            self.flush()
            return write_index(self.runs, norm, first, folder, parts=parts, spread=spread)
        held, self._terms, self._held = self._terms, {}, 0
        return write_chunks(((term, encode(term, held[term], norm, first)) for term in sorted(held)), folder)


def _read_run(path: Path, order: int, start: str | None = None, stop: str | None = None) -> Iterator[tuple[str, int, str]]:
    with open(path, "rb") as lines:
        if start is not None:
            lines.seek(run_offset(path, start))
        for line in lines:
            term, _, postings = line.decode("utf-8").rstrip("\n").partition("\t")
            if stop is not None and term >= stop:
                return
            yield term, order, postings


def _line_from(fh, offset: int) -> tuple[int, bytes]:
    """The first line of an open file that starts at `offset` or after it: (its offset, its bytes)."""
    if offset:
        fh.seek(offset - 1)
        fh.readline()  # the rest of the line holding offset - 1 (just its "\n" when a line starts at offset)
    else:
        fh.seek(0)
    return fh.tell(), fh.readline()


def run_offset(path: Path, term: str) -> int:
    """Where the lines of the run at `path` whose terms are `term` or after it begin (bytes)."""
    key = term.encode("utf-8")  # UTF-8 bytes sort as their characters do
    with open(path, "rb") as fh:
        lo, hi = 0, fh.seek(0, os.SEEK_END)
        while lo < hi:
            mid = (lo + hi) // 2
            _, line = _line_from(fh, mid)
            if not line or line.partition(b"\t")[0] >= key:
                hi = mid
            else:
                lo = mid + 1
        return _line_from(fh, lo)[0]


def split_terms(runs: list[Path], parts: int) -> list[str]:
    """Up to `parts - 1` terms that cut the runs' terms into parts of about the same size (by
    the biggest run's bytes), increasing."""
    if parts < 2 or not runs:
        return []
    biggest = max(runs, key=lambda p: p.stat().st_size)
    cuts: list[str] = []
    with open(biggest, "rb") as fh:
        size = fh.seek(0, os.SEEK_END)
        for k in range(1, parts):
            _, line = _line_from(fh, size * k // parts)
            term = line.partition(b"\t")[0].decode("utf-8")
            if line and (not cuts or term > cuts[-1]):
                cuts.append(term)
    return cuts


def merged(runs: list[Path], start: str | None = None, stop: str | None = None) -> Iterator[tuple[str, list[int]]]:
    """Each term once, in order, with its postings of every run (flat: page, occurrences,
    fragment, ...; pages increasing); only the terms from `start` and before `stop` when given."""
    current: str | None = None
    flat: list[int] = []
    for term, _, postings in heapq.merge(*(_read_run(p, k, start, stop) for k, p in enumerate(runs))):
        if term != current:
            if current is not None:
                yield current, flat
            current, flat = term, []
        flat.extend(map(int, postings.split(",")))
    if current is not None:
        yield current, flat


def gaps(numbers: list[int]) -> str:
    """Increasing page numbers as the index writes them: the first, then each one's distance from
    the one before, in base 36, joined by ","."""
    small = _SMALL
    if not numbers or max(numbers) < len(small):  # (no gap is above the biggest number)
        return ",".join(map(small.__getitem__, map(sub, numbers, [0, *numbers])))
    steps = [b - a for a, b in zip([0] + numbers, numbers)]
    return ",".join([small[g] if g < len(small) else base36(g) for g in steps])


def norms(lengths: list[int], average: float | None = None) -> list[float]:
    """BM25's length norm of each page: its words against the average page's (`average`, or
    these pages' own)."""
    if average is None:
        average = sum(lengths) / len(lengths) if lengths else 0.0
    return [K1 * (1 - B + B * n / average) if average else K1 for n in lengths]


def encode(term: str, flat: list[int], norm: list[float], first: int = 0) -> str:
    """One line of a chunk (see the module's docstring); `norm` from `norms`, of the pages
    numbered from `first`."""
    pages, counts, fragments = flat[0::3], flat[1::3], flat[2::3]
    small = _SMALL
    spelled = gaps(pages)
    # BM25's term-frequency part, occurrences * (k1 + 1) / (occurrences + norm), scaled to 1-35
    # (below 35 since occurrences < occurrences + norm; 0 becomes 1: the page holds the term)
    weights = "".join([_DIGITS[int(35 * c / (c + norm[p - first]) + 0.5) or 1] for p, c in zip(pages, counts)])
    firsts = ",".join([small[f] if f < len(small) else base36(f) for f in fragments]) if any(fragments) else ""
    return f"{term}\t{spelled}\t{weights}\t{firsts}\n"


def write_chunks(lines: Iterable[tuple[str, str]], folder: Path, *, mtime: int = 0) -> list[str]:
    """Write (term, line) in order into `folder/<k>.gz`; the first term of each chunk."""
    folder.mkdir(parents=True, exist_ok=True)
    firsts: list[str] = []
    buffer: list[str] = []
    size = 0

    def flush() -> None:
        nonlocal buffer, size
        data = "".join(buffer).encode("utf-8")
        with open(folder / f"{len(firsts) - 1}.gz", "wb") as out:
            out.write(gz.compress(data, mtime=mtime))
        buffer, size = [], 0

    for term, line in lines:
        if buffer and size + len(line) > CHUNK_BYTES:
            flush()
        if not buffer:
            firsts.append(term)
        buffer.append(line)
        size += len(line)
    if buffer:
        flush()
    return firsts


def _lines(runs: list[Path], norm: list[float], first: int, start: str | None = None,
           stop: str | None = None) -> Iterator[tuple[str, str]]:
    """(term, its line: see `encode`) of the runs' terms from `start` and before `stop`."""
    return ((term, encode(term, flat, norm, first)) for term, flat in merged(runs, start, stop))


def encode_part(work: tuple) -> Path:
    """The lines of the terms of the runs from `start` and before `stop` (None: no bound),
    written to the file `out`. `work`: (runs, start, stop, norm, first, out)."""
    runs, start, stop, norm, first, out = work
    with open(out, "w", encoding="utf-8") as fh:
        fh.writelines(line for _, line in _lines(runs, norm, first, start, stop))
    return out


def _encoded(paths: list[Path]) -> Iterator[tuple[str, str]]:
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                yield line.partition("\t")[0], line
        path.unlink()


def write_index(runs: list[Path], norm: list[float], first: int, folder: Path, *, parts: int = 1,
                spread: Callable[[Callable, list], list] | None = None) -> list[str]:
    """The index chunks of the runs (`norm`, `first`: see `encode`) into `folder`; the first term
    of each. With `spread` (a `map` over `parts` processes), the terms are cut into `parts`
    ranges merged and encoded side by side; the chunks are the same."""
    cuts = split_terms(runs, parts) if spread is not None else []
    if not cuts:
        return write_chunks(_lines(runs, norm, first), folder)
    bounds: list[str | None] = [None, *cuts, None]
    work = [(runs, bounds[k], bounds[k + 1], norm, first, runs[0].with_name(f"encoded-{k}.txt"))
            for k in range(len(bounds) - 1)]
    return write_chunks(_encoded(spread(encode_part, work)), folder)
