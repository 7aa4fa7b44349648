"""Writing an output folder atomically: build into a staging folder beside it, then swap.

An interrupted build (an exception, a kill) never leaves a half-written folder where the
finished one stood; the previous output stays until the new one is complete. Once it is swapped
out, a detached process deletes it (`remove_in_background`): at 10,000 filings, deleting a site's
45,000 folders takes longer than building the next one from the cache.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path


class OutputError(Exception):
    """The output folder cannot be used: it overlaps the filings, or it cannot be written."""


def check_apart(filings_dir: Path, out: Path) -> None:
    """Refuse an output folder that is, holds or is inside the filings folder (never touched)."""
    filings, target = filings_dir.resolve(), out.resolve()
    if target == filings or filings.is_relative_to(target) or target.is_relative_to(filings):
        raise OutputError(f"the output folder {target} overlaps the filings folder {filings}; choose another")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clear_stale(out: Path) -> None:
    """Remove staging folders that builds killed before they finished left beside `out`."""
    pattern = re.compile(rf"^\.{re.escape(out.name)}\.(?:tmp|old)-(\d+)(?:-\d+)?$")
    if not out.parent.is_dir():
        return
    for sibling in out.parent.iterdir():
        m = pattern.match(sibling.name)
        if m and int(m.group(1)) != os.getpid() and not _alive(int(m.group(1))):
            shutil.rmtree(sibling, ignore_errors=True)


def staging_dir(out: Path) -> Path:
    """A fresh, empty staging folder beside `out` (its parent is made if needed)."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _clear_stale(out)
        tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
        if tmp.exists():
            shutil.rmtree(tmp)
        return tmp
    except OSError as exc:
        raise OutputError(f"cannot write the output folder {out}: {exc.strerror or exc}") from exc


def swap_into_place(tmp: Path, out: Path) -> None:
    """Replace `out` with the finished `tmp`; when that fails, the previous `out` is put back."""
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    had_previous = out.exists()
    try:
        if had_previous:
            out.rename(old)
        tmp.rename(out)
    except OSError as exc:
        if had_previous and old.exists() and not out.exists():
            old.rename(out)
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(f"cannot put the new site in place at {out}: {exc.strerror or exc}") from exc
    if old.exists():
        remove_in_background(old)


#: The detached deleter: at the lowest CPU priority (deleting is mostly the kernel's work).
_DELETER = """
import os, shutil, sys
try:
    os.nice(19)
except (AttributeError, OSError):
    pass
shutil.rmtree(sys.argv[1], ignore_errors=True)
"""


def remove_in_background(folder: Path) -> None:
    """Delete `folder` in a detached process (inline when none can be started), at the lowest
    priority: it runs while the next build does. A deleter killed before it is done leaves the
    folder, named after this build's process: the next build removes it (`_clear_stale`)."""
    try:
        subprocess.Popen([sys.executable, "-c", _DELETER, str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def empty_in_background(folder: Path) -> None:
    """Empty `folder` at once: what it holds is moved into a folder beside it that a detached
    process deletes. MkDocs empties the site folder before each build (`mkdocs build`, and every
    rebuild of `mkdocs serve`); deleting a site of 10,000 filings file by file takes ~5 s."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    if not entries:
        return
    _clear_stale(folder)
    k = 0
    while (trash := folder.with_name(f".{folder.name}.old-{os.getpid()}-{k}")).exists():
        k += 1
    try:
        trash.mkdir()
        for entry in entries:
            os.rename(entry.path, trash / entry.name)
    except OSError:
        pass  # what was not moved, MkDocs deletes
    remove_in_background(trash)
