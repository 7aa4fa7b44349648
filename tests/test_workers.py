"""Rolling workers (builder/workers.py): a few chunks each, a new fork in the place of one that ended;
and `Apart`: one process forked to do a piece of work and hand it back."""

from __future__ import annotations

import os

import pytest

from builder.workers import Apart, Died, Lost, rolling


def _pid_and_square(chunk: int) -> tuple[int, int]:
    return os.getpid(), chunk * chunk


def test_every_chunk_comes_back_once_each_worker_doing_at_most_its_share():
    results = dict(rolling(_pid_and_square, list(range(23)), jobs=2, per_worker=4))
    assert {chunk: square for chunk, (_, square) in results.items()} == {i: i * i for i in range(23)}
    by_worker: dict[int, list[int]] = {}
    for chunk, (pid, _) in results.items():
        by_worker.setdefault(pid, []).append(chunk)
    assert os.getpid() not in by_worker
    assert len(by_worker) == 6  # 23 chunks, 4 a worker
    assert all(len(chunks) <= 4 and chunks == sorted(chunks) for chunks in by_worker.values())


_started: list[int] = []


def _note_start() -> None:
    _started.append(os.getpid())  # in the worker's own memory: handed back with each result


def _started_here(chunk: int) -> list[int]:
    return list(_started)


def test_each_worker_starts_once_before_its_first_chunk():
    for _, started in rolling(_started_here, list(range(6)), jobs=2, per_worker=3, start=_note_start):
        assert len(started) == 1 and started[0] != os.getpid()


def _dies_on_5(chunk: int) -> int:
    if chunk == 5:
        os._exit(7)
    return chunk


def test_a_worker_that_dies_loses_the_chunk_it_was_doing_and_the_next_worker_does_the_rest():
    results = dict(rolling(_dies_on_5, list(range(12)), jobs=2, per_worker=4))
    assert results.pop(5) == Lost(7)
    assert results == {i: i for i in range(12) if i != 5}  # 6 and 7, after 5 in its batch, done by another


def _boom(chunk: int) -> int:
    raise ValueError("boom")


def test_a_chunk_whose_work_raises_is_lost_with_the_workers_exit_code():
    assert dict(rolling(_boom, [1, 2], jobs=1, per_worker=2)) == {1: Lost(1), 2: Lost(1)}


def _slow(chunk: int) -> int:
    import time

    time.sleep(30)
    return chunk


def test_leaving_the_loop_early_kills_the_workers_still_running():
    import multiprocessing

    results = rolling(_slow, list(range(4)), jobs=2, per_worker=2)
    with pytest.raises(TimeoutError):
        for _ in _with_deadline(results, seconds=1):
            pass
    assert not multiprocessing.active_children()


def _with_deadline(iterator, seconds: float):
    import signal

    def expire(*_):
        raise TimeoutError

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield from iterator
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        iterator.close()


def apart(work, on_event):
    """What `work` returned in a process of its own (`Apart`), the process then waited for."""
    process = Apart(work)
    value = process.result(on_event)
    process.wait()
    return value


def _pid_with_events(send) -> int:
    for i in range(3):
        send(("event", i, os.getpid()))
    return os.getpid()


def test_apart_returns_what_the_forked_process_returned_after_its_events_in_order():
    events: list = []
    pid = apart(_pid_with_events, events.append)
    assert pid != os.getpid()
    assert events == [("event", i, pid) for i in range(3)]


class _Unpicklable(Exception):
    def __init__(self, a, b):  # pickled with one argument (the message): does not unpickle
        super().__init__(f"{a}-{b}")


def _raises(kind):
    def work(send):
        send("before")
        if kind == "value":
            raise ValueError("bad filing")
        raise _Unpicklable(1, 2)
    return work


def test_apart_raises_here_what_the_work_raised_there():
    events: list = []
    with pytest.raises(ValueError, match="bad filing"):
        apart(_raises("value"), events.append)
    assert events == ["before"]
    with pytest.raises(RuntimeError, match="_Unpicklable: 1-2"):  # what does not come back whole, as text
        apart(_raises("unpicklable"), events.append)


def _dies(send):
    send("started")
    os._exit(9)


def test_apart_raises_died_with_the_exit_code_when_the_process_ends_without_handing_back():
    events: list = []
    with pytest.raises(Died) as died:
        apart(_dies, events.append)
    assert died.value.exitcode == 9 and events == ["started"]


def _returns_a_lambda(send):
    return lambda: None


def test_apart_raises_when_what_was_returned_cannot_be_handed_back():
    with pytest.raises(RuntimeError, match="returned what cannot be handed back"):
        apart(_returns_a_lambda, lambda event: None)


def _sleeps(send):
    send(os.getpid())
    import time
    time.sleep(60)


def test_apart_kills_the_process_when_leaving_early():
    pids: list[int] = []

    def on_event(pid):
        pids.append(pid)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        apart(_sleeps, on_event)
    with pytest.raises(ProcessLookupError):
        os.kill(pids[0], 0)


def _returns_then_notes(path):
    def work(send):
        return os.getpid()

    def then():
        import time
        time.sleep(0.3)
        with open(path, "a") as fh:
            fh.write("then")
    return work, then


def test_apart_hands_back_the_result_before_then_runs_and_wait_returns_once_then_is_done(tmp_path):
    noted = tmp_path / "noted"
    work, then = _returns_then_notes(noted)
    process = Apart(work, then=then)
    assert process.result(lambda event: None) != os.getpid()
    assert not noted.exists()  # then() still running
    process.wait()
    assert noted.read_text() == "then"


def _then_fails() -> None:
    raise OSError("disk full")


def test_what_then_raised_is_raised_by_wait():
    process = Apart(lambda send: 1, then=_then_fails)
    assert process.result(lambda event: None) == 1
    with pytest.raises(OSError, match="disk full"):
        process.wait()
