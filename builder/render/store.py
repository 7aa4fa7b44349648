"""The render cache: generated pages kept between builds, so that a build renders only what changed.

A `RenderStore` is a folder of files named by a **key**, a hash of everything the file's content
was made from, so a file under a key never goes stale and a key found is a page not rendered
again:

- a **page** of a filing is keyed by its path and the filing's key (`FilingPages.filing_key`:
  the filing as parsed, named by its digest, and what its pages show of the rest of the archive);
- an **index page** (home, registrants, listings, problems, catalog) by its path and its
  template context, pickled (`context_key`): a filing in it stands for its digest;
- a document's **body** (sanitized HTML or `<pre>` text, the bulk of the work) by the filing's
  digest, the document and the page it is shown on, so a page rendered again (a neighbour's
  link changed) does not sanitize its documents again;
- the pages and bodies a filing's rendering makes are kept together, in one **pack** (`packing`):
  a file of the store holding them one after the other, each found by its key's **span** (the
  pack's key, offset and length, kept in the manifest). A file made costs the kernel more than
  its bytes (0.1-0.5 ms on ext4 after many files were deleted): one per filing, not five. A
  pack's key is a hash of the keys it holds, so it is named by its content too;
- a filing's **files** (binary documents) and a copy of each **original** by the filing's digest
  and the file: the site gets them as hard links to the store (`builder.plugin`), so a build does
  not copy them again, and the site never links to a file of `filings/`.

Every key also holds the **fingerprint** of the code and templates that render (`fingerprint`).
A filing's **digest** names its parse result (the parse cache's key of its source, which names
the source's files and the parse code), else a hash of the filing itself.

The `manifest` keeps, per filing, its key and its files, so an unchanged filing costs one look-up;
and the keys a build used, so that the next build removes the files no longer used (`finish`).
It also keeps the index pages of the last build under the **index key** (`set_index`): the facts
of every filing (`builder.model.filing.facts_digest`: all but the words of its documents), in
order, and the problems. The archive's links, the layout and the index pages are made of nothing
else, so when only the texts of filings changed (a corrected document, a word), the index pages
are the last build's, with no context made (3,848 registrant pages at 10,000 filings).
Writing is atomic (a temporary file renamed); deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from builder.cache import store_entry, store_file
from builder.model.archive import Archive, archive_facts
from builder.model.filing import Filing
from builder.render.originals import compress_file

#: Bump when the layout of the store changes (2: a filing's pages and bodies in one pack).
FORMAT = "2"
_CODE = ("render", "model", "edgar.py", "gz.py", "jinja_speed.py")


def fingerprint(templates_dir: Path) -> str:
    """A hash of what renders: the code of `builder.render`, `builder.model`, `builder.edgar`, and
    the page templates. Any edit to them makes every key new."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.blake2b(digest_size=16)
    digest.update(FORMAT.encode() + b"\0")
    paths = []
    for name in _CODE:
        target = package / name
        paths += sorted(target.rglob("*.py")) if target.is_dir() else [target]
    paths += sorted(p for p in Path(templates_dir).glob("*.j2") if p.is_file())
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def filing_digest(filing: Filing) -> str:
    """A hash of a filing as parsed (when its parse cache key is not known)."""
    return hashlib.blake2b(pickle.dumps(filing, protocol=pickle.HIGHEST_PROTOCOL), digest_size=20).hexdigest()


#: Where an entry of a pack is: (the pack's key, the entry's offset, its length in bytes). A plain
#: tuple, as the manifest keeps it: named tuples pickle 4x slower.
Span = tuple[str, int, int]


#: A file of a filing as the manifest keeps it: (its key in the store, whether it is text (a page)
#: or bytes, the keys of the bodies a page shows: put in after Markdown, see
#: `builder.render.placeholders`, used by the build as long as the page is). A plain tuple, kept
#: as it is read from the manifest and written to it: as a named tuple, converting 10,000
#: filings' entries each way cost ~0.12 s of a build after a change.
Stored = tuple[str, bool, tuple[str, ...]]


