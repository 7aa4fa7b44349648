"""How the whole build scales: an archive of N filings cloned from the shared corpus, built for real.

    .venv/bin/python benchmarks/scale.py N [--workdir DIR] [--no-browser] [--no-incremental] [--incremental-runs K] [--serve]

1. **Archive.** N filings made by cloning the sources of `../shared/corpus/files` round-robin
   (every source that parses as a filing) with new identities: accession numbers (in the text, in
   file and folder names), CIKs, company names, commission file numbers, IRS numbers and the
   dates (header dates, "Month D, YYYY") are rewritten per clone, so that every clone is a filing
   of its own and the registrants multiply like the filings. Written once under `--workdir`
   (default `.build/scale/N/`), reused while N and this generator stay the same.
2. **Build.** `python -m builder build ARCHIVE --out SITE --quiet` from a cold cache, with the
   process tree's memory sampled every 0.1 s from /proc (peak of the sum of PSS, so forked
   workers' shared pages count once; less often when a sample costs more than 5 ms, so that the
   sampler takes at most about 5 % of a core from the build) and the largest single process from
   `getrusage(RUSAGE_CHILDREN)`. The stage times (wall and CPU) come from the `filings` plugin
   (`FILINGS_BUILD_STATS`): read+parse, link, render (the builder's own stages), MkDocs' own work,
   the pages (Markdown to HTML in the theme, in worker processes), the search index.
3. **Sizes.** Source bytes, site bytes, search index bytes.
4. **Search in the browser** (headless Chromium, `/usr/bin/chromium`, through the `playwright`
   package): the site served over HTTP under a sub-path; bytes the search fetches with the page,
   when it starts (the index's manifest), for one query with its first results (index chunks of
   its words, facts of the results, one text fragment per result), and for opening the filters
   and filtering by form type; as gzip would send them (GitHub Pages compresses text; the index's
   `.gz` files are compressed already) and raw.
5. **Incremental.** One filing changed, the site built again with the warm cache: the builder's
   own stages, the Markdown pages rendered again (render cache), the pages built again, the
   pages read again for the search index, the total; three times (`--incremental-runs`), a
   word of the filing changed each time. Before each build (the cold one too) the writes of the
   last one are flushed (`sync`, timed and printed): right after a cold build the kernel writes
   gigabytes back, and a build timed during that measures the disk, not the build.
   Then one filing is taken out of the archive and the site built again, and put back and built
   again: the builder's stages, the pages built again and the whole build, each time.
6. **`--serve`**: `mkdocs serve` on the archive with the warm cache, the seconds from changing one
   filing to the browsers' reload (the first build's writes flushed before, as above), and the
   builder's own stages of that rebuild (the plugin's stats): `mkdocs serve` builds in its own
   process, where the CLI's builds fork the builder's stages apart.

Prints a table with the targets of the issue (2 cores, N = 10,000: build <= 3 min and <= 2 GB,
builder's stages <= 15 % of it, site <= 2x the source text, search <= 100 KB first load and
<= 300 KB per query, incremental builder stages <= 2 s), and writes it all to `report.json`.
The machine's load average is printed with it, and the CPU seconds of a fixed piece of work (a
Python loop and a SHA-256, `machine_probe`) before and after the cold build: on a shared machine,
CPU seconds say more than wall seconds, and the probe tells how fast the machine was that day.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CORPUS = REPO.parent / "shared" / "corpus" / "files"
GENERATOR_VERSION = "4"  # bump when the archive a given N makes changes (or what the parser finds to rewrite)
#: Seconds between two samples of the build's memory, at least (more when a sample costs more).
SAMPLE_EVERY = 0.1
#: The port of the timed `mkdocs serve` (`--serve`), when it is free.
SERVE_PORT = 48123
#: A corpus source the parser needs longer than this (s) for is left out of the clones: a parser bug
#: to fix in builder/parse, which would otherwise be cloned N/600 times into the figures.
SLOW_PARSE = 5

_ACCESSION = re.compile(rb"(?<!\d)(\d{10})(-?)(\d{2})(-?)(\d{6})(?!\d)")
_DATE8 = re.compile(rb"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
_LONG_DATE = re.compile(
    rb"((?:January|February|March|April|May|June|July|August|September|October|November|December)"
    rb"\s+\d{1,2},\s+)((?:19|20)\d\d)(?!\d)", re.I)
_WORDS = ("ALDER", "BIRCH", "CEDAR", "DOGWOOD", "ELM", "FIR", "GINKGO", "HAZEL", "IRONWOOD", "JUNIPER",
          "KATSURA", "LARCH", "MAPLE", "NUTMEG", "OAK", "PINE", "QUINCE", "ROWAN", "SPRUCE", "TAMARACK",
          "UMBRELLA", "VIBURNUM", "WALNUT", "XYLO", "YEW", "ZELKOVA")


# --------------------------------------------------------------------------------------------
# The archive
# --------------------------------------------------------------------------------------------

def corpus_identities(corpus: Path, cache: Path) -> list[dict]:
    """Every source of the corpus that parses as a filing, with the identity strings to rewrite.

    Parsed once with the real read and parse stages; kept in `cache` (JSON).
    """
    if cache.is_file():
        data = json.loads(cache.read_text())
        if data.get("version") == GENERATOR_VERSION and data.get("corpus") == str(corpus):
            return data["sources"]
    from builder.pipeline import parse_one
    from builder.read import find_sources, read_source
    from builder.read.discover import sibling_index_pages

    class _TooSlow(Exception):
        pass

    def _alarm(*_):
        raise _TooSlow

    signal.signal(signal.SIGALRM, _alarm)
    sources, slow = [], []
    for path in find_sources(corpus):
        signal.alarm(SLOW_PARSE)
        try:
            filing, _ = parse_one(read_source(path, corpus))
        except _TooSlow:
            slow.append(str(path.relative_to(corpus)))
            continue
        finally:
            signal.alarm(0)
        if filing is None:
            continue
        if path.is_dir():
            members = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            members += sibling_index_pages(path)
        else:
            members = [path]
        filers = filing.filers
        sources.append({
            "path": str(path.relative_to(corpus)),
            "members": [str(p.relative_to(corpus)) for p in members],
            "accession": filing.accession_number,
            "ciks": sorted({f.cik for f in filers if f.cik}),
            "names": sorted({f.name for f in filers if f.name and len(f.name) >= 4}, key=len, reverse=True),
            "file_numbers": sorted({f.file_number for f in filers if f.file_number}),
            "irs_numbers": sorted({f.irs_number for f in filers if f.irs_number and re.search(r"\d{5}", f.irs_number)}),
        })
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({"version": GENERATOR_VERSION, "corpus": str(corpus), "sources": sources,
                                 "too_slow": slow}))
    for name in slow:
        print(f"left out (the parser took over {SLOW_PARSE} s on it): {name}", file=sys.stderr)
    return sources


class Cloner:
    """Rewrites one corpus source into clone `round` of source number `index`."""

    def __init__(self, source: dict, index: int, round_: int):
        self.source, self.index, self.round = source, index, round_
        self.word = _WORDS[round_ % len(_WORDS)] + (str(round_ // len(_WORDS)) if round_ >= len(_WORDS) else "")
        self.year_shift = (round_ % 9) - 4
        rules: list[tuple[re.Pattern, object]] = []
        for name in source["names"]:  # longest first
            raw = name.encode("utf-8")
            rules.append((re.compile(re.escape(raw), re.I), self._name))
        for k, cik in enumerate(source["ciks"]):
            new = self._cik(int(cik), k)
            if int(cik) >= 10000:
                rules.append((re.compile(rb"(?<![\d-])0*" + str(int(cik)).encode() + rb"(?![\d-])"),
                              lambda m, new=new: str(new).zfill(len(m.group(0))).encode()))
            else:  # short CIKs: only the padded form, not every small number
                rules.append((re.compile(rb"(?<!\d)" + cik.zfill(10).encode() + rb"(?!\d)"),
                              lambda m, new=new: str(new).zfill(10).encode()))
        for k, number in enumerate(source["file_numbers"]):
            prefix, _, rest = number.rpartition("-")
            new = f"{prefix}-{(7 * 10**(len(rest) - 1) + self.round * 1000 + self.index * 7 + k) % 10**len(rest):0{len(rest)}d}" if prefix else number
            rules.append((re.compile(rb"(?<![\d-])" + re.escape(number.encode()) + rb"(?![\d-])"), new.encode()))
        for k, irs in enumerate(source["irs_numbers"]):
            digits = re.sub(r"\D", "", irs)
            new_digits = f"{(int(digits) + 7919 * (self.round + 1) + 104729 * (self.index + 1) + k) % 10**len(digits):0{len(digits)}d}"
            it = iter(new_digits)
            new = "".join(next(it) if c.isdigit() else c for c in irs)
            rules.append((re.compile(rb"(?<![\d-])" + re.escape(irs.encode()) + rb"(?![\d-])"), new.encode()))
        self.rules = rules

    def _cik(self, cik: int, k: int) -> int:
        # The same corpus CIK gets the same new CIK within a round: registrants stay shared.
        return 2_000_000 + self.round * 100_000 + (cik * 7 + k) % 99_991

    def _name(self, match: re.Match) -> bytes:
        text = match.group(0)
        word = self.word.encode()
        if text.islower():
            word = word.lower()
        elif not text.isupper():
            word = word.title()
        return word + b" " + text

    def accession(self, acc: bytes) -> bytes:
        """A new accession number, unique per (round, source): 00099RRRRR-YY-IIIIII."""
        m = _ACCESSION.fullmatch(acc)
        yy = m.group(3)
        new_a = f"{990_000_000 + self.round:010d}".encode()
        new_c = f"{self.index:06d}".encode()
        return new_a + m.group(2) + yy + m.group(4) + new_c

    def _shift_year(self, year: bytes) -> bytes:
        return str(min(2025, max(1993, int(year) + self.year_shift))).encode()

    def text(self, data: bytes) -> bytes:
        own = (self.source["accession"] or "").replace("-", "")
        def acc(m: re.Match) -> bytes:
            return self.accession(m.group(0)) if own and (m.group(1) + m.group(3) + m.group(5)).decode() == own else m.group(0)
        data = _ACCESSION.sub(acc, data)
        for pattern, repl in self.rules:
            data = pattern.sub(repl, data)
        data = _DATE8.sub(lambda m: self._shift_year(m.group(1)) + m.group(2) + m.group(3), data)
        data = _LONG_DATE.sub(lambda m: m.group(1) + self._shift_year(m.group(2)), data)
        return data

    def name(self, name: str) -> str:
        own = (self.source["accession"] or "").replace("-", "")
        raw = name.encode()
        return _ACCESSION.sub(
            lambda m: self.accession(m.group(0)) if own and (m.group(1) + m.group(3) + m.group(5)).decode() == own else m.group(0),
            raw).decode()


def make_archive(n: int, out: Path, corpus: Path, identities: list[dict]) -> dict:
    """Write N cloned filings under `out` (round r of the corpus in `out/rNNN/`)."""
    stamp = out / ".scale-archive.json"
    want = {"version": GENERATOR_VERSION, "n": n, "corpus": str(corpus)}
    if stamp.is_file() and json.loads(stamp.read_text()).get("key") == want:
        return json.loads(stamp.read_text())
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    total = 0
    for i in range(n):
        index = i % len(identities)
        round_ = i // len(identities)
        source = identities[index]
        cloner = Cloner(source, index, round_)
        for member in source["members"]:
            rel = Path(member)
            target = out / f"r{round_:03d}" / Path(*[cloner.name(part) for part in rel.parts])
            target.parent.mkdir(parents=True, exist_ok=True)
            data = (corpus / rel).read_bytes()
            if not rel.suffix.lower() in (".tar", ".zip", ".pdf", ".gif", ".jpg", ".png"):
                data = cloner.text(data)
            target.write_bytes(data)
            total += len(data)
    info = {"key": want, "filings": n, "bytes": total}
    (out / ".scale-archive.json").write_text(json.dumps(info))
    return info


# --------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------

def _tree_rss(root_pid: int) -> tuple[int, int, int]:
    """Memory of `root_pid` and all its descendants, from /proc: the sum of their PSS (shared pages
    counted once across the processes that share them, so forked workers are not counted twice),
    the RSS of `root_pid` alone (the build's own process: MkDocs' structures live there), and the
    largest RSS of the others (the process holding the archive, a worker). RSS, not PSS, for
    these two: a process's PSS drops when it forks workers and rises when they end, its memory the same."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2:].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    total, root, largest, todo = 0, 0, 0, [root_pid]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
                for line in fh:
                    if line.startswith(b"Rss:"):
                        rss = int(line.split()[1]) * 1024
                        if pid == root_pid:
                            root = rss
                        else:
                            largest = max(largest, rss)
                    elif line.startswith(b"Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except OSError:
            pass
        todo.extend(children.get(pid, []))
    return total, root, largest


def machine_probe() -> float:
    """CPU seconds of a fixed piece of work (best of three): how fast this machine is right now."""
    import hashlib

    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        x = 0
        for i in range(1_000_000):
            x += i * i % 7
        hashlib.sha256(b"x" * 20_000_000).digest()
        best = min(best, time.process_time() - started)
    return best


def run_measured(cmd: list[str], env: dict, cwd: Path) -> dict:
    """Run `cmd`, sampling the RSS of its process tree; wall time, peak tree RSS, largest process."""
    import resource

    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak, peak_time = 0, 0.0
    # (time, tree memory, the build process's RSS, the largest other's): each stage's peak is told from them
    samples: list[tuple[float, int, int, int]] = []
    sampling = 0.0  # CPU seconds the sampler spent
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_time, sampling
        while not done.is_set():
            spent = time.thread_time()
            rss, own, other = _tree_rss(proc.pid)
            spent = time.thread_time() - spent
            sampling += spent
            now = time.time()
            samples.append((now, rss, own, other))
            if rss > peak:
                peak, peak_time = rss, now
            # Reading a big process's smaps_rollup costs the kernel tens of milliseconds: the
            # sampler takes at most about 5 % of one core from the build it measures.
            done.wait(max(SAMPLE_EVERY, 20 * spent))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        sys.stderr.write(err.decode(errors="replace"))
        raise SystemExit(f"build failed: {' '.join(cmd)}")
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return {"wall": wall, "peak_tree_rss": peak, "peak_time": peak_time, "largest_process_rss": largest,
            "sampler_cpu": sampling, "samples": samples, "stdout": out.decode(errors="replace"), "stderr": err.decode(errors="replace")}


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def settle(site: Path, limit: float = 300.0) -> None:
    """Wait until the previous site a build swapped out is deleted (a detached process of the
    build does it, `builder.output`): each build is timed on its own, not against that deleter."""
    deadline = time.monotonic() + limit
    while list(site.parent.glob(f".{site.name}.old-*")) and time.monotonic() < deadline:
        time.sleep(0.5)


def flush() -> float:
    """Write the last build's writes (gigabytes after a cold build) to disk now, not during the
    next thing timed; the seconds it took."""
    flushing = time.perf_counter()
    os.sync()
    return time.perf_counter() - flushing


def build(archive: Path, site: Path, workdir: Path, *, cache_dir: Path) -> dict:
    settle(site)
    flushed = flush()
    stats_file = workdir / "stats.json"
    stats_file.unlink(missing_ok=True)
    env = {**os.environ, "FILINGS_BUILD_STATS": str(stats_file), "FILINGS_CACHE_DIR": str(cache_dir),
           "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "builder", "build", str(archive), "--out", str(site), "--quiet"]
    result = run_measured(cmd, env, REPO)
    result["stages"] = json.loads(stats_file.read_text()) if stats_file.is_file() else {}
    result["flushed"] = flushed
    result["stage_peak_parts"] = stage_parts(result.pop("samples"), result["stages"].get("laps") or [])
    result["stage_peaks"] = peaks_of(result["stage_peak_parts"])
    return result


def browser_search(site: Path, query: str) -> dict | None:
    """Bytes the search fetches in headless Chromium, served under a sub-path as on GitHub Pages:
    with the page (`page`), when the search box is first used (`start`), for one query and its
    first results (`query`), and for opening the filters and filtering by form type (`filters`).
    `sent` is what gzip would send (GitHub Pages compresses text; the index's `.gz` files are
    compressed already), `raw` what the files weigh."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        return None
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    prefix = "/archive/"

    class Handler(SimpleHTTPRequestHandler):
        def translate_path(self, path):
            path = path.split("?", 1)[0]
            if not path.startswith(prefix):
                return str(site / "__nothing__")
            return super().translate_path("/" + path[len(prefix):])

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    phase = {"name": "page"}
    by_phase: dict[str, list[tuple[str, int, int]]] = {"page": [], "start": [], "query": [], "filters": [], "outside": []}
    packed = (".gz",)

    def on_response(response) -> None:
        name = phase["name"]  # now: the body may arrive after the next phase has begun
        url = response.url
        if not url.startswith(base):
            by_phase["outside"].append((url, 0, 0))
            return
        try:
            body = response.body()
        except Exception:
            return
        path = url[len(base):]
        sent = len(body) if path.split("?")[0].endswith(packed) else len(gzip.compress(body, 6))
        by_phase[name].append((path, len(body), sent))

    box = "[data-filings-search] input[type=search]"
    results = "[data-filings-search] .md-search-result__link"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page()
            page.on("response", on_response)
            page.goto(base, wait_until="networkidle")
            phase["name"] = "start"
            page.click(box)
            page.wait_for_function("window.filingsSearch && window.filingsSearch.ready === true", timeout=120000)
            page.wait_for_load_state("networkidle")
            phase["name"] = "query"
            page.fill(box, query)
            page.wait_for_selector(results, timeout=120000)
            page.wait_for_load_state("networkidle")
            time.sleep(1)
            shown = page.locator(results).count()
            phase["name"] = "filters"
            page.click("[data-filings-filters]")
            page.wait_for_function("document.querySelector('[data-filings-filter=form]').options.length > 1", timeout=120000)
            page.select_option("[data-filings-filter=form]", index=1)
            page.wait_for_load_state("networkidle")
            time.sleep(1)
            browser.close()
    finally:
        server.shutdown()
    summary = {k: {"files": len(v), "raw": sum(r for _, r, _ in v), "sent": sum(x for _, _, x in v), "list": v}
               for k, v in by_phase.items()}
    summary["page"]["search_sent"] = sum(x for name, _, x in by_phase["page"] if "filings-search" in name)
    summary["results_shown"] = shown
    return summary


def change_one(archive: Path) -> Path:
    """Change a word in the text of one plain-text filing of the archive; return its file."""
    marker = b" scale-py-changed-"
    for path in sorted(archive.rglob("*.txt")):
        data = path.read_bytes()
        if b"<TYPE>8-K" not in data[:5000]:
            continue
        if marker in data:
            at = data.index(marker) + len(marker)
            data = data[:at] + str(int(data[at:at + 1]) % 9 + 1).encode() + data[at + 1:]
        else:
            at = data.find(b" the ", 3000)
            if at < 0:
                continue
            data = data[:at] + marker + b"1" + data[at:]
        path.write_bytes(data)
        return path
    raise SystemExit("no filing to change")


def remove_and_add(archive: Path, site: Path, work: Path, cache_dir: Path) -> list[dict]:
    """One filing taken out of the archive and the site built again, then put back and built again:
    the set of pages changes both times (the filing's pages go, then come back)."""
    source = change_one(archive)  # a plain-text 8-K of the archive (one more word changed)
    held = work / "held" / source.name
    held.parent.mkdir(exist_ok=True)
    shutil.move(source, held)
    try:
        removed = build(archive, site, work, cache_dir=cache_dir)
    finally:
        shutil.move(held, source)  # the archive is whole again, whatever happened
    added = build(archive, site, work, cache_dir=cache_dir)
    name = str(source.relative_to(archive))
    return [{"change": label, "filing": name, **{k: v for k, v in result.items() if k not in ("stdout", "stderr")}}
            for label, result in (("removed", removed), ("added", added))]


def serve_reload(archive: Path, work: Path, cache_dir: Path) -> dict:
    """`mkdocs serve` on the archive (the project's mkdocs.yml, the benchmark's warm cache): the
    seconds from changing one filing to the browsers being told to reload."""
    import socket

    import yaml

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(REPO / config["docs_dir"])
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "filings" in plugin:
            plugin["filings"].update(filings_dir=str(archive), templates_dir=str(REPO / "site_templates"),
                                     cache_dir=str(cache_dir))
    config_file = work / "mkdocs-serve.yml"
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    # The same port at each run when it is free: the dev server's address is the site's URL, which
    # the pages (their canonical links) and so the page cache depend on; a new port builds every page.
    port = 0
    for candidate in (SERVE_PORT, 0):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            port = sock.getsockname()[1]
            break
    log_file, stats_file = work / "serve.log", work / "stats-serve.json"
    stats_file.unlink(missing_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "FILINGS_BUILD_STATS": str(stats_file)}
    with open(log_file, "w") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file),
                                   "--dev-addr", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT,
                                  env=env, cwd=work)

    def wait_for(text: str, after: int, limit: float) -> bool:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if text in log_file.read_text(errors="replace")[after:]:
                return True
            if server.poll() is not None:
                return False
            time.sleep(0.2)
        return False

    try:
        if not wait_for("Serving on", 0, 3600):
            return {"error": log_file.read_text(errors="replace")[-2000:]}
        time.sleep(2)
        flushed = flush()  # as before the incremental builds
        mark = len(log_file.read_text(errors="replace"))
        changed = change_one(archive)
        started = time.perf_counter()
        if not wait_for("Reloading browsers", mark, 3600):
            return {"error": log_file.read_text(errors="replace")[-2000:]}
        seconds = time.perf_counter() - started
        tail = log_file.read_text(errors="replace")[mark:]
        built = re.search(r"Documentation built in ([\d.]+) seconds", tail)
        # The stages of the rebuild (the plugin writes them after each build, before the reload).
        stages = json.loads(stats_file.read_text()) if stats_file.is_file() else {}
        return {"changed": str(changed.relative_to(archive)), "reload": seconds,
                "build": float(built.group(1)) if built else None, "flushed": flushed, "stages": stages}
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: mkdocs serve removes its temporary site (2 GB at 10,000)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"


def kb(n: float) -> str:
    return f"{n / 1e3:,.1f} KB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of filings")
    ap.add_argument("--workdir", type=Path, default=REPO / ".build" / "scale")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--query", default="results of operations")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--no-incremental", action="store_true")
    ap.add_argument("--incremental-runs", type=int, default=3, help="incremental builds, one change each")
    ap.add_argument("--keep-cache", action="store_true", help="do not start from a cold cache")
    ap.add_argument("--serve", action="store_true", help="also time a `mkdocs serve` reload after one change")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"no corpus at {args.corpus}")

    work = args.workdir / str(args.n)
    work.mkdir(parents=True, exist_ok=True)
    archive, site, cache_dir = work / "filings", work / "site", work / "cache"

    t = time.perf_counter()
    identities = corpus_identities(args.corpus, args.workdir / "identities.json")
    info = make_archive(args.n, archive, args.corpus, identities)
    print(f"archive: {info['filings']} filings cloned from {len(identities)} corpus sources, "
          f"{mb(info['bytes'])} in {time.perf_counter() - t:.1f} s -> {archive}", flush=True)

    if not args.keep_cache and cache_dir.exists():
        shutil.rmtree(cache_dir)
    load = os.getloadavg()
    probe = [machine_probe()]
    cold = build(archive, site, work, cache_dir=cache_dir)
    probe.append(machine_probe())
    print(f"cold build: {cold['wall']:.1f} s, peak RSS {mb(cold['peak_tree_rss'])}", flush=True)
    report: dict = {"n": args.n, "cpus": os.cpu_count(), "load": " ".join(f"{x:.1f}" for x in load),
                    "probe": probe, "archive": info, "cold": {k: v for k, v in cold.items() if k not in ("stdout", "stderr")}}
    report["cold"]["summary"] = cold["stdout"].strip()
    source_bytes = info["bytes"]
    site_bytes = folder_bytes(site)
    search_bytes = folder_bytes(site / "search") if (site / "search").is_dir() else 0
    originals = sum(p.stat().st_size for p in (site / "filings").glob("*/files/*") if p.is_file())
    report["sizes"] = {"source": source_bytes, "site": site_bytes, "search_index": search_bytes,
                       "originals": originals}

    if not args.no_browser:
        report["browser"] = browser_search(site, args.query)

    if not args.no_incremental:
        runs = []
        for _ in range(max(1, args.incremental_runs)):
            changed = change_one(archive)
            warm = build(archive, site, work, cache_dir=cache_dir)
            runs.append({"changed": str(changed.relative_to(archive)),
                         **{k: v for k, v in warm.items() if k not in ("stdout", "stderr")}})
        report["incremental"] = runs[0]
        report["incremental_runs"] = runs
        report["added_removed"] = remove_and_add(archive, site, work, cache_dir)

    if args.serve:
        report["serve"] = serve_reload(archive, work, cache_dir)

    (work / "report.json").write_text(json.dumps(report, indent=1))
    print_table(report)


