"""Text from filings made safe for the pages: Markdown escaping, front matter, plain text as HTML.

Everything a filing says is data, never markup. `md()` makes a value render literally as
inline Markdown (and in a table cell); `meta()` makes it a front-matter value; `attr()` an
HTML attribute value. Values that are already safe Markdown or HTML are `Md` strings; the
Jinja environment escapes every other value it prints (see `builder.render.templating`).
"""

from __future__ import annotations

import html
import re
from functools import partial

from markupsafe import Markup


class Md(Markup):
    """A string that is already safe to put into a page as it is (Markdown or HTML we made).

    A `Markup`, so Jinja's autoescaping leaves it alone; every other value printed by a
    template is escaped with `md()` first (see `builder.render.templating`). Text in an `Md`
    is also valid HTML text: `md()` writes every special character as an HTML entity.
    """

    __slots__ = ()


#: `as_md(text)`: `Md(text)` for a plain `str` (already safe), without `Markup.__new__`'s
#: checks: the same string, made several times faster.
as_md = partial(str.__new__, Md)
_EMPTY = Md("")

_WHITESPACE = re.compile(r"\s+")
# C0 controls (tab and line ends are whitespace, collapsed or kept by the callers), DEL,
# and Python-Markdown's own placeholder markers (STX/ETX are C0 too).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# C1 controls are nearly always cp1252 punctuation decoded as Latin-1: show them as meant.
_C1 = {c: bytes([c]).decode("cp1252", errors="ignore") or None for c in range(0x80, 0xA0)}
_C1_CHAR = re.compile(r"[\x80-\x9f]")
#: The bytes `_CONTROL` removes, for `bytes.translate` (much faster than `re.sub` on long ASCII text).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])

_INLINE = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;",
    "\\": "&#92;", "`": "&#96;", "*": "&#42;", "[": "&#91;", "]": "&#93;",
    "{": "&#123;", "}": "&#125;", "|": "&#124;", "#": "&#35;", "~": "&#126;", "^": "&#94;",
}
_INLINE_RE = re.compile(r"[&<>\\`*\[\]{}|#~^]|(?<![^\W_])_|_(?![^\W_])|(?<==)=|=(?==)")
_ENTITY = {c: f"&#{ord(c)};" for c in "_="}
# What a line may not start with without turning into a block: headings, quotes, lists,
# admonitions, definitions, rules, tables.
_LINE_START = re.compile(r"^(?:[-+*>!?:=%]|\d+(?=[.)] ))")
#: Text `md()` leaves as it is (when `_LINE_START` does not match it either): words of characters
#: it never changes (no whitespace, control, surrogate or character it escapes; no `_`, which
#: it leaves only between letters or digits), single spaces between them.
_MD_WORD = r"[^\s\x00-\x1f\x7f-\x9f&<>\\`*\[\]{}|#~^_=\ud800-\udfff]+"
_MD_PLAIN = re.compile(rf"{_MD_WORD}(?: {_MD_WORD})*")
#: Text `_html_text()` leaves as it is: no whitespace but single spaces between words, no control,
#: surrogate or character HTML escapes.
_TEXT_WORD = r"[^\s\x00-\x1f\x7f-\x9f\"&'<>\ud800-\udfff]+"
_TEXT_PLAIN = re.compile(rf"{_TEXT_WORD}(?: {_TEXT_WORD})*")
#: Text `meta()` leaves as it is: that, in printable ASCII (no YAML escape either).
_HTML_WORD = r"[!#-%(-;=?-\[\]-~]+"
_HTML_PLAIN = re.compile(rf"{_HTML_WORD}(?: {_HTML_WORD})*")


def clean(value: object) -> str:
    """The text of a value without control characters or lone surrogates; None is ""."""
    if value is None:
        return ""
    text = str(value)
    if text.isascii():
        if len(text) > 256:  # the same characters removed, a few times faster
            return text.encode("ascii").translate(None, _CONTROL_BYTES).decode("ascii")
        return _CONTROL.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    if _C1_CHAR.search(text):  # str.translate is slow on long text: only when there is one
        text = text.translate(_C1)
    return _CONTROL.sub("", text)


