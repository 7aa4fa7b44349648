"""Fuzzing the whole pipeline with broken and hostile filings: no crash, nothing lost, nothing unsafe.

    .venv/bin/python benchmarks/fuzz.py [--cases 10000] [--seed 1] [--jobs N] [--corpus] [--save DIR]
    .venv/bin/python benchmarks/fuzz.py --replay DIR      # check one saved case again

Each case is a small `filings/` folder made from seed files (the test fixtures, the hostile fixtures,
and with `--corpus` the shared corpus) by mutations: truncate, splice two files, flip/insert/delete
bytes, repeat a part, drop closing tags, change line ends or the encoding, insert NULs, `<DOCUMENT>`
/`<TEXT>` tags or uuencode `begin` lines, and inject markup, Markdown, template syntax and path
tricks into the SGML fields (`COMPANY CONFORMED NAME:`, `<FILENAME>`, `<DESCRIPTION>`, `<TYPE>` ...)
and the text. Files get hostile names too; some cases are accession folders, some hold duplicates.

Each case goes through the real stages (`load_archive`: read, parse, model; `render_site`), then
every generated Markdown page through Python-Markdown with the site's extensions, and is checked
(`check_case`):

1. nothing raises;
2. every file of the case is a filing's source or a problem's (nothing lost);
3. every generated path is a plain relative path inside the docs folder, unique (case-insensitively),
   binary files keep only harmless extensions, text files are pages (`.md`) or data (`.json` that
   parses, `.csv` with no cell a spreadsheet would run as a formula);
4. front matter parses, and its title and description hold no markup;
5. the Markdown holds no `<script`, and its HTML (Python-Markdown's output) passes the hostile-input
   audit (`tests/fixtures/hostile/audit.py`): no scripts, handlers, frames, `javascript:` URLs,
   external images, dangerous styles, evaluated templates.

Cases are numbered; case `i` of seed `s` is always the same input (`random.Random(f"{s}:{i}")`), so a
failure reproduces with `--seed s --first i --cases 1`. Failing cases are saved under `--save`
(default `.build/fuzz/failures/`). Prints the number of cases, failures and the time; exits 1 when
any case fails.
"""

from __future__ import annotations

import argparse
import binascii
import csv
import io
import json
import multiprocessing
import os
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

import markdown  # noqa: E402
from mkdocs.utils.meta import get_data  # noqa: E402

import builder.render as render  # noqa: E402
from builder.pipeline import load_archive  # noqa: E402
from builder.render import render_site  # noqa: E402
from builder.render.paths import BINARY_EXTENSIONS  # noqa: E402
from builder.render.templating import make_environment  # noqa: E402
from fixtures.hostile.audit import TEMPLATE_RESULT, audit_fragment  # noqa: E402

TEMPLATES = REPO / "site_templates"
FIXTURES = REPO / "tests" / "fixtures"
CORPUS = REPO.parent / "shared" / "corpus" / "files"
#: The Markdown extensions of `mkdocs.yml`.
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "toc"]

#: Markup, Markdown, template and path payloads injected into fields and text.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href='&#106;avascript:alert(1)'>x</a>",
    "<body onload=alert(1)>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
    "<base href=//evil.example/>",
    "<form action=//evil.example><input name=p></form>",
    "<object data=x.swf></object><embed src=x.swf>",
    "<link rel=stylesheet href=//evil.example/x.css>",
    "<img src=https://evil.example/pixel.gif>",
    "</pre></div></td></tr></table><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![x](https://evil.example/x.png)",
    "<https://evil.example/>",
    "{: onclick=\"alert(1)\" }",
    "<div markdown=\"1\">[x](javascript:alert(1))</div>",
    "{{ 7*191919 }}",
    "{% include \"mkdocs.yml\" %}",
    "{# x #} {## y ##}",
    "---\ntitle: <script>alert(1)</script>\n---",
    "!!! danger \"x\"\n    <script>alert(1)</script>",
    "| a | b |\n|---|---|\n| <script> | x |",
    "# heading\n- item\n1. item\n> quote",
    "*a* _b_ `c` \\ ~d~ ^e^ ==f==",
    "../../../../etc/passwd",
    "..\\..\\..\\windows\\x.htm",
    "/abs/x.htm",
    "C:\\x.htm",
    "x" * 1000,
    "\u202egpj.exe",
    "\uff45\uff56\uff49\uff4c\uff0e\uff48\uff54\uff4d\uff4c",
    "\ud800",
    "\x00\x01\x1b[31m\x7f\x85\u2028\u2029",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;lt;b&amp;gt;",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<!--<script>alert(1)</script>-->",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]

