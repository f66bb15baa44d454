"""Paths and plain helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def _shared() -> Path:
    """../shared: beside the repository (as CI checks it out), or beside the folder of a git
    worktree (wt/NAME); CLSX_SHARED names it elsewhere. A user's clone may not have it."""
    if os.environ.get("CLSX_SHARED"):
        return Path(os.environ["CLSX_SHARED"])
    return next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()), ROOT.parent / "shared")


SHARED = _shared()
DEV_TEXTS = SHARED / "dev" / "texts"
DEV_GOLD = SHARED / "dev" / "gold"
REFERENCE_SCORER = SHARED / "tools" / "score.py"
REAL_TEXTS = ROOT / "tests" / "data" / "real" / "texts"
# Articles grouped by contract (texts/ and groups.json): real ones in ../shared, written variants here.
SHARED_CONTRACTS = SHARED / "contracts"
VARIANT_CONTRACTS = ROOT / "tests" / "data" / "contracts"

needs_dev = pytest.mark.skipif(not DEV_TEXTS.is_dir(), reason="../shared/dev is not beside this checkout")
needs_shared_contracts = pytest.mark.skipif(not SHARED_CONTRACTS.is_dir(), reason="../shared/contracts is not beside this checkout")


def _corpus() -> dict[str, Path]:
    """key -> text file: samples and dev texts by stem (a byte-identical dev copy of a sample is left out),
    then the real web texts of tests/data/real as 'real/<stem>'."""
    out = {p.stem: p for p in sorted(SAMPLES.glob("*.txt"))}
    if DEV_TEXTS.is_dir():
        for p in sorted(DEV_TEXTS.glob("*.txt")):
            if p.stem not in out:
                out[p.stem] = p
            elif p.read_bytes() != out[p.stem].read_bytes():
                out[f"dev/{p.stem}"] = p
    for p in sorted(REAL_TEXTS.glob("*.txt")):
        out[f"real/{p.stem}"] = p
    return out


CORPUS = _corpus()
SAMPLE_STEMS = [p.stem for p in sorted(SAMPLES.glob("*.txt"))]
DEV_STEMS = [p.stem for p in sorted(DEV_TEXTS.glob("*.txt"))] if DEV_TEXTS.is_dir() else []


def dev_key(stem: str) -> str:
    """The CORPUS key of a dev text."""
    return f"dev/{stem}" if f"dev/{stem}" in CORPUS else stem


def shown_path(path: Path) -> str:
    """The path as typed from the repository root: 'samples/x.txt', '../shared/dev/texts/d01.txt'."""
    return os.path.relpath(path, ROOT)


def walk_spans(value: Any, where: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (json path, span) of a record, at any depth."""
    if isinstance(value, dict):
        if isinstance(value.get("span"), dict):
            yield where, value["span"]
        for k, v in value.items():
            yield from walk_spans(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk_spans(v, f"{where}[{i}]")


def run_cli(*args: str, stdin: bytes = b"", cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """`clsx ARGS` as a user runs it: its own process, no terminal, bytes in and out."""
    return subprocess.run(
        [sys.executable, "-m", "clsx.cli", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


def faulty(spec: dict[str, Any], *args: str) -> list[str]:
    """The command line of `clsx ARGS` with a fault at a known point (tests/faultrun.py says which)."""
    return [sys.executable, str(ROOT / "tests" / "faultrun.py"), json.dumps(spec), *args]


def run_faulty(spec: dict[str, Any], *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(faulty(spec, *args), capture_output=True, cwd=ROOT, timeout=600)


def jsonl(out: bytes) -> list[dict[str, Any]]:
    """stdout parsed as strict JSONL: UTF-8, every line one JSON object, nothing else."""
    text = out.decode("utf-8")
    assert not text or text.endswith("\n"), "the last JSONL line must end with a newline"
    rows = [json.loads(line) for line in text.split("\n")[:-1]]
    assert all(isinstance(r, dict) for r in rows)
    return rows


def stderr_lines(err: bytes) -> list[str]:
    return [line for line in err.decode("utf-8").splitlines() if line.strip()]


class Overdue(Exception):
    """Raised by `watchdog`; not an OSError, so that code under test cannot swallow it."""


@contextmanager
def watchdog(seconds: int) -> Iterator[None]:
    """Raise Overdue in this process after `seconds`: a loop or a blocking open is interrupted,
    not waited on for ever (a guard far above the expected time, not a timing check)."""

    def bark(signum: int, frame: Any) -> None:
        raise Overdue(f"over {seconds} s")

    old = signal.signal(signal.SIGALRM, bark)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
