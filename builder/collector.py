"""Python's cyclic garbage collector during a build: kept to the young objects while the builder's
stages run, and what they made frozen after them (`collector_paused`); forked workers freeze what they inherit
(`worker_collector`, their pools' initializer). And the memory freed by a stage handed back to the
system before workers are forked (`give_back_freed_memory`)."""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Iterator
from contextlib import contextmanager


#: Young collections between two collections of the middle generation during the builder's stages.
_MIDDLE = 10
#: Collections of the oldest generation during the builder's stages: never (their threshold).
_NEVER = 1 << 30
#: The collector's thresholds outside the builder's stages (Python's, or what the user set).
_thresholds: tuple[int, int, int] | None = None


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector kept to the young objects while the builder's stages run,
    and what they made frozen after them.

    The stages make millions of objects that live as long as the build (the archive, its pages),
    and the collector's full passes, triggered by allocations, walk all of them again and again:
    a third of a warm build at 10,000 filings. So only the two younger generations are collected:
    an object is walked at most twice, when young; what dies young in cycles (a page template's
    render context and its macros refer to each other: thousands in a build, kept to the end of
    the stages before, 0.1 GB at 10,000 filings) is freed as the stages go, and its memory reused.
    After the stages the survivors are frozen (`gc.freeze`): the collector no longer walks them
    (MkDocs' work, the page and search workers), and forked workers do not copy them by touching
    them. No full pass before freezing: at 10,000 filings it took 0.4 s of every build, a fifth of
    an incremental one, for the few cycles that die old (31 objects in a warm build, 1,900 in a
    cold one of 1,000 filings).
    What an earlier build froze (`mkdocs serve` builds again) is unfrozen and collected first:
    its cycles would otherwise stay frozen, a leak of every rebuild.
    """
    global _thresholds
    gc.unfreeze()
    gc.collect()
    enabled = gc.isenabled()
    _thresholds = gc.get_threshold()
    gc.set_threshold(_thresholds[0] or 700, _MIDDLE, _NEVER)
    gc.enable()
    try:
        yield
    finally:
        gc.freeze()
        gc.set_threshold(*_thresholds)
        _thresholds = None
        if not enabled:
            gc.disable()


def worker_collector() -> None:
    """In a forked worker: what it inherited is frozen (not walked, not copied by the collector),
    and the collector runs on what the worker makes, with the thresholds of outside the stages."""
    gc.freeze()
    if _thresholds is not None:
        gc.set_threshold(*_thresholds)
    gc.enable()


def give_back_freed_memory() -> None:
    """Hand the memory freed so far back to the system (glibc keeps it otherwise, and the process
    keeps its size): before workers are forked, and after a stage that let go of much."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass
