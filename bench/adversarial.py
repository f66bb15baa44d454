"""Time clsx on hostile documents (tests/hostile.py): one line per case with its seconds and
peak memory, slowest last.

    .venv/bin/python bench/adversarial.py              # every case at full size
    .venv/bin/python bench/adversarial.py --scale 0.1  # smaller, to see how time grows
    .venv/bin/python bench/adversarial.py -k PDF       # cases whose name holds 'PDF'
    .venv/bin/python bench/adversarial.py --only files # the web pages and PDFs only

The model is loaded once; then each case runs in a process forked for it, so that its peak
memory (the model's included: what `clsx extract` on that one file would need) is its own. A
text runs as `clsx extract -` does; a web page or a PDF is written to a file and extracted as
`clsx extract FILE` does, at the default limits (the 20 MB page with --max-bytes 25M). A case
over --timeout seconds is reported as such and the run goes on. The seconds are those of the
extraction alone (building the document is not timed); the peak memory is of the whole child,
building included: a case built in memory (the 2 GB PDF stream is packed in steps) stays small.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hostile import HOSTILE, HOSTILE_FILES, MAX_BYTES  # noqa: E402


Case = Callable[[], Callable[[], tuple[int, str]]]  # builds the document, then extracts it


def _text_case(build: Callable[[float], str], name: str, scale: float) -> Callable[[], tuple[int, str]]:
    from clsx.extract import record_for_text

    text = build(scale)

    def run() -> tuple[int, str]:
        rec = record_for_text(text, name)
        return len(text), "cut" if any("too long" in w for w in rec.warnings) else "whole"

    return run


def _file_case(fname: str, build: Callable[[float], bytes], name: str, scale: float) -> Callable[[], tuple[int, str]]:
    from clsx.extract import extract_path
    from clsx.source import MAX_BYTES as DEFAULT

    data = build(scale)
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, fname)
    with open(path, "wb") as f:
        f.write(data)

    def run() -> tuple[int, str]:
        try:
            rec = extract_path(path, max_bytes=MAX_BYTES.get(name, DEFAULT))
        finally:
            os.unlink(path)
            os.rmdir(folder)
        if "error" in rec:
            return len(data), f"error {rec['error']['type']}"
        cut = [w for w in rec["warnings"] if "only" in w or "not read" in w or "were read as" in w]
        return len(data), "cut" if cut else "whole"

    return run


def _in_child(case: Case, timeout: int) -> dict[str, Any]:
    """Build and run one case in a forked process: seconds of the run (not of the building),
    peak RSS in MB, size, note."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: one case, then out without the interpreter's teardown
        os.close(read)
        secs = 0.0
        try:
            run = case()
            del case
            signal.alarm(timeout)
            t = time.perf_counter()
            try:
                size, note = run()
            finally:
                secs = time.perf_counter() - t
        except BaseException as e:  # noqa: BLE001 - reported, not raised: the run goes on
            size, note = 0, f"{type(e).__name__}: {e}"[:80]
        out = {"secs": secs, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "size": size, "note": note}
        os.write(write, json.dumps(out).encode())
        os._exit(0)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    _, status = os.waitpid(pid, 0)
    if not chunks:
        why = f"TIMEOUT after {timeout} s" if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGALRM else f"died ({status})"
        return {"secs": float(timeout), "peak_mb": 0.0, "size": 0, "note": why}
    return json.loads(b"".join(chunks))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="size of each case (1.0: as the issue names it)")
    ap.add_argument("--timeout", type=int, default=600, help="seconds before a case is given up")
    ap.add_argument("-k", default="", help="only cases whose name holds this")
    ap.add_argument("--only", choices=["texts", "files"], help="only the texts, or only the web pages and PDFs")
    args = ap.parse_args()

    from clsx.pipeline import load

    t0 = time.perf_counter()
    load()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"model loaded in {time.perf_counter() - t0:.1f} s ({base:.0f} MB)", flush=True)
    cases: list[tuple[str, Case]] = []
    if args.only != "files":
        cases += [(n, lambda n=n, b=b: _text_case(b, n, args.scale)) for n, b in HOSTILE.items()]
    if args.only != "texts":
        cases += [(n, lambda n=n, f=f, b=b: _file_case(f, b, n, args.scale)) for n, (f, b) in HOSTILE_FILES.items()]
    # The machine is shared and noisy: each case is also given as a ratio to an ordinary press
    # release repeated past the model's limit (what the model alone costs on a cut document).
    sample = (Path(__file__).resolve().parent.parent / "samples" / "seed-coevrons-2018.txt").read_text(encoding="utf-8")
    ref = _in_child(lambda: _text_case(lambda s: "\n".join([sample] * 30), "reference", 1.0), args.timeout)["secs"]
    print(f"{ref:8.2f} s  reference: an ordinary press release x 30, cut at the model's limit (ratios below are to it)", flush=True)
    rows = []
    for name, run in cases:
        if args.k not in name:
            continue
        r = _in_child(run, args.timeout)
        rows.append((r["secs"], name, r))
        print(f"{r['secs']:8.2f} s  {r['secs'] / ref:5.2f} x  {r['peak_mb']:6.0f} MB  {r['size']:>11,} {'bytes' if name in HOSTILE_FILES else 'chars'}  {r['note']:18}  {name}", flush=True)
    rows.sort(key=lambda r: r[0])
    print("\nslowest:", *(f"{s:.2f} s ({s / ref:.2f} x the reference) {n!r}" for s, n, _ in rows[-3:][::-1]), sep="\n  ")
    print(f"largest peak: {max((r['peak_mb'] for _, _, r in rows), default=0):.0f} MB")
    print(f"total: {sum(r[0] for r in rows):.1f} s for {len(rows)} cases")


if __name__ == "__main__":
    main()
