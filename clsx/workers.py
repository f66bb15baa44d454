"""Worker processes that cannot lose a batch: forked copies of this process, results in input order.

`multiprocessing.Pool.imap` waits for ever when one of its workers dies (killed by the system's
out-of-memory killer, say). Here each worker is given one batch at a time over a pipe of its
own, and the parent waits on the pipes and the processes together, so a death is seen at once.
The dead worker's batch is then redone one item at a time, each in a fresh worker, and an item
whose worker dies again alone is handed to `lost` (which makes its error record). Workers die
with the parent (PR_SET_PDEATHSIG on Linux; elsewhere when their pipe closes), so a killed run
leaves none behind.
"""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, Optional, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
_EMPTY: Any = object()


@dataclass(frozen=True)
class Death:
    """A worker that died: its pid, its exit code (-9: SIGKILL), the items it was working on, and
    whether they were one item being redone alone (which then gets an error record)."""

    pid: int
    exitcode: Optional[int]
    items: int
    alone: bool

    def how(self) -> str:
        code = self.exitcode
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            return f"was killed by {name}" + (" (out of memory?)" if code == -signal.SIGKILL else "")
        return f"exited with code {code}"

    def describe(self) -> str:
        if not self.items:
            return f"worker process {self.pid} {self.how()} while idle"
        if self.alone:
            return f"worker process {self.pid} {self.how()} again on a document redone alone: it gets an error record"
        return f"worker process {self.pid} {self.how()} while extracting {self.items} document(s): they are redone one at a time"


@dataclass
class _Job(Generic[Item]):
    group: int
    start: int  # where its items sit in the group
    items: list[Item]
    alone: bool = False  # one item redone on its own after its worker died


class _Worker:
    def __init__(self, ctx: Any, work: Callable[[list[Any]], list[Any]], others: list[Any]):
        self.conn, child = ctx.Pipe()
        self.job: Optional[_Job[Any]] = None
        self.proc = ctx.Process(target=_serve, args=(child, work, os.getpid(), [*others, self.conn]), daemon=True)
        self.proc.start()
        child.close()

    def give(self, job: _Job[Any]) -> None:
        self.job = job
        try:
            self.conn.send(job.items)
        except OSError:
            pass  # it is dead: its sentinel says so next

    def stop(self) -> None:
        if self.proc.exitcode is None:
            self.proc.kill()
        self.proc.join()
        self.conn.close()


def _serve(conn: Any, work: Callable[[list[Any]], list[Any]], parent: int, parents_ends: list[Any]) -> None:
    """A worker's life: batches in, results out, until the parent goes."""
    for c in parents_ends:  # the parent's ends of every pipe: its death must close them
        c.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles it and stops the workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with(parent)
    while True:
        try:
            conn.send(work(conn.recv()))
        except (EOFError, OSError):  # the parent has gone
            return


def _die_with(parent: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # it died before the line above
        os._exit(0)


class _Pool:
    """`jobs` workers, replaced when they die (a few times over when they die idle: after that,
    the parent does the remaining work itself rather than fork for ever)."""

    def __init__(self, work: Callable[[list[Any]], list[Any]], jobs: int):
        import multiprocessing as mp

        self.ctx, self.work, self.jobs = mp.get_context("fork"), work, jobs
        self.workers: list[_Worker] = []
        self.idle_deaths = 0
        for _ in range(jobs):
            self._start()

    def _start(self) -> None:
        try:
            self.workers.append(_Worker(self.ctx, self.work, [w.conn for w in self.workers]))
        except OSError:  # no fork (out of memory, a process limit): fewer workers, or the parent alone
            pass

    def dispatch(self, todo: deque[_Job[Any]], limit: int) -> list[tuple[_Job[Any], Any]]:
        """Give the next jobs (of groups before `limit`) to idle workers; without workers, do one here."""
        for w in self.workers:
            if w.job is None and todo and todo[0].group < limit:
                w.give(todo.popleft())
        if not self.workers and todo:
            job = todo.popleft()
            return [(job, self.work(job.items))]
        return []

    def wait(self) -> list[tuple[Optional[_Job[Any]], Any]]:
        """The next results, as (job, result or Death); a death of an idle worker has no job."""
        from multiprocessing import connection

        ends = [w.conn for w in self.workers if w.job is not None]
        ready = set(connection.wait([*ends, *(w.proc.sentinel for w in self.workers)]))
        out: list[tuple[Optional[_Job[Any]], Any]] = []
        for w in list(self.workers):
            job = w.job
            if w.conn in ready and job is not None:
                try:
                    out.append((job, w.conn.recv()))
                    w.job = job = None
                except (EOFError, OSError):  # it died while sending
                    ready.add(w.proc.sentinel)
                    w.proc.kill()
            if w.proc.sentinel in ready:
                out.append((job, self._bury(w, job)))
        return out

    def _bury(self, w: _Worker, job: Optional[_Job[Any]]) -> Death:
        w.stop()
        self.workers.remove(w)
        death = Death(w.proc.pid or 0, w.proc.exitcode, len(job.items) if job else 0, bool(job and job.alone))
        self.idle_deaths += job is None
        if self.idle_deaths <= 2 * self.jobs:
            self._start()
        return death

    def close(self) -> None:
        for w in self.workers:
            w.stop()
        self.workers.clear()


def ordered(
    groups: list[list[Item]],
    jobs: int,
    work: Callable[[list[Item]], list[Result]],
    lost: Callable[[Item, Death], Result],
    on_death: Optional[Callable[[Death], None]] = None,
) -> Iterator[list[Result]]:
    """`work(group)` of each group, in order, computed by `jobs` forked workers. `work` must give
    one result per item; `lost` gives the result of an item whose worker died on it alone."""
    todo: deque[_Job[Item]] = deque(_Job(g, 0, items) for g, items in enumerate(groups))
    slots: list[list[Any]] = [[_EMPTY] * len(items) for items in groups]
    missing = [len(items) for items in groups]
    pool = _Pool(work, min(jobs, len(groups)))
    nxt = 0
    try:
        while nxt < len(groups):
            done = pool.dispatch(todo, nxt + 2 * jobs)  # a bounded lead: results wait in memory
            for job, result in done or pool.wait():
                if isinstance(result, Death):
                    if on_death:
                        on_death(result)
                    if job is None:
                        continue
                    if not job.alone:
                        todo.extendleft(reversed([_Job(job.group, job.start + i, [x], True) for i, x in enumerate(job.items)]))
                        continue
                    result = [lost(job.items[0], result)]
                slots[job.group][job.start : job.start + len(result)] = result
                missing[job.group] -= len(result)
            while nxt < len(groups) and missing[nxt] == 0:
                yield slots[nxt]
                slots[nxt] = []
                nxt += 1
    finally:
        pool.close()
