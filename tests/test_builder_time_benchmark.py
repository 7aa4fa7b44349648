"""benchmarks/builder_time.py: where the builder's CPU goes, timed on the sample archive."""

from __future__ import annotations

import sys

import jinja2.environment
import nh3

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import builder_time  # noqa: E402


def test_each_activity_of_the_sample_build_is_timed_once_a_call_and_the_real_functions_come_back():
    originals = [(a.owner, a.name, getattr(a.owner, a.name)) for a in builder_time.ACTIVITIES if a.owner is not None]
    figures = builder_time.measure(REPO / "filings", REPO / "site_templates")
    by_label = {a["label"]: a for a in figures["activities"]}
    assert figures["filings"] > 40
    assert by_label["read a source: find, decode, split"]["calls"] >= figures["filings"]
    assert by_label["HTML made text (main documents)"]["calls"] > 0  # the sample has HTML reports
    sanitized, cleaned = by_label["HTML documents sanitized"], by_label["nh3"]
    assert sanitized["calls"] == cleaned["calls"] > 0 and cleaned["cpu"] <= sanitized["cpu"]
    # Templates rendered by the index pages count under them, the others under the filings' pages.
    index, index_templates = by_label["index pages (home, registrants, years ...)"], by_label["their templates"]
    assert index["calls"] == 1 and 0 < index_templates["cpu"] <= index["cpu"]
    assert by_label["templates of the filings' pages"]["calls"] >= figures["filings"]
    for stage, cpu in figures["stages"].items():
        first_level = sum(a["cpu"] for a in figures["activities"] if a["stage"] == stage and a["depth"] == 1)
        assert 0 < first_level <= cpu * 1.01  # nested activities are not counted twice
    for owner, name, function in originals:  # the timers are taken off again
        assert getattr(owner, name) is function
    assert not hasattr(jinja2.environment.Template.render, "__wrapped__")
    assert not hasattr(nh3.clean, "__wrapped__")