def md(value: object) -> Md:
    """A value as inline Markdown that renders literally, on one line, safe in a table cell.

    Markup (`<img onerror=...>`), links (`[x](javascript:...)`), emphasis (`*`, `_`), pipes,
    `{{ }}`/`{% %}`, attribute lists and line-start block syntax all come out as text.
    Everything else is left as it is, so names, dates and numbers stay readable in the HTML.
    Markup (an `Md`, a macro's output) is already escaped and comes back as it is.
    """
    if type(value) is str and (not value or _MD_PLAIN.fullmatch(value) and not _LINE_START.match(value)):
        return as_md(value)  # nothing to escape (the usual name, date or number)
    if isinstance(value, Markup):
        return value if isinstance(value, Md) else Md(value)
    text = _WHITESPACE.sub(" ", clean(value).replace("\u2028", " ").replace("\u2029", " ")).strip()
    if not text:
        return _EMPTY
    text = _INLINE_RE.sub(lambda m: _INLINE.get(m.group()) or _ENTITY[m.group()], text)
    m = _LINE_START.match(text)
    if m:  # "1. Item" → "1&#46; Item"; "- x" → "&#45; x"
        end = m.end() if text[0].isdigit() else 0
        text = text[:end] + f"&#{ord(text[end])};" + text[end + 1:]
    return as_md(text)


def cell(value: object, empty: str = "") -> Md:
    """A value for a Markdown table cell: `md()`, with `empty` when there is nothing."""
    text = md(value)
    return text if text else Md(empty)


def _html_text(value: object) -> str:
    """A value as HTML text on one line, quotes escaped. Markup (`md()` output, a macro's
    output) is already HTML-safe text: only its quotes are escaped."""
    if isinstance(value, str) and _TEXT_PLAIN.fullmatch(value):
        return str(value)  # nothing to escape, collapse or strip (Markup or not)
    if isinstance(value, Markup):
        text = _WHITESPACE.sub(" ", clean(str(value))).strip()
        return text.replace('"', "&quot;").replace("'", "&#39;")
    return html.escape(_WHITESPACE.sub(" ", clean(value)).strip(), quote=True)


def attr(value: object) -> Md:
    """A value for a double-quoted HTML attribute."""
    return as_md(_html_text(value))


def meta(value: object) -> Md:
    """A front-matter value: a YAML double-quoted string of HTML-escaped text.

    Material prints `title` and `description` from the front matter into the HTML without
    escaping, so the value is HTML text (`&lt;img&gt;`, which the browser shows as `<img>`);
    quoted for YAML, with every character outside printable ASCII written as a YAML escape,
    so the front matter always parses.
    """
    if isinstance(value, str) and _HTML_PLAIN.fullmatch(value):
        return as_md(f'"{str(value)}"')  # nothing to escape for HTML or YAML
    text = _YAML_ESCAPE.sub(_yaml_escape, _html_text(value))
    return as_md(f'"{text}"')


_YAML_ESCAPE = re.compile(r'["\\]|[^\x20-\x7e]')


def _yaml_escape(m: re.Match) -> str:
    ch = m.group()
    o = ord(ch)
    if ch in '"\\':
        return "\\" + ch
    if o <= 0xFF:
        return f"\\x{o:02x}"
    if o <= 0xFFFF:
        return f"\\u{o:04x}"
    return f"\\U{o:08x}"


# -- plain text documents ---------------------------------------------------------------

_NEWLINE = re.compile(r"\r\n|\r|\n")
#: A line that is only a page marker: "<PAGE>", "<PAGE> 2", "<page>".
_PAGE_MARKER = re.compile(r"[ \t]*<PAGE>[ \t]*\d*[ \t]*", re.IGNORECASE)
TAB_SIZE = 8
#: Braces as entities: no later Markdown or template pass (attr_list, a macros plugin) can
#: ever read `{{ }}`, `{% %}` or `{: }` in a filing's text.
_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def line_numbers(text: str, offsets: list[int]) -> list[int]:
    """The line (0-based, counting \\r\\n, \\r and \\n as line ends) each offset falls on."""
    result: dict[int, int] = {}
    line, pos = 0, 0
    for offset in sorted(set(offsets)):
        offset = max(0, min(offset, len(text)))
        line += len(_NEWLINE.findall(text, pos, offset))
        if offset and text[offset - 1] == "\r" and offset < len(text) and text[offset] == "\n":
            line -= 1  # the offset splits a \r\n: still the earlier line
        pos = offset
        result[offset] = line
    return [result[max(0, min(o, len(text)))] for o in offsets]