@dataclass
class RenderStore:
    """The render cache of one site (see the module docstring)."""

    folder: Path
    #: source → digest of the filing read from it (the parse cache's keys; see `ParseCache.digests`).
    digests: dict[str, str] = field(default_factory=dict)
    #: source → `facts_digest` of the filing read from it (`ParseCache.facts`).
    facts: dict[str, str] = field(default_factory=dict)
    fingerprint: str = ""
    #: filing id → (filing key, its files as (path, Stored)), from the last build, then this one.
    previous: dict[str, tuple[str, list[tuple[str, Stored]]]] = field(default_factory=dict)
    filings: dict[str, tuple[str, list[tuple[str, Stored]]]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    known: set[str] = field(default_factory=set)
    #: (index key, leading pages, trailing pages) of the last build, then of this one.
    previous_index: tuple[str, list[tuple[str, Stored]], list[tuple[str, Stored]]] | None = None
    index: tuple[str, list[tuple[str, Stored]], list[tuple[str, Stored]]] | None = None
    #: This build's index key (`set_index`).
    index_key: str | None = None
    #: filing id → its digest, in the last build, then in this one.
    previous_digests: dict[str, str] = field(default_factory=dict)
    filing_digests: dict[str, str] = field(default_factory=dict)
    rendered: int = 0  #: pages rendered by this build (not found in the store)
    reused: int = 0  #: pages found in the store
    #: key → its `Span`, for the entries kept in packs: the last build's, then this build's too.
    spans: dict[str, Span] = field(default_factory=dict)
    #: The spans this process added (a render worker hands them back with its pages).
    added: dict[str, Span] = field(default_factory=dict)
    #: The entries of the pack being filled (`packing`), in order; None: no pack open.
    _pack: list[tuple[str, bytes]] | None = None
    _packs: set[str] = field(default_factory=set)  #: packs found on the disk by this build
    _listed: bool = False  #: whether the store's folders were listed (`_pack_there`)
    pack_sizes: dict[str, int] = field(default_factory=dict)  #: pack → its size in bytes, as written

    @classmethod
    def open(cls, folder: Path, templates_dir: Path, digests: dict[str, str] | None = None,
             facts: dict[str, str] | None = None) -> RenderStore:
        """The store in `folder`, with the manifest of its last build."""
        store = cls(Path(folder), dict(digests or {}), dict(facts or {}), fingerprint(templates_dir))
        try:
            with open(store.folder / "manifest.pickle", "rb") as fh:
                manifest = pickle.load(fh)
            if manifest.get("fingerprint") == store.fingerprint:
                store.previous = manifest["filings"]
                store.previous_index = manifest.get("index")
                store.previous_digests = manifest.get("digests") or {}
                store.spans = manifest.get("spans") or {}
                store.pack_sizes = manifest.get("packs") or {}
            store.known = set(manifest["used"])
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, KeyError, TypeError, ValueError):
            pass
        return store

    def digest(self, filing: Filing) -> str:
        found = self.digests.get(filing.source)
        if found is None:
            found = self.digests[filing.source] = filing_digest(filing)
        return found

    def set_index(self, archive: Archive, *options: object) -> str:
        """This build's index key, set and returned: the facts of the filings of `archive` in
        order, its problems (`builder.model.archive.archive_facts`), and the render `options`
        (URL style, originals or not)."""
        self.index_key = self.key("index", options, archive_facts(archive.filings, archive.problems, self.facts))
        return self.index_key

    @property
    def same_index(self) -> bool:
        """Whether this build's index key is the last build's (the facts of every filing are)."""
        return self.previous_index is not None and self.previous_index[0] == self.index_key

    def key(self, *parts: object) -> str:
        digest = hashlib.blake2b(self.fingerprint.encode(), digest_size=20)
        for part in parts:
            digest.update(b"\0" + (part if isinstance(part, bytes) else repr(part).encode()))
        return digest.hexdigest()

    def __post_init__(self) -> None:
        #: The folder as a string, and where the packs are by their key (made once each: `located`
        #: is asked for every page of every build).
        self.root = str(self.folder)
        self._pack_paths: dict[str, str] = {}

    def path(self, key: str) -> str:
        """The file of `key` (a string: made for every page of every build, Path objects cost)."""
        return f"{self.root}/{key[:2]}/{key}"

    def has(self, key: str) -> bool:
        """Whether the store holds `key`: used by this build, else a file the last build's manifest
        names (trusted), else asked of the disk; an entry of a pack when its pack is on the disk."""
        if key in self.used:
            return True
        span = self.spans.get(key)
        if span is not None:
            return self._pack_there(span[0])
        return key in self.known or os.path.isfile(self.path(key))

    def _pack_there(self, pack: str) -> bool:
        """Whether the pack `pack` is on the disk (asked of the disk, not trusted to the manifest:
        it holds bodies). The store's folders are listed the first time (`_listed`), and a pack
        not in that listing is asked for alone."""
        if pack in self._packs:
            return True
        if not self._listed:
            self._listed = True
            self._packs |= self._files_on_disk()
            if pack in self._packs:
                return True
        if os.path.isfile(self.path(pack)):
            self._packs.add(pack)
            return True
        return False

    def _files_on_disk(self) -> set[str]:
        """The names of the files in the store's folders. Listing them reads the folders alone: a
        build after a change asking for each of the 10,000 packs of 10,000 filings took ~0.2 s,
        their inodes no longer cached once the last build's site (hard links to them) was deleted."""
        found: set[str] = set()
        try:
            folders = os.listdir(self.root)
        except OSError:
            return found
        for folder in folders:
            if len(folder) == 2:
                try:
                    found.update(os.listdir(f"{self.root}/{folder}"))
                except OSError:  # not a folder, or gone
                    pass
        return found

    def all_there(self, files: list[tuple[str, Stored]]) -> bool:
        """Whether the store holds the files of a manifest entry (`files`: as `has` says) and every
        body their pages show (asking the disk: the plugin reads them after Markdown); each pack
        asked once."""
        spans, packs = self.spans, self._packs
        for _, (key, _, bodies) in files:
            span = spans.get(key)
            if span is None:
                if not self.has(key):
                    return False
            elif span[0] not in packs and not self._pack_there(span[0]):
                return False
            for body in bodies:
                span = spans.get(body)
                if span is None:
                    if not os.path.isfile(self.path(body)):
                        return False
                elif span[0] not in packs and not self._pack_there(span[0]):
                    return False
        return True

    def located(self, key: str) -> tuple[str, int, int] | None:
        """Where the entry `key` of a pack is: (the pack's file, offset, length); None: a file of its own."""
        span = self.spans.get(key)
        if span is None:
            return None
        pack = self._pack_paths.get(span[0])
        if pack is None:  # one string per pack, however many pages it holds (pickled once)
            pack = self._pack_paths[span[0]] = self.path(span[0])
        return pack, span[1], span[2]

    def size(self, key: str) -> int:
        """The size in bytes of what is kept under `key` (OSError when it is not there)."""
        span = self.spans.get(key)
        return span[2] if span is not None else os.path.getsize(self.path(key))

    def read_text(self, key: str) -> str | None:
        """The text kept under `key` (a page, a body), or None when it cannot be read; its line
        ends as a file opened as text reads them (what the plugin read bodies with before packs)."""
        try:
            span = self.located(key)
            if span is None:
                with open(self.path(key), "rb") as fh:
                    return text_of(fh.read())
            return text_of(read_span(*span))
        except (OSError, ValueError):
            return None

    def write(self, key: str, content: str | bytes) -> str:
        """Keep `content` under `key`, in a file of its own (written whole or not at all)."""
        self.used.add(key)
        target = Path(self.path(key))
        store_entry(target, content.encode("utf-8") if isinstance(content, str) else content)
        return str(target)

    def put(self, key: str, content: str | bytes) -> None:
        """Keep `content` (text kept as UTF-8) under `key`: in the pack being filled (`packing`),
        else in a file."""
        if self._pack is None:
            self.write(key, content)
        else:
            self._pack.append((key, content.encode("utf-8") if isinstance(content, str) else content))

    @contextmanager
    def packing(self) -> Iterator[None]:
        """What is `put` inside goes into one pack, written when the block ends (nothing when it
        raises: its entries are not kept, nor marked used)."""
        self._pack = entries = []
        try:
            yield
        finally:
            self._pack = None
        if not entries:
            return
        pack = self.key("pack", [key for key, _ in entries])
        offset = 0
        for key, data in entries:
            self.spans[key] = self.added[key] = (pack, offset, len(data))
            offset += len(data)
        store_entry(Path(self.path(pack)), [data for _, data in entries])
        self.pack_sizes[pack] = offset
        self._packs.add(pack)
        self.used.update(key for key, _ in entries)

    def adopt(self, spans: dict[str, Span]) -> None:
        """The spans a render worker added (its `added`), and so the sizes of its packs (whole
        when written: a pack's size is the end of its last entry)."""
        self.spans.update(spans)
        for pack, offset, length in spans.values():
            if self.pack_sizes.get(pack, 0) < offset + length:
                self.pack_sizes[pack] = offset + length

    def copy_in(self, key: str, source: Path) -> str:
        """Keep a copy of the file `source` under `key` (copied whole or not at all)."""
        self.used.add(key)
        target = Path(self.path(key))
        store_file(target, source)
        return str(target)

    def compress_in(self, key: str, source: Path) -> str:
        """Keep the file `source` gzip-compressed under `key` (`originals.compress_file`)."""
        self.used.add(key)
        target = self.path(key)
        compress_file(source, target)
        return target

    def compact(self) -> int:
        """Write again, without their dead entries, the packs of which this build uses less than
        half (`finish` then removes the old ones); how many. A pack lives while one of its entries
        is used: a page rendered again leaves its old version behind in the pack of the page that
        stayed, and without this the store would grow with each build that changes a few pages."""
        spans, live = self.spans, {}  # pack → the bytes of its entries this build uses
        for key in self.used:
            span = spans.get(key)
            if span is not None:
                live[span[0]] = live.get(span[0], 0) + span[2]
        dying: dict[str, list[str]] = {}
        for pack, used in live.items():
            try:
                if 2 * used < (self.pack_sizes.get(pack) or os.path.getsize(self.path(pack))):
                    dying[pack] = []
            except OSError:
                continue  # gone: its pages are rendered again next time (`has`)
        if dying:
            for key in self.used:
                span = spans.get(key)
                if span is not None and span[0] in dying:
                    dying[span[0]].append(key)
        compacted = 0
        for pack, keys in dying.items():
            try:
                with open(self.path(pack), "rb") as fh:
                    data = fh.read()
            except OSError:
                continue
            keys.sort(key=lambda key: self.spans[key][1])
            with self.packing():
                for key in keys:
                    span = self.spans[key]
                    self.put(key, data[span[1]:span[1] + span[2]])
            compacted += 1
        return compacted

    def reader(self) -> RenderStore:
        """What the build reads of this store once its pages are made (the pages' bodies:
        `read_text`), as `finish` leaves it; the store itself may finish meanwhile, elsewhere."""
        return RenderStore(self.folder, fingerprint=self.fingerprint, rendered=self.rendered, reused=self.reused,
                           spans=self._body_spans())

    def _used_spans(self) -> dict[str, Span]:
        """The spans of the entries this build used."""
        return {key: self.spans[key] for key in self.used if key in self.spans}

    def _body_spans(self) -> dict[str, Span]:
        """The spans of the bodies the pages of this build show: all the build reads of the store
        once the pages are made (10,000 filings: 13,800 of 49,300 spans; handed over from the
        archive's process in 0.05 s less)."""
        spans, found = self.spans, {}
        parts = [files for _, files in self.filings.values()] + (list(self.index[1:]) if self.index else [])
        for files in parts:
            for _, (_, _, bodies) in files:
                for body in bodies:
                    span = spans.get(body)
                    if span is not None:
                        found[body] = span
        return found

    def finish(self) -> int:
        """Write the manifest of this build and remove the files the last build used and this one
        did not; how many went. The store then only reads (the pages' bodies: `read_text`, from
        the forked page builders): what it knew of the last build and noted of this one goes, but
        the spans of the bodies (`reader`), held through MkDocs' stages."""
        spans = self._used_spans()
        bodies = self._body_spans()
        packs = {span[0] for span in spans.values()}
        files = packs | (self.used - spans.keys())
        gone = self.known - files
        for key in gone:
            Path(self.path(key)).unlink(missing_ok=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        store_entry(self.folder / "manifest.pickle",
                    pickle.dumps({"fingerprint": self.fingerprint, "used": sorted(files),
                                  "filings": self.filings, "index": self.index, "digests": self.filing_digests, "spans": spans,
                                  "packs": {pack: self.pack_sizes[pack] for pack in packs if pack in self.pack_sizes}},
                                 protocol=pickle.HIGHEST_PROTOCOL))
        self.spans, self.known, self.used, self.added = bodies, set(), set(), {}
        self.previous, self.filings, self.previous_index, self.index = {}, {}, None, None
        self.digests, self.facts, self.previous_digests, self.filing_digests = {}, {}, {}, {}
        return len(gone)


def packing(store: RenderStore | None) -> AbstractContextManager:
    """`store.packing()`, or nothing to do without a render cache."""
    return store.packing() if store is not None else nullcontext()


def text_of(data: bytes, encoding: str = "utf-8") -> str:
    """`data` decoded as `open(path, encoding=encoding)` reads a file: universal newlines."""
    text = data.decode(encoding)
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def read_span(path: str, offset: int, length: int) -> bytes:
    """The bytes of one entry of a pack (`RenderStore.located`)."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        data = fh.read(length)
    if len(data) != length:
        raise OSError(f"{path} is shorter than its entries")
    return data
