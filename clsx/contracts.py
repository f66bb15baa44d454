"""Article records -> contracts: which articles describe the same Contrat Local de Santé, the
contract's fields chosen from theirs (clsx/choices.py), and each territory's history.

1. **Territory.** Articles whose territory the register linked are grouped by its code (SIREN or
   INSEE); the others by name (case, accents, articles and kind words left out: clsx/articles.py)
   with kind and department, an unknown kind or department fitting a known one (a Pays or a PETR
   may span departments; in one department, a name may be shortened: 'Saint-Laurent' for
   'Saint-Laurent-du-Maroni' when one territory there fits; collectivities that carry one contract
   together share it: a code of the territory or of its co-carriers). An article whose
   name fits two territories (two 'Saint-Martin' in two departments) stays alone, flagged
   `territory_ambiguous`; one without a territory, or named only by a kind word ('le PETR'),
   stays alone, flagged `unplaced`.
2. **Generation.** Within a territory, two articles are one contract when something says so and
   nothing says otherwise: the same CLS number, signature dates within one campaign (a planned
   date no later than the signed one), overlapping periods, a signature date in the period's
   first year (or the year before). A different number, dates or periods that cannot be one
   signing keep them apart, unless both give the same signing day. When nothing in a
   territory's articles points to a second generation (no two kept apart, no CLS 2 or later, no
   text speaking of several contracts), all its articles are one contract; otherwise the
   articles that say nothing of the generation are one contract of their own, flagged
   `generation_unknown`.
3. **History.** A territory's contracts are ordered by year (signature, else period start), a
   number alone placing a contract among them; `previous` and `next` link them.

Nothing depends on the input order: articles are sorted first (path, doc_id, line), and every
choice breaks ties on values, never on position.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from .articles import Article, rules
from .choices import lists, scalars

SAME, APART = "same", "apart"
_MULTI_DEPARTMENT = frozenset({"pays", "petr"})


def _numbers(a: Article, b: Article) -> str | None:
    if a.number is None or b.number is None:
        return None
    return SAME if a.number == b.number else APART


def _campaign(a: Article, b: Article) -> str | None:
    """Signature dates of one signing campaign: its announcements and its reports."""
    if a.date is None or b.date is None:
        return None
    if a.date.gap(b.date) > rules()["campaign_days"]:
        return APART
    for p, s in ((a, b), (b, a)):
        if p.status == "planned" and s.status == "signed" and p.date and s.date and p.date.first > s.date.last:
            return APART  # announced after that signing: the next one
    return SAME


def _periods(a: Article, b: Article) -> str | None:
    (s1, e1), (s2, e2) = a.period, b.period
    if s1 is not None and s1 == s2:
        return SAME
    if None not in (s1, e1, s2, e2):
        shared = min(e1, e2) - max(s1, s2) + 1  # type: ignore[type-var, operator]
        return SAME if shared >= 2 else APART  # one year in common: one generation ends as the next starts
    for x, y in ((s1, s2), (e1, e2)):
        if x is not None and y is not None:
            return SAME if x == y else (APART if abs(x - y) >= 2 else None)
    return None


def _signed_in_period(a: Article, b: Article) -> str | None:
    """a's signature date against b's period: a contract is signed as its period starts."""
    if a.date is None or b.period == (None, None):
        return None
    year, (start, end) = a.date.first.year, b.period
    if start is not None and start - 1 <= year <= start:
        return SAME
    if (end is not None and year > end) or (start is not None and year < start - 1):
        return APART
    return None


def relation(a: Article, b: Article) -> str | None:
    """SAME, APART, or None when the two articles say nothing comparable about their generation."""
    if a.date and b.date and a.date.precision == b.date.precision == 3 and a.date.iso == b.date.iso:
        return SAME  # the same signing day settles it: what else differs is a conflict
    said = {_numbers(a, b), _campaign(a, b), _periods(a, b), _signed_in_period(a, b), _signed_in_period(b, a)}
    return APART if APART in said else (SAME if SAME in said else None)


@dataclass(eq=False)  # compared by identity: two territories may look alike (homonyms left alone)
class Territory:
    """Articles of one territory, and what identifies it (grown as articles join)."""

    articles: list[Article]
    code: str | None
    names: set[str]
    kinds: set[str]
    departments: set[str]
    ambiguous: bool = False
    codes: set[str] = field(default_factory=set)  # the code and the co-carriers' codes of its articles

    @classmethod
    def of(cls, a: Article, ambiguous: bool = False) -> Territory:
        return cls([a], a.code, set(a.names), {a.kind} - {None}, {a.department} - {None}, ambiguous, set(a.codes))  # type: ignore[arg-type]

    def fits(self, a: Article) -> bool:
        if self.ambiguous:
            return False
        if a.code and self.code:
            # one code, or one of the collectivities that carry the contract together
            return a.code == self.code or bool(a.codes & self.codes)
        # a Pays or a PETR spans departments: articles may each name another of its departments
        spans = a.kind in _MULTI_DEPARTMENT or bool(self.kinds & _MULTI_DEPARTMENT)
        return bool(
            a.names & self.names
            and (a.kind is None or not self.kinds or a.kind in self.kinds)
            and (spans or a.department is None or not self.departments or a.department in self.departments)
        )

    def add(self, a: Article) -> None:
        self.articles.append(a)
        self.codes |= a.codes
        self.names |= a.names
        self.kinds |= {a.kind} - {None}  # type: ignore[arg-type]
        self.departments |= {a.department} - {None}  # type: ignore[arg-type]

    @property
    def key(self) -> str:
        if self.code:
            return self.code
        name = max(self.names, key=lambda n: (len(n), n))  # the full name rather than an acronym
        return "name:" + "|".join((min(self.kinds, default=""), name, min(self.departments, default="")))


def territories(articles: Iterable[Article]) -> list[Territory]:
    """Placed articles by territory: codes first, then names with a department and a kind, so that
    an article that says less joins the one territory it fits (or stays alone if it fits several).
    Only the territories sharing a code or a name with an article are tried."""
    out: list[Territory] = []
    by_code: dict[str, Territory] = {}
    by_name: dict[str, list[Territory]] = {}
    order = sorted(articles, key=lambda a: (a.code is None, a.department is None, a.kind is None, a.code or "", sorted(a.names), a.sort_key))
    for a in order:
        near = list({id(by_code[c]): by_code[c] for c in sorted(a.codes) if c in by_code}.values())
        near += [t for n in sorted(a.names) for t in by_name.get(n, []) if t.code is None or a.code is None]
        fits = list({id(t): t for t in near if t.fits(a)}.values())
        if not fits:
            fits = _shortened(out, a)
        if len(fits) == 1:
            t = fits[0]
            t.add(a)
        else:
            t = Territory.of(a, ambiguous=len(fits) > 1)
            out.append(t)
        if not t.ambiguous:
            for c in sorted(a.codes):
                by_code.setdefault(c, t)
        for n in a.names:
            if t not in by_name.setdefault(n, []):
                by_name[n].append(t)
    return out


def _shortened(territories: list[Territory], a: Article) -> list[Territory]:
    """'la ville de Saint-Laurent' in Guyane is Saint-Laurent-du-Maroni there: in the article's known
    department, the one territory of its kind whose name begins with the article's (or the other way)."""
    if a.department is None or not a.names:
        return []
    found = []
    for t in territories:
        if t.ambiguous or a.department not in t.departments or (a.kind and t.kinds and a.kind not in t.kinds):
            continue
        if any(n.startswith(m + " ") or m.startswith(n + " ") for n in t.names for m in a.names):
            found.append(t)
    return found if len(found) == 1 else []


