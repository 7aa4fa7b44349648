"""One string object for each value of the short strings of the parsed filings (`share_strings`).

The filings of an archive repeat the same short strings thousands of times: form types, item
numbers and titles, exhibit numbers, document types and formats, states, dates, and, filing after
filing of the same company, its name, address, phone and file numbers. Each parsed filing comes
with its own copies (unpickled from a parse worker or from its cache entry). Made one object per
value, they are held once; the parse cache's skeleton pack, pickled from them, then keeps each
once too (pickle writes an object it has written as a reference to it), so a build after one
change unpickles each once.
"""

from __future__ import annotations

from sys import intern

#: Longer strings (a document's opening words, a caption) are rarely repeated: left as they are.
SHORT = 80

_LEAVES = (int, float, bool, bytes, type(None))


def share_strings(root: object) -> None:
    """Replace each string of at most `SHORT` characters held by `root` (a parse result: tuples,
    lists and objects with a `__dict__`, such as `Filing`, its documents, exhibits, items, filers
    and addresses) by the one interned object of its value (`sys.intern`). Objects with slots
    (`TextRef`), classes, dicts and sets are not walked into."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        obj = todo.pop()
        if isinstance(obj, _LEAVES) or id(obj) in seen:
            continue
        seen.add(id(obj))
        if type(obj) is list:
            for i, value in enumerate(obj):
                if type(value) is str:
                    if len(value) <= SHORT:
                        obj[i] = intern(value)
                elif not isinstance(value, _LEAVES):
                    todo.append(value)
        elif type(obj) is tuple:
            todo.extend(value for value in obj if type(value) is not str)
        else:
            attrs = getattr(obj, "__dict__", None)
            if type(attrs) is not dict:  # no attributes of its own, or a class's (read-only)
                continue
            for name, value in attrs.items():  # values replaced, no key added: safe while iterating
                if type(value) is str:
                    if len(value) <= SHORT:
                        attrs[name] = intern(value)
                elif not isinstance(value, _LEAVES):
                    todo.append(value)
