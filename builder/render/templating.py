"""The Jinja2 environment of the page templates (`site_templates/*.md.j2`).

One environment per build, templates loaded once. Output is Markdown: every value printed
with `{{ }}` that is not already markup (an `Md` string, a macro's output) is escaped with
`md()` by the environment's `finalize`, and autoescaping is on so that macros return markup
that is not escaped twice. A forgotten filter can never let filing text become markup.
`safe` and `forceescape` are removed (they would bypass or half-do the Markdown escaping);
`e`/`escape` are `md`. Never concatenate (`~`) markup with filing values: pass the values
separately or through a macro. Comments are `{## ... ##}`: `{#` starts Markdown attribute
lists (`## Item 12 {#item-12}`). Filters:

- `md`     inline Markdown text (also what `finalize` applies)
- `cell`   a table cell: `md`, with an optional text for empty values (`x|cell("—")`)
- `meta`   a front-matter value (YAML string of HTML-escaped text)
- `attr`   a double-quoted HTML attribute value
- `link`   a relative link from the page being rendered to a path: `path|link`
- `number` 12345 → "12,345"

The templates compiled are kept in the render cache (`TemplateCode`).
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import jinja2.bccache
from jinja2.compiler import CodeGenerator

from markupsafe import Markup

from builder import jinja_speed
from builder.render.paths import md_link
from builder.render.text import Md, as_md, attr, cell, md, meta

if TYPE_CHECKING:
    from builder.render.store import RenderStore


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator, printing a value as `environment.finalize(value)` where Jinja
    prints `escape(environment.finalize(value))`: `_finalize` always returns markup, which
    `escape()` would only copy. Where autoescaping can change while rendering (never in these
    templates), or without a `finalize`, Jinja's own code."""

    def _output_child_pre(self, node, frame, finalize) -> None:
        if _finalized_only(frame, finalize):
            self.write(finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node, frame, finalize) -> None:
        if _finalized_only(frame, finalize):
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)


def _finalized_only(frame, finalize) -> bool:
    return frame.eval_ctx.autoescape and not frame.eval_ctx.volatile and finalize.src == "environment.finalize("


class _Environment(jinja2.Environment):
    """`jinja2.Environment` printing values through `_finalize` alone (`_CodeGenerator`)."""

    code_generator_class = _CodeGenerator


def _finalize(value: object) -> Markup:
    """What a template prints for a value: markup as it is, anything else escaped with `md()`.
    Always markup (`_CodeGenerator` prints it without `escape()`)."""
    if type(value) is str:  # the usual value: text of the archive
        return md(value)
    if isinstance(value, Markup):  # Md, or a macro's output (made of escaped values)
        return value
    if value is None:
        return Md("")
    if isinstance(value, bool):
        return Md("yes" if value else "no")
    if isinstance(value, int):
        return Md(str(value))
    return md(value)


@jinja2.pass_context
def _link(context: jinja2.runtime.Context, target: str) -> Md:
    return as_md(md_link(context["page_path"], target))


def _number(value: int | None) -> Md:
    return Md("" if value is None else f"{value:,}")


def make_environment(templates_dir: Path, code: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """The environment: FileSystemLoader on `templates_dir`, StrictUndefined, Markdown escaping;
    `code`: where compiled templates are kept between builds."""
    env = _Environment(
        bytecode_cache=code,
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,
        finalize=_finalize,
        auto_reload=False,
        comment_start_string="{##",
        comment_end_string="##}",
    )
    jinja_speed.install(env)  # `x.name` on the dicts the pages are made of, without an exception each
    for unsafe in ("safe", "forceescape"):
        env.filters.pop(unsafe, None)
    env.filters.update(md=md, e=md, escape=md, cell=cell, meta=meta, attr=attr, link=_link, number=_number)
    return env


class TemplateCode(jinja2.BytecodeCache):
    """The templates compiled by Jinja2, kept in the store (keyed by the fingerprint, the template
    and its source), so a build that renders a few pages does not compile every template again."""

    def __init__(self, store: RenderStore):
        self.store = store

    def _key(self, bucket: jinja2.bccache.Bucket) -> str:
        return self.store.key("template code", bucket.key, bucket.checksum)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        key = self._key(bucket)
        if not self.store.has(key):
            return
        try:
            with open(self.store.path(key), "rb") as fh:
                bucket.load_bytecode(fh)  # another Python's: reset, compiled again
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):  # a broken file
            bucket.reset()
            return
        if bucket.code is not None:
            self.store.used.add(key)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store.write(self._key(bucket), bucket.bytecode_to_string())
