"""The theme's nav rendered once for the pages that see it the same way (builder.chrome.NavCache)."""

from __future__ import annotations

import shutil

import yaml
from conftest import REPO
from test_cache_pages import _build, _config, _pages


def test_pages_with_the_nav_rendered_once_per_place_are_the_pages_that_render_it_each_time(tmp_path):
    (tmp_path / "cached").mkdir()
    cached = _config(tmp_path / "cached", REPO / "filings", workers=2)
    each = tmp_path / "each"
    each.mkdir()
    overrides = each / "overrides"
    shutil.copytree(REPO / "site_templates" / "overrides", overrides)
    (overrides / "partials" / "nav.html").write_text('{% include "material/partials/nav.html" %}\n')  # no cache
    config = _config(each, REPO / "filings", workers=2)
    data = yaml.safe_load(config.read_text())
    data["theme"]["custom_dir"] = str(overrides)
    config.write_text(yaml.safe_dump(data))
    one = _build(cached, tmp_path / "cached" / "site", tmp_path / "cached" / "stats.json")
    two = _build(config, each / "site", each / "stats.json")
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    first, second = _pages(tmp_path / "cached" / "site"), _pages(each / "site")
    assert first.keys() == second.keys()
    assert first == second
    registrant = next(p for p in first if p.startswith("registrants/") and p.count("/") == 2)
    assert b'class="md-nav md-nav--primary"' in first[registrant]