def search_costs(browser: dict) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """(raw, sent, files) of the search's start (the manifest) and of the query (index chunks,
    the results' facts and text fragments), whichever phase the browser fetched them in."""
    fetched = [f for phase in ("start", "query") for f in browser[phase]["list"]]
    per_query = [f for f in fetched if any(part in f[0] for part in ("/index/", "/docs/", "/fragment/"))]
    start = [f for f in fetched if f not in per_query]

    def total(files):
        return sum(f[1] for f in files), sum(f[2] for f in files), len(files)

    return total(start), total(per_query)


STAGES = ("read+parse", "link", "render", "mkdocs", "pages", "search index")
OWN = ("read+parse", "link", "render")


def _stage_at(laps: list, moment: float | None) -> str:
    """The build stage (from the plugin's laps: stage, end time) running at `moment`."""
    if not moment or not laps:
        return "?"
    return next((stage for stage, ended in laps if ended >= moment), "after the last stage")


def stage_parts(samples: list[tuple], laps: list) -> dict[str, tuple]:
    """The sample of the peak memory of the process tree in each stage of the build (`samples`:
    time, bytes of the tree, then what else a sample tells: the build process's, the largest
    other's), without its time: how each stage's memory grows with N, and in which process,
    which the one peak of the build does not tell."""
    peaks: dict[str, tuple] = {}
    for moment, *sample in samples:
        stage = _stage_at(laps, moment)
        if stage not in peaks or sample[0] > peaks[stage][0]:
            peaks[stage] = tuple(sample)
    return {stage: peaks[stage] for stage in dict.fromkeys(s for s, _ in laps) if stage in peaks}


