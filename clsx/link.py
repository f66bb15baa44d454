"""Link a territory, as a press release writes it, to the official register (clsx/gazetteer.py).

Precision first: a wrong code is worse than none. Only 'exact' and 'fuzzy' give a code
(SIREN or INSEE), and only when one register entry of the right layer fits and nothing the
text says contradicts it (the department it gives, the region of its ARS).

- exact: the distinctive words equal a register name's (or its own bracketed short name,
  'CAPI'), and the kind agrees.
- fuzzy: one register name fits without being equal: a typo of a letter or two, one name the
  other with generic words left out ('Lisieux' for 'Lisieux Normandie'), an acronym the text
  spells out or whose initials fit one EPCI, a kind that is not the register's (a CIAS, a
  'Métropole' that is a CU) or no kind word at all.
- ambiguous: several fit (homonymous communes the text does not tell apart), or a fit the kind
  makes a mere hint (a Pays, a PETR), or the text places it elsewhere.
- none: nothing fits; a name that says more than any register name (an EPCI merged since:
  'Pays de L'Aigle et de la Marche') or only shares some words; the nearest are candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, get_args

from .gazetteer import Entity, Gazetteer, initials, load, split, words
from .model import Link, LinkCandidate, Territory, TerritoryKind
from .patterns import load_json

if TYPE_CHECKING:
    from .doc import Ctx

STATUS_RANK = {"none": 0, "ambiguous": 1, "fuzzy": 2, "exact": 3}
MAX_CANDIDATES = 5
LISTED_SCORE = 0.3  # a register name sharing this much (weighted) is shown as a candidate
MIN_WEIGHT = 3.0  # a shortened name must say at least this much (one fairly rare word) to link
RARE_WORD = 4.0  # IDF of a word in at most ~20 EPCI names: its presence in a text says something
KINDS: tuple[str, ...] = get_args(TerritoryKind)
_ACRONYM = re.compile(r"[0-9]?[A-ZÀ-Ü][A-ZÀ-Ü0-9]{1,9}")


@dataclass(frozen=True)
class Hints:
    """What the text says about where the territory is (codes, current region)."""

    department: str | None = None  # the department the text names as the territory's
    mentioned: frozenset[str] = frozenset()  # every department the text mentions
    region: str | None = None  # the current region of the ARS that signs
    context: str = ""  # the text, to confirm an acronym


@dataclass
class Result:
    status: str
    score: float
    entity: Entity | None = None
    candidates: list[tuple[Entity, float]] = field(default_factory=list)


def _spec(kind: str | None) -> dict[str, Any]:
    kinds = load_json("link.json")["kinds"]
    return kinds.get(kind or "", kinds[""])


def _cap(status: str, best: str) -> str:
    return status if STATUS_RANK[status] <= STATUS_RANK[best] else best


def link_name(name: str, kind: str | None = None, acronym: str | None = None, hints: Hints = Hints()) -> Result:
    """The register entry `name` designates, with a status (see the module docstring)."""
    g = load()
    named_kind, core = split(name)
    kind = kind or named_kind
    spec = _spec(kind)
    if not spec["layer"] or not core:
        return Result("none", 0.0)
    if "departement" in spec["layer"]:
        code = g.department_code(" ".join(core))
        return Result("exact", 1.0, g.department(code)) if code else Result("none", 0.0)
    results = []
    if "epci" in spec["layer"]:
        results.append(_epci(g, core, spec, acronym, hints))
    if "commune" in spec["layer"]:
        results.append(_commune(g, core, hints))
    res = _combine(results) if len(results) > 1 else results[0]
    last = name.split()[-1]
    if res.status == "none" and len(core) == 1:
        if hints.context and (long := _long_form(last, hints.context)):
            # 'la CALL', 'la Cali': the text spells it out once, 'Communauté d'Agglomération de Lens-Liévin (CALL)'
            return _finish(link_name(long, kind, acronym, replace(hints, context="")), "fuzzy")
        if _ACRONYM.fullmatch(last) and last.isupper():
            res = _by_acronym(g, last, spec, hints)
    return _finish(res, spec["best"])


def _finish(res: Result, best: str) -> Result:
    """Cap the status at what the kind allows; candidates only when not exact, the best first."""
    res.status = _cap(res.status, best)
    if res.status in ("ambiguous", "none") and res.entity:
        res.candidates = [(res.entity, res.score)] + [c for c in res.candidates if c[0] != res.entity]
        res.entity = None
    if res.status == "exact":
        res.candidates = []
    res.candidates = res.candidates[:MAX_CANDIDATES]
    return res


def _long_form(short: str, context: str) -> str | None:
    """The name the text gives in full before '(short)': from the last kind phrase before the bracket."""
    for m in re.finditer(rf"\(\s*{re.escape(short)}\s*\)", context):
        window = re.split(r"[\n.;:!?]", context[max(0, m.start() - 160) : m.start()])[-1]
        for w in reversed(list(re.finditer(r"\S+", window))):
            candidate = window[w.start() :].strip()
            kind, core = split(candidate)
            if kind and core and core != tuple(words(short)):
                return candidate
    return None


def _combine(results: list[Result]) -> Result:
    """No kind word: an EPCI and a commune of that name are both possible; one alone links at most fuzzily,
    and a commune only as a candidate (the CLS of 'Lisieux' is as likely the agglomeration's)."""
    epci, commune = results
    if commune.status in ("exact", "fuzzy"):
        commune = Result("ambiguous", commune.score, commune.entity, commune.candidates)
    linked = [r for r in (epci, commune) if r.status in ("exact", "fuzzy")]
    if linked and not any(r.status == "ambiguous" for r in (epci, commune)):
        r = linked[0]
        return Result("fuzzy", r.score, r.entity, r.candidates)
    pool = [(r.entity, r.score) for r in (epci, commune) if r.entity] + epci.candidates + commune.candidates
    pool.sort(key=lambda c: -c[1])
    best = max(STATUS_RANK[r.status] for r in results)
    status = "ambiguous" if best >= STATUS_RANK["ambiguous"] else "none"
    return Result(status, pool[0][1] if pool else 0.0, None, pool)


def _conflicts(e: Entity, hints: Hints, g: Gazetteer) -> bool:
    """The text places the territory elsewhere: another department, or another region."""
    if hints.department and hints.department not in e.departments:
        return True
    return bool(hints.region and all(g.region_of(d) != hints.region for d in e.departments))


def _narrow(entities: list[Entity], hints: Hints, g: Gazetteer) -> list[Entity]:
    """Homonyms told apart by the department the text gives, the departments it mentions, the ARS region."""
    tests = [
        lambda e: hints.department in e.departments if hints.department else None,
        lambda e: bool(hints.mentioned & set(e.departments)) if hints.mentioned else None,
        lambda e: any(g.region_of(d) == hints.region for d in e.departments) if hints.region else None,
    ]
    for test in tests:
        kept = [e for e in entities if test(e)]
        if len(kept) == 1:
            return kept
        if kept:
            entities = kept
    return entities


def _weights(g: Gazetteer, toks: tuple[str, ...]) -> list[float]:
    return [g.idf.get(t, g.max_idf) for t in toks]


@dataclass(frozen=True)
class Overlap:
    """How a query's words meet a register name's. Words weigh by rarity among EPCI names ('pays'
    little, 'coevrons' much); a word one or two letters off counts 0.8 in `score`, fully in the covers."""

    score: float  # weighted Dice
    q_cover: float  # share of the query's weight matched
    c_cover: float  # share of the candidate's weight matched
    in_order: bool  # the matched words run side by side, in the same order, in both names
    q_left: frozenset[str]  # query words unmatched
    c_left: frozenset[str]  # candidate words unmatched


def _contiguous(ix: list[int]) -> bool:
    return bool(ix) and ix == list(range(ix[0], ix[0] + len(ix)))


def _overlap(g: Gazetteer, core: tuple[str, ...], e: Entity) -> Overlap:
    qw, cw = _weights(g, core), _weights(g, e.tokens)
    cand = list(e.tokens)
    got_q = got_c = covered_q = covered_c = 0.0
    at_q: list[int] = []
    at_c: list[int] = []
    for i, (t, w) in enumerate(zip(core, qw)):
        if t in cand:
            j, f = cand.index(t), 1.0
        else:
            near = [k for k, c in enumerate(cand) if c and c[0] == t[0] and c in g.near_tokens(t)]
            if not near:
                continue
            j, f = near[0], 0.8
        got_q += w * f
        got_c += cw[j] * f
        covered_q += w
        covered_c += cw[j]
        cand[j] = ""
        at_q.append(i)
        at_c.append(j)
    total_q, total_c = sum(qw), sum(cw)
    return Overlap(
        (got_q + got_c) / (total_q + total_c),
        covered_q / total_q,
        covered_c / total_c,
        _contiguous(at_q) and _contiguous(at_c),
        frozenset(t for i, t in enumerate(core) if i not in at_q),
        frozenset(c for c in cand if c),
    )


def _epci(g: Gazetteer, core: tuple[str, ...], spec: dict[str, Any], acronym: str | None, hints: Hints) -> Result:
    want = spec["type"]
    exact = [g.epci(i) for i in dict.fromkeys(g.epci_by_key.get(" ".join(core), []) + g.epci_by_key.get("".join(core), []))]
    if exact:
        exact = _narrow(exact, hints, g)
        if len(exact) == 1:
            e = exact[0]
            if _conflicts(e, hints, g):
                return Result("ambiguous", 0.9, e)
            return Result("exact" if want in (None, e.type) and spec["best"] == "exact" else "fuzzy", 1.0, e)
        return Result("ambiguous", 1.0, None, [(e, 1.0) for e in exact])
    # candidates share a word with the query: a distinctive one if it has any, else any but 'pays' (179 names)
    ids: set[int] = set()
    for t in [t for t in core if t not in g.generic] or [t for t in core if t != "pays"] or core:
        ids.update(g.epci_by_token.get(t, ()))
        for n in g.near_tokens(t) if len(t) >= 5 else ():
            ids.update(g.epci_by_token[n])
    scored = []
    for i in ids:
        e = g.epci(i)
        o = _overlap(g, core, e)
        dice = min(1.0, o.score + 0.1) if acronym and initials(e.name) == initials(acronym) else o.score
        # one name is the other with generic words left out ('Lisieux' for 'Lisieux Normandie', 'Pays de
        # Mirecourt Dompaire' for 'Mirecourt Dompaire'); not 'Pays de Honfleur' for 'Pays de
        # Honfleur-Beuzeville', which merged it with another
        shortened = (
            o.in_order and o.q_cover >= 0.5 and o.c_cover >= 0.5 and o.q_left <= g.generic and o.c_left <= g.generic
            and not set(core) - o.q_left <= g.generic  # what matches says more than 'Val' or 'Somme'
        )
        scored.append((e, dice, shortened))
    scored.sort(key=lambda x: (-x[1], x[0].code))
    candidates = [(e, round(d, 3)) for e, d, _ in scored if d >= LISTED_SCORE and not _conflicts(e, hints, g)]
    full = [x for x in scored if x[2] and not _conflicts(x[0], hints, g)]
    typed = [x for x in full if want in (None, x[0].type)]
    if full and sum(_weights(g, core)) >= MIN_WEIGHT:
        pick = typed if len(typed) == 1 else full
        if len(pick) == 1:
            return Result("fuzzy", round(pick[0][1], 3), pick[0][0], candidates)
        return Result("ambiguous", round(pick[0][1], 3), None, [(e, round(d, 3)) for e, d, _ in pick])
    # a name that says more than any register name, or only shares words with some: the nearest, as a hint
    return Result("none", candidates[0][1] if candidates else 0.0, None, candidates)


def _commune(g: Gazetteer, core: tuple[str, ...], hints: Hints) -> Result:
    """Communes link only on their whole name: 'Saint-Leu' is not 'Saint-Leu-la-Forêt'."""
    ids = dict.fromkeys(g.commune_by_key.get(" ".join(core), []) + g.commune_by_key.get("".join(core), []))
    homonyms = sorted((g.commune(i) for i in ids), key=lambda e: -e.population)
    if not homonyms:
        return Result("none", 0.0)
    kept = _narrow(homonyms, hints, g)
    if len(kept) == 1 and not _conflicts(kept[0], hints, g):
        return Result("exact", 1.0, kept[0])
    return Result("ambiguous", 1.0, None, [(e, 1.0) for e in (kept if len(kept) > 1 else homonyms)])


def _by_acronym(g: Gazetteer, acr: str, spec: dict[str, Any], hints: Hints) -> Result:
    """'CALL', '4CPS': the EPCIs whose name has these initials; one that the text confirms (one of its
    distinctive words appears in it) or a long acronym that fits only one links fuzzily."""
    if "epci" not in spec["layer"]:
        return Result("none", 0.0)

    def fits(e: Entity) -> bool:
        return spec["type"] in (None, e.type) and not _conflicts(e, hints, g)

    own = [e for e in (g.epci(i) for i in g.epci_by_key.get(" ".join(words(acr)), [])) if fits(e)]
    if len(own) == 1:  # the register's own short name: 'Communauté d'agglomération Porte de l'Isère (CAPI)'
        return Result("exact", 1.0, own[0])
    found = [e for e in (g.epci(i) for i in g.epci_by_acronym(acr)) if fits(e)]
    if not found:
        return Result("none", 0.0)
    context = set(words(hints.context)) if hints.context else set()
    confirmed = [e for e in found if any(g.idf.get(t, 0) >= RARE_WORD for t in context & set(e.tokens))]
    if len(confirmed) == 1 or (len(found) == 1 and len(initials(acr)) >= 5):
        return Result("fuzzy", 0.9, (confirmed or found)[0])
    return Result("ambiguous", 0.5, None, [(e, 0.5) for e in found])


def hints_from(department: str | None, mentioned: list[str], region: str | None, context: str = "") -> Hints:
    """Hints from what the extractor read: department and region names (a former region too), department codes."""
    g = load()
    return Hints(g.department_code(department), frozenset(mentioned), g.region_code(region), context)


def linked(territory: Territory, ctx: Ctx, region: str | None) -> Territory:
    """The territory with its register fields: codes when linked, the department and region the text gives
    otherwise, and `link` (status, score, candidates) always."""
    g = load()
    hints = hints_from(territory.department, [m.id_ for m in ctx.matches("DEPARTMENT")], region, ctx.clean)
    res = link_name(territory.name, territory.kind, territory.acronym, hints)
    e = res.entity
    dep = e.departments[0] if e and e.departments else hints.department
    fields: dict[str, Any] = {
        "siren": e.code if e and e.layer == "epci" else None,
        "insee_code": e.code if e and e.layer == "commune" else None,
        "official_name": e.name if e else None,
        "department_code": dep,
        "official_region": g.regions.get(g.region_of(dep) or hints.region or ""),
        "link": to_link(res),
    }
    return Territory(**{**dict(territory), **fields})  # validated again: codes have a pattern


def to_link(res: Result) -> Link:
    return Link(
        status=res.status,  # type: ignore[arg-type]
        score=round(res.score, 3),
        candidates=[
            LinkCandidate(code=e.code, name=e.name, type=e.type, department_code=e.departments[0] if e.departments else None, score=round(s, 3))  # type: ignore[arg-type]
            for e, s in res.candidates
        ],
    )


def describe(res: Result) -> dict[str, Any]:
    """A link as plain data (what `clsx link --json` prints)."""
    g = load()
    e = res.entity
    dep = e.departments[0] if e and e.departments else None
    return {
        "status": res.status,
        "score": round(res.score, 3),
        "code": e.code if e else None,
        "official_name": e.name if e else None,
        "type": e.type if e else None,
        "department_code": dep,
        "official_region": g.regions.get(g.region_of(dep) or ""),
        "candidates": [c.model_dump() for c in to_link(res).candidates],
    }
