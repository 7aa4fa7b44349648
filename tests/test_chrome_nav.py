"""The theme's nav and header rendered once for the pages that see them the same way (builder.chrome:
NavCache, PartialCache)."""

from __future__ import annotations

from types import SimpleNamespace

from jinja2 import DictLoader, Environment
from mkdocs.utils.templates import url_filter

from builder.chrome import install_partial_cache
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


def _page(url: str) -> SimpleNamespace:
    return SimpleNamespace(url=url, title=url)


def test_a_part_of_the_header_is_rendered_again_only_for_a_page_its_urls_differ_for():
    part = '<a href="{{ \'filings/\' | url }}">{{ config.site_name }}</a><i>{{ base_url }}</i>'
    env = Environment(loader=DictLoader({"part.html": part, "page.html": "{{ filings_partial('part.html') }}|{{ page.title }}"}))
    env.filters["url"] = url_filter
    cache = install_partial_cache(env)
    plain = Environment(loader=DictLoader({"part.html": part}))
    plain.filters["url"] = url_filter
    config = {"site_name": "Archive"}
    pages = [("filings/a/", "../.."), ("filings/b/", "../.."), ("forms/10-K/", "../.."), ("forms/8-K/", "../.."),
             ("registrants/1/", "../.."), ("", ".")]
    for url, base in pages:
        context = {"page": _page(url), "base_url": base, "config": config}
        made = env.get_template("page.html").render(context)
        assert made == plain.get_template("part.html").render(context) + "|" + url
    # "filings/" relative to filings/a/ and filings/b/ is "../", to forms/... and registrants/1/
    # "../../filings/", to the home page "filings/": three renderings, three pages given one made before
    assert '<a href="../">' in env.get_template("page.html").render({"page": _page("filings/c/"), "base_url": "../..", "config": config})
    assert [len(v) for v in cache.made.values()] == [2, 1] and cache.hits == 4
