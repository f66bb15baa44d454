"""Read the data files of `patterns/`: rule patterns and gazetteers, each entry with an id."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any


def patterns_dir() -> Path:
    """`clsx/patterns` in an installed wheel, `patterns/` beside the package in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "patterns", here.parent / "patterns"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("clsx patterns/ folder not found")


@cache
def load_json(name: str) -> Any:
    return json.loads((patterns_dir() / name).read_text(encoding="utf-8"))


@cache
def load_jsonl(name: str) -> tuple[dict[str, Any], ...]:
    lines = (patterns_dir() / name).read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line) for line in lines if line.strip() and not line.startswith("//"))
