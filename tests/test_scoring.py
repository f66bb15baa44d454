"""clsx.scoring.score (behind `clsx eval`) gives the same headline and per-field F1, P, R as the
project's reference scorer ../shared/tools/score.py, on the dev records and on damaged copies."""

from __future__ import annotations

import copy
import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from helpers import DEV_GOLD, REFERENCE_SCORER

from clsx.scoring import score

pytestmark = pytest.mark.skipif(not REFERENCE_SCORER.exists(), reason="../shared/tools/score.py is not beside this checkout")


@pytest.fixture(scope="module")
def reference() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reference_score", REFERENCE_SCORER)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


Damage = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Damage:
    def damage(rec: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        d = rec
        for p in parents:
            d = d.get(p) or {}
        if isinstance(d, dict):
            d[last] = value

    return damage


DAMAGES: dict[str, list[tuple[str, Damage]]] = {
    "as-extracted": [],
    "nulls": [("d01", _set("territory", None)), ("d02", _set("signature.date", None)), ("d05", _set("region", None)),
              ("seed-coevrons-2018", _set("coordinator", None)), ("d09", _set("period.duration_years", None))],
    "wrong-values": [("d01", _set("signature.date", "2021-02-05")), ("d03", _set("cls_number", 2)), ("d07", _set("signature.status", "signed")),
                     ("d08", _set("territory.name", "Ville de Toulon")), ("d10", _set("signature.place", "Vierzon")),
                     ("d11", _set("coordinator.name", "Julie Martin")), ("d12", _set("period.end_year", 2020))],
    "answers-where-gold-is-null": [("d06", _set("signature.date", "2022-04-30")), ("d04", _set("signature.place", "Valbourg")),
                                   ("seed-coevrons-2018", _set("region", "Pays de la Loire"))],
    "lists": [("d08", lambda r: r["signatories"].pop()), ("d01", lambda r: r["partners"].append({"name": "Croix-Rouge française"})),
              ("d03", lambda r: r["axes"].reverse()), ("seed-lens-lievin-2019", lambda r: r["axes"].clear()),
              ("d15", lambda r: [a.update(transversal=True) for a in r["axes"]])],
    "error-record": [("d13", lambda r: (r.clear(), r.update({"schema_version": "1", "source": {"path": "x/d13.txt"}, "error": {"type": "empty", "message": "m"}})))],
}


def _damaged(dev_records: list[dict[str, Any]], damages: list[tuple[str, Damage]]) -> list[dict[str, Any]]:
    recs = copy.deepcopy(dev_records)
    by_stem = {Path(r["source"]["path"]).stem: r for r in recs}
    for stem, damage in damages:
        damage(by_stem[stem])
    return recs


@pytest.mark.parametrize("case", sorted(DAMAGES))
def test_same_scores_as_the_reference(case: str, dev_records: list[dict[str, Any]], reference: ModuleType, tmp_path: Path) -> None:
    recs = _damaged(dev_records, DAMAGES[case])
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    ref = reference.score(pred, DEV_GOLD)
    ours = score(recs, DEV_GOLD)
    assert ours["headline"] == ref["headline"]
    assert (ours["docs"], ours["records"], ours["missing_or_error"]) == (ref["docs"], ref["records"], ref["missing_or_error"])
    for field, v in ours["fields"].items():
        if v is None:
            assert ref["fields"][field] is None, field
        else:
            assert (v["f1"], v["p"], v["r"]) == (ref["fields"][field], ref["fields"][f"{field}_p"], ref["fields"][f"{field}_r"]), field
    assert len(ours["errors"]) == ref["errors"]


def test_damage_is_seen(dev_records: list[dict[str, Any]]) -> None:
    """The damaged cases do move the scores, so the comparison above is not between two perfect tables."""
    clean = score(dev_records, DEV_GOLD)
    for case in sorted(DAMAGES):
        if DAMAGES[case]:
            assert score(_damaged(dev_records, DAMAGES[case]), DEV_GOLD)["headline"] <= clean["headline"]
            assert score(_damaged(dev_records, DAMAGES[case]), DEV_GOLD)["errors"] != clean["errors"], case
