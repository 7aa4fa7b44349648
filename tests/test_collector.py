"""The garbage collector during a build (builder/collector.py)."""

from __future__ import annotations

import gc

from builder.collector import collector_paused


def test_the_collector_is_off_during_the_stages_and_what_they_made_is_frozen_after():
    assert gc.isenabled()
    try:
        with collector_paused():
            assert not gc.isenabled()
            made = [[i] for i in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(made)
        frozen = gc.get_freeze_count()
        with collector_paused():  # the next build (mkdocs serve): the last one's objects unfrozen
            assert gc.get_freeze_count() == 0
        assert gc.get_freeze_count() <= frozen + 100
    finally:
        gc.unfreeze()
        gc.enable()


def test_the_collector_comes_back_on_when_a_stage_raises():
    try:
        with collector_paused():
            raise ValueError("a stage failed")
    except ValueError:
        pass
    finally:
        assert gc.isenabled()
        gc.unfreeze()


def test_the_cycles_a_build_left_are_collected_when_the_next_starts():
    """`mkdocs serve` builds again in one process: what the last build made and dropped, cycles
    included, must not stay frozen (measured: +9 MB a rebuild at 1,000 filings before)."""
    import weakref

    class Node:
        pass

    try:
        with collector_paused():
            first, second = Node(), Node()
            first.other, second.other = second, first  # a cycle: reference counting cannot free it
            gone = weakref.ref(first)
            del first, second
        assert gone() is not None  # frozen with the build's objects
        with collector_paused():  # the next build
            assert gone() is None
    finally:
        gc.unfreeze()
        gc.enable()
