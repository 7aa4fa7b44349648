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

#: A line break and the blanks after it, blank lines included.
_BLANKS = re.compile(r"\n\s+")
#: Blanks at the end of a line.
_TRAILING = re.compile(r"[ \t]+\n")
_VERBATIM = re.compile(r"<(pre|textarea)\b", re.I)


def _squeeze(html: str) -> str:
    return _BLANKS.sub("\n", _TRAILING.sub("\n", html))


def trim_chrome(html: str) -> str:
    """`html` without the indentation and blank lines of the theme's markup (outside `<article>`)."""
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < start:
        return html
    if _VERBATIM.search(html, 0, start) or _VERBATIM.search(html, end):
        return html
    return _squeeze(html[:start]) + html[start:end] + _squeeze(html[end:])
