"""Jinja's `obj.name` in the theme's templates, without an exception for every mapping.

Jinja reads `obj.name` (`Environment.getattr`) by trying the attribute first and the item
`obj["name"]` when that raises `AttributeError`. Material's templates read most of their
settings from mappings that way (`page.meta.title`, `config.theme.icon.search`, `option.toggle.name`,
the palette, the language's strings): about a hundred exceptions raised and caught per page.

`install(env)` gives an environment (the theme's, the page templates' of `builder.render`) a
`getattr` that goes to the item at once when the attribute cannot exist: the object is a plain
`dict`, `None` (or a class given, MkDocs' `Theme` for the theme's) (classes with
Python's own attribute look-up and no `__getattr__`), the name is no attribute of its class
(nor of the instance's `__dict__`). Then `getattr` would raise `AttributeError` and Jinja would
go on to the item: the same result, the same undefined value when there is no item. Any other
object or name goes to Jinja's `getattr` (`tests/test_jinja_speed.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment

#: The classes whose instances' attributes are known from their class (and `__dict__`); the
#: theme's environment adds MkDocs' `Theme` (`install(env, Theme)`, the plugin).
_MAPPINGS = (dict, type(None))


def _class_names(cls: type) -> tuple[frozenset[str], bool] | None:
    """The names instances of `cls` find in their class, and whether they have a `__dict__`; None
    when their look-up is not Python's own (a `__getattribute__` or `__getattr__` of their class)."""
    if cls.__getattribute__ is not object.__getattribute__ or hasattr(cls, "__getattr__"):
        return None
    names = frozenset(dir(cls))
    return names, "__dict__" in names


def fast_getattr(env: Environment, *more: type) -> Callable[[Any, str], Any]:
    """`env.getattr` (Jinja's, pinned: pyproject.toml), the attribute not tried on the objects of
    `_MAPPINGS` (and of the classes `more`) whose class has no such attribute."""
    known = {cls: found for cls in (*_MAPPINGS, *more) if (found := _class_names(cls)) is not None}

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


def install(env: Environment, *more: type) -> None:
    """Give `env` the faster `getattr` (unless its class has a `getattr` of its own, a sandbox's);
    `more`: classes besides `_MAPPINGS` whose instances are read as mappings."""
    if type(env).getattr is Environment.getattr:
        env.getattr = fast_getattr(env, *more)
