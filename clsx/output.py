"""Output: whole lines only, one run per file, and what an earlier, interrupted run already wrote.

Each piece (a JSON line, a CSV row) goes out in one write, flushed, with SIGINT and SIGTERM held
back while it is written, so a batch stopped by a signal leaves a file that ends on a whole
line; a write that fails half-way (a full disk, a file size limit) is cut off the file again.
A SIGKILL can still cut the last line: `--resume` drops such a line before appending.

`-o FILE` is locked (flock) for the whole run: a second run on it refuses instead of
interleaving its lines with the first one's. Forked workers do not keep the file (or its lock)
open, so a killed run leaves it free at once.
"""

from __future__ import annotations

import errno
import json
import os
import select
import signal
import stat
import sys
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterator, Optional

_HELD = {signal.SIGINT, signal.SIGTERM}


class ResumeError(Exception):
    """The output file cannot be resumed (it is not clsx's JSONL)."""


class OutputError(Exception):
    """The output cannot be opened or written; the message is one line for stderr."""


class OutputLocked(OutputError):
    """Another run holds `-o FILE`."""


class PipeClosed(OutputError):
    """The reader of the output went away (`clsx extract … | head -1`)."""


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


_PARENT_ONLY: set[int] = set()  # the descriptors of open -o files, closed in forked children


def _close_in_child() -> None:
    for fd in _PARENT_ONLY:
        try:
            os.close(fd)
        except OSError:
            pass
    _PARENT_ONLY.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_in_child)


class Sink:
    """Bytes to an open file descriptor (or, without one, a binary stream), a whole piece at a
    time: a piece either goes out whole or, on a regular file, is cut off again."""

    def __init__(self, name: str, fd: Optional[int], stream: Optional[BinaryIO] = None, own: bool = False):
        self.name, self.fd, self._stream, self._own = name, fd, stream, own
        self._regular = fd is not None and stat.S_ISREG(os.fstat(fd).st_mode)
        self.closed = False
        if own and fd is not None:
            _PARENT_ONLY.add(fd)

    def write(self, data: bytes) -> None:
        """Raises PipeClosed when the reader has gone, OutputError for any other failure."""
        if self.closed:
            raise OutputError(f"cannot write {self.name}: it is closed")
        with _signals_held():
            start = os.fstat(self.fd).st_size if self._regular else None  # type: ignore[arg-type]
            try:
                self._put(memoryview(data))
            except OSError as e:
                if start is not None:
                    _cut(self.fd, start)  # type: ignore[arg-type]
                raise _failure(self.name, e) from None

    def _put(self, view: memoryview) -> None:
        if self.fd is None:  # a stream without a descriptor (sys.stdout under a test runner)
            assert self._stream is not None
            self._stream.write(view)
            self._stream.flush()
            return
        while view:
            try:
                view = view[os.write(self.fd, view) :]
            except BlockingIOError:  # a descriptor left non-blocking by whoever gave it to us
                select.select([], [self.fd], [])

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        if self._own and self.fd is not None:
            _PARENT_ONLY.discard(self.fd)
            os.close(self.fd)  # the lock goes with it


def _cut(fd: int, size: int) -> None:
    try:
        os.ftruncate(fd, size)
    except OSError:
        pass  # nothing more to do: the error is reported


def _failure(name: str, e: OSError) -> OutputError:
    if e.errno in (errno.EPIPE, errno.ECONNRESET):
        return PipeClosed(f"the reader of {name} went away")
    return OutputError(f"cannot write {name}: {e.strerror or e}")


def open_output(path: Optional[Path], append: bool = False) -> Sink:
    """`path` created and locked for this run, emptied unless `append`; stdout when None. Raises
    OutputLocked when another run holds it, OutputError when it cannot be written (a missing or
    read-only folder, a folder's path), before any work is done."""
    if path is None:
        return _stdout()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as e:
        raise OutputError(f"cannot write {path}: {_reason(path, e)}") from None
    try:
        _lock(fd, path)
        if not append and stat.S_ISREG(os.fstat(fd).st_mode):
            os.ftruncate(fd, 0)  # only now: emptied before the lock, another run's file would be lost
    except OutputLocked:
        os.close(fd)
        raise
    except OSError as e:
        os.close(fd)
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from None
    return Sink(str(path), fd, own=True)


def _stdout() -> Sink:
    if sys.stdout is None:  # fd 1 was closed when Python started
        raise OutputError("cannot write stdout: it is closed")
    try:
        sys.stdout.flush()
        fd: Optional[int] = sys.stdout.fileno()
        os.fstat(fd)
    except (ValueError, OSError) as e:
        if getattr(e, "errno", None) == errno.EBADF:
            raise OutputError("cannot write stdout: it is closed") from None
        fd = None  # a stream without a descriptor (sys.stdout under a test runner)
    return Sink("stdout", fd, getattr(sys.stdout, "buffer", None))


def _reason(path: Path, e: OSError) -> str:
    if e.errno == errno.ENOENT and not path.parent.is_dir():
        return f"no such folder: {path.parent}"
    if e.errno == errno.EISDIR:
        return "it is a folder"
    return str(e.strerror or e)


def _lock(fd: int, path: Path) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: no lock
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise OutputLocked(f"{path} is being written by another clsx run: wait for it to end, or write elsewhere") from None
    except OSError:
        pass  # a file system without locks: go on without


class LineWriter:
    """JSON lines to a sink."""

    def __init__(self, sink: Sink):
        self.sink = sink

    def write(self, line: str) -> None:
        self.sink.write((line + "\n").encode("utf-8"))

    def close(self) -> None:
        self.sink.close()


@dataclass
class Done:
    """What an output file already holds: records by (path, doc_id), error records by path, each
    counted (an input given twice has two lines)."""

    records: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    dropped: int = 0  # bytes of a truncated last line, removed

    @property
    def paths(self) -> set[str]:
        return {p for p, _ in self.records} | set(self.errors)

    def __len__(self) -> int:
        return sum(self.records.values()) + sum(self.errors.values())


def read_done(path: Path) -> Done:
    """The documents `path` already holds, after cutting a truncated last line off the file."""
    done = Done()
    if not path.exists():
        return done
    if not path.is_file():
        raise ResumeError(f"{path} is not a regular file")
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
            done.errors[src] += 1
        else:
            done.records[(src, rec["doc_id"])] += 1
    return done


def _record(line: bytes) -> dict | None:
    try:
        rec = json.loads(line.decode("utf-8"))
    except ValueError:
        return None
    ok = isinstance(rec, dict) and isinstance(rec.get("source"), dict) and isinstance(rec["source"].get("path"), str)
    return rec if ok and ("error" in rec or isinstance(rec.get("doc_id"), str)) else None
