"""Where the bytes of a built site go.

    .venv/bin/python benchmarks/site_size.py SITE_DIR [--source FILINGS_DIR] [--json]

Prints the site's bytes by kind:

- **pages** by kind (report `filings/<id>/`, exhibit `filings/<id>/ex-*/`, document
  `filings/<id>/<other>/`, index pages: home, registrants, forms, ...), each split into the
  page's own content (the `<article>`) and the theme's chrome around it: `<head>`, header,
  the search overlay in the header, the navigation sidebar, the table of contents sidebar,
  the footer, the scripts, the rest (other markup, whitespace);
- **originals**: the source files offered for download under `filings/<id>/files/` (those the
  report page links as its "Source file"), and the **decoded documents** beside them (graphics,
  PDFs, ZIPs decoded from a submission);
- the **search index** (`search/`), the **sitemap**, the theme's **assets**, the **catalog**
  (`catalog.csv`, `catalog.json`), anything else.

With `--source`, the site's size is also given as a multiple of the source folder's.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

#: The parts of a page's chrome, in the order printed, with the start tag that opens each.
CHROME = (
    ("search overlay", re.compile(r'<div class="md-search[ "]')),
    ("nav sidebar", re.compile(r'<div class="md-sidebar md-sidebar--primary')),
    ("toc sidebar", re.compile(r'<div class="md-sidebar md-sidebar--secondary')),
    ("footer", re.compile(r"<footer\b")),
)
_IMAGE = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".svg", ".webp")
_SOURCE_ROW = re.compile(r"<td>Source files?</td>\s*<td>(.*?)</td>", re.S)
_HREF = re.compile(r'href="([^"]+)"')
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


@dataclass
class Breakdown:
    """Bytes of a site: `kinds[kind]` for files, `pages[kind][part]` for HTML pages."""

    total: int = 0
    kinds: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    files: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    pages: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))


def element_end(html: str, start: int) -> int:
    """The end of the element whose start tag begins at `start` (nested same-name tags counted)."""
    name = re.match(r"<([a-zA-Z0-9]+)", html[start:]).group(1)
    tags = re.compile(rf"<(/?){name}\b[^>]*>", re.I)
    depth = 0
    for match in tags.finditer(html, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(html)


def page_parts(html: str) -> dict[str, int]:
    """The bytes of a page's parts: content, head, header, search overlay, sidebars, ..., rest.

    Characters, not bytes: the chrome is ASCII, and the content's share is what matters."""
    spans: list[tuple[str, int, int]] = []

    def add(name: str, start: int, end: int) -> None:
        if start >= 0 and not any(s <= start < e for _, s, e in spans):
            spans.append((name, start, end))

    article = html.find("<article")
    if article >= 0:
        add("content", article, element_end(html, article))
    head = html.find("<head>")
    if head >= 0:
        add("head", head, html.find("</head>", head) + len("</head>"))
    for name, pattern in CHROME:
        match = pattern.search(html)
        if match:
            add(name, match.start(), element_end(html, match.start()))
    for match in _SCRIPT.finditer(html):
        add("scripts", match.start(), match.end())
    parts: dict[str, int] = defaultdict(int)
    for name, start, end in spans:
        parts[name] += end - start
    header = html.find("<header")
    if header >= 0:  # the header, less the search overlay inside it
        end = element_end(html, header)
        parts["header"] = end - header - sum(e - s for _, s, e in spans if header <= s < end)
    parts["rest"] = len(html) - sum(parts.values())
    return parts


def page_kind(rel: Path) -> str:
    """report, exhibit, document or index, from the page's path in the site."""
    parts = rel.parts
    if parts[0] == "filings" and len(parts) == 3:
        return "report pages"
    if parts[0] == "filings" and len(parts) == 4:
        return "exhibit pages" if parts[2].startswith("ex-") else "document pages"
    return "index pages"


def measure(site: Path) -> Breakdown:
    """The breakdown of the site in `site`."""
    out = Breakdown()
    originals: set[Path] = set()
    files_dirs: list[Path] = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site)
        size = path.stat().st_size
        out.total += size
        top = rel.parts[0]
        if rel.suffix == ".html" and "files" not in rel.parts[:-1]:
            kind = page_kind(rel)
            out.kinds[kind] += size
            out.files[kind] += 1
            html = path.read_text(encoding="utf-8", errors="replace")
            for part, n in page_parts(html).items():
                out.pages[kind][part] += n
            if kind == "report pages":
                row = _SOURCE_ROW.search(html)
                for href in _HREF.findall(row.group(1)) if row else []:
                    originals.add((path.parent / href).resolve())
            continue
        if top == "filings" and "files" in rel.parts:
            files_dirs.append(path)
            continue
        kind = {"search": "search index", "assets": "theme assets"}.get(top)
        if kind is None and rel.name.startswith("sitemap.xml"):
            kind = "sitemap"
        elif kind is None and rel.name.startswith("catalog."):
            kind = "catalog"
        kind = kind or "other"
        out.kinds[kind] += size
        out.files[kind] += 1
    for path in files_dirs:
        size = path.stat().st_size
        if path.resolve() in originals:
            kind = "originals (download)"
        elif path.suffix.lower() in _IMAGE:
            kind = "decoded graphics"
        else:
            kind = "decoded other documents"
        out.kinds[kind] += size
        out.files[kind] += 1
    return out


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def mb(n: float) -> str:
    return f"{n / 1e6:8.2f} MB"


def report(out: Breakdown, source: int | None) -> str:
    """The breakdown as a table."""
    lines = [f"{'site':<34}{mb(out.total)}  100.0 %" + (f"   {out.total / source:.2f}x the source ({mb(source).strip()})" if source else "")]

    def row(label: str, n: int, files: int | None = None, indent: int = 2) -> None:
        share = 100 * n / out.total if out.total else 0
        extra = f"  {files} files" if files is not None else ""
        extra += f"  {n / source:.3f}x source" if source else ""
        lines.append(f"{' ' * indent}{label:<{32 - indent}}{mb(n)} {share:6.1f} %{extra}")

    for kind, n in sorted(out.kinds.items(), key=lambda kv: -kv[1]):
        row(kind, n, out.files[kind])
        parts = out.pages.get(kind)
        if parts:
            for part, m in sorted(parts.items(), key=lambda kv: -kv[1]):
                row(part, m, indent=6)
    chrome = sum(m for parts in out.pages.values() for p, m in parts.items() if p != "content")
    row("all pages' chrome (not content)", chrome, indent=0)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--source", type=Path, help="the filings folder the site was built from")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    out = measure(args.site)
    source = folder_bytes(args.source) if args.source else None
    if args.json:
        print(json.dumps({"total": out.total, "source": source, "kinds": out.kinds, "files": out.files,
                          "pages": out.pages}, indent=1))
    else:
        print(report(out, source))
    return 0


if __name__ == "__main__":
    sys.exit(main())
