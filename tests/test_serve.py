"""`mkdocs serve` on the project's configuration: a filing changed while it runs rebuilds the site
from what the first build cached (the parse, render and page caches), and serves the change."""

from __future__ import annotations

import json
import os
import socket
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import project_config


def _wait_for(log: Path, text: str, count: int, process: subprocess.Popen, limit: float = 180) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if log.read_text(errors="replace").count(text) >= count:
            return
        assert process.poll() is None, log.read_text(errors="replace")[-3000:]
        time.sleep(0.2)
    raise AssertionError(f"no {text!r} in {limit} s:\n" + log.read_text(errors="replace")[-3000:])


def test_a_filing_changed_under_mkdocs_serve_is_rebuilt_from_the_first_builds_caches(archive_dir, tmp_path):
    # The configuration named as typed (relative): MkDocs names it so for the first build only.
    project_config(tmp_path / "mkdocs.yml", filings_dir=str(archive_dir), cache_dir=str(tmp_path / "cache"),
                   workers=2, parallel_from=10)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    stats, log = tmp_path / "stats.json", tmp_path / "serve.log"
    env = {k: v for k, v in os.environ.items() if k not in ("FILINGS_WORKERS", "FILINGS_CACHE_DIR")}
    env.update(NO_MKDOCS_2_WARNING="1", FILINGS_BUILD_STATS=str(stats))
    with open(log, "w") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", "mkdocs.yml",
                                   "--dev-addr", f"127.0.0.1:{port}"], cwd=tmp_path, env=env,
                                  stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_for(log, "Serving on", 1, server)
        first = json.loads(stats.read_text())
        assert first["pages_reused"] == 0 and first["page_count"] > 100
        report = archive_dir / "asta-funding" / "1001258_8K_2004_0001125282-04-000379.txt"
        report.write_bytes(report.read_bytes().replace(b"210 Sylvan Avenue", b"211 Sylvan Avenue"))
        _wait_for(log, "Reloading browsers", 1, server)
        again = json.loads(stats.read_text())
        assert again["parsed"] == 1 and again["rendered"] <= 12
        assert again["pages_reused"] >= again["page_count"] - 12, again
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/filings/0001125282-04-000379/", timeout=30) as page:
            html = page.read().decode("utf-8")
        assert "211 Sylvan Avenue" in html and "210 Sylvan Avenue" not in html
        text = log.read_text(errors="replace")
        assert f"watching {archive_dir} for changes (events)" in text  # not polled (builder.watching)
        time.sleep(3)  # the rebuild read the filings: that is no change, and starts no other build
        assert log.read_text(errors="replace").count("Building documentation") == 2
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: mkdocs serve removes its temporary site
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # busy building: it finishes the build before it stops
            server.kill()
            server.wait()
