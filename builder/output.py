"""Writing an output folder atomically: build into a staging folder beside it, then swap.

An interrupted build (an exception, a kill) never leaves a half-written folder where the
finished one stood; the previous output stays until the new one is complete. Once it is swapped
out, a detached process deletes it (`remove_in_background`): at 10,000 filings, deleting a site's
45,000 folders takes longer than building the next one from the cache. A folder MkDocs builds
into itself (`mkdocs serve`, `mkdocs build`) is emptied by moving its content aside (`set_aside`),
deleted the same way once the build is done; the folders holding what the build makes again are
put back first (`take_back`), listed only where they changed since the build recorded them
(`record_site`).
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
import sys
import time
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
    """Hand to deleters (`remove_in_background`) the staging folders that builds killed before
    they finished left beside `out`, and the old sites whose deleter died; remove their marks.
    A folder named after a live process is left: a build's staging folder, or an old site its
    deleter is removing (it renames the folder after itself). Deleting a site of 10,000 filings
    here, in the foreground, took 5 s of a build started right after the one before."""
    pattern = re.compile(rf"^\.{re.escape(out.name)}\.(?:tmp|old|busy)-(\d+)(?:-\d+)?$")
    if not out.parent.is_dir():
        return
    for sibling in out.parent.iterdir():
        m = pattern.match(sibling.name)
        if m and int(m.group(1)) != os.getpid() and not _alive(int(m.group(1))):
            if sibling.is_dir() and not sibling.is_symlink():
                remove_in_background(sibling, out)
            else:
                sibling.unlink(missing_ok=True)


def staging_dir(out: Path) -> Path:
    """A fresh, empty staging folder beside `out` (its parent is made if needed)."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _clear_stale(out)
        tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
        if tmp.exists():
            shutil.rmtree(tmp)
        busy(out)  # until swap_into_place: a deleter of an earlier build's site waits
        return tmp
    except OSError as exc:
        raise OutputError(f"cannot write the output folder {out}: {exc.strerror or exc}") from exc


def discard_staging(tmp: Path, out: Path) -> None:
    """A build into `tmp` (from `staging_dir(out)`) failed: its folder goes, `out` stays as it was."""
    shutil.rmtree(tmp, ignore_errors=True)
    idle(out)


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
    finally:
        idle(out)
    if old.exists():
        remove_in_background(old, out)


def _delete(folder: str, marks: str, prefix: str) -> None:
    """The detached deleter's work (`python -I output.py FOLDER MARKS PREFIX`: this file alone, on
    the standard library, whatever the path the package is importable from; FOLDER "-": read from
    the standard input, up to its end): delete `folder` at the lowest CPU priority (deleting is
    mostly the kernel's work), pausing while a live process holds a mark (`busy`: a file named
    `prefix` + its pid in `marks`) of a build of the same output folder. Deleting a site's 140,000
    files and folders beside a build that links as many doubles the time of that linking (measured
    at 10,000 filings: pages 5.0 s alone, 10.5 s beside a deletion)."""
    if folder == "-":
        folder = os.fsdecode(sys.stdin.buffer.read())
        if not folder:  # the build that started this deleter died before naming the folder
            return
    try:
        os.nice(19)
    except (AttributeError, OSError):
        pass

    def building() -> bool:
        try:
            names = os.listdir(marks)
        except OSError:
            return False
        pids = [name[len(prefix):] for name in names if name.startswith(prefix)]
        return any(pid.isdigit() and _alive(int(pid)) for pid in pids)

    for root, dirs, files in os.walk(folder, topdown=False):
        while building():
            time.sleep(0.5)
        for name in files:
            try:
                os.unlink(os.path.join(root, name))
            except OSError:
                pass
        for name in dirs:
            path = os.path.join(root, name)
            try:
                os.unlink(path) if os.path.islink(path) else os.rmdir(path)
            except OSError:
                pass
    try:
        os.rmdir(folder)
    except OSError:
        pass


