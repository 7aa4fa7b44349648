"""HTML documents of filings, sanitized and made to fit a page of the site.

Two passes: selectolax first reshapes the document (drops hidden inline-XBRL headers and
`display:none` parts, turns external images into click-to-load links, resolves links to the
submission's other documents); nh3 (ammonia) then sanitizes the result with an allowlist, so
whatever the first pass produced, what reaches the page is nh3's output: no scripts, frames,
objects, forms, event handlers, `javascript:`/`data:` URLs or external loads.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache

import nh3
from selectolax.lexbor import LexborHTMLParser

from builder.render.text import Md, clean

#: Prefix of every id from a filing's HTML, so none can clash with the page's own ids.
ID_PREFIX = "f-"

TAGS = {
    "a", "abbr", "acronym", "b", "big", "blockquote", "br", "caption", "center", "cite", "code",
    "col", "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var", "wbr",
}
#: Removed with everything inside them (the rest of the unknown tags keep their text).
DROP_WITH_CONTENT = {
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "applet", "svg", "math", "select", "textarea", "button", "head", "title", "xml", "canvas",
    "audio", "video", "picture", "source", "map",
}
_CELL = {"align", "valign", "width", "height", "colspan", "rowspan", "nowrap", "bgcolor", "scope"}
ATTRIBUTES = {
    "*": {"id", "style", "align", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "border"},
    "table": {"width", "border", "cellpadding", "cellspacing", "bgcolor", "summary"},
    "td": _CELL,
    "th": _CELL,
    "tr": {"valign", "bgcolor", "height"},
    "col": {"span", "width", "valign"},
    "colgroup": {"span", "width", "valign"},
    "font": {"size", "color", "face"},
    "hr": {"width", "size", "noshade"},
    "ol": {"start", "type"},
    "ul": {"type"},
    "li": {"value", "type"},
    "p": {"align"},
}
#: CSS properties kept in `style` attributes: layout of text and tables, nothing that
#: positions, loads (`url(...)`) or hides.
STYLE_PROPERTIES = {
    "text-align", "vertical-align", "text-indent", "text-decoration", "text-transform",
    "font-weight", "font-style", "font-size", "font-family", "font-variant", "line-height",
    "white-space", "letter-spacing", "word-spacing", "color", "background-color",
    "width", "min-width", "max-width", "height",
    "padding", "padding-left", "padding-right", "padding-top", "padding-bottom",
    "margin-left", "margin-right", "margin-top", "margin-bottom",
    "border", "border-top", "border-bottom", "border-left", "border-right", "border-collapse",
    "border-width", "border-style", "border-color", "border-spacing",
    "border-top-width", "border-bottom-width", "border-left-width", "border-right-width",
    "border-top-style", "border-bottom-style", "border-left-style", "border-right-style",
    "border-top-color", "border-bottom-color", "border-left-color", "border-right-color",
    "list-style-type",
}

_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
#: The elements `_HIDDEN` may find in a style (each of its matches holds "none" or "hidden"), and inline XBRL's header.
_MAYBE_HIDDEN = '[style*="none" i], [style*="hidden" i], ix\\:header'
_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
_WEB = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)


def _fragment(url: str) -> str:
    return url.partition("#")[2]


def sanitize_html(source: str, resolve_link: Callable[[str], str | None] | None = None,
                  resolve_image: Callable[[str], str | None] | None = None) -> Md:
    """A filing's HTML document as a safe fragment for a page.

    `resolve_link` maps a relative link found in the document ("ex99.htm", without any
    "#fragment") to the URL of the page that shows it, `resolve_image` an image source
    ("g12345.jpg") to the URL of the written image; None when the archive does not hold it
    (the link is dropped, the image replaced by a note with its alt text).
    """
    resolve_link = resolve_link or (lambda _: None)
    resolve_image = resolve_image or (lambda _: None)
    tree = LexborHTMLParser(clean(source))
    body = tree.body
    if body is None:
        return Md("")
    produced: set[str] = set()

    # Hidden parts go, with what is in them (nh3 drops DROP_WITH_CONTENT so, after this pass);
    # innermost first, so that no part is removed after the part holding it.
    for node in reversed(body.css(_MAYBE_HIDDEN)):
        if node.tag == "ix:header" or _HIDDEN.search(node.attributes.get("style") or ""):
            node.decompose()

    for node in body.css("a"):
        attrs = node.attributes
        if attrs.get("name") and not attrs.get("id"):
            node.attrs["id"] = attrs["name"]
        href = (attrs.get("href") or "").strip()
        if not href or _EXTERNAL.match(href):
            continue  # absolute: nh3 keeps http(s)/mailto and drops the rest
        if href.startswith("#"):
            target = "#" + ID_PREFIX + href[1:] if len(href) > 1 else None
        else:
            path, _, frag = href.partition("#")
            found = resolve_link(path)
            target = found + (f"#{ID_PREFIX}{frag}" if found and frag and "#" not in found else "") if found else None
        if target:
            produced.add(target)
            node.attrs["href"] = target
        else:
            del node.attrs["href"]

    for node in body.css("img"):
        src = (node.attributes.get("src") or "").strip()
        alt = node.attributes.get("alt") or node.attributes.get("title") or ""
        if _WEB.match(src):
            url = src if not src.startswith("//") else "https:" + src
            label = f"External image: {alt}" if alt.strip() else "External image (not loaded)"
            node.replace_with(_node(f'<a class="external-image" href="{html.escape(url)}">[{html.escape(label)}]</a>'))
            continue
        found = resolve_image(src) if src and not _EXTERNAL.match(src) else None
        if found:
            produced.add(found)
            node.attrs["src"] = found
        else:
            label = f"Image not in the archive: {alt}" if alt.strip() else "Image not in the archive"
            node.replace_with(_node(f'<span class="missing-image">[{html.escape(label)}]</span>'))

    return Md(nh3.clean(
        body.html or "",
        tags=TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes={"http", "https", "mailto"},
        url_relative=lambda url: url if url in produced else None,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        id_prefix=ID_PREFIX,
        filter_style_properties=STYLE_PROPERTIES,
        set_tag_attribute_values={"table": {"class": "filing-table"}},
        allowed_classes={"a": {"external-image"}, "span": {"missing-image"}},
    ))


def _node(snippet: str):
    return LexborHTMLParser(snippet).body.child


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """Last checks on single attributes: images only from the site itself; styles without functions."""
    if attribute == "style":  # the most frequent attribute by far: tested first
        return _clean_style(value)
    if attribute == "src" and tag == "img" and _EXTERNAL.match(value):
        return None
    return value


#: CSS functions a kept declaration may call (colours, calc); any other (`url()`, `expression()`,
#: `image-set()`, `-moz-element()`, `var()` ...) drops its declaration.
_STYLE_FUNCTIONS = {"rgb", "rgba", "hsl", "hsla", "calc"}
_STYLE_FUNCTION = re.compile(r"([\w-]*)\s*\(")


@lru_cache(maxsize=1 << 16)  # filings repeat the same few styles thousands of times
def _clean_style(value: str) -> str | None:
    """A style attribute without declarations that call functions or hold more than one colon
    (nh3 then keeps only the allowed properties). CSS escapes and comments only hide things:
    such a style is dropped."""
    if "\\" in value or "/*" in value or "@" in value:
        return None
    kept = [d.strip() for d in value.split(";")
            if d.count(":") == 1  # one property, one value: "a:b:c" is a mangled or smuggling declaration
            and all(f.lower() in _STYLE_FUNCTIONS for f in _STYLE_FUNCTION.findall(d))]
    return "; ".join(kept) or None


#: A line of whitespace only, after the first.
_BLANK_LINE = re.compile(r"\n[^\S\n]+(?=\n|\Z)")


def wrap(fragment: str) -> Md:
    """A sanitized fragment as a raw HTML block that Python-Markdown leaves alone.

    Python-Markdown (3.3 and later) keeps a block-level `<div>` that starts a line whole up to
    its matching closing tag, blank lines included (they matter inside `<pre>`), and never
    reads Markdown inside it; nh3's output is balanced, so the closing tag is the last line.
    """
    # Tabs and braces as entities, in text and attribute values alike (both decode them):
    # a tab inside a <pre> keeps its width (Python-Markdown would expand it to 4 spaces
    # counted from the start of the source line), and no later Markdown or template pass can
    # read `{{ }}`, `{% %}` or `{: }`. Whitespace-only lines emptied, as Python-Markdown would.
    body = str(fragment)  # str: Markup's methods are slow
    if "\r" in body:
        body = body.replace("\r\n", "\n").replace("\r", "\n")
    body = body.replace("\t", "&#9;").replace("{", "&#123;").replace("}", "&#125;")
    body = _BLANK_LINE.sub("\n", body)  # a regex pass: much faster than splitting into lines
    first, newline, rest = body.partition("\n")
    if first and not first.strip():
        body = newline + rest
    body = body.strip("\n")
    return Md(f'<div class="filing-html" markdown="0">\n{body}\n</div>')