def peaks_of(parts: dict[str, tuple]) -> dict[str, int]:
    """The peak memory of the process tree in each stage, from `stage_parts`."""
    return {stage: part[0] for stage, part in parts.items()}


def stage_peaks(samples: list[tuple], laps: list) -> dict[str, int]:
    """The peak memory of the process tree in each stage of the build (`stage_parts`)."""
    return peaks_of(stage_parts(samples, laps))


def print_table(report: dict) -> None:
    n = report["n"]
    cold, st = report["cold"], report["cold"].get("stages", {})
    cpu = st.get("cpu", {})
    rows: list[tuple[str, str, str]] = []
    total = cold["wall"]
    own = sum(st.get(k, 0) for k in OWN)
    rows.append(("filings / pages indexed", f"{st.get('filings', '?')} / {st.get('search_pages', '?')}", ""))
    for key in STAGES:
        if key in st:
            label = {"mkdocs": "MkDocs (own work)", "pages": "MkDocs pages (workers)"}.get(key, key)
            rows.append((f"  {label}", f"{st[key]:.1f} s wall, {cpu.get(key, 0):.1f} s CPU", ""))
    rows.append(("full build (wall)", f"{total:.1f} s", "<= 180 s at 10,000"))
    rows.append(("builder's own stages", f"{own:.1f} s = {100 * own / total:.0f} %", "<= 15 %"))
    rows.append(("peak RSS, process tree (sum of PSS)", mb(cold["peak_tree_rss"]), "<= 2 GB"))
    rows.append(("  largest single process (max RSS)", mb(cold["largest_process_rss"]), ""))
    rows.append(("  CPU the memory sampler took (of the build's time)", f"{cold.get('sampler_cpu', 0):.1f} s", ""))
    rows.append(("  stage running at the peak", _stage_at(st.get("laps") or [], cold.get("peak_time")), ""))
    if cold.get("stage_peaks"):
        rows.append(("  peak of each stage", ", ".join(f"{k} {mb(v)}" for k, v in cold["stage_peaks"].items()),
                     "bounded, not growing with N"))
    if cold.get("stage_peak_parts"):
        rows.append(("  at each stage's peak, RSS: build process / largest other",
                     ", ".join(f"{k} {mb(v[1])} / {mb(v[2])}" for k, v in cold["stage_peak_parts"].items()), ""))
    sz = report["sizes"]
    rows.append(("source", mb(sz["source"]), ""))
    rows.append(("site", f"{mb(sz['site'])} = {sz['site'] / sz['source']:.2f}x source", "<= 2x"))
    if sz.get("originals"):
        rest = sz["site"] - sz["originals"]
        rows.append(("  of which copies of the sources", f"{mb(sz['originals'])}; the rest {mb(rest)} = {rest / sz['source']:.2f}x", ""))
    rows.append(("search index", f"{mb(sz['search_index'])}, {st.get('search_chunks', '?')} index chunks", ""))
    br = report.get("browser")
    if br:
        start, query = search_costs(br)
        rows.append(("page load, search assets", f"{kb(br['page']['search_sent'])}", ""))
        rows.append(("search start (sent / raw)", f"{kb(start[1])} / {kb(start[0])}, {start[2]} files", "<= 100 KB"))
        rows.append(("one query (sent / raw)", f"{kb(query[1])} / {kb(query[0])}, {query[2]} files, {br['results_shown']} results", "<= 300 KB"))
        if "filters" in br:
            rows.append(("filters opened + form filter", f"{kb(br['filters']['sent'])}, {br['filters']['files']} files", ""))
        rows.append(("requests leaving the site", str(br["outside"]["files"]), "0"))
    inc = report.get("incremental")
    if inc:
        ist = inc.get("stages", {})
        own_inc = sum(ist.get(k, 0) for k in OWN)
        parts = ", ".join(f"{k} {ist.get(k, 0):.1f}" for k in OWN)
        rows.append(("incremental: builder's stages", f"{own_inc:.1f} s ({parts}; parsed {ist.get('parsed', '?')})", "<= 2 s"))
        if ist.get("rendered") is not None:
            rows.append(("incremental: Markdown pages rendered again",
                         f"{ist['rendered']} (reused {ist.get('render_reused', '?')})", ""))
        rows.append(("incremental: pages read again for the search", f"{ist.get('search_read', '?')} of {ist.get('search_pages', '?')}", ""))
        rows.append(("incremental: pages in the search's delta segment", f"{ist.get('search_delta', '?')} (0: written whole)", ""))
        rows.append(("incremental: pages built again", f"{(ist.get('page_count') or 0) - (ist.get('pages_reused') or 0)} of {ist.get('page_count') or '?'}", ""))
        rows.append(("incremental: full rebuild", f"{inc['wall']:.1f} s", ""))
        runs = report.get("incremental_runs") or [inc]
        if len(runs) > 1:
            each = [sum(r.get("stages", {}).get(k, 0) for k in OWN) for r in runs]
            rows.append(("incremental: builder's stages, each run", ", ".join(f"{x:.2f}" for x in each)
                         + f" s (median {statistics.median(each):.2f} s)", "<= 2 s"))
            rows.append(("incremental: full rebuild, each run", ", ".join(f"{r['wall']:.1f}" for r in runs) + " s", ""))
        rows.append(("  last build's writes flushed before each (sync)",
                     ", ".join(f"{r.get('flushed', 0):.1f}" for r in runs) + " s", ""))
    for run in report.get("added_removed") or []:
        ist = run.get("stages", {})
        rows.append((f"one filing {run['change']}: builder's stages / whole build",
                     f"{sum(ist.get(k, 0) for k in OWN):.1f} s / {run['wall']:.1f} s", ""))
        rows.append((f"one filing {run['change']}: pages built again",
                     f"{(ist.get('page_count') or 0) - (ist.get('pages_reused') or 0)} of {ist.get('page_count') or '?'}"
                     f" (search read {ist.get('search_read', '?')})", ""))
    sv = report.get("serve")
    if sv:
        rows.append(("mkdocs serve: change to reload", f"{sv['reload']:.1f} s" if "reload" in sv else sv.get("error", "?")[-200:], ""))
        if "flushed" in sv:
            rows.append(("  first build's writes flushed before (sync)", f"{sv['flushed']:.1f} s", ""))
        sst = sv.get("stages") or {}
        if sst.get("parsed") is not None:  # the rebuild's own stats (a first build's would parse every filing)
            parts = ", ".join(f"{k} {sst.get(k, 0):.1f}" for k in OWN)
            rows.append(("mkdocs serve: builder's stages", f"{sum(sst.get(k, 0) for k in OWN):.2f} s ({parts}; parsed {sst['parsed']})",
                         "<= 2 s"))
    width = max(len(r[0]) for r in rows)
    probe = " / ".join(f"{x:.3f}" for x in report.get("probe", []))
    print(f"\nN = {n:,} filings on {report['cpus']} cores (load average before: {report.get('load', '?')}; "
          f"machine probe before / after the cold build: {probe or '?'} CPU s)")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:<52} {target}")


if __name__ == "__main__":
    main()
