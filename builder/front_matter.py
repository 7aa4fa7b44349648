"""Front matter as MkDocs reads it (`mkdocs.utils.meta.get_data`), without YAML for the archive's.

Every generated page starts with front matter the templates write (`front_matter` in
`_macros.md.j2`): lines `key: "text"` or `key: ["text", ...]`, the text printable ASCII with
`\\"`, `\\\\`, `\\xNN`, `\\uNNNN` and `\\UNNNNNNNN` escapes (`builder.render.text.meta`). `get_data`
reads front matter made only of such lines itself (a regular expression, the escapes decoded
as YAML decodes them) and gives any other to MkDocs' `get_data`: the same page text and the same
data (`tests/test_front_matter.py` compares them on generated and random front matter).
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.utils import meta

#: A double-quoted YAML string of printable ASCII and the escapes `meta` writes.
_STRING = r'"(?:[ !#-\[\]-~]|\\["\\]|\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8})*"'
#: A key YAML reads as a string (not a boolean, a null, a number or a date).
_KEY = r"(?!(?:yes|no|true|false|on|off|null)\b)[a-z][a-z0-9_]*"
_LINE = re.compile(r"(%s): (%s|\[\]|\[%s(?:, %s)*\])\n" % (_KEY, _STRING, _STRING, _STRING))
_BLOCK = re.compile(r"(?:%s)+" % _LINE.pattern)
_ITEM = re.compile(_STRING)
_ESCAPE = re.compile(r'\\(["\\]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})')


def _unescape(match: re.Match) -> str:
    code = match.group(1)
    if len(code) == 1:
        return code
    value = int(code[1:], 16)
    if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:  # YAML refuses it: MkDocs' way, below
        raise ValueError(code)
    return chr(value)


def _text(quoted: str) -> str:
    inner = quoted[1:-1]
    return _ESCAPE.sub(_unescape, inner) if "\\" in inner else inner


def get_data(doc: str) -> tuple[str, dict[str, Any]]:
    """`mkdocs.utils.meta.get_data(doc)`: the page's text without its front matter, and the data."""
    found = meta.YAML_RE.match(doc)
    if found is None:
        return meta.get_data(doc)
    block = found.group(1)
    if _BLOCK.fullmatch(block) is None:
        return meta.get_data(doc)
    data: dict[str, Any] = {}
    try:
        for line in _LINE.finditer(block):
            value = line.group(2)
            if value[0] == '"':
                data[line.group(1)] = _text(value)
            else:
                data[line.group(1)] = [_text(item.group()) for item in _ITEM.finditer(value)]
    except ValueError:
        return meta.get_data(doc)
    return doc[found.end():].lstrip("\n"), data