#: Hostile names for files on disk (valid on POSIX: no '/', no NUL; not hidden).
FILE_NAMES = [
    "<img src=x onerror=alert(1)>.txt",
    "<script>alert(1)<\\script>.htm",
    "[x](javascript:alert(1)).txt",
    "{{ 7*191919 }}.txt",
    "{% raw %}.nc",
    "..\\..\\x.txt",
    "a" * 200 + ".txt",
    "\uff45\uff56\uff49\uff4c.htm",
    "\u202etxt.exe",
    " leading space.txt",
    "trailing dot.",
    "-dash.txt",
    "new\nline.txt",
    "tab\t.txt",
    "index.md",
    "index.html",
    "0000000001-24-000001.txt",
    "0000000001-24-000001-index.htm",
    "x-index-headers.html",
    "CON",
    "%2e%2e%2fx.txt",
    "| pipe |.txt",
    "#hash.txt",
    "\u00e9t\u00e9.txt",
    "e\u0301te\u0301.txt",
]

#: SGML field patterns whose values get payloads: (regex of the value, what it is).
_FIELDS = [
    re.compile(rb"(<(?:FILENAME|DESCRIPTION|TYPE|SEQUENCE|CONFORMED-NAME|ACCESSION-NUMBER|CIK|ITEMS|PERIOD)>)[^\n<]*",
               re.I),
    re.compile(rb"((?:COMPANY CONFORMED NAME|FORMER CONFORMED NAME|CONFORMED SUBMISSION TYPE|ACCESSION NUMBER|"
               rb"ITEM INFORMATION|STREET 1|CITY|STATE|BUSINESS PHONE|SEC FILE NUMBER|CENTRAL INDEX KEY|"
               rb"FILED AS OF DATE|CONFORMED PERIOD OF REPORT|IRS NUMBER|FISCAL YEAR END):[ \t]*)[^\n]*"),
]
_TAGS = [b"<DOCUMENT>", b"</DOCUMENT>", b"<TEXT>", b"</TEXT>", b"<SEC-HEADER>", b"</SEC-HEADER>", b"<TYPE>",
         b"<SEC-DOCUMENT>", b"<SUBMISSION>", b"<PAGE>", b"<XBRL>", b"<PDF>", b"begin 644 x.gif\n", b"end\n",
         b"-----BEGIN PRIVACY-ENHANCED MESSAGE-----\n", b"ACCESSION NUMBER: 0000000001-24-000001\n",
         b"<html><body>", b"</body></html>", b"<?xml version='1.0'?>", b"\f", b"\x00", b"\r", b"\xff\xfe"]
_CLOSERS = [b"</TEXT>", b"</DOCUMENT>", b"</SEC-HEADER>", b"</SEC-DOCUMENT>", b"</SUBMISSION>", b"</IMS-DOCUMENT>",
            b"\nend\n", b"</html>", b"</XBRL>"]


# -- seeds -----------------------------------------------------------------------------------------

def seed_files(corpus: bool = False, max_bytes: int = 64 * 1024) -> list[tuple[str, bytes]]:
    """(name, bytes) of every seed: the test fixtures and, with `corpus`, the shared corpus."""
    roots = [FIXTURES / "read", FIXTURES / "parse", FIXTURES / "seed", FIXTURES / "hostile" / "filings"]
    if corpus and CORPUS.is_dir():
        roots.append(CORPUS)
    seeds = []
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.name.startswith(".") and path.suffix not in (".md", ".py"):
                if path.name == "README":
                    continue
                data = path.read_bytes()
                if data and len(data) <= max_bytes:
                    seeds.append((path.name, data))
    return seeds


# -- mutations -------------------------------------------------------------------------------------

def _payload(rng: random.Random) -> bytes:
    text = rng.choice(PAYLOADS)
    return text.encode("utf-8", "surrogatepass")


def truncate(rng: random.Random, data: bytes, seeds) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def splice(rng: random.Random, data: bytes, seeds) -> bytes:
    other = rng.choice(seeds)[1]
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1):]


def flip_bytes(rng: random.Random, data: bytes, seeds) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def insert_bytes(rng: random.Random, data: bytes, seeds) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.randbytes(rng.randint(1, 64)) + data[at:]


