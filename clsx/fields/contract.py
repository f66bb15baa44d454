"""Which CLS of the territory this is (record["cls_number"]): 1 for 'premier', 2 for 'CLS II' or a
renewal, 4 for 'pour la 4e fois'.

Rules over tokens and the CLS matches of the lexicon (cues.jsonl, label CLS):
- cls_number.ordinal: an ordinal right before the contract ('le 2ème contrat local de santé');
- cls_number.generation: an ordinal with 'génération' next to it ('CLS « 3ème génération »',
  'la première génération du Contrat Local de Santé');
- cls_number.numbered: 'CLS 2', 'CLS II';
- cls_number.nth_time: 'pour la 4e fois' in a sentence that names the contract;
- cls_number.renewal: 'renouvelé son CLS', 'le renouvellement du contrat local de santé' (a second at least);
- cls_number.earlier: 'un premier contrat avait été signé': that one is CLS 1, this one at least the second;
- cls_number.new: 'le nouveau contrat local de santé' says there was one before: no number (a new
  contract is not always the second), but the warning that the text speaks of several.
A rank in a region ('le neuvième CLS signé en Normandie') is not the contract's number.
The number in the head (title) wins, then the highest one written.
"""

from __future__ import annotations

from ..candidate import Candidate
from ..doc import Ctx, ordinal
from ..lexicon import lexicon

_WINDOW = 4  # tokens between the contract and 'génération'


def _ordinal(tok: object) -> int | None:
    text = tok.text  # type: ignore[attr-defined]
    return ordinal(text) if text[:1].isalnum() else None


def _regional_rank(ctx: Ctx, i: int) -> bool:
    """'le neuvième CLS signé en Normandie', 'dans le Morbihan': a rank in a region or a department."""
    doc = ctx.doc
    j = i
    while j < len(doc) and j - i < 6 and (doc[j].lower_ in lexicon().words("rank_tail") or doc[j].text.isdigit()):
        j += 1
    if j < len(doc) and doc[j].lower_ in lexicon().words("rank_place"):
        return True
    if i < len(doc) and doc[i].lower_ == "que" and any(
        o.id_ == "org.ars" and 0 < o.start - i <= 3 for o in ctx.touching("ORG", doc[i].idx, doc[min(i + 3, len(doc) - 1)].idx)
    ):
        return True  # 'C'est le 4e contrat local de santé que l'ARS signe': the agency's count
    return j > i and j < len(doc) and any(ctx.match_at(label, doc[j].idx) for label in ("REGION", "DEPARTMENT"))


def find(ctx: Ctx) -> list[Candidate[int]]:
    doc = ctx.doc
    out: list[Candidate[int]] = []
    for cls in ctx.matches("CLS"):
        a, b = cls.start, cls.end
        if a > 0 and (n := _ordinal(doc[a - 1])):
            if n == 1 or not _regional_rank(ctx, b):
                out.append(Candidate(n, doc[a - 1].idx, cls.end_char, "cls_number.ordinal"))
        for j in range(b, min(len(doc) - 1, b + _WINDOW)):
            if doc[j + 1].lower_ == "génération" and (n := _ordinal(doc[j])):
                out.append(Candidate(n, cls.start_char, doc[j + 1].idx + len(doc[j + 1].text), "cls_number.generation"))
                break
        if cls.text == "CLS" and b < len(doc):
            nxt = doc[b]
            value = lexicon().exact_values("roman").get(nxt.text) or (int(nxt.text) if nxt.text.isdigit() and len(nxt.text) == 1 else None)
            if value and not (b + 1 < len(doc) and doc[b + 1].text in {"/", "-", "–"}):
                out.append(Candidate(value, cls.start_char, nxt.idx + len(nxt.text), "cls_number.numbered"))
    out += _generation_before(ctx) + _nth_time(ctx) + _renewals(ctx) + _earlier(ctx) + _new(ctx)
    return sorted(out, key=lambda c: c.start)


def _generation_before(ctx: Ctx) -> list[Candidate[int]]:
    """'la première génération du Contrat Local de Santé', '2ème génération de CLS'."""
    doc, out = ctx.doc, []
    starts = {m.start for m in ctx.matches("CLS")}
    for t in doc:
        if t.lower_ == "génération" and t.i > 0 and (n := _ordinal(doc[t.i - 1])):
            k = t.i + 1
            while k < len(doc) and k - t.i <= 3 and k not in starts and doc[k].lower_ in lexicon().words("of") | lexicon().words("article"):
                k += 1
            if k in starts:
                out.append(Candidate(n, doc[t.i - 1].idx, t.idx + len(t.text), "cls_number.generation"))
    return out


