"""What a page's HTML depends on: the page cache's keys (`builder.pagebuild`).

A built page is kept under a key made of the build's **context** (`context_key`: the configuration,
the theme's files, the versions, this code, and the nav every page shows) and of the page itself
(`page_key`: its path, its URL, its Markdown). That is not all a page depends on: MkDocs resolves
each relative link of its Markdown against the site's other files, so a page's HTML also depends
on whether the files it links to exist, and at which URL. Those are the page's **links**
(`Links`): every path MkDocs looked up while building it, noted in the worker, kept with the page
in the cache with a digest of how each resolved (`resolution`). The page is reused only while each
of them resolves as it did.

So adding or removing a filing builds again the pages whose Markdown changed and the pages that
linked to what came or went, not every page of the site (the set of files used to be part of the
context). With MkDocs' automatic nav (no `nav` in the configuration) every page shows every other
page in its nav: then the context holds the whole set of files, as before.

The theme's templates are taken to show other pages only through the nav (Material's do: its
`pages` variable is not used by its templates nor by `site_templates/overrides`).

What the cache keeps of each page beside its HTML, its links with the rest, is its `PageResult`.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path, PurePath

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

#: This code's modules that the HTML of a page depends on, or that define what the page cache's
#: index pickles (`search/__init__`: `SearchPage`): their bytes are part of the context.
_MODULES = ("pagebuild", "pagekeys", "plugin", "plain_inline", "markdown_reuse", "markdown_speed",
            "front_matter", "jinja_speed", "search/__init__")


def context_key(config, files: Files, nav: Navigation) -> str:
    """What every page's HTML depends on besides its own Markdown and links: the configuration, the
    theme (its files' names, sizes and times), the versions, this code, and the nav: its items
    (with a nav in the configuration), or every file of the site (MkDocs' automatic nav)."""
    digest = hashlib.blake2b(digest_size=16)
    for name in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2"):
        digest.update(f"{name} {version(name)}\n".encode())
    for key in ("site_name", "site_url", "site_description", "site_author", "copyright", "repo_url", "repo_name",
                "edit_uri", "use_directory_urls", "extra", "extra_css", "extra_javascript", "markdown_extensions",
                "mdx_configs", "nav", "not_in_nav", "validation", "docs_dir"):
        digest.update(f"{key}={config.get(key)!r}\n".encode())
    digest.update(repr(sorted((k, repr(v)) for k, v in config.theme.items())).encode())
    digest.update(repr([(name, type(plugin).__module__) for name, plugin in config.plugins.items()]).encode())
    for folder in config.theme.dirs:
        digest.update(_folder_stamp(folder).encode())
    here = Path(__file__).parent
    for name in _MODULES:
        digest.update(here.joinpath(f"{name}.py").read_bytes())
    if config.get("nav") is None:  # MkDocs' automatic nav: every page lists every other
        for file in sorted(files, key=lambda f: f.src_uri):
            digest.update(f"{file.src_uri}\0{file.dest_uri}\0{file.inclusion.name}\n".encode())
    else:
        digest.update(repr(_nav_items(nav.items)).encode())
    return digest.hexdigest()


def _nav_items(items) -> list:
    """The nav as every page shows it: titles, and the page, link or section each item is."""
    shown = []
    for item in items:
        if isinstance(item, Page):
            shown.append(("page", item.title, item.file.src_uri, item.file.dest_uri, item.file.url))
        elif isinstance(item, Section):
            shown.append(("section", item.title, _nav_items(item.children)))
        elif isinstance(item, Link):
            shown.append(("link", item.title, item.url))
        else:
            shown.append((type(item).__name__, getattr(item, "title", None)))
    return shown


#: Stamps of theme folders installed with Python's packages (they do not change while a process
#: runs: `mkdocs serve` stamps Material's thousands of files once, not at every rebuild).
_installed_stamps: dict[str, str] = {}


def _folder_stamp(folder: str) -> str:
    """The names, sizes and times of the files of a theme folder."""
    installed = os.path.realpath(folder).startswith(tuple(os.path.realpath(p) + os.sep for p in (sys.prefix, sys.base_prefix)))
    if installed and folder in _installed_stamps:
        return _installed_stamps[folder]
    lines = []
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            st = path.stat()
            lines.append(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n")
    stamp = "".join(lines)
    if installed:
        _installed_stamps[folder] = stamp
    return stamp


def page_key(file: File, inclusion: InclusionLevel, context: str, addressed: str | None) -> str:
    """A page's key: the build's context, the page's path, URL and inclusion, and its Markdown: the
    name of its file when it is read from the render cache (`addressed`), its bytes otherwise."""
    digest = hashlib.blake2b(context.encode(), digest_size=20)
    digest.update(f"{file.src_uri}\0{file.dest_uri}\0{file.url}\0{inclusion.name}\0".encode())
    source = file.abs_src_path
    if addressed and source and source.startswith(addressed):
        digest.update(b"@" + source[len(addressed):].encode())
    else:
        digest.update(file.content_bytes)
    return digest.hexdigest()


class Links:
    """The paths MkDocs looks up in the site's files while pages are built (in a worker: its
    `Files.get_file_from_path` notes them), taken page by page (`take`)."""

    def __init__(self, files: Files):
        self.noted: dict[str, None] = {}
        noted = self.noted
        posix: dict[str, str] = {}  # PurePath(path).as_posix() of the paths seen: pathlib is slow

        def noting(path: str) -> File | None:  # MkDocs' `Files.get_file_from_path`, noting
            uri = posix.get(path)
            if uri is None:
                uri = posix[path] = PurePath(path).as_posix()
            noted[uri] = None
            return files.src_uris.get(uri)

        files.get_file_from_path = noting  # this process's files only (a worker's)

    def take(self) -> str:
        """The paths looked up since the last call, one per line, in the order first looked up."""
        paths = "\n".join(self.noted)
        self.noted.clear()
        return paths


def resolution(files: Files, paths: str, inclusion: dict[str, InclusionLevel],
               memo: dict[str, bytes] | None = None) -> bytes:
    """How each of `paths` (`Links.take`) resolves among `files` now: the URL of the file it names
    and whether that file is excluded from the site (its level in `inclusion` when it has one:
    the pages the workers build), or nothing. A digest; `memo` keeps each path's part."""
    memo = {} if memo is None else memo
    uris = files.src_uris
    parts = []
    for path in paths.split("\n") if paths else ():
        part = memo.get(path)
        if part is None:
            found = uris.get(path)
            if found is None:
                part = b"\1"
            else:
                excluded = inclusion.get(found.src_uri, found.inclusion).is_excluded()
                part = f"{found.url}\0{excluded:d}\1".encode()
            memo[path] = part
        parts.append(part)
    return hashlib.blake2b(b"".join(parts), digest_size=12).digest()


#: Strings kept as one, separated by NUL characters, or as a tuple when one of them is empty or
#: holds a NUL (each string an object of its own costs ~50 bytes more).
Strings = str | tuple[str, ...]


def strings(items) -> Strings:
    """`items` (strings) kept as `Strings`; `unpack` gives them back, in order."""
    items = tuple(items)
    if any(not item or "\0" in item for item in items):
        return items
    return "\0".join(items)


def unpack(kept: Strings) -> tuple[str, ...] | list[str]:
    """The strings kept by `strings`."""
    if isinstance(kept, tuple):
        return kept
    return kept.split("\0") if kept else []


@dataclass
class PageResult:
    """What the build process keeps of a page a worker built (and the cache's index, of every page):
    compact, as it is held for every page of the site until the anchors are checked (35,000 pages:
    a set of anchors and a dict of links per page took 55 MB; strings, 9 MB)."""

    src_uri: str
    anchors: Strings  #: the ids present on the page (`strings`)
    #: (target src_uri, `strings` of anchor, link as written, anchor, link ...), for each page the
    #: page links to anchors of; its links to anchors it has itself are left out (they are fine).
    links: tuple[tuple[str, Strings], ...]
    looked_up: str = ""  #: the paths MkDocs looked up building the page (`builder.pagekeys.Links`)
    resolved: bytes = b""  #: how they resolved then (`builder.pagekeys.resolution`)

    @classmethod
    def of(cls, page: Page) -> PageResult:
        """The result of a page MkDocs just built."""
        own, present = page.file.src_uri, set(page.present_anchor_ids or ())
        links = []
        for target, anchors in (page.links_to_anchors or {}).items():
            kept = [x for anchor, original in anchors.items() if not (target.src_uri == own and anchor in present)
                    for x in (anchor, original)]
            if kept:
                links.append((target.src_uri, strings(kept)))
        return cls(own, strings(present), tuple(links))