def plain_text_html(text: str | None, anchors: dict[int, list[str]] | None = None) -> Md:
    """A plain-text document as HTML: HTML-escaped `<pre>` blocks, one per page.

    The layout is kept (tabs expanded to 8 columns, which Python-Markdown would otherwise
    expand to 4); `<PAGE>` marker lines and form feeds become `<hr class="page-break">`
    between the blocks. `anchors` maps a line number to ids placed at the start of that line.
    The result is one raw HTML block, wrapped in a `<div markdown="0">` that Python-Markdown
    keeps whole (blank lines inside the `<pre>` included) and never reads as Markdown.
    """
    text = text or ""
    anchors = anchors or {}
    if clean(text) != text or ("\t" in text and "\f" in text):
        pages = _pages_by_line(text, anchors)  # each line on its own: see `_pages_at_once`
    else:
        pages = _pages_at_once(text, anchors)
    blocks = ['<pre class="filing-text">' + page + "</pre>" for page in pages if page]
    if not blocks:
        return Md("")
    body = '\n<hr class="page-break">\n'.join(blocks)
    return Md(f'<div class="filing-text" markdown="0">\n{body}\n</div>')


def _spans(ids: list[str]) -> str:
    return "".join(f'<span id="{html.escape(i)}"></span>' for i in ids)


#: A page marker line of `_pages_at_once`'s escaped text (`_PAGE_MARKER` once escaped: no "&"
#: of that text starts anything but the lower-case entities `html.escape` and `_BRACES` write).
_ESCAPED_MARKER = re.compile(r"[ \t]*&lt;PAGE&gt;[ \t]*\d*[ \t]*", re.IGNORECASE)
_MARKER_HINT = re.compile(r"&lt;(?i:PAGE)&gt;")


def _pages_at_once(text: str, anchors: dict[int, list[str]]) -> list[str]:
    """The pages of `plain_text_html` (each its lines joined, without leading or trailing empty
    lines), made with passes over the whole text: what `_pages_by_line` does line by line.

    Only for a text that `clean()` leaves as it is (the page markers are found after escaping)
    and that has no tab or no form feed (`expandtabs` counts columns from a line end, not from a
    form feed): the same text out, a few times faster.
    """
    if "\t" in text:
        text = text.expandtabs(TAB_SIZE)
    text = html.escape(text, quote=False)
    if "{" in text or "}" in text:  # str.replace: much faster than str.translate(_BRACES)
        text = text.replace("{", "&#123;").replace("}", "&#125;")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    candidates: list[int] = []
    line, pos = 0, 0
    for m in _MARKER_HINT.finditer(text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        candidates.append(line)
    lines = text.split("\n")
    markers = {n for n in candidates if _ESCAPED_MARKER.fullmatch(lines[n])}
    if "\f" in text:  # each part of a line before and after a form feed stripped on its own
        lines = ["\f".join(p.rstrip() for p in s.split("\f")) if "\f" in s else s.rstrip() for s in lines]
    else:
        lines = [s.rstrip() for s in lines]
    # An anchor goes to the start of its line; on a marker line, to the next line that is not one.
    starts: dict[int, list[str]] = {}
    for number in sorted(n for n in anchors if 0 <= n < len(lines)):
        target = number
        while target in markers:
            target += 1
        starts.setdefault(target, []).extend(anchors[number])
    for number, ids in starts.items():
        if number < len(lines) and ids:
            lines[number] = _spans(ids) + lines[number]
    for number in markers:
        lines[number] = "\f"  # a page break, as a form feed is
    tail = starts.get(len(lines))
    if tail:
        lines.append(_spans(tail))
    return [page.strip("\n") for page in "\n".join(lines).split("\f")]


def _pages_by_line(text: str, anchors: dict[int, list[str]]) -> list[str]:
    """The pages of `plain_text_html`, each line taken on its own (any text)."""
    pages: list[list[str]] = [[]]
    pending: list[str] = []
    for number, line in enumerate(_NEWLINE.split(text)):
        ids = pending + anchors.get(number, [])
        pending = []
        if _PAGE_MARKER.fullmatch(line):
            pages.append([])
            pending = ids  # an anchor on the marker goes to the next line
            continue
        for j, part in enumerate(line.split("\f")):
            if j:
                pages.append([])
            shown = html.escape(clean(part.expandtabs(TAB_SIZE)).rstrip(), quote=False)
            if "{" in shown or "}" in shown:
                shown = shown.translate(_BRACES)
            if ids and j == 0:
                shown = _spans(ids) + shown
            pages[-1].append(shown)
    if pending:
        pages[-1].append(_spans(pending))
    result = []
    for lines in pages:
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        result.append("\n".join(lines))
    return result