def delete_range(rng: random.Random, data: bytes, seeds) -> bytes:
    if not data:
        return data
    at = rng.randrange(len(data))
    return data[:at] + data[at + rng.randint(1, max(1, len(data) // 4)):]


def repeat_range(rng: random.Random, data: bytes, seeds) -> bytes:
    if rng.random() < 0.3:
        return data * rng.randint(2, 3)  # a whole file repeated (a submission twice in one file)
    if not data:
        return data
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, 2048))
    return data[:b] + data[a:b] * rng.randint(1, 4) + data[b:]


def drop_closers(rng: random.Random, data: bytes, seeds) -> bytes:
    for closer in _CLOSERS:
        if rng.random() < 0.5:
            data = re.sub(re.escape(closer), b"", data, flags=re.I)
    return data


def insert_tag(rng: random.Random, data: bytes, seeds) -> bytes:
    at = rng.randrange(len(data) + 1)
    if rng.random() < 0.5:  # at a line start
        line = data.rfind(b"\n", 0, at)
        at = line + 1
    return data[:at] + rng.choice(_TAGS) + data[at:]


def inject_field(rng: random.Random, data: bytes, seeds) -> bytes:
    """Replace (or prefix) the value of a random SGML field with a payload."""
    matches = [m for regex in _FIELDS for m in regex.finditer(data[:200_000])]
    if not matches:
        return inject_text(rng, data, seeds)
    for m in rng.sample(matches, k=min(len(matches), rng.randint(1, 4))):
        keep = m.group(1)
        value = _payload(rng).replace(b"\n", b" ") if rng.random() < 0.7 else _payload(rng)
        if rng.random() < 0.3:
            value = m.group(0)[len(keep):] + b" " + value
        data = data.replace(m.group(0), keep + value, 1)
    return data


def inject_text(rng: random.Random, data: bytes, seeds) -> bytes:
    at = rng.randrange(len(data) + 1)
    if rng.random() < 0.6:
        line = data.rfind(b"\n", 0, at)
        at = line + 1
    return data[:at] + _payload(rng) + b"\n" + data[at:]


def line_ends(rng: random.Random, data: bytes, seeds) -> bytes:
    return data.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\r", b"\n\n"]))


def reencode(rng: random.Random, data: bytes, seeds) -> bytes:
    text = data.decode("utf-8", "replace")
    codec = rng.choice(["utf-16", "utf-16-le", "utf-8-sig", "cp1252", "latin-1", "utf-32"])
    encoded = text.encode(codec, "replace")
    if rng.random() < 0.3:  # mixed: only a part re-encoded
        cut = rng.randrange(len(data) + 1)
        return data[:cut] + text[cut:].encode(codec, "replace")
    return encoded


def uu_junk(rng: random.Random, data: bytes, seeds) -> bytes:
    """A uuencoded part with a hostile name and broken lines, inside a document's text."""
    payload = rng.choice([b"GIF89a" + rng.randbytes(40), b"<svg onload=alert(1)>", b"%PDF-1.4", rng.randbytes(90)])
    name = rng.choice(["x.gif", "../../x.htm", "evil.svg", "a" * 300, "index.html", "x.js"])
    lines = [f"begin {rng.choice(['644', '755', '0', '7777'])} {name}".encode()]
    for i in range(0, len(payload), 45):
        lines.append(binascii.b2a_uu(payload[i: i + 45]).rstrip(b"\n"))
    if rng.random() < 0.5:
        lines.insert(rng.randrange(1, len(lines) + 1), rng.randbytes(rng.randint(1, 80)).replace(b"\n", b""))
    if rng.random() < 0.7:
        lines += [b"`", b"end"]
    part = b"\n".join(lines)
    text = data.find(b"<TEXT>")
    if text >= 0 and rng.random() < 0.8:
        at = text + len(b"<TEXT>\n")
        return data[:at] + part + b"\n" + data[at:]
    return data + b"\n<DOCUMENT>\n<TYPE>GRAPHIC\n<FILENAME>" + name.encode() + b"\n<TEXT>\n" + part + b"\n</TEXT>\n"


MUTATIONS = [truncate, splice, flip_bytes, insert_bytes, delete_range, repeat_range, drop_closers, insert_tag,
             inject_field, inject_field, inject_text, line_ends, reencode, uu_junk]


def mutate(rng: random.Random, data: bytes, seeds) -> bytes:
    for _ in range(rng.choice([0, 1, 1, 1, 2, 2, 3, 4])):
        data = rng.choice(MUTATIONS)(rng, data, seeds)
    return data


def make_case(rng: random.Random, seeds: list[tuple[str, bytes]]) -> dict[str, bytes]:
    """A case: relative POSIX path → bytes. Mostly single files; some accession folders and duplicates."""
    def name_for(original: str) -> str:
        return rng.choice(FILE_NAMES) if rng.random() < 0.25 else original

    files: dict[str, bytes] = {}
    kind = rng.random()
    if kind < 0.65:
        for _ in range(rng.randint(1, 2)):
            name, data = rng.choice(seeds)
            folder = rng.choice(["", "", "sub/", "sub/deeper/"])
            files[folder + name_for(name)] = mutate(rng, data, seeds)
    elif kind < 0.85:
        folder = rng.choice(["0000000001-24-000001", "000000000124000001", "x"]) + "/"
        for _ in range(rng.randint(1, 3)):
            name, data = rng.choice(seeds)
            files[folder + name_for(name)] = mutate(rng, data, seeds)
        if rng.random() < 0.5:
            name, data = rng.choice([s for s in seeds if "index" in s[0]] or seeds)
            files[folder + "0000000001-24-000001-index.htm"] = mutate(rng, data, seeds)
    else:
        name, data = rng.choice(seeds)
        data = mutate(rng, data, seeds)
        files[name_for(name)] = data
        files["copy/" + name_for(name)] = data if rng.random() < 0.7 else mutate(rng, data, seeds)
    return files


def write_case(root: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


# -- the checks ------------------------------------------------------------------------------------

_SAFE_PATH = re.compile(r"[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*")
#: First characters that make a spreadsheet run a cell as a formula (CSV injection).
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@lru_cache(maxsize=4)
def _environment(templates_dir: Path):
    return make_environment(templates_dir)


@contextmanager
def fast_templates() -> Iterator[None]:
    """While inside, `render_site` reuses one Jinja environment per templates folder (loaded once)."""
    saved = render.make_environment
    render.make_environment = lambda templates_dir, code=None: _environment(Path(templates_dir))
    try:
        yield
    finally:
        render.make_environment = saved


def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})


