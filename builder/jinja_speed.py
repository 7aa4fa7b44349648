"""Jinja's `obj.name` in the theme's templates, without an exception for every mapping.

Jinja reads `obj.name` (`Environment.getattr`) by trying the attribute first and the item
`obj["name"]` when that raises `AttributeError`. Material's templates read most of their
settings from mappings that way (`page.meta.title`, `config.theme.icon.search`, `option.toggle.name`,
the palette, the language's strings): about a hundred exceptions raised and caught per page.

`install(env)` gives the theme's environment a `getattr` that goes to the item at once when the
attribute cannot exist: the object is a plain `dict`, `None` or MkDocs' `Theme` (classes with
Python's own attribute look-up and no `__getattr__`), the name is no attribute of its class
(nor of the instance's `__dict__`). Then `getattr` would raise `AttributeError` and Jinja would
go on to the item: the same result, the same undefined value when there is no item. Any other
object or name goes to Jinja's `getattr` (`tests/test_jinja_speed.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment
from mkdocs.theme import Theme

#: The classes whose instances' attributes are known from their class (and `__dict__`).
_MAPPINGS = (dict, type(None), Theme)


def _class_names(cls: type) -> tuple[frozenset[str], bool] | None:
    """The names instances of `cls` find in their class, and whether they have a `__dict__`; None
    when their look-up is not Python's own (a `__getattribute__` or `__getattr__` of their class)."""
    if cls.__getattribute__ is not object.__getattribute__ or hasattr(cls, "__getattr__"):
        return None
    names = frozenset(dir(cls))
    return names, "__dict__" in names


def fast_getattr(env: Environment) -> Callable[[Any, str], Any]:
    """`env.getattr` (Jinja's, pinned: pyproject.toml), the attribute not tried on the objects of
    `_MAPPINGS` whose class has no such attribute."""
    known = {cls: found for cls in _MAPPINGS if (found := _class_names(cls)) is not None}

    def getattr_(obj: Any, attribute: str) -> Any:
        kind = known.get(type(obj))
        if kind is None or type(attribute) is not str or attribute in kind[0] or (kind[1] and attribute in obj.__dict__):
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        try:  # Jinja's `getattr` from here on
            return obj[attribute]
        except (TypeError, LookupError, AttributeError):
            return env.undefined(obj=obj, name=attribute)

    return getattr_


def install(env: Environment) -> None:
    """Give `env` the faster `getattr` (unless its class has a `getattr` of its own, a sandbox's)."""
    if type(env).getattr is Environment.getattr:
        env.getattr = fast_getattr(env)