def _mark(folder: Path) -> tuple[str, str]:
    """Where the marks of the builds of the output folder `folder` are, and their names' prefix."""
    return str(folder.parent), f".{folder.name}.busy-"


def remove_in_background(folder: Path, output: Path) -> Path:
    """Delete `folder` in a detached process (inline when none can be started), at the lowest
    priority, paused while a build of `output` (the output folder it was set aside from) runs
    (`_delete`); where the folder is while it is deleted. It is renamed after the deleter's
    process first (`.output.old-PID`), so that builds started meanwhile leave it to its deleter
    (`_clear_stale`); one whose deleter was killed before it was done is handed to a new one."""
    try:
        deleter = subprocess.Popen([sys.executable, "-I", os.path.abspath(__file__), "-", *_mark(output)],
                                   stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True, close_fds=True)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return folder
    named = output.with_name(f".{output.name}.old-{deleter.pid}")
    try:
        os.rename(folder, named)
    except OSError:  # (named after a dead deleter that had the same pid, and not empty)
        named = folder
    try:
        with deleter.stdin:
            deleter.stdin.write(os.fsencode(named))
    except OSError:  # the deleter is gone: the folder stays, named after a dead process
        pass
    return named


def busy(output: Path) -> None:
    """Mark a build of the output folder `output` as running, until `idle(output)` or the end of
    this process: deleters of its old content wait meanwhile (none when no mark can be made)."""
    folder, prefix = _mark(output)
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        Path(folder, f"{prefix}{os.getpid()}").touch()
    except OSError:
        pass


def idle(output: Path) -> None:
    """The build of `output` this process marked `busy` is done."""
    folder, prefix = _mark(output)
    Path(folder, f"{prefix}{os.getpid()}").unlink(missing_ok=True)


