"""Python's cyclic garbage collector during a build: paused while the builder's stages run, and
what they made frozen after them (`collector_paused`); forked workers freeze what they inherit
(`worker_collector`, their pools' initializer). And the memory freed by a stage handed back to the
system before workers are forked (`give_back_freed_memory`)."""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while the builder's stages run, and what they made
    frozen after them.

    The stages make millions of objects that live as long as the build (the archive, its pages),
    and the collector, triggered by allocations, walks all of them again and again: a third of a
    warm build at 10,000 filings. What they throw away is freed by reference counting. After the
    stages, the survivors are frozen (`gc.freeze`): the collector no longer walks them (MkDocs'
    work, the page and search workers), and forked workers do not copy them by touching them.
    What an earlier build froze (`mkdocs serve` builds again) is unfrozen and collected first:
    its cycles would otherwise stay frozen, a leak of every rebuild.
    """
    gc.unfreeze()
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def worker_collector() -> None:
    """In a forked worker: what it inherited is frozen (not walked, not copied by the collector),
    and the collector runs on what the worker makes."""
    gc.freeze()
    gc.enable()


def give_back_freed_memory() -> None:
    """Hand the memory freed so far back to the system (glibc keeps it otherwise, and the process
    keeps its size): before workers are forked, and after a stage that let go of much."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass
