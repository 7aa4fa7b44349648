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