def generations(articles: list[Article]) -> list[list[Article]]:
    """The articles of one territory, grouped by contract (see the module docstring, 2.)."""
    arts = sorted(articles, key=lambda a: a.sort_key)
    rel = {(i, j): relation(arts[i], arts[j]) for i, j in combinations(range(len(arts)), 2)}
    apart = {p for p, r in rel.items() if r == APART}
    group = list(range(len(arts)))  # group[i]: the smallest index of i's contract
    for (i, j), r in sorted(rel.items()):
        gi, gj = group[i], group[j]
        if r != SAME or gi == gj:
            continue
        mi = [k for k in range(len(arts)) if group[k] == gi]
        mj = [k for k in range(len(arts)) if group[k] == gj]
        if not any((min(x, y), max(x, y)) in apart for x in mi for y in mj):
            for k in mj:
                group[k] = gi
    several = apart or any(a.several or (a.number or 0) >= 2 for a in arts)
    unknown = [i for i, a in enumerate(arts) if not a.has_generation]
    for i in unknown:
        group[i] = 0 if not several else unknown[0]
    if not several:
        group = [0] * len(arts)
    out: dict[int, list[Article]] = {}
    for i, g in enumerate(group):
        out.setdefault(g, []).append(arts[i])
    return list(out.values())


@dataclass(eq=False)
class Draft:
    """A contract being built: its articles, fields chosen, and where it stands in its territory."""

    articles: list[Article]
    territory: Territory | None
    fields: dict[str, Any]
    flags: set[str] = field(default_factory=set)
    contract_id: str = ""
    previous: str | None = None
    next: str | None = None

    @property
    def number(self) -> int | None:
        return self.fields["number"]["value"]

    @property
    def year(self) -> int | None:
        date = self.fields["signature"]["date"]["value"]
        years = self.fields["period"]["years"]["value"] or {}
        return int(date[:4]) if date else years.get("start_year")

    @property
    def status(self) -> str | None:
        return self.fields["signature"]["status"]["value"]


def _draft(articles: list[Article], territory: Territory | None) -> Draft:
    fields = {**scalars(articles), **lists(articles)}
    d = Draft(articles, territory, fields)
    if territory is None:
        d.flags.add("unplaced")
    elif territory.ambiguous:
        d.flags.add("territory_ambiguous")
    if territory is not None and d.number is None and d.year is None:
        d.flags.add("generation_unknown")
    if _has_conflicts(fields):
        d.flags.add("conflicts")
    return d


