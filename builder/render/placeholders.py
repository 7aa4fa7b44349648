"""Document bodies kept out of Markdown.

With the render cache, a filing page's Markdown carries a placeholder for each document body
(`FilingPages.body`, the `body_placeholder` macro of `_macros.md.j2`): Markdown never reads the
bulk of a filing. After Markdown, the `filings` plugin (`on_page_content`) replaces each
placeholder with the body kept in the render cache (`fill_bodies`) and adds the body's anchors,
found as MkDocs finds them in raw HTML (`anchor_ids`), to the page's, for MkDocs' link validation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

#: A body's placeholder in a page's HTML (see `_macros.md.j2`, `body_placeholder`): a block Markdown
#: passes as it is. Nothing a filing says can make one: its text is escaped on the pages, and its
#: bodies are not in the Markdown.
_PLACEHOLDER = re.compile(r'<div class="filing-body-missing" data-filing-body="([0-9a-f]{40})"[^<>]*>[^<>]*</div>')
#: What a page's HTML holds when it holds a placeholder (a quick test before the search).
BODY_MARK = "data-filing-body="


def fill_bodies(html: str, read: Callable[[str], str | None]) -> tuple[str, list[str], list[str]]:
    """`html` (a page after Markdown) with each body placeholder replaced by the body `read(key)`
    returns; (the HTML, the bodies put in, the keys `read` found nothing for: their placeholders
    stay, a visible notice). Each body goes in once, as it is: it is not searched again."""
    filled: list[str] = []
    missing: list[str] = []

    def fill(match: re.Match) -> str:
        text = read(match.group(1))
        if text is None:
            missing.append(match.group(1))
            return match.group(0)
        filled.append(text)
        return text

    return _PLACEHOLDER.sub(fill, html), filled, missing


#: A start tag (the bodies are HTML this build wrote: nh3's serializer, `plain_text_html`), its
#: attributes, and a hint that they hold an anchor.
_TAG = re.compile(r'''<([a-zA-Z][^\s/>]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?)*)\s*/?>''')
_ATTRIBUTE = re.compile(r'''([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'<>=`]+))?''')
_ANCHOR_HINT = re.compile(r"(?i)\s(?:id|name)\s*=")


def anchor_ids(bodies: list[str]) -> set[str]:
    """The anchors of raw HTML as MkDocs finds them in a page's Markdown (`_HTMLHandler`: `id`,
    `name` of `<a>`, names lowercased, values unescaped), by regular expressions: 8x faster than
    its HTML parser, and the same on well-formed HTML (tests/test_body_placeholders.py)."""
    found: set[str] = set()
    for body in bodies:
        for tag in _TAG.finditer(body):
            attributes = tag.group(2)
            if not attributes or not _ANCHOR_HINT.search(attributes):
                continue
            name = tag.group(1).lower()
            for attribute in _ATTRIBUTE.finditer(attributes):
                key, value = attribute.group(1).lower(), attribute.group(2)
                if value is not None and (key == "id" or (key == "name" and name == "a")):
                    found.add(unescape(value[1:-1] if value[:1] in "\"'" else value))
    return found
