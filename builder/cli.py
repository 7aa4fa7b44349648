"""The command line: `python -m builder build | markdown | inspect`.

`build` and `inspect --json` are contracts for tools and benchmarks: keep them stable.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import time
from pathlib import Path

import click

from builder.pipeline import load_archive, parse_one
from builder.read import find_sources, read_source
from builder.render import render_site

REPO_ROOT = Path(__file__).resolve().parent.parent


def _default_config() -> Path:
    """`mkdocs.yml` in the current folder, else the one shipped beside the package."""
    here = Path("mkdocs.yml")
    return here if here.is_file() else REPO_ROOT / "mkdocs.yml"


def _swap_into_place(tmp: Path, out: Path) -> None:
    """Replace `out` with the finished `tmp` folder, so a half-built output never stands as complete."""
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    if old.exists():
        shutil.rmtree(old)


def _staging_dir(out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    return tmp


@click.group()
def main() -> None:
    """Build browsable websites from folders of SEC filings."""


@main.command()
@click.argument("filings_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), help="Folder to write the site to.")
@click.option("--config-file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="MkDocs configuration (default: ./mkdocs.yml, else the project's).")
@click.option("--strict/--no-strict", default=False, help="Fail on MkDocs warnings.")
@click.option("--quiet", is_flag=True, help="Print only the summary line.")
def build(filings_dir: Path, out: Path, config_file: Path | None, strict: bool, quiet: bool) -> None:
    """Build the whole site from FILINGS_DIR into --out (same as `mkdocs build`)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO, format="%(levelname)s %(message)s")
    started = time.perf_counter()
    out = out.resolve()
    tmp = _staging_dir(out)
    config = load_config(str(config_file or _default_config()), site_dir=str(tmp), strict=strict)
    plugin = config.plugins["filings"]
    plugin.config.filings_dir = str(filings_dir.resolve())
    try:
        mkdocs_build(config)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _swap_into_place(tmp, out)
    archive = plugin.archive
    documents = sum(len(f.documents) for f in archive.filings)
    click.echo(
        f"built {out}: {len(archive.filings)} filings, {len(archive.registrants)} registrants, "
        f"{documents} documents, {len(archive.problems)} problems in {time.perf_counter() - started:.1f} s"
    )


@main.command()
@click.argument("filings_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), help="Folder to write the Markdown to.")
@click.option("--templates-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=REPO_ROOT / "site_templates", help="Jinja2 templates of the pages.")
def markdown(filings_dir: Path, out: Path, templates_dir: Path) -> None:
    """Write only the generated Markdown pages (and assets) of FILINGS_DIR into --out."""
    archive = load_archive(filings_dir)
    out = out.resolve()
    tmp = _staging_dir(out)
    for generated in render_site(archive, templates_dir):
        target = tmp / generated.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(generated.content, bytes):
            target.write_bytes(generated.content)
        else:
            target.write_text(generated.content, encoding="utf-8")
    _swap_into_place(tmp, out)
    click.echo(f"wrote {out}: {len(archive.filings)} filings, {len(archive.problems)} problems")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, required=True, help="Print one JSON object per filing per line.")
def inspect(paths: tuple[Path, ...], as_json: bool) -> None:
    """Parse files (or folders, recursively) and print one JSON object per filing per line."""
    for path in paths:
        sources = find_sources(path) if path.is_dir() else [path]
        for source in sources:
            filing, problems = parse_one(read_source(source))
            if filing is not None:
                record = filing.to_json()
            else:
                record = _empty_record(str(source), [p.reason for p in problems])
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def _empty_record(source: str, problems: list[str]) -> dict:
    """The JSON of a source that did not become a filing: every field null, the reasons in `problems`."""
    from builder.model.filing import Filing

    record = Filing(source=source, shape="not-a-filing").to_json()
    record["problems"] = problems
    return record
