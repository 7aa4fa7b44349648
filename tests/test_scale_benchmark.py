"""benchmarks/scale.py: how it tells the memory of each stage of a build."""

from __future__ import annotations

import sys

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
