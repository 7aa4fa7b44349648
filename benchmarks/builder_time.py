"""Where the builder's own CPU goes: the read+parse and render stages of a cold build, by activity.

    .venv/bin/python benchmarks/builder_time.py FILINGS_DIR [--templates DIR] [--json]

FILINGS_DIR is any filings folder: `filings/`, or an archive `benchmarks/scale.py` made
(`.build/scale/1000/filings`). The real stages run in this one process, as a cold build runs them
in its workers: `load_archive` (jobs 1, a fresh parse cache), then `render_site` (jobs 1, a fresh
render cache), both in a temporary folder. A timer (CPU seconds of this process) wraps each
function below; the script prints each one's CPU, its share of its stage, and its milliseconds per
filing. The timers cost about a microsecond a call: they wrap calls made per source, document or
page, never per node of a tree. An activity indented under another is inside it. "other" is the
rest of the stage (its CPU less its activities at the first level).

- read+parse: reading a source (`read_source`: its files found, decoded, the submission split);
  HTML made text for the text parsers (`html_to_text`: main documents only); the text parsers
  (cover page, items, signatures, exhibit index); the parse cache (the result pickled, written, and
  its skeleton unpickled);
- render: the index pages (`_index_pages`) and, inside, their templates; the filings' HTML
  documents sanitized (`sanitize_html`) and, inside, nh3 (`nh3.clean`); the filings' pages'
  templates (`Template.render` outside the index pages); the originals compressed for download
  (`compress_file`).

The figures are one process's CPU: a build spreads these stages over every core, and its wall
time is about this CPU over the cores (`benchmarks/scale.py` gives the stages' wall and CPU).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import jinja2.environment  # noqa: E402
import nh3  # noqa: E402

import builder.cache  # noqa: E402
import builder.parse  # noqa: E402
import builder.pipeline  # noqa: E402
import builder.render  # noqa: E402
import builder.render.filing_pages  # noqa: E402
import builder.render.store  # noqa: E402
from builder.collector import collector_paused  # noqa: E402


@dataclass
class Activity:
    """One timed function: where it is looked up, its label, its stage, and how deep it nests."""

    #: The module or class whose attribute is replaced by the timed function (None: timed by another's).
    owner: object
    name: str
    label: str
    stage: str
    depth: int = 1
    cpu: float = 0.0
    calls: int = 0
    #: Calls under way (an activity another one's timer looks at: `inside`).
    running: int = 0
    #: Another activity: this one's calls made while that one runs are its part (`within`).
    inside: Activity | None = None
    within: Activity | None = None


ACTIVITIES = [
    Activity(builder.pipeline, "read_source", "read a source: find, decode, split", "read+parse"),
    Activity(builder.parse, "html_to_text", "HTML made text (main documents)", "read+parse"),
    Activity(builder.parse, "parse_cover", "cover page", "read+parse"),
    Activity(builder.parse, "parse_items", "items", "read+parse"),
    Activity(builder.parse, "parse_signatures", "signatures", "read+parse"),
    Activity(builder.parse, "parse_exhibit_index", "exhibit index", "read+parse"),
    Activity(builder.pipeline, "pack", "parse cache: pickle", "read+parse"),
    Activity(builder.cache.ParseCache, "store", "parse cache: write", "read+parse"),
    Activity(builder.cache.ParseCache, "unpack", "parse cache: unpickle the skeleton", "read+parse"),
    INDEX_PAGES := Activity(builder.render, "_index_pages", "index pages (home, registrants, years ...)", "render"),
    # Timed by the filings' templates' wrapper when the index pages run (`within`): not wrapped itself.
    INDEX_TEMPLATES := Activity(None, "render", "their templates", "render", depth=2),
    Activity(builder.render.filing_pages, "sanitize_html", "HTML documents sanitized", "render"),
    Activity(nh3, "clean", "nh3", "render", depth=2),
    Activity(jinja2.environment.Template, "render", "templates of the filings' pages", "render",
             inside=INDEX_PAGES, within=INDEX_TEMPLATES),
    Activity(builder.render.store, "compress_file", "originals compressed for download", "render"),
]


def timed(activity: Activity):
    real = getattr(activity.owner, activity.name)

    def wrapper(*args, **kwargs):
        counted = activity.within if activity.inside is not None and activity.inside.running else activity
        started = time.process_time()
        counted.running += 1
        try:
            return real(*args, **kwargs)
        finally:
            counted.running -= 1
            counted.cpu += time.process_time() - started
            counted.calls += 1
    wrapper.__wrapped__ = real
    return wrapper


def measure(filings_dir: Path, templates_dir: Path) -> dict:
    for activity in ACTIVITIES:
        activity.cpu, activity.calls, activity.running = 0.0, 0, 0
    wrapped = [a for a in ACTIVITIES if a.owner is not None]
    for activity in wrapped:
        setattr(activity.owner, activity.name, timed(activity))
    stages: dict[str, float] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="builder-time-") as work, collector_paused():
            cache = builder.cache.ParseCache(Path(work), filings_dir)
            started = time.process_time()
            archive = builder.pipeline.load_archive(filings_dir, cache=cache, jobs=1)
            stages["read+parse"] = time.process_time() - started
            store = builder.render.RenderStore.open(Path(work) / "render", templates_dir, digests=cache.digests,
                                                    facts=cache.facts)
            started = time.process_time()
            builder.render.render_site(archive, templates_dir, filings_dir=filings_dir, store=store, jobs=1)
            stages["render"] = time.process_time() - started
    finally:
        for activity in wrapped:
            setattr(activity.owner, activity.name, getattr(activity.owner, activity.name).__wrapped__)
    return {"filings": len(archive.filings), "stages": stages,
            "activities": [{"label": a.label, "stage": a.stage, "depth": a.depth, "cpu": a.cpu, "calls": a.calls}
                           for a in ACTIVITIES]}


def report(figures: dict) -> None:
    n = max(1, figures["filings"])
    total = sum(figures["stages"].values())
    print(f"{figures['filings']:,} filings; the builder's CPU: {total:.2f} s ({1000 * total / n:.2f} ms a filing)")
    print(f"{'':52s} {'CPU s':>8s} {'share':>7s} {'ms/filing':>10s} {'calls':>8s}")
    for stage, cpu in figures["stages"].items():
        print(f"{stage:52s} {cpu:8.2f} {cpu / total:7.0%} {1000 * cpu / n:10.2f}")
        mine = [a for a in figures["activities"] if a["stage"] == stage]
        for a in mine:
            label = "  " * a["depth"] + a["label"]
            print(f"{label:52s} {a['cpu']:8.2f} {a['cpu'] / cpu:7.0%} {1000 * a['cpu'] / n:10.2f} {a['calls']:8,d}")
        other = cpu - sum(a["cpu"] for a in mine if a["depth"] == 1)
        print(f"{'  other':52s} {other:8.2f} {other / cpu:7.0%} {1000 * other / n:10.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("filings_dir", type=Path)
    ap.add_argument("--templates", type=Path, default=REPO / "site_templates")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    figures = measure(args.filings_dir.resolve(), args.templates.resolve())
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        report(figures)


if __name__ == "__main__":
    main()
