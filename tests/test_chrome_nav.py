"""The theme's nav rendered once for the pages that see it the same way (builder.chrome.NavCache)."""

from __future__ import annotations

from conftest import REPO, project_config
from test_cache_pages import _build, _pages


def test_pages_with_the_nav_rendered_once_per_place_are_the_pages_that_render_it_each_time(tmp_path):
    sites = {}
    for cached in (True, False):
        folder = tmp_path / str(cached)
        folder.mkdir()
        config = project_config(folder / "mkdocs.yml", filings_dir=str(REPO / "filings"), cache_dir=str(folder / "cache"),
                                workers=2, parallel_from=10, nav_cache=cached)
        built = _build(config, folder / "site", folder / "stats.json")
        assert built.returncode == 0, built.stderr
        sites[cached] = _pages(folder / "site")
    assert sites[True].keys() == sites[False].keys()
    assert sites[True] == sites[False]
    registrant = next(p for p in sites[True] if p.startswith("registrants/") and p.count("/") == 2)
    assert b'class="md-nav md-nav--primary"' in sites[True][registrant]
