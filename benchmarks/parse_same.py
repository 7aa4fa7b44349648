"""Does the read+parse stage give the same result as another revision's? And at what CPU cost?

    .venv/bin/python benchmarks/parse_same.py REVISION DIR [DIR ...]

For every source of each DIR (`builder.read.find_sources`), `repr(parse_one(read_source(...)))`
(the filing and its problems, documents' text included) is hashed by this tree's code and by
REVISION's (exported with `git archive` to a temporary folder), each in a process of its own;
the script prints, per DIR, how many sources there are, how many differ (and the first few of
them), and the CPU seconds each side took (the hashing included). Exit status 1 when any differ.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Run in a child process: one line per source, "source<TAB>sha256"; the CPU seconds on stderr.
_DUMP = r"""
import hashlib, sys, time
from pathlib import Path
from builder.pipeline import parse_one
from builder.read import find_sources, read_source
root = Path(sys.argv[1])
start = time.process_time()
for path in find_sources(root):
    text = repr(parse_one(read_source(path, root)))
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    print(f"{path.relative_to(root).as_posix()}\t{digest}")
print(f"{time.process_time() - start:.2f}", file=sys.stderr)
"""


def _dump(tree: Path, folder: Path) -> tuple[dict[str, str], str]:
    """{source: hash} of every source of `folder` as the code in `tree` reads it, and its CPU s."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, "-c", _DUMP, str(folder)], env=env, cwd=tree,
                          capture_output=True, text=True, check=True)
    hashes = dict(line.split("\t", 1) for line in done.stdout.splitlines())
    return hashes, done.stderr.strip().splitlines()[-1]


def main(argv: list[str]) -> int:
    """Compare this tree with the revision `argv[0]` on the folders `argv[1:]`."""
    if len(argv) < 2:
        print(__doc__)
        return 2
    revision, folders = argv[0], [Path(f).resolve() for f in argv[1:]]
    differ = 0
    with tempfile.TemporaryDirectory() as other:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", other], input=archive.stdout, check=True)
        for folder in folders:
            theirs, their_cpu = _dump(Path(other), folder)
            ours, our_cpu = _dump(ROOT, folder)
            changed = sorted(s for s in theirs.keys() | ours.keys() if theirs.get(s) != ours.get(s))
            differ += len(changed)
            print(f"{folder}: {len(theirs)} sources ({revision}), {len(ours)} (this tree), {len(changed)} differ; "
                  f"CPU s {their_cpu} ({revision}), {our_cpu} (this tree)")
            for source in changed[:10]:
                print(f"  differs: {source}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
