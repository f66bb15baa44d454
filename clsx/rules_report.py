"""Which rule fires where, and whether what it found was chosen and right: `clsx eval --rules`.

Two tables over a set of texts with gold annotations:
- field rules (the `rule` of every candidate, clsx/fields/*): the documents it fired on, its
  candidates, how many were chosen, chosen and right, chosen and wrong, right but not chosen;
- lexicon entries (patterns/lexicon/, matched by the span_ruler): the documents each one
  matched. An entry that matches a single document must say why it is kept (its `reason`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .candidate import Candidate, Trace
from .scoring import LISTS, norm, same_person, same_place, same_territory

_GOLD_FIELDS = {
    "cls_number": "cls_number",
    "signature_date": "signature_date",
    "signature_place": "signature_place",
    "territory": "territory_name",
    "region": "region",
    "coordinator": "coordinator_name",
    "signatories": "signatories",
    "partners": "partners",
    "axes": "axes",
}


@dataclass
class RuleRow:
    rule: str
    documents: set[str] = field(default_factory=set)
    candidates: int = 0
    chosen: int = 0
    chosen_right: int = 0
    chosen_wrong: int = 0
    right_not_chosen: int = 0


@dataclass
class Report:
    rules: dict[str, RuleRow] = field(default_factory=dict)
    entries: dict[str, set[str]] = field(default_factory=dict)  # lexicon id -> documents it matched
    documents: int = 0

    def add(self, doc: str, trace: Trace, matched: Iterable[str], gold: dict[str, Any] | None) -> None:
        """One document's candidates (`doc`: its path, so that two folders' r01 are two documents)."""
        stem = doc
        self.documents += 1
        for entry in matched:
            self.entries.setdefault(entry, set()).add(stem)
        for name, found in trace.found.items():
            chosen = {id(c) for c in trace.chosen.get(name, [])}
            chosen_keys = {_key(c) for c in trace.chosen.get(name, [])}
            for c in found:
                row = self.rules.setdefault(c.rule, RuleRow(c.rule))
                row.documents.add(stem)
                row.candidates += 1
                right = _right(name, c, gold)
                picked = id(c) in chosen or _key(c) in chosen_keys
                row.chosen += picked
                if right is not None:
                    row.chosen_right += picked and right
                    row.chosen_wrong += picked and not right
                    row.right_not_chosen += (not picked) and right

    def single_without_reason(self) -> list[str]:
        """Lexicon entries that match one document only and give no reason to be kept."""
        from .lexicon import lexicon

        lex = lexicon()
        return sorted(e for e, docs in self.entries.items() if len(docs) == 1 and e in lex.by_id and not getattr(lex.by_id[e], "reason", None))

    def as_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "rules": [
                {**{k: v for k, v in vars(r).items() if k != "documents"}, "documents": len(r.documents)}
                for r in sorted(self.rules.values(), key=lambda r: r.rule)
            ],
            "entries": {e: len(d) for e, d in sorted(self.entries.items())},
            "single_document_entries_without_reason": self.single_without_reason(),
        }


def _key(c: Candidate[Any]) -> tuple[str, int, int]:
    return (c.rule, c.start, c.end)


def _right(name: str, c: Candidate[Any], gold: dict[str, Any] | None) -> bool | None:
    """Is the candidate's reading the gold one? None when the gold does not say (no file, unscored)."""
    if gold is None:
        return None
    g_field = _GOLD_FIELDS.get(name)
    if name == "period":
        return _period_right(c, gold)
    if g_field is None or g_field in (gold.get("unscored") or []):
        return None
    g = gold.get(g_field)
    v = c.value
    if name == "territory":
        return bool(g) and any(same_territory(v.name, x) for x in g)
    if name == "signature_date":
        return v is not None and v.iso == g
    if name == "signature_place":
        return bool(g) and any(same_place(v, x) for x in g)
    if name == "region":
        return g is not None and norm(v) == norm(g)
    if name in ("coordinator", "signatories"):
        golds = g if isinstance(g, list) else [g]
        return any(x and same_person(v.name, x) for x in golds)
    if name == "partners":
        return any(LISTS["partners"](v, x) for x in g or [])
    if name == "axes":
        labels = c.data.get("label")
        if isinstance(v, int):
            return gold.get("axes_announced") == v if "axes_announced" not in (gold.get("unscored") or []) else None
        return labels is not None and any(LISTS["axes"](labels, x) for x in g or [])
    return v == g


def _period_right(c: Candidate[Any], gold: dict[str, Any]) -> bool | None:
    unscored = set(gold.get("unscored") or [])
    v = c.value
    if isinstance(v, int):
        return None if "duration_years" in unscored else v == gold.get("duration_years")
    checks = [(v.start, "start_year"), (v.end, "end_year")]
    checks = [(x, f) for x, f in checks if f not in unscored and x is not None]
    return all(x == gold.get(f) for x, f in checks) if checks else None


def run(paths: Iterable[str], gold_dir: Path | None) -> Report:
    """The report over `paths` (texts), judged against `gold_dir` when given."""
    from .extract import Options, Task, finish_traced, prepare, Pending
    from .pipeline import SPANS_KEY, load

    nlp = load()
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))} if gold_dir else {}
    report = Report()
    for path in paths:
        p = prepare(Task(path, Options(), listed=True))
        if not isinstance(p, Pending):
            continue
        with nlp.memory_zone():
            doc = nlp(p.clean.clean)
            _, trace = finish_traced(p, doc)
            matched = {s.id_ for s in doc.spans[SPANS_KEY]}
        report.add(path, trace, matched, golds.get(Path(path).stem))
    return report


def table(report: Report) -> list[list[str]]:
    """The field rules as rows: rule, documents, candidates, chosen, right, wrong, right unchosen, precision."""
    rows = []
    for r in sorted(report.rules.values(), key=lambda r: (-len(r.documents), r.rule)):
        judged = r.chosen_right + r.chosen_wrong
        rows.append([
            r.rule, str(len(r.documents)), str(r.candidates), str(r.chosen), str(r.chosen_right), str(r.chosen_wrong),
            str(r.right_not_chosen), f"{r.chosen_right / judged:.2f}" if judged else "-",
        ])
    return rows