def accounted(root: Path, archive) -> list[str]:
    """Files under `root` that are neither a filing's source nor a problem's (nothing may be lost)."""
    listed = {p for f in archive.filings for p in [f.source, *f.source_paths]}
    listed |= {p.source for p in archive.problems}
    lost = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        chain = [rel.as_posix()] + [p.as_posix() for p in rel.parents if str(p) != "."]
        if not any(c in listed for c in chain):
            lost.append(rel.as_posix())
    return lost


def check_generated(generated, where: str = "") -> list[str]:
    """Checks 3-5 on the generated files of one build."""
    failures: list[str] = []
    seen: set[str] = set()
    md = _markdown()
    for g in generated:
        path = g.path
        if not _SAFE_PATH.fullmatch(path) or any(part in (".", "..") for part in path.split("/")):
            failures.append(f"unsafe generated path {path!r}")
        if path.lower() in seen:
            failures.append(f"two generated files at {path!r}")
        seen.add(path.lower())
        if isinstance(g.content, bytes):
            ext = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
            if "/files/" not in path or ext not in BINARY_EXTENSIONS:
                failures.append(f"binary file {path!r} with a risky name")
            continue
        text = g.content
        if path.endswith(".json"):
            try:
                json.loads(text)
            except ValueError as exc:
                failures.append(f"{path}: not JSON: {exc}")
            continue
        if path.endswith(".csv"):
            for row in csv.reader(io.StringIO(text)):
                failures += [f"{path}: a cell a spreadsheet runs as a formula: {c[:60]!r}"
                             for c in row if c.startswith(_FORMULA)]
            continue
        if not path.endswith(".md"):
            failures.append(f"text file {path!r} that is neither a page nor data (.json, .csv)")
            continue
        if re.search(r"<script", text, re.I):
            failures.append(f"{path}: '<script' in the Markdown")
        if TEMPLATE_RESULT in text:
            failures.append(f"{path}: an evaluated template")
        body, meta = get_data(text)
        if not isinstance(meta.get("title"), str) or not isinstance(meta.get("description"), str):
            failures.append(f"{path}: front matter did not parse: {text[:200]!r}")
        for key in ("title", "description"):
            value = str(meta.get(key, ""))
            if "<" in value or ">" in value:
                failures.append(f"{path}: markup in the {key} {value[:80]!r}")
        md.reset()
        try:
            converted = md.convert(body)
        except Exception as exc:  # Python-Markdown choking is a failure of the page
            failures.append(f"{path}: Python-Markdown raised {exc!r}")
            continue
        failures += audit_fragment(converted, path)
    return failures


