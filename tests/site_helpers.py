"""Helpers of the tests that build the sample site with the CLI and serve it over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def build_site(out: Path, *options: str, filings: Path = REPO / "filings", env: dict | None = None) -> Path:
    """Build the shipped sample archive (or `filings`) into `out` with `python -m builder build`
    (quiet), with `env` added to the environment."""
    result = subprocess.run(
        [sys.executable, "-m", "builder", "build", str(filings), "--out", str(out), "--quiet", *options],
        capture_output=True, text=True, cwd=REPO, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "index.html").is_file()
    return out


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
