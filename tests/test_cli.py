"""`python -m builder build`: progress per stage with counts on stderr, the summary line on stdout."""

from __future__ import annotations

import io
import re
import subprocess
import sys


from builder.cli import _Display
from conftest import REPO, project_config


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_display_updates_one_line_in_place_on_a_terminal():
    stream = _Terminal()
    display = _Display(stream)
    assert display.tty
    display.start("read+parse", unit="sources")
    for done in range(1, 6):
        display.update("read+parse", done, 5, "sources")
    display.start("link+render")  # ends the stage before it
    display.finish("46 filings")
    out = stream.getvalue()
    assert "\rread+parse  5/5 sources\x1b[K" in out
    lines = out.split("\n")
    shown = [line[line.rindex("\r"):] for line in lines[:2]]  # what the terminal shows: the last redraw
    assert re.fullmatch(r"\r\x1b\[Kread\+parse  5/5 sources in \d+\.\d s", shown[0]), shown
    assert re.fullmatch(r"\r\x1b\[Klink\+render 46 filings in \d+\.\d s", shown[1]), shown
    assert lines[2] == ""


def test_display_prints_plain_lines_when_not_a_terminal_and_nothing_when_quiet():
    stream = io.StringIO()
    display = _Display(stream)
    assert not display.tty
    for done in range(1, 1001):
        display.update("write", done, 1000, "pages")
    display.finish("search index")
    assert re.fullmatch(r"write       1000/1000 pages, search index in \d+\.\d s\n", stream.getvalue())

    every = io.StringIO()
    display = _Display(every, every=0.0)  # a long stage: a line now and then
    for done in range(1, 4):
        display.update("markdown", done, 3, "pages")
    display.finish()
    assert every.getvalue().splitlines()[:3] == ["markdown    1/3 pages", "markdown    2/3 pages", "markdown    3/3 pages"]

    quiet = _Terminal()
    display = _Display(quiet, enabled=False)
    display.update("read+parse", 1, 2, "sources")
    display.finish()
    display.clear()
    assert quiet.getvalue() == ""


def _stages(tmp_path, *options: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "builder", "build", str(REPO / "filings"), "--out", str(tmp_path / "site"), *options],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert re.search(r"^read\+parse  (\d+)/\1 sources in \d+\.\d s$", result.stderr, re.M), result.stderr
    assert re.search(r"^link\+render \d+ filings, \d+ registrants, \d+ problems -> (\d+) pages in", result.stderr, re.M)
    assert "\r" not in result.stderr and "\x1b" not in result.stderr  # not a terminal: plain lines
    assert re.fullmatch(r"built .+: \d+ filings, \d+ registrants, \d+ documents, \d+ problems in \d+\.\d s\n",
                        result.stdout)
    return result


def test_build_shows_each_stage_with_counts_then_the_summary(tmp_path):
    result = _stages(tmp_path)
    stages = [line.split()[0] for line in result.stderr.splitlines()]
    assert stages == ["read+parse", "link+render", "markdown", "write", "search"], result.stderr
    pages = re.search(r"-> (\d+) pages", result.stderr).group(1)
    assert re.search(rf"^markdown    {pages}/{pages} pages in \d+\.\d s$", result.stderr, re.M)
    assert re.search(rf"^write       {pages}/{pages} pages in \d+\.\d s$", result.stderr, re.M)
    assert re.search(r"^search index (\d+)/\1 pages in \d+\.\d s$", result.stderr, re.M), result.stderr


def test_build_on_page_workers_shows_the_pages_they_built(tmp_path):
    project_config(tmp_path / "mkdocs.yml", workers=2, parallel_from=1, cache_dir=str(tmp_path / "cache"))
    result = _stages(tmp_path, "--config-file", str(tmp_path / "mkdocs.yml"))
    stages = [line.split()[0] for line in result.stderr.splitlines()]
    assert stages == ["read+parse", "link+render", "pages", "search"], result.stderr
    pages = re.search(r"-> (\d+) pages", result.stderr).group(1)
    assert re.search(rf"^pages       {pages}/{pages} pages in \d+\.\d s$", result.stderr, re.M), result.stderr
