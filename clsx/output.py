"""JSONL out: whole lines only, and what an earlier, interrupted run already wrote.

Each line goes out in one write, flushed, with SIGINT and SIGTERM held back while it is
written, so a batch stopped by a signal leaves a file that ends on a newline. A SIGKILL (or
a full disk) can still cut the last line: `--resume` drops such a line before appending.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterator

_HELD = {signal.SIGINT, signal.SIGTERM}


class ResumeError(Exception):
    """The output file cannot be resumed (it is not clsx's JSONL)."""


@contextmanager
def _signals_held() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


class LineWriter:
    """JSON lines to `path` (appended to when `append`), or to stdout."""

    def __init__(self, path: Path | None = None, append: bool = False):
        self._own = path is not None
        self._out: BinaryIO = open(path, "ab" if append else "wb", buffering=0) if path else sys.stdout.buffer  # noqa: SIM115

    def write(self, line: str) -> None:
        data = (line + "\n").encode("utf-8")
        with _signals_held():
            view = memoryview(data)
            while view:
                n = self._out.write(view)
                view = view[n if n is not None else len(view) :]
            self._out.flush()

    def close(self) -> None:
        if self._own:
            self._out.close()


@dataclass
class Done:
    """What an output file already holds: records by (path, doc_id), error records by path."""

    records: set[tuple[str, str]] = field(default_factory=set)
    errors: set[str] = field(default_factory=set)
    dropped: int = 0  # bytes of a truncated last line, removed

    @property
    def paths(self) -> set[str]:
        return {p for p, _ in self.records} | self.errors

    def __len__(self) -> int:
        return len(self.records) + len(self.errors)


def read_done(path: Path) -> Done:
    """The documents `path` already holds, after cutting a truncated last line off the file."""
    done = Done()
    if not path.exists():
        return done
    data = path.read_bytes()
    whole = data[: data.rfind(b"\n") + 1]
    tail = data[len(whole) :]
    if tail and _record(tail) is not None:
        whole = data + b"\n"  # a complete line that only lacks its newline
        with open(path, "ab") as f:
            f.write(b"\n")
    elif tail:
        os.truncate(path, len(whole))
        done.dropped = len(tail)
    for i, line in enumerate(whole.splitlines(), 1):
        rec = _record(line)
        if rec is None:
            raise ResumeError(f"{path} line {i} is not a clsx record: not resuming, so as not to append to another file")
        src = rec["source"]["path"]
        if "error" in rec:
            done.errors.add(src)
        else:
            done.records.add((src, rec["doc_id"]))
    return done


def _record(line: bytes) -> dict | None:
    try:
        rec = json.loads(line.decode("utf-8"))
    except ValueError:
        return None
    ok = isinstance(rec, dict) and isinstance(rec.get("source"), dict) and isinstance(rec["source"].get("path"), str)
    return rec if ok and ("error" in rec or isinstance(rec.get("doc_id"), str)) else None


def interrupt_name(signum: int) -> str:
    return signal.Signals(signum).name
