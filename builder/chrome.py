"""The theme's markup around a page's content, made smaller after MkDocs has built the page.

Material's templates are indented and full of blank lines left by their `{% if %}` blocks: on a
generated page of this archive that is a third of its chrome. `trim_chrome` removes them outside
the `<article>` (the page's own content, where whitespace may matter, is left as it is): a line's
leading blanks and the empty lines go. HTML makes any run of blanks one space anyway (every line
break is kept, so no two words are joined), and the theme's inline scripts (JavaScript, JSON) do
not mind. A page with `<pre>` or `<textarea>` in its chrome is left whole.

The same input gives the same output: builds stay byte-identical.
"""

from __future__ import annotations

import re

from jinja2 import ChoiceLoader, FunctionLoader, PrefixLoader, pass_context
from markupsafe import Markup

_VERBATIM = re.compile(r"<(pre|textarea)\b", re.I)


def _squeeze(html: str) -> str:
    """`html` with each line's blanks (spaces and tabs) at its end, its leading whitespace and
    the lines left empty removed (a last line left empty keeps its line break): what replacing
    `[ \\t]+\\n` and then `\\n\\s+` with a line break makes, line by line (regular
    expressions try every blank of an indentation again)."""
    lines = html.split("\n")
    if len(lines) == 1:
        return html
    out = [lines[0].rstrip(" \t")]
    for line in lines[1:-1]:
        line = line.lstrip()
        if line:
            out.append(line.rstrip(" \t"))
    out.append(lines[-1].lstrip())
    return "\n".join(out)


def trim_chrome(html: str) -> str:
    """`html` without the indentation and blank lines of the theme's markup (outside `<article>`)."""
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < start:
        return html
    if _VERBATIM.search(html, 0, start) or _VERBATIM.search(html, end):
        return html
    return _squeeze(html[:start]) + html[start:end] + _squeeze(html[end:])


class NavCache:
    """The theme's navigation (Material's `partials/nav.html`) rendered once for all the pages that
    see it the same way: `install_nav_cache` makes it the theme's `partials/nav.html`.

    Each of the archive's pages carries the whole nav. For a page outside it, the nav's HTML
    depends on the page only through its links, relative to the page: pages with the same links
    (the same `base_url` and the same URL of every link; no nav item active, which holds for every
    page outside the nav) get the same HTML. A page in the nav (an item active) is rendered on its
    own, as Material would. One cache per build (`on_env`) and per process. A theme whose nav
    shows more of the page than that (an override of `partials/nav.html`) sets the `filings`
    plugin's `nav_cache: false`."""

    def __init__(self) -> None:
        self.made: dict[tuple, Markup] = {}
        self.hits = 0

    @pass_context
    def __call__(self, context) -> Markup:
        template = context.environment.get_template(THEME_NAV)
        key = _nav_key(context)
        if key is None:
            return Markup(template.render(context.get_all()))
        found = self.made.get(key)
        if found is None:
            found = self.made[key] = Markup(template.render(context.get_all()))
        else:
            self.hits += 1
        return found


def _nav_key(context) -> tuple | None:
    """What the nav's HTML depends on for this page, or None when it is the page's own."""
    nav, page = context.get("nav"), context.get("page")
    if nav is None or page is None:
        return None
    url = context.environment.filters["url"]
    config = context.get("config")
    homepage = (config.extra.get("homepage") if config is not None else None) or (nav.homepage.url if nav.homepage else "")
    parts: list = [context.get("base_url"), url(context, homepage)]
    stack = list(nav.items)
    while stack:
        item = stack.pop()
        if item.active:
            return None
        link = getattr(item, "url", None)
        parts.append(url(context, link) if link is not None else None)
        stack.extend(getattr(item, "children", None) or ())
    return tuple(parts)


class PartialCache:
    """Parts of the theme's markup that depend on the page only through the URLs they make
    (`| url`, relative to the page) and `base_url`, rendered once for all the pages that get the
    same URLs: `filings_partial(name)` in a template (the header around the page's title,
    `partials/filings-header-start.html` and `-end.html`, which say so).

    A part is rendered with the `url` filter noting what it was asked and what it answered; the
    HTML is kept with those answers, by part and `base_url`, and given to a page for which the
    filter answers the same again (a link's URL relative to a page can depend on more than the
    page's depth: "filings/" from "filings/x/" is "../", from "forms/x/" "../../filings/"). The
    header was ~8 % of building a page of the archive (1,000 filings, sampled), ~0.3 % once cached;
    cold builds of 1,000 filings, 4 alternating runs each: the pages stage took 13.9-17.0 CPU s
    against 16.9-17.7 s. One cache per build (`on_env`) and per process, as `NavCache`."""

    def __init__(self) -> None:
        self.made: dict[tuple[str, str], list[tuple[tuple[tuple[str, str], ...], Markup]]] = {}
        self.hits = 0

    @pass_context
    def __call__(self, context, name: str) -> Markup:
        env = context.environment
        url = env.filters["url"]
        versions = self.made.setdefault((name, context.get("base_url")), [])
        for asked, html in versions:
            if all(url(context, value) == answer for value, answer in asked):
                self.hits += 1
                return html
        noted: list[tuple[str, str]] = []

        @pass_context
        def noting(ctx, value):
            answer = url(ctx, value)
            noted.append((value, answer))
            return answer

        env.filters["url"] = noting  # read by the templates as they start rendering
        try:
            html = Markup(env.get_template(name).render(context.get_all()))
        finally:
            env.filters["url"] = url
        versions.append((tuple(noted), html))
        return html


#: Where the theme's own nav stays reachable once `partials/nav.html` is the cached one.
THEME_NAV = "filings-theme/partials/nav.html"


def install_nav_cache(env) -> NavCache:
    """Make the theme's `partials/nav.html` the cached nav (`filings_nav()`, a new `NavCache`),
    the theme's own (with its overrides) staying reachable as `THEME_NAV`."""
    theme = env.loader
    glue = FunctionLoader(lambda name: "{{ filings_nav() }}" if name == "partials/nav.html" else None)
    env.loader = ChoiceLoader([glue, PrefixLoader({THEME_NAV.partition("/")[0]: theme}), theme])
    cache = env.globals["filings_nav"] = NavCache()
    return cache


def install_partial_cache(env) -> PartialCache:
    """Give the theme's templates `filings_partial(name)` (a new `PartialCache`)."""
    cache = env.globals["filings_partial"] = PartialCache()
    return cache