def _nth_time(ctx: Ctx) -> list[Candidate[int]]:
    """'Pour la 4e fois, le Contrat Local de Santé … a été signé'."""
    doc, out = ctx.doc, []
    for t in doc:
        if t.lower_ == "fois" and t.i > 1 and doc[t.i - 2].lower_ == "la" and (n := _ordinal(doc[t.i - 1])):
            a, b = ctx.sentence_of(t.idx)
            if ctx.matches_in("CLS", a, b) and (ctx.matches_in("SIGN", a, b) or ctx.matches_in("PLANNED", a, b)):
                out.append(Candidate(n, doc[t.i - 2].idx, t.idx + len(t.text), "cls_number.nth_time"))
    return out


def _renewals(ctx: Ctx) -> list[Candidate[int]]:
    """'a renouvelé son CLS', 'le renouvellement du contrat local de santé', 'le CLS … renouvelé'."""
    doc, out = ctx.doc, []
    cls_tokens = [(m.start, m.end) for m in ctx.matches("CLS")]
    for t in doc:
        if not t.lower_.startswith("renouvel"):
            continue
        near = [(a, b) for a, b in cls_tokens if 0 < a - t.i <= 4 or 0 <= t.i - b < 4]
        if near:
            a, b = near[0]
            lo, hi = min(a, t.i), max(b, t.i + 1)
            out.append(Candidate(2, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text), "cls_number.renewal", score=-1.0))
    return out


def _new(ctx: Ctx) -> list[Candidate[int]]:
    """'Le nouveau contrat local de santé est en préparation': there was one before."""
    doc, out = ctx.doc, []
    for m in ctx.matches("CLS"):
        if m.start >= 1 and doc[m.start - 1].lower_ in lexicon().words("new"):
            out.append(Candidate(2, doc[m.start - 1].idx, m.end_char, "cls_number.new", score=-2.0, data={"new": True}))
    return out


def _earlier(ctx: Ctx) -> list[Candidate[int]]:
    """'Un premier contrat avait été signé en 2016': CLS 1 is another contract; this one is at least 2."""
    doc, out = ctx.doc, []
    for m in ctx.matches("CLS"):
        if m.start >= 2 and _ordinal(doc[m.start - 1]) == 1 and doc[m.start - 2].lower_ in lexicon().words("indefinite_article"):
            start = doc[m.start - 2].idx
            out.append(Candidate(1, start, m.end_char, "cls_number.earlier", data={"earlier": True}))
            out.append(Candidate(2, start, m.end_char, "cls_number.earlier", score=-2.0, data={"implied": True}))
    return out


def choose(ctx: Ctx, found: list[Candidate[int]]) -> tuple[Candidate[int] | None, list[tuple[int, int]]]:
    """The contract's number, and the sentences that speak of an earlier one (whose dates and
    periods are not this contract's)."""
    earlier_at = {c.start for c in found if c.data.get("earlier")}
    # 'Un premier contrat avait été signé': its 'premier' is the earlier contract's, not this one's
    stated = [c for c in found if not c.data and not any(c.start <= x < c.end for x in earlier_at)]
    implied = [c for c in found if c.data.get("implied")]
    new = [c for c in found if c.data.get("new")]
    if not stated and not implied:
        if new:  # no number, but another contract before this one
            return new[0].with_(value=None, warnings=("the text speaks of several contracts: an earlier one and this new one",)), []
        return None, []
    in_head = [c for c in stated if c.start < ctx.head_end]
    pool = in_head or stated + implied
    best = in_head[0] if in_head else max(pool, key=lambda c: (c.value, c.score))
    numbers = {c.value for c in found if not c.data.get("new")}
    if len(numbers) > 1:
        best = best.warn("the text speaks of several contracts: " + ", ".join(f"CLS {n}" for n in sorted(numbers)))
    current = {ctx.sentence_of(c.start) for c in stated if c.value == best.value}
    earlier = [ctx.sentence_of(c.start) for c in found if c.value < best.value and not c.data.get("implied")]
    return best, [s for s in earlier if s not in current]