def _raised(stage: str, exc: BaseException) -> str:
    """"render_site raised TypeError: ... at builder/x.py:12", then the last frames."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames)
                  if "site-packages" not in f.filename), "?")
    detail = "".join(traceback.format_exception(exc, limit=-4))
    return f"{stage} raised {type(exc).__name__}: {str(exc)[:120]} at {where}\n{detail}"


def check_case(root: Path) -> list[str]:
    """Every check on the filings folder `root`; the failures (empty when the case passes)."""
    try:
        archive = load_archive(root)
    except Exception as exc:
        return [_raised("load_archive", exc)]
    failures = [f"lost: {rel}" for rel in accounted(root, archive)]
    try:
        generated = render_site(archive, TEMPLATES)
    except Exception as exc:
        return failures + [_raised("render_site", exc)]
    return failures + check_generated(generated)


# -- the run ---------------------------------------------------------------------------------------

@dataclass
class Result:
    cases: int = 0
    failed: list[tuple[int, list[str]]] = field(default_factory=list)


def _run_range(args: tuple[int, int, int, bool, int, str]) -> Result:
    seed, first, count, corpus, max_bytes, save = args
    seeds = seed_files(corpus, max_bytes)
    result = Result()
    with fast_templates(), tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        for i in range(first, first + count):
            rng = random.Random(f"{seed}:{i}")
            files = make_case(rng, seeds)
            root = Path(tmp) / f"case-{i}"
            write_case(root, files)
            try:
                failures = check_case(root)
            except Exception as exc:
                failures = [_raised("the checks", exc)]
            result.cases += 1
            if failures:
                result.failed.append((i, failures))
                if save:
                    target = Path(save) / f"seed-{seed}-case-{i}"
                    shutil.rmtree(target, ignore_errors=True)
                    shutil.copytree(root, target)
                    (target.parent / f"seed-{seed}-case-{i}.txt").write_text("\n".join(failures), encoding="utf-8")
            shutil.rmtree(root, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--first", type=int, default=0, help="number of the first case")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--corpus", action="store_true", help="also take seeds from ../shared/corpus/files")
    parser.add_argument("--max-bytes", type=int, default=64 * 1024, help="largest seed file used")
    parser.add_argument("--save", default=str(REPO / ".build" / "fuzz" / "failures"),
                        help="folder for failing cases ('' to keep none)")
    parser.add_argument("--replay", type=Path, help="check one saved case folder and print its failures")
    args = parser.parse_args(argv)

    if args.replay:
        failures = check_case(args.replay)
        print("\n".join(failures) or "passes")
        return 1 if failures else 0

    started = time.perf_counter()
    jobs = max(1, min(args.jobs, args.cases))
    step = -(-args.cases // jobs)
    chunks = [(args.seed, args.first + k, min(step, args.cases - k), args.corpus, args.max_bytes, args.save)
              for k in range(0, args.cases, step)]
    if jobs == 1:
        results = [_run_range(chunk) for chunk in chunks]
    else:
        with multiprocessing.get_context("spawn").Pool(jobs) as pool:
            results = pool.map(_run_range, chunks)
    cases = sum(r.cases for r in results)
    failed = sorted((i, f) for r in results for i, f in r.failed)
    elapsed = time.perf_counter() - started
    kinds = Counter(re.sub(r"\d+", "N", f[0].split("\n")[0])[:160] for _, f in failed)
    for i, failures in failed[:10]:
        print(f"case {i}: {failures[0].splitlines()[0][:300]}" + (f" (+{len(failures) - 1} more)" if len(failures) > 1 else ""))
    for kind, n in kinds.most_common(10):
        print(f"  {n:6d} x {kind}")
    print(f"cases: {cases}  failures: {len(failed)}  time: {elapsed:.1f} s  ({cases / elapsed:.0f} cases/s, "
          f"seed {args.seed}, {len(seed_files(args.corpus, args.max_bytes))} seed files, {jobs} jobs)")
    if failed and args.save:
        print(f"failing cases saved under {args.save}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
