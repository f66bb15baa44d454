"""The contract's fields chosen from its articles' values, by explicit rules (clsx/contracts.json
"choice_rules", applied in the order "choice_order" gives per field).

A value missing from an article is not a candidate (silence is not disagreement). Two values
*agree* when one refines the other ('2018' and '2018-06-12'; 'EVRON' and 'Evron'): they share
their sources and make no conflict. When some value disagrees with the chosen one, `conflicts`
lists every distinct value with its sources, and `rule` names the rule that decided between the
chosen value and the best one that disagrees. Lists are merged by normalised name, each item
keeping its best-written form (mixed case over capitals, accents over none, the longest).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any, get_args

from .articles import Article, item_key, name_key, parse_date, rules
from .model import TerritoryKind

STATUS_RANK = {"signed": 2, "planned": 1, None: 0}


@dataclass(frozen=True)
class Candidate:
    value: Any  # JSON-serialisable: str, int, or a dict for the period's years and the coordinator
    article: Article
    span: dict[str, Any] | None
    precision: int = 0  # higher is more precise (a day over a month over a year)
    stated: int = 2  # 2 stated, 1 inferred from context, 0 guessed
    rule: str | None = None  # the extraction rule that found it, when the record says (optional field `rule`)


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Case, accents and punctuation left out: 'Saint-Pierre-en-Auge' ~ 'SAINT PIERRE EN AUGE'."""
    s = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in s).split())


def agrees(a: Any, b: Any, dates: bool = False) -> bool:
    """One value refines or restates the other ('2018' and '2018-06-12' when `dates`)."""
    if isinstance(a, str) and isinstance(b, str):
        if dates and parse_date(a) and parse_date(b):
            return a.startswith(b) or b.startswith(a)
        return fold(a) == fold(b)
    if isinstance(a, dict) and isinstance(b, dict):
        return all(a.get(k) is None or b.get(k) is None or agrees(a[k], b[k]) for k in a.keys() | b.keys())
    return a == b


