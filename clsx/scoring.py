"""Score records against gold files, with the rules of the project's reference scorer.

Slot filling, micro P/R/F1 per field: a right non-null answer is a true positive, a wrong one
both a false positive and a false negative, a missed fact a false negative, an answer where
the gold is null a false positive. Lists match fuzzily, one to one. Headline: mean field F1.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

STOP = {"de", "des", "du", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "un", "une", "sur", "pour", "dans"}
CIVIL = {"m", "mme", "mlle", "mr", "dr", "docteur", "monsieur", "madame", "pr", "professeur"}
SCALARS = ["territory_name", "territory_kind", "region", "cls_number", "signature_date", "signature_place",
           "signature_status", "start_year", "end_year", "duration_years", "axes_announced", "coordinator_name"]


def norm(s: Any) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("’", "'").replace("œ", "oe")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", s).split())


def _toks(s: Any) -> list[str]:
    return [w for w in norm(s).split() if w not in STOP]


def dice(a: Any, b: Any) -> float:
    x, y = set(_toks(a)), set(_toks(b))
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def same_person(p: Any, g: Any) -> bool:
    a = [w for w in norm(p).split() if w not in CIVIL]
    b = [w for w in norm(g).split() if w not in CIVIL]
    if not a or not b:
        return False
    return a == b or (a[-1] == b[-1] and a[0][0] == b[0][0])


def same_place(p: Any, g: Any) -> bool:
    a, b = norm(p), norm(g)
    return bool(a) and bool(b) and (a == b or f" {b} " in f" {a} " or f" {a} " in f" {b} ")


def same_territory(p: Any, g: Any) -> bool:
    a, b = norm(p), norm(g)
    return bool(a) and bool(b) and (a == b or dice(p, g) >= 0.8)


LISTS: dict[str, Callable[[Any, Any], bool]] = {
    "signatories": same_person,
    "partners": lambda p, g: dice(p, g) >= 0.6,
    "axes": lambda p, g: dice(p, g) >= 0.7,
    "axes_transversal": lambda p, g: dice(p, g) >= 0.7,
}


def _match(preds: list[Any], golds: list[Any], same: Callable[[Any, Any], bool]) -> int:
    used: set[int] = set()
    tp = 0
    for g in golds:
        for i, p in enumerate(preds):
            if i not in used and same(p, g):
                used.add(i)
                tp += 1
                break
    return tp


def predicted(rec: dict[str, Any]) -> dict[str, Any]:
    """The scored fields of one record."""
    ter = rec.get("territory") or {}
    sig = rec.get("signature") or {}
    per = rec.get("period") or {}
    axes = [a for a in rec.get("axes") or [] if isinstance(a, dict)]
    return {
        "territory_name": ter.get("name"), "territory_kind": ter.get("kind"), "region": rec.get("region"),
        "cls_number": rec.get("cls_number"), "signature_date": sig.get("date"), "signature_place": sig.get("place"),
        "signature_status": sig.get("status"), "start_year": per.get("start_year"), "end_year": per.get("end_year"),
        "duration_years": per.get("duration_years"), "axes_announced": rec.get("axes_announced"),
        "coordinator_name": (rec.get("coordinator") or {}).get("name"),
        "signatories": [s.get("name") for s in rec.get("signatories") or [] if isinstance(s, dict)],
        "partners": [s.get("name") for s in rec.get("partners") or [] if isinstance(s, dict)],
        "axes": [a.get("label") for a in axes],
        "axes_transversal": [a.get("label") for a in axes if a.get("transversal")],
    }


def _scalar_ok(field: str, p: Any, g: Any) -> bool:
    if field == "territory_name":
        return any(same_territory(p, x) for x in g)
    if field == "signature_place":
        return any(same_place(p, x) for x in g)
    if field == "region":
        return norm(p) == norm(g)
    if field == "coordinator_name":
        return same_person(p, g)
    return bool(p == g)


def score(records: Iterable[dict[str, Any]], gold_dir: Path) -> dict[str, Any]:
    """Per-field F1/P/R, the headline and every miss, for records matched to gold by file stem."""
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(gold_dir).glob("*.json"))}
    recs = {Path((r.get("source") or {}).get("path") or "").stem: r for r in records}
    prf = {f: [0, 0, 0] for f in [*SCALARS, *LISTS]}
    errors: list[tuple[str, str, Any, Any]] = []
    for stem, g in golds.items():
        unscored = set(g.get("unscored") or [])
        p = predicted(recs.get(stem) or {})
        for f in SCALARS:
            if f in unscored:
                continue
            gv, pv = g.get(f), p[f]
            has_g, has_p = gv not in (None, [], ""), pv not in (None, [], "")
            ok = has_g and has_p and _scalar_ok(f, pv, gv)
            prf[f][0] += ok
            prf[f][1] += has_p
            prf[f][2] += has_g
            if has_g != has_p or (has_g and not ok):
                errors.append((stem, f, pv, gv))
        for f, same in LISTS.items():
            if f in unscored:
                continue
            pl, gl = [x for x in p[f] if x], g.get(f) or []
            tp = _match(pl, gl, same)
            prf[f][0] += tp
            prf[f][1] += len(pl)
            prf[f][2] += len(gl)
            if tp < len(gl) or tp < len(pl):
                errors.append((stem, f, pl, gl))
    fields: dict[str, dict[str, float] | None] = {}
    for f, (tp, npred, ngold) in prf.items():
        if not npred and not ngold:
            fields[f] = None
            continue
        pr = tp / npred if npred else (1.0 if not ngold else 0.0)
        rc = tp / ngold if ngold else (1.0 if not npred else 0.0)
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        fields[f] = {"f1": round(f1, 3), "p": round(pr, 3), "r": round(rc, 3)}
    main = [v["f1"] for v in fields.values() if v is not None]
    missing = [k for k in golds if k not in recs or "error" in recs[k]]
    return {"docs": len(golds), "records": len(recs), "missing_or_error": missing,
            "headline": round(sum(main) / len(main), 3) if main else 0.0, "fields": fields, "errors": errors}
