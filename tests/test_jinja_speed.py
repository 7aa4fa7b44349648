"""builder.jinja_speed: the theme's `obj.name` look-ups give what Jinja's give."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2
import pytest
from mkdocs.theme import Theme

from builder import jinja_speed


class Attr(dict):
    title = "class attribute"


def _result(value):
    if isinstance(value, jinja2.Undefined):
        return ("undefined", type(value), value._undefined_name, id(value._undefined_obj))
    return ("value", value)


OBJECTS = [
    {"title": "t", "items": "shadowed", "get": 1, "__class__": 2, "": 3}, {}, None, Attr(title="item"),
    SimpleNamespace(title="ns"), [1, 2], "text", 3, Theme(name="mkdocs"), Theme(name="mkdocs", icon={"logo": "x"}),
]
NAMES = ["title", "items", "get", "keys", "__class__", "__dict__", "", "missing", "name", "icon", "dirs",
         "static_templates", "_vars", "language", "upper", "real"]


@pytest.mark.parametrize("env", [jinja2.Environment(), jinja2.Environment(undefined=jinja2.StrictUndefined)])
def test_every_look_up_gives_what_jinjas_gives(env):
    fast = jinja_speed.fast_getattr(env)
    for obj in OBJECTS:
        for name in NAMES:
            assert _result(fast(obj, name)) == _result(jinja2.Environment.getattr(env, obj, name)), (obj, name)
    with pytest.raises(TypeError):
        fast({}, 3)  # not a string: as Jinja, getattr's TypeError


def test_templates_render_the_same_and_sandboxes_keep_theirs():
    source = "{{ a.title }} {{ a.items is callable }} {{ n.x is undefined }} {{ t.icon.logo }} {{ t.name }} {{ a.nothing | default('d') }}"
    values = dict(a={"title": "T", "items": 1}, n=None, t=Theme(name="mkdocs", icon={"logo": "L"}))
    plain, fast = jinja2.Environment(), jinja2.Environment()
    jinja_speed.install(fast)
    assert "getattr" in vars(fast)
    assert fast.from_string(source).render(values) == plain.from_string(source).render(values) == "T True True L mkdocs d"
    from jinja2.sandbox import SandboxedEnvironment
    sandbox = SandboxedEnvironment()
    jinja_speed.install(sandbox)
    assert "getattr" not in vars(sandbox)
