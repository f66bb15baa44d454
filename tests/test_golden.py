"""Golden records of the five sample press releases, compared whole (all but extractor.model).

A change of any extracted value shows here. Regenerate only on purpose, after checking the
diff is an improvement:

    CLSX_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

then review `git diff tests/data/golden/`.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
from helpers import SAMPLE_STEMS

GOLDEN = Path(__file__).parent / "data" / "golden"
REGEN = os.environ.get("CLSX_REGEN_GOLDEN") == "1"


def _comparable(record: dict[str, Any]) -> dict[str, Any]:
    """The record without what the installed model decides, not clsx."""
    rec = copy.deepcopy(record)
    rec.get("extractor", {}).pop("model", None)
    return rec


@pytest.mark.parametrize("stem", SAMPLE_STEMS)
def test_sample_matches_its_golden_record(stem: str, records: dict[str, dict[str, Any]]) -> None:
    path = GOLDEN / f"{stem}.json"
    if REGEN:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(records[stem], ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run CLSX_REGEN_GOLDEN=1 pytest tests/test_golden.py"
    golden = json.loads(path.read_text(encoding="utf-8"))
    assert _comparable(records[stem]) == _comparable(golden)


def test_every_golden_file_has_its_sample() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == sorted(SAMPLE_STEMS)
