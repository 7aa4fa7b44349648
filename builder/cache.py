"""The build cache: what the read and parse stages made of each source, kept for the next build.

A source (a file, or an accession folder) is known by its **stamp**: the path of each of its
files relative to the filings folder, with its size and modification time (ns). The key of a
cached result is a hash of the stamp and of the **code fingerprint** (the source of
`builder.read`, `builder.parse`, `builder.model`, `builder.edgar` and `builder.pipeline`), so a
changed file, or a changed parser, is read and parsed again; nothing else is.

Entries are pickles of `(filing, problems)` under `ROOT/parse/<archive>/`, one file per source,
`<archive>` naming the filings folder, so several archives can share one cache. The documents'
texts and the bytes of binary documents (most of the bytes) are kept apart, in a second file per
source (`.texts`, compressed: `builder.gz.squeeze`), written by the parse worker that read the
source: a filing from the cache carries a `TextRef` (a `DataRef`) for each, read only
when the text (the bytes) is asked for (`pack`), so a build after one change does not read the
text, graphics and PDFs of every filing. The entries the last builds used are
also kept together in one pickle, read at once (`builder.skeletons`). Beside the entries, the
cache keeps the hash of the words of the texts compared to find copies of a filing
(`words.pickle`, `ParseCache.words`) and the last build's linked archive (`archive.pickle`,
`ParseCache.link`), used again while no filing's facts changed. After a build,
entries of sources no longer there are removed (`ParseCache.sweep`). The cache lives outside the
filings folder (by default `.cache/filings/` beside `mkdocs.yml`); the build never writes in
`filings/`. Deleting the cache folder is always safe.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import shutil
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from stat import S_ISDIR

from builder import gz
from builder.model.archive import Archive, archive_facts
from builder.model.duplicates import words_key
from builder.model.filing import DataRef, Document, Filing, TextRef, facts_digest
from builder.model.strings import share_strings
from builder.read.discover import list_folder, sibling_index_pages
from builder.skeletons import BROKEN, SkeletonPack

#: Threads linking files into a site (`link_files`: they wait on the file system, not on Python).
LINKERS = 4
#: Bump when the layout of the cache or of its entries changes.
FORMAT = "5"
_CODE = ("read", "parse", "model", "edgar.py", "pipeline.py", "cache.py", "skeletons.py")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the code whose output is cached: any edit to it makes every entry stale."""
    package = Path(__file__).resolve().parent
    digest = hashlib.blake2b(digest_size=16)
    digest.update(FORMAT.encode())
    for name in _CODE:
        target = package / name
        paths = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for path in paths:
            digest.update(str(path.relative_to(package)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def source_files(path: Path) -> list[Path]:
    """The files a source is read from: the file itself, or an accession folder's files and the
    index pages beside it (`builder.read.discover`, rule 5)."""
    path = Path(path)
    if path.is_dir():
        files, _ = list_folder(path)
        return sorted(files + sibling_index_pages(path))
    return [path]


def stamp(path: Path, root: Path, files: list[Path] | None = None) -> str:
    """The stamp of a source: each of its files as `relative path, size, mtime in ns`. `files`:
    a folder source's files when known (`find_sources` lists them), else they are listed."""
    if files is None:  # a file (one stat for its kind and its stamp), or a folder to list
        try:
            st = os.stat(path)
        except OSError:
            return f"{_relative(path, root)}\0missing"
        if not S_ISDIR(st.st_mode):
            return f"{_relative(path, root)}\0{st.st_size}\0{st.st_mtime_ns}"
        files = source_files(Path(path))
    parts = [f"folder\0{_relative(path, root)}"]
    for file in files:
        name = _relative(file, root)
        try:
            st = os.stat(file)
        except OSError:
            parts.append(f"{name}\0missing")
            continue
        parts.append(f"{name}\0{st.st_size}\0{st.st_mtime_ns}")
    return "\n".join(parts)


def _relative(path: Path, root: Path) -> str:
    """`path` relative to `root` as a POSIX string (strings, not `PurePath.relative_to`: this runs
    for every file of the archive on every build), or the whole path when it is not inside."""
    text, base = os.fspath(path), os.fspath(root).rstrip(os.sep)
    if text.startswith(base + os.sep):
        text = text[len(base) + 1:]
    return Path(text).as_posix() if os.sep != "/" else text


class ParseCache:
    """Cached `(filing, problems)` of the sources of one filings folder (see the module docstring)."""

    def __init__(self, root: Path, filings_dir: Path, *, fingerprint: str | None = None):
        self.root = Path(root)
        self.filings_dir = Path(filings_dir).resolve()
        #: The code's fingerprint in every key (`code_fingerprint`); a process listing the
        #: sources apart is given the build's (`builder.listing`): the code the build runs.
        self.fingerprint = fingerprint or code_fingerprint()
        name = hashlib.blake2b(str(self.filings_dir).encode(), digest_size=8).hexdigest()
        self.folder = self.root / "parse" / name
        self._folder = str(self.folder)
        self.hits = 0
        self.misses = 0
        self.used: set[str] = set()
        #: source (relative to the filings folder) → its key: names what the source parses into
        #: (the render cache's digest of the filing, `builder.render.store`).
        self.digests: dict[str, str] = {}
        #: source → `facts_digest` of its filing (kept in its entry: made once, when parsed).
        self.facts: dict[str, str] = {}
        self._root = os.fspath(self.filings_dir).rstrip(os.sep) + os.sep
        self._words: dict[str, str] | None = None  # "entry key:text index" → its words_key
        self._words_added = False
        self._pack = SkeletonPack(self._folder)
        #: key → (its entry, the entry's result with its texts found, None when they are gone): the
        #: pack unpickled (`preload`), each taken as it is loaded.
        self._from_pack: dict[str, tuple] | None = None
        self._held: dict[str, tuple] = {}  # key → the entry of each result loaded or parsed (for the pack)

    def key(self, path: Path, files: list[Path] | None = None) -> str:
        """The key of the source at `path` (a folder source's `files` when they are known)."""
        digest = hashlib.blake2b(digest_size=20)
        digest.update(self.fingerprint.encode() + b"\0")
        digest.update(stamp(path, self.filings_dir, files).encode())
        key = digest.hexdigest()
        self.digests[self._source(path)] = key
        return key

    def _source(self, path: Path) -> str:
        """The source name of `path` (as `Filing.source` gives it): relative to the filings folder."""
        text = os.path.abspath(path)
        if not text.startswith(self._root):  # the folder was given through a symbolic link
            text = os.path.join(os.path.realpath(os.path.dirname(text)), os.path.basename(text))
        return _relative(text, self.filings_dir)

    def _file(self, key: str, suffix: str = ".pickle") -> str:
        return entry_file(self._folder, key, suffix)

    def has_pack(self) -> bool:
        """Whether the last build left a skeleton pack with entries (`builder.skeletons`)."""
        return bool(self._pack.keys)

    def preload(self) -> int:
        """Unpickle the skeleton pack now (else when the first entry is loaded), before the keys
        of this build's sources are known: they are made meanwhile in another process
        (`builder.pipeline.list_sources`), and each entry's texts are found then too
        (`_with_texts`: 10,000 entries, ~0.1 s). How many entries it holds."""
        if self._from_pack is None:
            self._from_pack = {}
            for key, stored in self._pack.entries().items():
                try:
                    result = self._with_texts(key, stored)
                except OSError:  # its texts are gone: a miss when it is loaded
                    result = None
                self._from_pack[key] = (stored, result)
        return len(self._from_pack)

    def load(self, key: str):
        """The cached result for `key`, its texts left in their file, or None (a missing or
        unreadable entry, or one whose texts are gone, is a miss)."""
        self.used.add(key)
        try:
            stored, result = self._loaded(key)
        except (OSError, *BROKEN):
            self.misses += 1
            return None
        self._held[key] = stored
        self.hits += 1
        return self._noted(result, stored)

    def _loaded(self, key: str) -> tuple:
        """The entry of `key` unpickled (from the pack, else from its own file), and its result."""
        self.preload()
        packed = self._from_pack.pop(key, None)
        if packed is None:
            stored = self._from_file(key)
            return stored, self._with_texts(key, stored)
        if packed[1] is None:
            raise FileNotFoundError(self._file(key, ".texts"))
        return packed

    def _from_file(self, key: str):
        with open(self._file(key), "rb") as fh:
            stored = pickle.load(fh)
        share_strings(stored)
        return stored

    def unpack(self, key: str, skeleton: bytes):
        """A result just packed (`pack`) and stored under `key`, its texts left in their file; its
        short strings shared with the other results' (`share_strings`: the pack too shares them)."""
        stored = self._held[key] = pickle.loads(skeleton)
        share_strings(stored)
        return self._noted(self._with_texts(key, stored), stored)

    def _with_texts(self, key: str, stored) -> tuple:
        """The result in the entry `stored` (`pack`) with its `TextRef`s pointing at the texts file
        of `key` (FileNotFoundError when it is gone)."""
        filing, problems, _ = stored
        result = (filing, problems)
        refs = _refs(result)
        if refs:
            texts = TextFile(self._file(key, ".texts"))
            if not os.path.isfile(texts.path):
                raise FileNotFoundError(texts.path)
            for ref in refs:
                ref.texts = texts
        return result

    def _noted(self, result: tuple, stored) -> tuple:
        """`result`, its filing's facts digest (kept in its entry `stored`) noted."""
        if result[0] is not None:
            self.facts[result[0].source] = stored[2]
        return result

    def store(self, key: str, skeleton: bytes, texts: bytes | None) -> None:
        """Keep a result packed by `pack` under `key` (`write_entry`)."""
        self.stored(key)
        write_entry(self._folder, key, skeleton, texts)

    def stored(self, key: str) -> None:
        """Note that the entry of `key` was written, by `write_entry` (in a parse worker)."""
        self.used.add(key)

    def words(self, document: Document) -> str:
        """`builder.model.duplicates.words_key` of a document, kept for the next builds when its
        text is in the cache (finding a copy of a filing again reads no text)."""
        ref = document.text_ref
        if ref is None or not isinstance(ref.texts, TextFile):
            return words_key(document)
        if self._words is None:
            try:
                with open(f"{self._folder}/words.pickle", "rb") as fh:
                    self._words = dict(pickle.load(fh))
            except (OSError, EOFError, pickle.UnpicklingError, TypeError, ValueError):
                self._words = {}
        name = f"{os.path.basename(ref.texts.path)[:-len('.texts')]}:{ref.index}"
        found = self._words.get(name)
        if found is None:
            found = self._words[name] = words_key(document)
            self._words_added = True
        return found

    def _entry(self, key: str):
        """The entry of `key` unpickled from its file, None when it cannot be."""
        try:
            return self._from_file(key)
        except (OSError, *BROKEN):
            return None

    def link(self, filings: list, problems: list, build: Callable[[list, list], Archive]) -> Archive:
        """`build(filings, problems)` (the archive: `builder.model.archive.build_archive`), or the
        last build's archive when it was made of the same: the same facts of the same filings in
        the same order (`facts_digest`: their texts may differ) and the same problems. The kept
        archive names its filings by their place in `filings`, so it links this build's."""
        digest = hashlib.blake2b(self.fingerprint.encode(), digest_size=20)
        digest.update(archive_facts(filings, problems, self.facts).encode())
        key, path = digest.hexdigest(), f"{self._folder}/archive.pickle"
        try:
            with open(path, "rb") as fh:
                if pickle.load(fh) == key:
                    return _Linked(fh, filings).load()
        except (OSError, *BROKEN):
            pass
        archive = build(filings, problems)
        buffer = io.BytesIO()
        pickle.dump(key, buffer, protocol=pickle.HIGHEST_PROTOCOL)
        _Linking(buffer, filings).dump(archive)
        store_entry(Path(path), buffer.getvalue())
        return archive

    def sweep(self) -> int:
        """Remove the entries this build did not use (sources gone or changed), and the words
        kept of their texts; how many went. Called before the filings are linked: when the
        skeleton pack is written whole, it is written from the entries as this build loaded or
        parsed them (nothing has changed them yet)."""
        self._from_pack = None
        held, self._held = self._held, {}
        if self._words is not None:
            kept = {k: v for k, v in self._words.items() if k.partition(":")[0] in self.used}
            if self._words_added or len(kept) < len(self._words):
                store_entry(Path(f"{self._folder}/words.pickle"), pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
        if not self.folder.is_dir():
            return 0
        last = self._pack.last_used
        if not self._pack.update(self.used, held, self._entry, store_entry):
            removed = 0
            for key in last - self.used:
                Path(self._file(key, ".texts")).unlink(missing_ok=True)
                try:
                    os.unlink(self._file(key))
                    removed += 1
                except FileNotFoundError:
                    pass
            return removed
        removed = 0  # the pack written whole: every folder listed (entries of builds that stopped)
        for sub in self.folder.iterdir():
            if not sub.is_dir():
                continue
            for entry in sub.iterdir():
                if entry.suffix in (".pickle", ".texts") and entry.stem not in self.used:
                    entry.unlink(missing_ok=True)
                    removed += entry.suffix == ".pickle"
                elif ".tmp" in entry.name:
                    entry.unlink(missing_ok=True)
        return removed


class _Linking(pickle.Pickler):
    """Pickles an archive with each of its filings as its place in the list it was built from."""

    def __init__(self, buffer, filings: list) -> None:
        super().__init__(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        self._places = {id(f): i for i, f in enumerate(filings)}

    def persistent_id(self, obj):
        return self._places.get(id(obj)) if type(obj) is Filing else None


class _Linked(pickle.Unpickler):
    def __init__(self, fh, filings: list) -> None:
        super().__init__(fh)
        self._filings = filings

    def persistent_load(self, place):
        return self._filings[place]


def pack(result) -> tuple[bytes, bytes | None]:
    """A parse result `(filing, problems)` pickled without its documents' texts and binary bytes
    (each a `TextRef` or a `DataRef`), with its filing's `facts_digest` (made here: in the parse
    workers), and the texts then the bytes pickled apart, in one list (None: neither). `result`
    is left as it was."""
    filing = result[0]
    result = (*result, facts_digest(filing) if filing is not None else None)
    documents = filing.documents if filing is not None else []
    kept = ([(d, "text", d.text, TextRef) for d in documents if isinstance(d.text, str) and d.text]
            + [(d, "data", d.data, DataRef) for d in documents if isinstance(d.data, bytes) and d.data])
    if not kept:
        return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), None
    try:
        for i, (document, name, value, ref) in enumerate(kept):
            setattr(document, name, ref.of(value, i))
        skeleton = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        for document, name, value, _ in kept:
            setattr(document, name, value)
    return skeleton, pickle.dumps([value for _, _, value, _ in kept], protocol=pickle.HIGHEST_PROTOCOL)


def write_entry(folder: str, key: str, skeleton: bytes, texts: bytes | None) -> None:
    """Write a result packed by `pack` as the entry of `key` in the cache's `folder`
    (`ParseCache.folder`): each file whole or not at all, the texts first (an entry is there when
    its skeleton is). The parse workers write their own entries: the texts, most of the bytes,
    never cross to the process that reads the results."""
    if texts is not None:  # (compressed: most of the bytes written; `TextFile` reads them)
        store_entry(Path(entry_file(folder, key, ".texts")), gz.squeeze(texts))
    store_entry(Path(entry_file(folder, key)), skeleton)


def entry_file(folder: str, key: str, suffix: str = ".pickle") -> str:
    """The file of the entry `key` in the cache's `folder` (`.texts`: its texts). A string: made
    for every source of every build, Path objects cost."""
    return f"{folder}/{key[:2]}/{key}{suffix}"


class TextFile:
    """The file holding the texts of one source's documents, then their binary bytes (a pickled
    list, in document order, compressed: `write_entry`), read when the first of them is asked for, and kept until
    `forget` (`Filing.forget_texts`)."""

    __slots__ = ("path", "_texts")

    def __init__(self, path: str):
        self.path = path
        self._texts: list | None = None

    def read(self, index: int) -> str:
        if self._texts is None:
            with open(self.path, "rb") as fh:
                self._texts = pickle.loads(gz.unsqueeze(fh.read()))
        return self._texts[index]

    def forget(self) -> None:
        self._texts = None


def _refs(result) -> list[TextRef | DataRef]:
    filing = result[0]
    if filing is None:
        return []
    return [ref for d in filing.documents for ref in (d.text_ref, d.data_ref) if ref is not None]


def temporary_beside(target: Path | str) -> str:
    """Where to write `target` before it is renamed over it: a file of this process and thread
    beside it (made with `open()`'s mode: the cache's files are linked into the site, which a web
    server of another user must read; mkstemp's would be private)."""
    return f"{target}.tmp-{os.getpid()}-{threading.get_ident()}"


#: How `write_file` opens a file: as `open(path, "wb")` does.
_WRITE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


def write_file(path: Path | str, data: bytes | list[bytes]) -> None:
    """Write `data` (or its parts, one after the other) to the file `path`, as `open(path, "wb")`
    would (with its mode), in fewer system calls; its folder is made when it is missing."""
    try:
        fd = os.open(path, _WRITE, 0o666)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd = os.open(path, _WRITE, 0o666)
    if not isinstance(data, bytes):
        with os.fdopen(fd, "wb") as fh:  # (buffered: the parts may be many and small)
            fh.writelines(data)
        return
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def store_entry(target: Path, data: bytes | list[bytes]) -> None:
    """Write `data` (or its parts, one after the other) to `target` atomically (a temporary file
    of this process and thread renamed over it); its folder is made when it is missing."""
    tmp = temporary_beside(target)
    try:
        write_file(tmp, data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def store_file(target: Path, source: Path, *, link: bool = False) -> None:
    """Put a copy of the file `source` (with `link`, a hard link to it when one can be made) at
    `target` atomically (made beside it, renamed over it)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    try:
        if link:
            link_or_copy(source, tmp)
        else:
            shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def link_or_copy(source: Path | str, target: Path | str) -> None:
    """Make `target` a hard link to the file `source` (a copy when no link can be made: another
    file system), replacing what was at `target` (never writing through it: it may be a link to
    a file of the cache). Nothing is done when `target` is that link already (a site built again
    in place: `builder.output.take_back`). FileNotFoundError when `source` is missing."""
    try:
        existing = os.stat(target, follow_symlinks=False)
    except FileNotFoundError:
        existing = None
    _link(source, target, existing)


def _link(source: Path | str, target: Path | str, existing: os.stat_result | None) -> None:
    """`link_or_copy`, with what is at `target` stated already (None: nothing)."""
    if existing is not None:
        try:
            if os.path.samestat(os.stat(source), existing):
                return
        except FileNotFoundError:
            pass
        try:
            os.unlink(target)
        except FileNotFoundError:
            pass
    try:
        os.link(source, target)
    except FileNotFoundError:
        raise
    except OSError:
        shutil.copyfile(source, target)


def link_files(pairs: list[tuple[str, str]]) -> list[bool]:
    """Each (source, target) file linked as `link_or_copy` does, the targets' folders made, on
    `LINKERS` threads (2.3x faster than one for 20,000 pages); for each, whether the source was
    there (False: missing, nothing made)."""
    def link(chunk: list[tuple[str, str]]) -> list[bool]:
        made: set[str] = set()
        done = []
        for source, target in chunk:
            try:  # a site built again in place has most of them: their folders are not made again
                existing = os.stat(target, follow_symlinks=False)
            except FileNotFoundError:
                existing = None
                folder = os.path.dirname(target)
                if folder not in made:
                    os.makedirs(folder, exist_ok=True)
                    made.add(folder)
            try:
                _link(source, target, existing)
            except FileNotFoundError:
                done.append(False)
            else:
                done.append(True)
        return done

    chunks = [pairs[i:i + 512] for i in range(0, len(pairs), 512)]
    if len(chunks) <= 1:
        return [ok for chunk in chunks for ok in link(chunk)]
    with ThreadPoolExecutor(LINKERS) as threads:
        return [ok for done in threads.map(link, chunks) for ok in done]
