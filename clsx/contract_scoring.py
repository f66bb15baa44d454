"""Grouping scored against a grouping written by reading the texts (a `groups.json`, as in
../shared/contracts): pairwise precision and recall (pairs of articles placed in one contract),
history links (a territory's generation linked to the next), and that nothing is lost.

Articles are named by file name (`source.path`'s last part), as `groups.json` names them.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from pathlib import PurePath
from typing import Any


def _name(path: str) -> str:
    return PurePath(path.replace("\\", "/")).name


def _pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for g in groups for p in combinations(sorted(set(g)), 2)}  # type: ignore[misc]


def score(contracts: list[dict[str, Any]], gold: dict[str, Any]) -> dict[str, Any]:
    """Pairwise P/R over the articles `gold` lists, history-link recall and precision, and the
    articles missing from the contracts or placed twice."""
    known = {a for c in gold["contracts"] for a in c["articles"]}
    placed = Counter(_name(a["path"]) for c in contracts for a in c["articles"])
    predicted = [[_name(a["path"]) for a in c["articles"] if _name(a["path"]) in known] for c in contracts]
    truth = [c["articles"] for c in gold["contracts"]]
    got, want = _pairs(predicted), _pairs(truth)
    hits = got & want
    where = _best_contract(contracts, gold)
    links = [(h["contracts"][i], h["contracts"][i + 1]) for h in gold.get("history", []) for i in range(len(h["contracts"]) - 1)]
    by_id = {c["contract_id"]: c for c in contracts}
    found = [(a, b) for a, b in links if where.get(a) and where.get(b) and where[a] != where[b] and by_id[where[a]].get("next") == where[b]]
    owner = {cid: g for g, cid in where.items()}
    made = [(c["contract_id"], c["next"]) for c in contracts if c.get("next") and (c["contract_id"] in owner or c["next"] in owner)]
    right = [(a, b) for a, b in made if (owner.get(a), owner.get(b)) in set(links)]
    return {
        "articles": len(known),
        "pairs": len(want),
        "precision": len(hits) / len(got) if got else 1.0,
        "recall": len(hits) / len(want) if want else 1.0,
        "missed_pairs": sorted(want - got),
        "wrong_pairs": sorted(got - want),
        "history_links": len(links),
        "history_recall": len(found) / len(links) if links else 1.0,
        "history_precision": len(right) / len(made) if made else 1.0,
        "missed_links": [lk for lk in links if lk not in found],
        "wrong_links": [lk for lk in made if lk not in right],
        "lost": sorted(known - set(placed)),
        "twice": sorted(a for a, n in placed.items() if n > 1 and a in known),
    }


def _best_contract(contracts: list[dict[str, Any]], gold: dict[str, Any]) -> dict[str, str]:
    """gold contract -> the predicted contract holding most of its articles (ties: the first id)."""
    of = {_name(a["path"]): c["contract_id"] for c in contracts for a in c["articles"]}
    out = {}
    for g in gold["contracts"]:
        counts = Counter(of[a] for a in g["articles"] if a in of)
        if counts:
            out[g["contract"]] = min(counts, key=lambda cid: (-counts[cid], cid))
    return out
