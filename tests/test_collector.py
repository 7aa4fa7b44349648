"""The garbage collector during a build (builder/collector.py)."""

from __future__ import annotations

import gc
import weakref

from builder.collector import collector_paused, worker_collector


class Node:
    pass


def _held_cycle() -> list[Node]:
    """A list holding one of two objects that refer to each other: once the list lets go of it,
    reference counting cannot free them, only the collector."""
    first, second = Node(), Node()
    first.other, second.other = second, first
    return [first]


def _cycle() -> weakref.ref:
    """A weak reference to one of two objects that refer to each other, and nothing else to them."""
    return weakref.ref(_held_cycle()[0])


def test_only_young_objects_are_collected_during_the_stages_and_the_survivors_are_frozen_after():
    assert gc.isenabled()
    before = gc.get_threshold()
    try:
        with collector_paused():
            young, old, oldest = gc.get_threshold()
            assert gc.isenabled() and young == before[0]
            assert oldest >= 1 << 30  # the oldest generation is never walked
            made = [[i] for i in range(1000)]
        assert gc.isenabled()
        assert gc.get_threshold() == before
        assert gc.get_freeze_count() >= len(made)
        frozen = gc.get_freeze_count()
        with collector_paused():  # the next build (mkdocs serve): the last one's objects unfrozen
            assert gc.get_freeze_count() == 0
        assert gc.get_freeze_count() <= frozen + 100
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_cycle_that_dies_young_during_the_stages_is_freed_at_once():
    """A page template's render context and its macros are such cycles, thousands of them in a
    build: they were kept to the end of the stages before (0.1 GB at 10,000 filings)."""
    try:
        with collector_paused():
            gone = _cycle()
            churn = [Node() for _ in range(5 * gc.get_threshold()[0])]  # allocations start a young collection
            assert gone() is None
            del churn
    finally:
        gc.unfreeze()


def test_a_cycle_that_outlives_a_young_collection_is_freed_during_the_stages_too():
    try:
        with collector_paused():
            keep = _held_cycle()
            gone = weakref.ref(keep[0])
            churn = [Node() for _ in range(3 * gc.get_threshold()[0])]  # it survives young collections
            keep.clear()
            churn += [Node() for _ in range(20 * gc.get_threshold()[0])]
            assert gone() is None
            del churn
    finally:
        gc.unfreeze()


def test_a_worker_forked_during_the_stages_collects_with_the_usual_thresholds():
    before = gc.get_threshold()
    try:
        with collector_paused():
            worker_collector()  # as in a worker's initializer, right after the fork
            assert gc.get_threshold() == before and gc.isenabled()
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
        gc.enable()


def test_the_collector_comes_back_on_when_a_stage_raises():
    before = gc.get_threshold()
    try:
        with collector_paused():
            raise ValueError("a stage failed")
    except ValueError:
        pass
    finally:
        assert gc.isenabled() and gc.get_threshold() == before
        gc.unfreeze()


def test_the_cycles_a_build_left_are_collected_when_the_next_starts():
    """`mkdocs serve` builds again in one process: what the last build froze and later dropped,
    cycles included, must not stay frozen (measured: +9 MB a rebuild at 1,000 filings before)."""
    try:
        with collector_paused():
            kept = _held_cycle()
        gone = weakref.ref(kept[0])
        kept.clear()  # dropped between builds: the cycle is frozen, so kept
        assert gone() is not None
        with collector_paused():  # the next build
            assert gone() is None
    finally:
        gc.unfreeze()
        gc.enable()
