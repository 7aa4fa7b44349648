"""The command line: `python -m builder build | markdown | inspect`.

`build` and `inspect --json` are contracts for tools and benchmarks: keep them stable.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import TextIO

import click

from builder.output import OutputError, check_apart, discard_staging, staging_dir, swap_into_place
from builder.pipeline import load_archive, parse_one
from builder.read import find_sources, read_source
from builder.render import render_site

REPO_ROOT = Path(__file__).resolve().parent.parent


def _default_config() -> Path:
    """`mkdocs.yml` in the current folder, else the one shipped beside the package."""
    here = Path("mkdocs.yml")
    return here if here.is_file() else REPO_ROOT / "mkdocs.yml"


def _prepare_output(filings_dir: Path, out: Path) -> Path:
    """The staging folder for `out`; a bad output folder is one error line, not a traceback."""
    try:
        check_apart(filings_dir, out)
        return staging_dir(out)
    except OutputError as exc:
        raise click.ClickException(str(exc)) from None


def _finish_output(tmp: Path, out: Path) -> None:
    try:
        swap_into_place(tmp, out)
    except OutputError as exc:
        raise click.ClickException(str(exc)) from None


@click.group()
def main() -> None:
    """Build browsable websites from folders of SEC filings."""


class _Display:
    """Per-stage progress on a stream (stderr): one line that updates in place on a terminal,
    plain lines otherwise (a stage's last line, and a line every `every` seconds on a long stage),
    nothing at all when not `enabled`.
    """

    def __init__(self, stream: TextIO, *, enabled: bool = True, tty: bool | None = None, every: float = 10.0):
        self.stream = stream
        self.enabled = enabled
        self.tty = stream.isatty() if tty is None else tty
        self.every = every
        self.stage: str | None = None
        self.unit = ""
        self.done = 0
        self.total: int | None = None
        self.started = self.shown = 0.0
        self.dirty = False  # a terminal line is on screen, not ended by a newline

    def start(self, stage: str, total: int | None = None, unit: str = "") -> None:
        """Begin `stage` (ending the stage before it, if that was not ended)."""
        if self.stage is not None:
            self.finish()
        self.stage, self.total, self.unit, self.done = stage, total, unit, 0
        self.started = self.shown = time.perf_counter()
        if self.tty:
            self._draw()

    def update(self, stage: str, done: int, total: int | None = None, unit: str = "") -> None:
        """`done` of `total` items of `stage` are through (starts the stage on its first call)."""
        if stage != self.stage:
            self.start(stage, total, unit)
        self.done, self.total = done, total if total is not None else self.total
        now = time.perf_counter()
        if self.tty:
            if now - self.shown >= 0.1 or done == self.total:
                self.shown = now
                self._draw()
        elif now - self.shown >= self.every:
            self.shown = now
            self._line(self._text())

    def finish(self, detail: str = "") -> None:
        """End the current stage with its count, `detail` and time."""
        if self.stage is None:
            return
        self._line(f"{self._text(detail)} in {time.perf_counter() - self.started:.1f} s")
        self.stage = None

    def clear(self) -> None:
        """Erase the updating line (before something else is printed on the terminal)."""
        if self.enabled and self.dirty:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.dirty = False

    def _text(self, detail: str = "") -> str:
        parts = []
        if self.done or self.total:
            count = f"{self.done}/{self.total}" if self.total is not None else f"{self.done}"
            parts.append(f"{count} {self.unit}".rstrip())
        if detail:
            parts.append(detail)
        return f"{self.stage:<11} {', '.join(parts)}".rstrip()

    def _draw(self) -> None:
        if self.enabled:
            self.stream.write(f"\r{self._text()}\x1b[K")
            self.stream.flush()
            self.dirty = True

    def _line(self, text: str) -> None:
        if self.enabled:
            self.clear()
            self.stream.write(text + "\n")
            self.stream.flush()


class _DisplayLogHandler(logging.StreamHandler):
    """Log records on stderr that first erase the display's updating line."""

    def __init__(self, display: _Display):
        super().__init__(sys.stderr)
        self.display = display
        self.setFormatter(logging.Formatter("%(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.display.clear()
        super().emit(record)


def _progress_plugin(display: _Display, filings_plugin):
    """A MkDocs plugin object that reports the stages after the filings plugin's to `display`."""
    from mkdocs.plugins import BasePlugin

    class _Progress(BasePlugin):
        pages = 0
        counts: dict[str, int] = {}

        def on_files(self, files, config):  # runs after the filings plugin: its pages are in
            self.pages = len(files.documentation_pages())
            self.counts = {"markdown": 0, "write": 0}
            counts = filings_plugin.counts
            display.finish(f"{counts.filings} filings, {counts.registrants} registrants, "
                           f"{counts.problems} problems -> {self.pages} pages")
            return files

        def _count(self, stage: str) -> None:  # pages MkDocs builds here (not on the workers)
            self.counts[stage] += 1
            display.update(stage, self.counts[stage], self.pages, "pages")

        def on_page_content(self, html, page, config, files):
            self._count("markdown")
            return html

        def on_post_page(self, output, page, config):
            self._count("write")
            return output

        def on_post_build(self, config):  # after the search plugin has written its index
            display.finish()

        def on_build_error(self, error):
            display.clear()

    return _Progress()


def _archive_progress(display: _Display):
    """The `progress` callback of `load_archive`, shown on `display`."""

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "read+parse":
            display.update("read+parse", done, total, "sources")
        elif stage == "link" and done == 0:
            display.start("link+render")  # ended by the progress plugin, once the pages are in
        elif stage in ("pages", "search index"):  # pages built on every core; the search index
            display.update(stage, done, total, "pages")

    return progress


@main.command()
@click.argument("filings_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), help="Folder to write the site to.")
@click.option("--config-file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="MkDocs configuration (default: ./mkdocs.yml, else the project's).")
@click.option("--site-url", default=None, metavar="URL",
              help="Where the site will be published, e.g. https://USER.github.io/REPO/ (overrides site_url).")
@click.option("--strict/--no-strict", default=False, help="Fail on MkDocs warnings.")
@click.option("--quiet", is_flag=True, help="Print only the summary line (and warnings).")
@click.option("--verbose", is_flag=True, help="Also print MkDocs' informational log lines.")
def build(filings_dir: Path, out: Path, config_file: Path | None, site_url: str | None, strict: bool,
          quiet: bool, verbose: bool) -> None:
    """Build the whole site from FILINGS_DIR into --out (same as `mkdocs build`).

    Shows each stage with its counts on stderr (read+parse, link, render, markdown, write):
    one updating line on a terminal, plain lines otherwise; then the summary line on stdout.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    started = time.perf_counter()
    display = _Display(sys.stderr, enabled=not quiet)
    handler = _DisplayLogHandler(display)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO if verbose and not quiet else logging.WARNING)
    out = out.resolve()
    tmp = _prepare_output(filings_dir, out)
    overrides = {"site_url": site_url} if site_url is not None else {}
    try:
        config = load_config(str(config_file or _default_config()), site_dir=str(tmp), strict=strict, **overrides)
        plugin = config.plugins["filings"]
        plugin.config.filings_dir = str(filings_dir.resolve())
        plugin.progress = _archive_progress(display)
        plugin.staging = True  # built into a staging folder swapped in after: nothing to take back next time
        config.plugins["filings-progress"] = _progress_plugin(display, plugin)
        display.start("read+parse", unit="sources")
        mkdocs_build(config)
    except BaseException:
        display.clear()
        discard_staging(tmp, out)
        raise
    finally:
        root.removeHandler(handler)
    _finish_output(tmp, out)
    counts = plugin.counts
    click.echo(
        f"built {out}: {counts.filings} filings, {counts.registrants} registrants, "
        f"{counts.documents} documents, {counts.problems} problems in {time.perf_counter() - started:.1f} s"
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
    tmp = _prepare_output(filings_dir, out)
    try:
        for generated in render_site(archive, templates_dir, filings_dir=filings_dir):
            target = tmp / generated.path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(generated.content, bytes):
                target.write_bytes(generated.content)
            else:
                target.write_text(generated.content, encoding="utf-8")
    except BaseException:
        discard_staging(tmp, out)
        raise
    _finish_output(tmp, out)
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