def _same_person(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two coordinators agree when they are the same person, whatever their titles."""
    return agrees(a["name"], b["name"]) if a.get("name") and b.get("name") else agrees(a, b)


def _same_name(a: str, b: str) -> bool:
    """Two names of a territory agree when they differ only by kind words, articles or an acronym."""
    return name_key(a) == name_key(b) or agrees(a, b)


def _agreement(field: str) -> Callable[[Any, Any], bool]:
    if field == "signature.date":
        return partial(agrees, dates=True)
    if field in ("territory.name", "territory.official_name"):
        return _same_name
    return _same_person if field == "coordinator" else agrees


def _ranks(c: Candidate, support: int) -> dict[str, Any]:
    """Each rule's rank of a candidate: higher wins (for 'order', lower: the first in sort order)."""
    return {
        "status": STATUS_RANK.get(c.article.status, 0),
        "precision": c.precision,
        "stated": c.stated,
        "about": int(c.article.about),
        "support": support,
        "order": canonical(c.value),
    }


def _key(ranks: dict[str, Any], order: list[str]) -> tuple[Any, ...]:
    return tuple(ranks[r] if r == "order" else -ranks[r] for r in order)


def _span(span: Any) -> dict[str, Any] | None:
    """A record's evidence span, if it is one (offsets and text of the right types)."""
    if not isinstance(span, dict):
        return None
    start, end, text = span.get("start"), span.get("end"), span.get("text")
    ok = all(isinstance(x, int) and not isinstance(x, bool) and x >= 0 for x in (start, end)) and isinstance(text, str)
    return {"start": start, "end": end, "text": text} if ok else None


def _source(c: Candidate) -> dict[str, Any]:
    out: dict[str, Any] = {"path": c.article.path, "doc_id": c.article.doc_id, "span": _span(c.span)}
    if isinstance(c.rule, str):
        out["rule"] = c.rule
    return out


def sources(cands: Iterable[Candidate]) -> list[dict[str, Any]]:
    """Distinct sources, in path order (not input order)."""
    seen = {canonical(_source(c)): _source(c) for c in cands}
    return [seen[k] for k in sorted(seen, key=lambda k: (seen[k]["path"], seen[k]["doc_id"], k))]


def choose(field: str, cands: list[Candidate]) -> dict[str, Any]:
    """The Choice (clsx/contract_model.py) for one field, as a dict."""
    if not cands:
        return {"value": None, "rule": None, "sources": [], "conflicts": []}
    order = rules()["choice_order"].get(field) or rules()["choice_order"][""]
    same = _agreement(field)
    support = {id(c): len({o.article.sort_key for o in cands if same(o.value, c.value)}) for c in cands}
    ranked = sorted(cands, key=lambda c: (_key(_ranks(c, support[id(c)]), order), c.article.sort_key))
    best = ranked[0]
    agreeing = [c for c in cands if same(c.value, best.value)]
    others = [c for c in ranked if not same(c.value, best.value)]
    value = _best_written(best.value, agreeing) if field != "signature.date" else best.value
    if not others:
        rule = "agree" if len({c.article.sort_key for c in agreeing}) > 1 else "single"
        return {"value": value, "rule": rule, "sources": sources(agreeing), "conflicts": []}
    mine, theirs = _ranks(best, support[id(best)]), _ranks(others[0], support[id(others[0])])
    rule = next((r for r in order if mine[r] != theirs[r]), "order")
    if field == "signature.status":  # planned then signed: two stages of one signing, not a disagreement
        return {"value": value, "rule": rule, "sources": sources(agreeing), "conflicts": []}
    groups: dict[str, list[Candidate]] = {}
    for c in ranked:  # best first: the chosen value's group comes first
        groups.setdefault(canonical(c.value), []).append(c)
    conflicts = [{"value": g[0].value, "sources": sources(g)} for g in groups.values()]
    return {"value": value, "rule": rule, "sources": sources(agreeing), "conflicts": conflicts}


def _best_written(value: Any, agreeing: list[Candidate]) -> Any:
    """Of the forms that agree with the chosen text ('EVRON', 'Evron'), the best-written."""
    return best_forms(c.value for c in agreeing)[0] if isinstance(value, str) else value


def _written(form: str) -> tuple[Any, ...]:
    """How well a form is written: not all capitals, with its accents, the fullest."""
    accents = sum(1 for c in form if c.isalpha() and not c.isascii())
    return (not form.isupper(), accents, len(form))


def best_forms(forms: Iterable[str]) -> list[str]:
    """Distinct forms, the best-written first."""
    return sorted(set(forms), key=lambda f: (tuple(-x for x in _written(f)), f))


def _article_rank(a: Article) -> tuple[Any, ...]:
    return (-STATUS_RANK.get(a.status, 0), -int(a.about), a.sort_key)


Items = list[tuple[dict[str, Any], Article]]


def merge(articles: list[Article], field: str, key_of: Callable[[dict[str, Any]], str], build: Callable[[Items], dict[str, Any]]) -> list[dict[str, Any]]:
    """The items of list `field` of every article, one per `key_of` (empty: left out), in the
    order the best article gives them, then the others'; `build` makes a merged item from its
    (item, article) pairs, best article first, and `sources` is added."""
    groups: dict[str, Items] = {}
    for a in sorted(articles, key=_article_rank):
        for item in a.record.get(field) or []:
            if isinstance(item, dict) and (k := key_of(item)):
                groups.setdefault(k, []).append((item, a))
    return [{**build(items), "sources": sources(Candidate(None, a, i.get("span"), rule=i.get("rule")) for i, a in items)} for items in groups.values()]


def first(items: Items, key: str) -> str | None:
    """The text at `key` in the best article's item that has one."""
    return next((i[key] for i, _ in items if isinstance(i.get(key), str)), None)


def _named(label: str, *keys: str) -> Callable[[Items], dict[str, Any]]:
    def build(items: Items) -> dict[str, Any]:
        forms = best_forms(i[label] for i, _ in items)
        return {label: forms[0], **{k: first(items, k) for k in keys}, "forms": forms}

    return build


def _axis(items: Items) -> dict[str, Any]:
    return {**_named("label")(items), "transversal": any(i.get("transversal") is True for i, _ in items)}


def _funding(items: Items) -> dict[str, Any]:
    funders = best_forms(i["funder"] for i, _ in items if isinstance(i.get("funder"), str))
    return {"amount_eur": items[0][0]["amount_eur"], "funder": funders[0] if funders else None}


def _label_key(label: str) -> Callable[[dict[str, Any]], str]:
    return lambda item: item_key(item.get(label))


def _funding_key(item: dict[str, Any]) -> str:
    amount = item.get("amount_eur")
    ok = isinstance(amount, (int, float)) and not isinstance(amount, bool) and amount == amount  # not NaN
    return f"{float(amount)}|{item_key(item.get('funder'))}" if ok else ""


def lists(articles: list[Article]) -> dict[str, list[dict[str, Any]]]:
    return {
        "signatories": merge(articles, "signatories", _label_key("name"), _named("name", "title", "organization")),
        "partners": merge(articles, "partners", _label_key("name"), _named("name")),
        "axes": merge(articles, "axes", _label_key("label"), _axis),
        "funding": merge(articles, "funding", _funding_key, _funding),
    }


def _at(record: dict[str, Any], path: str) -> Any:
    v: Any = record
    for p in path.split("."):
        v = v.get(p) if isinstance(v, dict) else None
    return v


def _fits(path: str, v: Any) -> bool:
    """A value of the type the contract model wants at `path` (a record from another tool or
    version may carry anything: what does not fit is no candidate)."""
    if path in INT_FIELDS:
        return isinstance(v, int) and not isinstance(v, bool)
    if path == "territory.kind":
        return v in KINDS
    if path == "signature.status":
        return v in ("signed", "planned")
    if path == "signature.date":
        return parse_date(v) is not None
    return isinstance(v, str) and bool(v.strip())


INT_FIELDS = ("cls_number", "axes_announced", "actions_count", "period.duration_years")
KINDS = get_args(TerritoryKind)


def _cands(articles: list[Article], path: str, span: str | None, **ranks: Callable[[Article], int]) -> list[Candidate]:
    """A candidate per article that gives a value at `path` (dotted), with the span at `span`
    and the rule id beside that span (`territory.rule`, `signature.rule`…)."""
    out = []
    rule = span.rsplit(".", 1)[0] + ".rule" if span else None
    for a in articles:
        v = _at(a.record, path)
        if v is None or not _fits(path, v):
            continue
        extra = {k: f(a) for k, f in ranks.items()}
        out.append(Candidate(v, a, _at(a.record, span) if span else None, rule=_at(a.record, rule) if rule else None, **extra))
    return out


TERRITORY_FIELDS = ("name", "kind", "acronym", "department", "siren", "insee_code", "official_name", "department_code", "official_region")


def _date_precision(a: Article) -> int:
    d = parse_date(_at(a.record, "signature.date"))
    return d.precision if d else 0


def _years(articles: list[Article]) -> list[Candidate]:
    out = []
    for a in articles:
        start, end = a.period
        if start is not None or end is not None:
            value = {"start_year": start, "end_year": end}
            precision = (start is not None) + (end is not None)
            out.append(Candidate(value, a, _at(a.record, "period.span"), precision=precision, rule=_at(a.record, "period.rule")))
    return out


def scalars(articles: list[Article]) -> dict[str, Any]:
    """Every single-valued field of the contract, chosen (as dicts of contract_model.Choice)."""
    stated_territory = {"stated": lambda a: a.territory_stated}
    return {
        "territory": {k: choose(f"territory.{k}", _cands(articles, f"territory.{k}", "territory.span", **stated_territory)) for k in TERRITORY_FIELDS},
        "region": choose("region", _cands(articles, "region", None)),
        "number": choose("number", _cands(articles, "cls_number", None)),
        "signature": {
            "date": choose("signature.date", _cands(articles, "signature.date", "signature.span", precision=_date_precision, stated=lambda a: a.date_stated)),
            "place": choose("signature.place", _cands(articles, "signature.place", "signature.span")),
            "status": choose("signature.status", _cands(articles, "signature.status", "signature.span")),
        },
        "period": {
            "years": choose("period", _years(articles)),
            "duration_years": choose("period.duration_years", _duration(articles)),
        },
        "axes_announced": choose("axes_announced", _cands(articles, "axes_announced", None)),
        "actions_count": choose("actions_count", _cands(articles, "actions_count", None)),
        "coordinator": choose("coordinator", _coordinator(articles)),
    }


def _duration(articles: list[Article]) -> list[Candidate]:
    """The duration's evidence is its own span when the record gives one (period.duration_span)."""
    out = []
    for a in articles:
        n = _at(a.record, "period.duration_years")
        if n is not None and _fits("period.duration_years", n):
            out.append(Candidate(n, a, _at(a.record, "period.duration_span") or _at(a.record, "period.span"), rule=_at(a.record, "period.rule")))
    return out


def _coordinator(articles: list[Article]) -> list[Candidate]:
    out = []
    for a in articles:
        c = a.record.get("coordinator")
        value = {k: c.get(k) if isinstance(c.get(k), str) else None for k in ("name", "title")} if isinstance(c, dict) else {}
        if isinstance(c, dict) and any(value.values()):
            out.append(Candidate(value, a, c.get("span"), rule=c.get("rule")))
    return out