def set_aside(folder: Path) -> Path | None:
    """Empty `folder` at once by moving what it holds into a new folder beside it, returned (None
    when there was nothing to move) for `remove_in_background` once the build is done. MkDocs
    empties the site folder before each build (`mkdocs build`, and every rebuild of `mkdocs
    serve`): deleting a site of 10,000 filings file by file takes ~5 s, and deleting it while the
    next build links its files into the folder doubles the time of that linking (measured: pages
    5.0 s alone, 10.5 s beside a deletion)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return None
    if not entries:
        return None
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
    return trash


def take_back(trash: Path, folder: Path, keep: set[str], whole: set[str] = frozenset(),
              record: Path | None = None) -> int:
    """Put back into `folder` (emptied by `set_aside` into `trash`) the files this build makes
    again: those at the paths of `keep` (relative, POSIX), hard links to the build's caches that
    it only checks when they are there already (`builder.cache.link_or_copy`), where it would make
    ~50,000 folders and links again at 10,000 filings. The folders of `trash` that hold some are
    moved back whole, then what else they hold is deleted (the build writes it again, new); the
    rest stays in `trash`. The folders named in `whole` are moved back as they are: what takes
    them over sorts out their content (the search index, `builder.search`).

    With the `record` the last build left (`record_site`), a folder whose modification time is
    the one recorded holds what that build wrote in it and nothing else: it is not listed (the
    walk of every folder took 2.7 s at 10,000 filings). How many files were put back."""
    tops = {path.partition("/")[0] for path in keep}
    for name in whole:
        source, target = os.path.join(trash, name), os.path.join(folder, name)
        if os.path.isdir(source) and not os.path.islink(source) and not os.path.lexists(target):
            os.rename(source, target)
    try:
        entries = [entry for entry in os.scandir(trash) if entry.name in tops]
    except OSError:
        return 0
    known = _Recorded.load(record, folder) if record is not None else _Recorded()
    kept = 0
    for entry in entries:
        target = os.path.join(folder, entry.name)
        if os.path.lexists(target):
            continue  # made by this build already: leave it
        try:
            os.rename(entry.path, target)
        except OSError:
            continue
        if entry.is_dir(follow_symlinks=False):
            kept += _prune(target, entry.name, keep, known)
        elif entry.name in keep:
            kept += 1
        else:
            os.unlink(target)
    return kept


class _Recorded:
    """What the last build wrote in a site's folders (`record_site`): the files of each folder,
    its subfolders, and its modification time then."""

    def __init__(self, times: dict[str, int] | None = None, written: set[str] | frozenset = frozenset()):
        self.times = times or {}
        self.files: dict[str, list[str]] = {}
        self.folders: dict[str, list[str]] = {}
        for path in written:
            parent, _, name = path.rpartition("/")
            self.files.setdefault(parent, []).append(name)
        for path in self.times:
            parent, _, name = path.rpartition("/")
            self.folders.setdefault(parent, []).append(name)

    @classmethod
    def load(cls, record: Path, site: Path) -> _Recorded:
        try:
            with open(record, "rb") as fh:
                state = pickle.load(fh)
            if state["site"] != os.path.abspath(site):
                return cls()
            return cls(state["times"], state["written"])
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, KeyError, TypeError,
                ValueError):
            return cls()

    def unchanged(self, relative: str, path: str) -> bool:
        """Whether the folder at `path` (`relative` in the site) is as the last build left it."""
        recorded = self.times.get(relative)
        if recorded is None:
            return False
        try:
            return os.stat(path, follow_symlinks=False).st_mtime_ns == recorded
        except OSError:
            return False


def record_site(folder: Path, written: set[str], record: Path) -> None:
    """After a build into `folder`: keep in `record` what it wrote there (`written`: relative POSIX
    paths of files) and the modification time of each of their folders, for `take_back`."""
    folders: set[str] = set()
    for path in written:
        parent = path.rpartition("/")[0]
        while parent and parent not in folders:
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    root = os.fspath(folder)
    times = {}
    for relative in folders:
        try:
            times[relative] = os.stat(os.path.join(root, relative), follow_symlinks=False).st_mtime_ns
        except OSError:
            continue
    state = {"site": os.path.abspath(folder), "times": times, "written": set(written)}
    from builder.cache import store_entry  # here: the deleter runs this file alone (`_delete`)
    store_entry(record, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))


def prune(folder: Path, keep: set[str]) -> int:
    """Delete what `folder` holds that is not in `keep` (paths relative to it, POSIX), and the
    folders left empty; how many files stay."""
    return _prune(os.fspath(folder), "", keep, _Recorded())


def _prune(folder: str, relative: str, keep: set[str], known: _Recorded) -> int:
    """Delete what `folder` (`relative` in the site) holds that is not in `keep`, and the folders
    left empty; how many files stay. A folder as the last build left it is not listed: it holds
    the files that build wrote there (`known`)."""
    def inside(name: str) -> str:
        return f"{relative}/{name}" if relative else name

    kept = 0
    if known.unchanged(relative, folder):
        for name in known.files.get(relative, ()):
            if inside(name) in keep:
                kept += 1
            else:
                try:
                    os.unlink(os.path.join(folder, name))
                except FileNotFoundError:
                    pass
        # Not stated here: one that is gone is found so by its own call (no listing, nothing kept).
        subfolders = [(os.path.join(folder, name), inside(name)) for name in known.folders.get(relative, ())]
    else:
        subfolders = []
        try:
            entries = os.scandir(folder)
        except (FileNotFoundError, NotADirectoryError):
            return 0
        with entries:
            for entry in entries:
                path = inside(entry.name)
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append((entry.path, path))
                elif path in keep:
                    kept += 1
                else:
                    os.unlink(entry.path)
    for path, rel in subfolders:
        inside_kept = _prune(path, rel, keep, known)
        kept += inside_kept
        if not inside_kept:
            shutil.rmtree(path, ignore_errors=True)
    return kept


if __name__ == "__main__":
    _delete(*sys.argv[1:4])
