"""What the build process lets go of before MkDocs' stages: the page builders are forked from it,
and the search runs beside it, so what it holds then counts once per stage (builder/plugin.py,
builder/pagebuild.py, builder/render/store.py)."""

from __future__ import annotations

import logging
import os
import threading
import weakref

import pytest

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import InclusionLevel

import builder.pagebuild as pagebuild
import builder.making as making_module
import builder.plugin as plugin_module
from conftest import REPO, project_config


def test_the_archive_the_parse_cache_and_the_pages_out_of_the_nav_are_let_go_of_before_the_pages_are_built(
        tmp_path, monkeypatch):
    held: dict[str, weakref.ref] = {}
    seen: dict[str, object] = {}
    real_load, real_build = making_module.load_archive, pagebuild.ParallelPages.build

    def load_archive(filings_dir, progress=None, *, cache=None, jobs=None):
        archive = real_load(filings_dir, progress, cache=cache, jobs=jobs)
        held["archive"], held["parse cache"] = weakref.ref(archive), weakref.ref(cache)
        return archive

    def build_pages(self, config, files, nav, env, **kwargs):
        # no collection here: the build freezes what survives its stages, so only what nothing refers to is gone
        seen["alive"] = sorted(name for name, ref in held.items() if ref() is not None)
        seen["pages out of the nav"] = sum(f.page is not None for f in self.taken
                                           if self.inclusion[f.src_uri] == InclusionLevel.NOT_IN_NAV)
        seen["out of the nav"] = sum(self.inclusion[f.src_uri] == InclusionLevel.NOT_IN_NAV for f in self.taken)
        seen["store"] = (config.plugins["filings"].render_store.previous, config.plugins["filings"].render_store.filings,
                         len(config.plugins["filings"].render_store.spans))
        return real_build(self, config, files, nav, env, **kwargs)

    monkeypatch.setattr(making_module, "load_archive", load_archive)
    monkeypatch.setattr(pagebuild.ParallelPages, "build", build_pages)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("FILINGS_WORKERS", raising=False)
    path = project_config(tmp_path / "mkdocs.yml", filings_dir=str(REPO / "filings"), cache_dir=str(tmp_path / "cache"),
                          workers=2, parallel_from=10, extra={"site_url": "https://example.org/archive/"})
    config = load_config(str(path), site_dir=str(tmp_path / "site"))

    class Probe(BasePlugin):  # an early on_nav of another plugin: never sees the page MkDocs' nav did not make
        @event_priority(50)
        def on_nav(self, nav, config, files):
            seen["sentinels"] = sum(f.page is plugin_module._NOT_MADE for f in files)
            return nav

    config.plugins["probe"] = Probe()
    # A thread beside the build, as under `mkdocs serve`: the archive is read here, not in a process of its own.
    beside = threading.Event()
    threading.Thread(target=beside.wait).start()
    try:
        build(config)
    finally:
        beside.set()

    assert sorted(held) == ["archive", "parse cache"]  # read here
    assert seen["alive"] == [] and seen["sentinels"] == 0
    assert seen["out of the nav"] > 100 and seen["pages out of the nav"] == 0  # the workers make them
    previous, filings, spans = seen["store"]
    assert previous == {} and filings == {} and spans > 0  # the render store keeps what the bodies are read by
    filings_plugin = config.plugins["filings"]
    assert filings_plugin.counts.filings == 46 and filings_plugin.counts.documents > 46
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")  # made again from the pages let go of
    assert sitemap.count("<loc>") > seen["out of the nav"] and "<loc>https://example.org/archive/filings/" in sitemap


def _build_noting_where_the_archive_is_read(tmp_path, monkeypatch, name: str, *, thread: bool = False,
                                            warn: bool = False) -> tuple[int, dict[str, bytes]]:
    """The sample built into tmp_path/name (a thread running beside the build with `thread`, as
    under `mkdocs serve`; a warning logged by the filings plugin as the archive is rendered with
    `warn`): the process the archive was read in, and the site's files."""
    noted = tmp_path / f"{name}.pid"
    real_load, real_render = making_module.load_archive, making_module.render_site

    def load_archive(*args, **kwargs):
        noted.write_text(str(os.getpid()))
        return real_load(*args, **kwargs)

    def render_site(*args, **kwargs):
        if warn:
            logging.getLogger("mkdocs.plugins.filings").warning("filings: a warning while rendering")
        return real_render(*args, **kwargs)

    monkeypatch.setattr(making_module, "load_archive", load_archive)
    monkeypatch.setattr(making_module, "render_site", render_site)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("FILINGS_WORKERS", raising=False)
    path = project_config(tmp_path / f"{name}.yml", filings_dir=str(REPO / "filings"),
                          cache_dir=str(tmp_path / f"{name}-cache"), workers=2, parallel_from=10)
    config = load_config(str(path), site_dir=str(tmp_path / name), strict=warn)
    beside = threading.Event()
    runner = threading.Thread(target=beside.wait) if thread else None
    if runner is not None:
        runner.start()
    try:
        build(config)
    finally:
        beside.set()
    site = tmp_path / name
    return int(noted.read_text()), {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_the_archive_is_read_and_rendered_in_a_process_forked_for_it_and_the_site_is_the_one_made_here(
        tmp_path, monkeypatch):
    apart_pid, apart_site = _build_noting_where_the_archive_is_read(tmp_path, monkeypatch, "apart")
    here_pid, here_site = _build_noting_where_the_archive_is_read(tmp_path, monkeypatch, "here", thread=True)
    assert apart_pid != os.getpid() and here_pid == os.getpid()  # with a thread beside: read here (`mkdocs serve`)
    assert len(apart_site) > 300 and apart_site.keys() == here_site.keys()
    assert [path for path in apart_site if apart_site[path] != here_site[path]] == []


def test_a_warning_logged_where_the_archive_is_rendered_fails_a_strict_build(tmp_path, monkeypatch, caplog):
    with pytest.raises(Abort, match="1 warnings"):
        _build_noting_where_the_archive_is_read(tmp_path, monkeypatch, "strict", warn=True)
    assert "filings: a warning while rendering" in caplog.text


def test_after_one_change_the_files_are_added_while_the_render_caches_manifest_is_written_and_it_is_by_the_end(
        archive_dir, tmp_path, monkeypatch):
    waited: list[bool] = []  # at each build's adding of the files: whether the process that made them was waited for
    real_add = plugin_module.FilingsPlugin._add_files

    def add_files(self, files, config, made):
        waited.append(self.apart is None)
        return real_add(self, files, config, made)

    monkeypatch.setattr(plugin_module.FilingsPlugin, "_add_files", add_files)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("FILINGS_WORKERS", raising=False)
    path = project_config(tmp_path / "mkdocs.yml", filings_dir=str(archive_dir), cache_dir=str(tmp_path / "cache"),
                          workers=2, parallel_from=10)

    def build_once() -> int:
        config = load_config(str(path), site_dir=str(tmp_path / "site"))
        build(config)
        plugin = config.plugins["filings"]
        assert plugin.apart is None  # waited for by the end of the build
        return plugin.render_store.rendered

    assert build_once() > 200  # every page rendered: waited for before the files were added
    report = archive_dir / "asta-funding" / "1001258_8K_2004_0001125282-04-000379.txt"
    report.write_bytes(report.read_bytes().replace(b"210 Sylvan Avenue", b"211 Sylvan Avenue"))
    assert 0 < build_once() <= 12  # a few: the files added while the manifest was written
    assert build_once() == 0  # that manifest was written whole: nothing to render again
    assert waited == [True, False, False]
