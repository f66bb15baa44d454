"""--jobs 2 with a worker that dies (killed by the system, as the out-of-memory killer does): clsx
sees it at once, redoes its documents one at a time, gives an error record to a document whose
worker dies again alone, and ends with exit code 4; it used to wait for ever (3 of 40 lines).
Workers die with their parent: a killed run leaves none behind."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
from pathlib import Path

import pytest
from helpers import ROOT, faulty, jsonl, run_faulty, stderr_lines

DIED = r"clsx: worker process \d+ was killed by SIGKILL \(out of memory\?\) "
REDONE = DIED + r"while extracting \d+ document\(s\): they are redone one at a time"


def test_a_worker_killed_mid_batch_is_noticed_and_its_documents_redone(short_texts: Path, short_reference: bytes) -> None:
    done = run_faulty({"after": 3, "kill_worker": True}, "extract", str(short_texts), "--jobs", "2")
    assert done.returncode == 4, done.stderr.decode()
    assert done.stdout == short_reference, "every record, in order, as in a run without a death"
    died, summary = stderr_lines(done.stderr)
    assert re.fullmatch(REDONE, died) or re.fullmatch(DIED + "while idle", died), died
    assert summary == "clsx: 24 document(s), 0 error record(s)"


def test_a_document_that_kills_its_worker_every_time_gets_an_error_record(short_texts: Path, short_reference: bytes) -> None:
    done = run_faulty({"poison": "05.txt"}, "extract", str(short_texts), "--jobs", "2")
    assert done.returncode == 4, done.stderr.decode()
    got, want = jsonl(done.stdout), jsonl(short_reference)
    assert [r["source"]["path"] for r in got] == [r["source"]["path"] for r in want]
    bad = got[5]["error"]
    assert bad == {"type": "extraction_failed", "message": "the worker process was killed by SIGKILL (out of memory?) twice while extracting this document (the second time alone)"}
    assert got[:5] + got[6:] == want[:5] + want[6:], "the other documents of its batch are redone"
    lines = stderr_lines(done.stderr)
    assert len(lines) == 3 and re.fullmatch(REDONE, lines[0])
    assert re.fullmatch(DIED + "again on a document redone alone: it gets an error record", lines[1])
    assert lines[2] == "clsx: 24 document(s), 1 error record(s)"


def _ends(pid: int) -> bool:
    """Wait for process `pid` to end (its pidfd turns readable when it exits, reaped or not); False
    if it still runs after a minute, which only a worker left behind does."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        return bool(select.select([fd], [], [], 60)[0])
    finally:
        os.close(fd)


@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="needs Linux's pidfd_open")
def test_workers_die_with_their_parent(short_texts: Path) -> None:
    proc = subprocess.Popen(
        faulty({"after": 2, "pause": True}, "extract", str(short_texts), "--jobs", "2"),
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    assert proc.stderr.readline() == b"paused\n"
    children = [int(c) for c in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
    assert len(children) == 2
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    left = [pid for pid in children if not _ends(pid)]  # the kernel kills them with their parent (PR_SET_PDEATHSIG)
    for pid in left:  # clean up, then fail
        os.kill(pid, signal.SIGKILL)
    assert left == []
