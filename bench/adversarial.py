"""Time clsx on hostile documents (tests/hostile.py): one line per case, slowest last.

    .venv/bin/python bench/adversarial.py              # every case at full size
    .venv/bin/python bench/adversarial.py --scale 0.1  # smaller, to see how time grows
    .venv/bin/python bench/adversarial.py -k digits    # cases whose name holds 'digits'

Each case runs as `clsx extract -` does, in this process, after the model is loaded once; a
case over --timeout seconds is reported as such and the run goes on.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hostile import HOSTILE  # noqa: E402


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="size of each case (1.0: as the issue names it)")
    ap.add_argument("--timeout", type=int, default=600, help="seconds before a case is given up")
    ap.add_argument("-k", default="", help="only cases whose name holds this")
    args = ap.parse_args()

    from clsx.extract import record_for_text
    from clsx.pipeline import load

    t0 = time.perf_counter()
    load()
    print(f"model loaded in {time.perf_counter() - t0:.1f} s", flush=True)
    signal.signal(signal.SIGALRM, _alarm)
    rows = []
    for name, build in HOSTILE.items():
        if args.k not in name:
            continue
        text = build(args.scale)
        signal.alarm(args.timeout)
        t = time.perf_counter()
        try:
            rec = record_for_text(text, name)
            note = "cut" if any("too long" in w for w in rec.warnings) else "whole"
        except _Timeout:
            note = f"TIMEOUT after {args.timeout} s"
        finally:
            signal.alarm(0)
        secs = time.perf_counter() - t
        rows.append((secs, name, len(text), note))
        print(f"{secs:8.2f} s  {len(text):>9,} chars  {note:5}  {name}", flush=True)
    rows.sort()
    print("\nslowest:", *(f"{s:.2f} s {n!r}" for s, n, _, _ in rows[-3:][::-1]), sep="\n  ")
    print(f"total: {sum(r[0] for r in rows):.1f} s for {len(rows)} cases")


if __name__ == "__main__":
    main()
