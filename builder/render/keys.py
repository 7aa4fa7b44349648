"""Keys of the render cache's index pages and files made of values: what they are made of,
pickled, a filing standing for its digest (`builder.render.store.RenderStore.digest`)."""

from __future__ import annotations

import copyreg
import io
import pickle

from builder.model.filing import Filing
from builder.render.store import RenderStore


def _token(text: str) -> str:
    return text


class _ContextPickler(pickle.Pickler):
    """Pickles a template context for its key: a filing stands for its digest (the rest of what a
    template can reach is pickled as it is: plain values, dataclasses of the model)."""

    def __init__(self, buffer, store: RenderStore):
        super().__init__(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        self.fast = True  # no memo: equal contexts pickle the same whatever object is shared
        self.dispatch_table = {**copyreg.dispatch_table,
                               Filing: lambda f: (_token, (f"filing {f.id} {store.digest(f)}",))}


def value_key(store: RenderStore, *values: object) -> str:
    """The key of a file made of `values` alone (pickled, a filing standing for its digest)."""
    buffer = io.BytesIO()
    _ContextPickler(buffer, store).dump(values)
    return store.key("value", buffer.getvalue())


def context_key(store: RenderStore, template: str, path: str, context: dict) -> str:
    """The key of an index page: its template, path and context."""
    return value_key(store, "page", template, path, context)
