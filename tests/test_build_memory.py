"""What the build process lets go of before MkDocs' stages: the page builders are forked from it,
and the search runs beside it, so what it holds then counts once per stage (builder/plugin.py,
builder/pagebuild.py, builder/render/store.py)."""

from __future__ import annotations

import weakref

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import InclusionLevel

import builder.pagebuild as pagebuild
import builder.plugin as plugin_module
from conftest import REPO, project_config


def test_the_archive_the_parse_cache_and_the_pages_out_of_the_nav_are_let_go_of_before_the_pages_are_built(
        tmp_path, monkeypatch):
    held: dict[str, weakref.ref] = {}
    seen: dict[str, object] = {}
    real_load, real_build = plugin_module.load_archive, pagebuild.ParallelPages.build

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

    monkeypatch.setattr(plugin_module, "load_archive", load_archive)
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
    build(config)

    assert seen["alive"] == [] and seen["sentinels"] == 0
    assert seen["out of the nav"] > 100 and seen["pages out of the nav"] == 0  # the workers make them
    previous, filings, spans = seen["store"]
    assert previous == {} and filings == {} and spans > 0  # the render store keeps what the bodies are read by
    filings_plugin = config.plugins["filings"]
    assert filings_plugin.counts.filings == 46 and filings_plugin.counts.documents > 46
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")  # made again from the pages let go of
    assert sitemap.count("<loc>") > seen["out of the nav"] and "<loc>https://example.org/archive/filings/" in sitemap