def _has_conflicts(value: Any) -> bool:
    if isinstance(value, dict):
        return bool(value.get("conflicts")) or any(_has_conflicts(v) for v in value.values() if isinstance(v, dict))
    return False


def history(drafts: list[Draft]) -> list[Draft]:
    """A territory's contracts in time order (see the module docstring, 3.); a contract of unknown
    generation is placed only when its status says where: signed, before a CLS 2 when no CLS 1 is
    known; planned, after the signed ones. The others stay out of the chain."""
    seq = sorted((d for d in drafts if d.year is not None), key=lambda d: (d.year, d.number or 0, d.contract_id))
    for d in sorted((d for d in drafts if d.year is None and d.number is not None), key=lambda d: (d.number, d.contract_id)):
        pos = next((i for i, o in enumerate(seq) if o.number is not None and o.number > d.number), len(seq))  # type: ignore[operator]
        seq.insert(pos, d)
    unknown = [d for d in drafts if d.year is None and d.number is None]
    if len(unknown) == 1 and seq:
        d, numbers = unknown[0], [o.number for o in seq if o.number is not None]
        if d.status == "signed" and numbers and min(numbers) >= 2:
            seq.insert(0, d)
            d.flags.add("order_inferred")
        elif d.status == "planned":
            seq.append(d)
            d.flags.add("order_inferred")
    for before, after in zip(seq, seq[1:]):
        before.next, after.previous = after.contract_id, before.contract_id
    return seq + sorted((d for d in drafts if d not in seq), key=lambda d: d.contract_id)


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _territory_slug(t: Territory) -> str:
    if t.code:
        return _slug(t.code)
    kind, name, dept = t.key.removeprefix("name:").split("|")
    short = rules()["kind_slugs"].get(kind, "territory")
    return _slug(" ".join(p for p in (short if not name.startswith(short + " ") else "", name, dept) if p))


def _generation_slug(d: Draft) -> str:
    if d.number is not None:
        return f"cls{d.number}"
    if d.year is not None:
        return str(d.year)
    return "undated"


def _name(drafts: list[Draft]) -> None:
    """contract_id: the territory's code (or name, kind, department) and the generation; the
    first article's doc_id tells apart two contracts that would share one."""
    for d in drafts:
        d.contract_id = f"unplaced-{d.articles[0].doc_id}" if d.territory is None else f"{_territory_slug(d.territory)}-{_generation_slug(d)}"
    taken: dict[str, list[Draft]] = {}
    for d in drafts:
        taken.setdefault(d.contract_id, []).append(d)
    for same in taken.values():
        if len(same) > 1:
            for d in same:
                d.contract_id += f"-{d.articles[0].doc_id}"
    seen: dict[str, int] = {}
    for d in drafts:  # two copies of one text placed apart (records of different clsx versions)
        seen[d.contract_id] = seen.get(d.contract_id, 0) + 1
        if seen[d.contract_id] > 1:
            d.contract_id += f"-{seen[d.contract_id]}"


def build(articles: Iterable[Article]) -> list[Draft]:
    """Every article in exactly one contract: the territories' contracts (in history order),
    then the unplaced articles, one contract each (copies of one text, same doc_id, together)."""
    arts = sorted(articles, key=lambda a: a.sort_key)
    terrs = sorted(territories(a for a in arts if a.placed), key=lambda t: (t.key, t.articles[0].sort_key))
    by_territory = [[_draft(g, t) for g in generations(t.articles)] for t in terrs]
    unplaced: dict[str, list[Article]] = {}
    for a in arts:
        if not a.placed:
            unplaced.setdefault(a.doc_id or a.line_sha, []).append(a)
    alone = [_draft(g, None) for _, g in sorted(unplaced.items(), key=lambda kv: kv[1][0].sort_key)]
    _name([d for ds in by_territory for d in ds] + alone)
    return [d for ds in by_territory for d in history(ds)] + alone


def as_dict(d: Draft) -> dict[str, Any]:
    """The contract record (clsx/contract_model.py Contract) of a draft."""
    f = d.fields
    return {
        "schema_version": "1",
        "contract_id": d.contract_id,
        "territory": {"key": d.territory.key if d.territory else None, **f["territory"]},
        **{k: f[k] for k in ("region", "number", "signature", "period", "signatories", "partners", "axes", "axes_announced", "actions_count", "coordinator", "funding")},
        "previous": d.previous,
        "next": d.next,
        "articles": [
            {"path": a.path, "doc_id": a.doc_id, "title": a.record.get("title") if isinstance(a.record.get("title"), str) else None, "status": a.status, "about": a.about}
            for a in d.articles
        ],
        "flags": sorted(d.flags, key=FLAGS.index),
    }


FLAGS = ("unplaced", "territory_ambiguous", "generation_unknown", "order_inferred", "conflicts")
