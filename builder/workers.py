"""Worker processes that each do a few chunks of a stage's work and end, a new one forked at once in
the place of one that ended ("rolling" workers): the render stage's (`builder.render.site`) and
the page builders' (`builder.pagebuild`); and one process, forked to do a stage's work apart from the
build and end (`Apart`: the filings plugin reads, parses and renders the archive so).

Why not a `multiprocessing.Pool`:

- a worker reads objects of the build (the archive, MkDocs' files), and reading an object writes
  its reference count, so the memory holding it is copied into the worker: the longer a worker
  lives, the more of the build it has copied. A worker that does a few chunks and ends keeps that
  bounded, whatever the size of the archive;
- every worker is forked by the thread that runs `rolling`, when it waits for results, never while
  it holds a lock; a pool's own replacing of workers (`maxtasksperchild`) forks from the pool's
  thread, at any moment;
- no core waits: a worker that ended is replaced at once, where pools in waves wait for a wave's
  last chunk;
- a worker that dies (killed, out of memory) costs the chunk it was doing, which comes back as
  `Lost`; the chunks it had not begun go to the next worker. A pool would wait forever.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import pickle
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, TypeVar

C = TypeVar("C")


def can_fork() -> bool:
    """Whether workers can be forked here safely: `fork` exists and no other thread runs (the dev
    server's do under `mkdocs serve`; a thread holding a lock at the fork would leave it held)."""
    return threading.active_count() == 1 and "fork" in mp.get_all_start_methods()


#: The modules the fork server imports when it starts (`fork_server`): every user's.
_FORK_SERVER_PRELOAD: list[str] = []


def fork_server(module: str):
    """The context of processes started by the fork server (`multiprocessing`'s "forkserver": a
    small process started once, which imports `module` and the other users' modules, and forks
    the processes asked of it), or None where there is none. Safe where forking the build is not
    (its threads), and a process started so does not share the build's memory. A fork server
    already running keeps what it imported: a process it starts imports the rest."""
    if "forkserver" not in mp.get_all_start_methods():
        return None
    if module not in _FORK_SERVER_PRELOAD:
        _FORK_SERVER_PRELOAD.append(module)
    mp.set_forkserver_preload(list(_FORK_SERVER_PRELOAD))
    return mp.get_context("forkserver")


def only_logging_to(handler: logging.Handler) -> None:
    """In a worker: every log record goes to `handler` (on the root logger), and to no handler it
    inherited from the build (the build logs what the worker hands back)."""
    manager = logging.root.manager
    for logger in [logging.root, *(v for v in manager.loggerDict.values() if isinstance(v, logging.Logger))]:
        for handler_there in list(logger.handlers):
            logger.removeHandler(handler_there)
        if logger is not logging.root:
            logger.propagate = True
    logging.root.addHandler(handler)


def forward_logging(send: Callable[[Any], None]) -> None:
    """In a process forked from the build (`Apart`'s): every log record it makes is sent as the
    event ("log", logger's name, level, message), to be logged by the process that forked it
    (`log_forwarded`), and none is shown here."""

    class Forward(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            send(("log", record.name, record.levelno, record.getMessage()))

    only_logging_to(Forward())


def log_forwarded(event: tuple) -> bool:
    """Log an event `forward_logging` sent here with this process's handlers; whether it was one."""
    if event[0] != "log":
        return False
    logging.getLogger(event[1]).log(event[2], "%s", event[3])
    return True


@dataclass(frozen=True)
class Lost:
    """What comes back for a chunk whose worker ended before handing it back."""

    exitcode: int | None


class Died(RuntimeError):
    """The process `Apart` forked ended before handing back what it did."""

    def __init__(self, exitcode: int | None):
        super().__init__(f"the process ended with exit code {exitcode} before handing back its work")
        self.exitcode = exitcode


def rolling(work: Callable[[C], Any], chunks: list[C], jobs: int, per_worker: int, *,
            start: Callable[[], None] | None = None) -> Iterator[tuple[C, Any]]:
    """(chunk, what `work(chunk)` returned in a worker) for every chunk, as they come; (chunk,
    `Lost`) for a chunk whose worker ended while doing it (the chunks it had not begun go to the next
    worker).

    At most `jobs` workers at a time, each forked here (the `fork` start method: they inherit
    what this process holds), calling `start()` first, then doing `per_worker` chunks in order.
    What `work` returns is pickled. Leaving the loop early (an exception) kills the workers still
    running.
    """
    context = mp.get_context("fork")
    batches = [chunks[i:i + per_worker] for i in range(0, len(chunks), max(1, per_worker))]
    batches.reverse()  # taken from the end: in order
    running: dict = {}  # this end of a worker's pipe -> (the worker, its chunks not handed back yet)
    try:
        while batches or running:
            while batches and len(running) < jobs:
                batch = batches.pop()
                receiver, sender = context.Pipe(duplex=False)
                worker = context.Process(target=_worker, args=(work, start, batch, sender), daemon=True)
                worker.start()
                sender.close()  # the worker holds the only sending end: its end is the pipe's
                running[receiver] = (worker, list(batch))
            for receiver in wait(list(running)):
                worker, pending = running[receiver]
                try:
                    result = receiver.recv()
                except (EOFError, OSError):  # the worker ended, its work done or not
                    del running[receiver]
                    receiver.close()
                    worker.join()
                    if pending:  # it died on the first; the others go to the next worker
                        if pending[1:]:
                            batches.append(pending[1:])
                        yield pending[0], Lost(worker.exitcode)
                    continue
                yield pending.pop(0), result
    finally:
        for receiver, (worker, _) in running.items():
            worker.kill()
            worker.join()
            receiver.close()


def _worker(work: Callable[[C], Any], start: Callable[[], None] | None, chunks: list[C], sender) -> None:
    """A worker's life: `start()`, then each chunk done and handed back, in order."""
    if start is not None:
        start()
    for chunk in chunks:
        sender.send(work(chunk))
    sender.close()


class Apart:
    """`work(send)` done in one process forked here (the `fork` start method: it inherits what this
    process holds), which hands back what it returns (`result`), then does `then()` and ends (`wait`).

    What the work made and did not hand back never takes memory here: the process ends without
    freeing it, and this one never held it. Leaving early (an exception here) kills the process.
    With another `context` (`fork_server`'s), the process is started by it: `work` and `then`
    are pickled, and it inherits nothing.
    """

    def __init__(self, work: Callable[[Callable[[Any], None]], Any], then: Callable[[], None] | None = None,
                 *, context=None):
        context = context or mp.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        # Not a daemon: the work may start processes of its own (a daemon may not).
        self._process = context.Process(target=_apart, args=(work, then, sender))
        self._process.start()
        sender.close()

    def result(self, on_event: Callable[[Any], None]) -> Any:
        """What `work` returned; what it raised is raised here (as `RuntimeError` when it cannot be
        pickled), `Died` when the process ends without either. `send(event)` there calls
        `on_event(event)` here, as the events come."""
        try:
            while True:
                kind, value = self._next()
                if kind == "event":
                    on_event(value)
                    continue
                if kind == "raised":
                    raise value
                return value
        except BaseException:
            self.kill()
            raise

    def wait(self, on_event: Callable[[Any], None] | None = None) -> None:
        """Wait for the process to end, its `then()` done; what that raised is raised here, and
        what it sent meanwhile handed to `on_event`."""
        try:
            while self._receiver is not None:
                kind, value = self._next()
                if kind == "event" and on_event is not None:
                    on_event(value)
                elif kind == "raised":
                    raise value
                elif kind == "ended":
                    break
        finally:
            self.kill()

    def kill(self) -> None:
        """End the process now (nothing, when it ended)."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        if self._receiver is not None:
            self._receiver.close()
            self._receiver = None

    def _next(self) -> tuple[str, Any]:
        try:
            return self._receiver.recv()
        except (EOFError, OSError):
            self._process.join()
            raise Died(self._process.exitcode) from None


def _apart(work: Callable[[Callable[[Any], None]], Any], then: Callable[[], None] | None, sender) -> None:
    """The life of `Apart`'s process: the work done, what it returned (or raised) handed back; then
    `then()`, and whether it raised."""
    def send(event: Any) -> None:
        sender.send(("event", event))

    def hand_back(step: Callable[[], Any], kind: str) -> bool:
        try:
            outcome = (kind, step())
        except BaseException as exc:  # noqa: BLE001 - raised again in the process that forked this one
            try:
                pickle.loads(pickle.dumps(exc))
            except Exception:  # noqa: BLE001 - an exception that does not come back whole
                exc = RuntimeError(f"{type(exc).__name__}: {exc}")
            outcome = ("raised", exc)
        try:
            sender.send(outcome)
        except Exception as exc:  # noqa: BLE001 - what it returned or raised does not pickle
            outcome = ("raised", RuntimeError(f"{outcome[0]} what cannot be handed back: {exc!r}"))
            sender.send(outcome)
        return outcome[0] != "raised"

    if hand_back(lambda: work(send), "returned") and (then is None or hand_back(then, "ended")):
        if then is None:
            sender.send(("ended", None))
    sender.close()
