"""`clsx ARGS` with a fault at a known point, for the fault tests (not a timer: a count of lines).

    python tests/faultrun.py SPEC ARGS...

SPEC is a JSON object:
- {"after": K, "signal": "SIGTERM"}: before the output's piece K+1 (a JSON line, a CSV row) is
  written, clsx sends itself the signal; with "half": true it first writes half of that piece,
  as a SIGKILL in the middle of a write leaves it.
- {"after": K, "kill_worker": true}: SIGKILL one worker process there, as the out-of-memory
  killer does, and go on.
- {"after": K, "pause": true}: print "paused" on stderr there and wait until stdin closes.
- {"poison": "NAME"}: a worker given a batch that holds a file named NAME is killed, every time.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sys
from pathlib import Path
from typing import Any

import clsx.api
import clsx.output
from clsx.cli import run


def _at_piece(spec: dict[str, Any]) -> None:
    real = clsx.output.Sink.write
    count = {"pieces": 0}

    def write(self: clsx.output.Sink, data: bytes) -> None:
        if count["pieces"] == spec["after"]:
            if spec.get("half"):
                real(self, data[: len(data) // 2])
            if spec.get("signal"):
                os.kill(os.getpid(), getattr(signal, spec["signal"]))
            if spec.get("kill_worker"):
                os.kill(multiprocessing.active_children()[0].pid, signal.SIGKILL)  # type: ignore[arg-type]
            if spec.get("pause"):
                print("paused", file=sys.stderr, flush=True)
                sys.stdin.read()
        count["pieces"] += 1
        real(self, data)

    clsx.output.Sink.write = write  # type: ignore[method-assign]


def _poison(name: str) -> None:
    real = clsx.api.extract_batch

    def work(batch: list[Any]) -> list[dict[str, Any]]:
        if any(Path(t.path).name == name for t in batch):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(batch)

    clsx.api.extract_batch = work  # type: ignore[assignment]


if __name__ == "__main__":
    spec = json.loads(sys.argv[1])
    if "after" in spec:
        _at_piece(spec)
    if "poison" in spec:
        _poison(spec["poison"])
    run(sys.argv[2:])
