"""`clsx ARGS` with a fault at a known point, for the fault tests (not a timer: a count of lines).

    python tests/faultrun.py SPEC ARGS...

SPEC is a JSON object:
- {"after": K, "signal": "SIGTERM"}: before the output's piece K+1 (a JSON line, a CSV row) is
  written, clsx sends itself the signal; with "half": true it first writes half of that piece,
  as a SIGKILL in the middle of a write leaves it.
- {"after": K, "pause": true}: print "paused" on stderr there and wait until stdin closes.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from typing import Any

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
            if spec.get("pause"):
                print("paused", file=sys.stderr, flush=True)
                sys.stdin.read()
        count["pieces"] += 1
        real(self, data)

    clsx.output.Sink.write = write  # type: ignore[method-assign]


if __name__ == "__main__":
    spec = json.loads(sys.argv[1])
    if "after" in spec:
        _at_piece(spec)
    run(sys.argv[2:])
