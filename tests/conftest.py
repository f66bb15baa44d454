"""Shared fixtures: the pipeline (loaded once per session), contexts for short French texts,
and the record of every sample text (and every dev text when ../shared sits beside the
checkout, as in CI), extracted once per session.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
DEV_TEXTS = SHARED / "dev" / "texts"
DEV_GOLD = SHARED / "dev" / "gold"
REFERENCE_SCORER = SHARED / "tools" / "score.py"

needs_dev = pytest.mark.skipif(not DEV_TEXTS.is_dir(), reason="../shared/dev/texts is not beside this checkout")


def _corpus() -> dict[str, Path]:
    """stem -> text file: the samples, then the dev texts (a dev copy of a sample is left out)."""
    out = {p.stem: p for p in sorted(SAMPLES.glob("*.txt"))}
    if DEV_TEXTS.is_dir():
        for p in sorted(DEV_TEXTS.glob("*.txt")):
            if p.stem not in out:
                out[p.stem] = p
            elif p.read_bytes() != out[p.stem].read_bytes():
                out[f"dev/{p.stem}"] = p
    return out


CORPUS = _corpus()
SAMPLE_STEMS = [p.stem for p in sorted(SAMPLES.glob("*.txt"))]
DEV_STEMS = [p.stem for p in sorted(DEV_TEXTS.glob("*.txt"))] if DEV_TEXTS.is_dir() else []


def shown_path(path: Path) -> str:
    """The path as a user types it from the repository root: 'samples/x.txt', '../shared/dev/texts/d01.txt'."""
    return os.path.relpath(path, ROOT)


def walk_spans(value: Any, where: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (json path, span) in a record, at any depth."""
    if isinstance(value, dict):
        if isinstance(value.get("span"), dict):
            yield where, value["span"]
        for k, v in value.items():
            yield from walk_spans(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk_spans(v, f"{where}[{i}]")


@pytest.fixture(scope="session")
def nlp() -> Any:
    from clsx.pipeline import load

    return load()


@pytest.fixture(scope="session")
def ctx_of(nlp: Any) -> Callable[[str], Any]:
    """text -> a fresh clsx.doc.Ctx (the parse is cached, the warnings are not shared)."""
    from clsx.doc import Ctx
    from clsx.text import normalise

    @lru_cache(maxsize=None)
    def parsed(text: str) -> tuple[Any, Any]:
        t = normalise(text)
        return t, nlp(t.clean)

    def make(text: str) -> Ctx:
        t, doc = parsed(text)
        return Ctx(t, doc)

    return make


@pytest.fixture(scope="session")
def record_of(nlp: Any) -> Callable[[str], dict[str, Any]]:
    """text -> the record `clsx extract -` would print for it, as a dict."""
    from clsx.extract import record_for_text

    def make(text: str) -> dict[str, Any]:
        return record_for_text(text).model_dump(mode="json")

    return make


@pytest.fixture(scope="session")
def texts() -> dict[str, str]:
    """stem -> the text exactly as clsx decodes it (the text the offsets index)."""
    from clsx.source import load

    return {stem: load(str(path)).text for stem, path in CORPUS.items()}


@pytest.fixture(scope="session")
def records(nlp: Any) -> dict[str, dict[str, Any]]:
    """stem -> record, extracted from the repository root as `clsx extract samples/ ../shared/dev/texts` does."""
    from clsx.extract import extract_path

    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        return {stem: extract_path(shown_path(path)) for stem, path in CORPUS.items()}


@pytest.fixture(scope="session")
def dev_records(records: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The records of every dev text (samples stand in for their byte-identical dev copies)."""
    if not DEV_STEMS:
        pytest.skip("../shared/dev/texts is not beside this checkout")
    return [records[s] if s in records and CORPUS[s].parent == DEV_TEXTS or s in records else records[f"dev/{s}"] for s in DEV_STEMS]


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """`clsx ARGS` as a user runs it: a separate process, no terminal, bytes in and out."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "clsx.cli", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=cwd,
        env=full_env,
        timeout=300,
    )


def jsonl(out: bytes) -> list[dict[str, Any]]:
    """Parse stdout as strict JSONL: every line one JSON object, nothing else."""
    text = out.decode("utf-8")
    assert text.endswith("\n") or not text, "JSONL must end with a newline"
    lines = text.splitlines()
    assert all(line.strip() for line in lines), "blank line in JSONL output"
    rows = [json.loads(line) for line in lines]
    assert all(isinstance(r, dict) for r in rows)
    return rows
