"""benchmarks/scale.py: how it tells the memory of each stage of a build."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import scale  # noqa: E402


def test_each_stage_gets_the_peak_of_the_samples_taken_while_it_ran():
    # The plugin's laps: each stage with the moment it ended; MkDocs' own work comes twice.
    laps = [["mkdocs", 10], ["read+parse", 20], ["link", 21], ["render", 30], ["mkdocs", 31],
            ["pages", 40], ["pages", 41], ["search index", 50]]
    samples = [(5, 100), (15, 300), (16, 250), (20.5, 50), (25, 700), (30.5, 10), (35, 900), (40.5, 20), (45, 400)]
    assert scale.stage_peaks(samples, laps) == {
        "mkdocs": 100, "read+parse": 300, "link": 50, "render": 700, "pages": 900, "search index": 400}


def test_a_stage_without_a_sample_is_not_given_a_peak():
    laps = [["mkdocs", 10], ["read+parse", 20], ["link", 20.1], ["render", 30]]
    assert scale.stage_peaks([(5, 1), (15, 2), (25, 3)], laps) == {"mkdocs": 1, "read+parse": 2, "render": 3}


def test_each_stages_peak_tells_the_build_process_and_the_largest_other_at_that_moment():
    laps = [["mkdocs", 10], ["read+parse", 20], ["pages", 30]]
    # (time, tree, build process, largest other): the peak sample of each stage is kept whole.
    samples = [(5, 100, 90, 10), (12, 300, 80, 200), (15, 250, 240, 5), (25, 400, 350, 30), (28, 390, 380, 10)]
    assert scale.stage_parts(samples, laps) == {
        "mkdocs": (100, 90, 10), "read+parse": (300, 80, 200), "pages": (400, 350, 30)}
    assert scale.stage_peaks(samples, laps) == {"mkdocs": 100, "read+parse": 300, "pages": 400}


def test_the_tree_of_this_process_counts_it_and_its_child_apart():
    child = subprocess.Popen([sys.executable, "-c", "import time; b = b'x' * 30_000_000; time.sleep(30)"])
    try:
        deadline = time.monotonic() + 20
        while True:  # until the child has made its bytes
            total, own, other = scale._tree_rss(os.getpid())
            if other >= 30_000_000 or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert own > 0 and other >= 30_000_000 and total >= 30_000_000
    finally:
        child.kill()
        child.wait()
