"""People who signed, or officials present at the signature.

A person counts when named in a paragraph that speaks of the signing or its ceremony; the
coordinator does not. "AUTORISE le Président à signer" names a function: the person given
that title elsewhere in the text is the signatory.
"""

from __future__ import annotations

import re

from ..doc import Ctx
from ..model import Signatory
from .people import Person

_ORG = re.compile(r"^\s*(?:de la|de l['’]|du|des|de|d['’])\s*(?P<org>[^,;()«»\n]+?)(?=\s*(?:[,;()]|\bet\b|\breprésent|\.(?:\s|$)|$))")


_CIV = r"\s*(?:M\.|Mme|Dr|MME|Madame|Monsieur)?\s*"
# 'Directeur général, Pierre-Jean Lancry', 'Préfète Hélène DUCHEMIN'
_BEFORE_NAME = re.compile(rf"(?:[^,.;:]{{0,60}}[, ])?{_CIV}")
# 'du Directeur des Centres Hospitaliers de Rodez, d'Espalion et de l'EHPAD d'Aubin Vincent PREVOTEAU'
_LONG_ORG_BEFORE_NAME = re.compile(rf"\s*(?:de|du|des|d['’])[^.;:]{{0,160}}[, ]{_CIV}")


def _title_after(ctx: Ctx, p: Person, people: list[Person]) -> tuple[str | None, str | None]:
    """', Directeur de l'Agence Régionale de Santé,' -> ('Directeur', 'Agence Régionale de Santé').

    A title right after the name wins; a title before it counts only when no other person
    stands between them and it is not itself right after someone else's name.
    """
    titles = ctx.matches("TITLE")
    for t in titles:
        if t.start_char >= p.end and _follows(ctx, p.end, t.start_char):
            return t.text, _org(ctx, t.end_char)
    for t in reversed(titles):
        if t.end_char > p.start:
            continue
        gap = ctx.clean[t.end_char : p.start]
        if not (_BEFORE_NAME.fullmatch(gap) or _LONG_ORG_BEFORE_NAME.fullmatch(gap)):
            break
        if any(t.end_char <= q.start < p.start or (q.end <= t.start_char and _follows(ctx, q.end, t.start_char)) for q in people if q is not p):
            break
        return t.text, _org(ctx, t.end_char)
    return None, None


def _follows(ctx: Ctx, end: int, start: int) -> bool:
    """A title at `start` belongs to the name ending at `end`: ', Président', ', future directrice'."""
    return bool(re.fullmatch(r"\s*,?\s*(?:future?\s+)?", ctx.clean[end:start]))


def _org(ctx: Ctx, pos: int) -> str | None:
    m = _ORG.match(ctx.clean[pos : pos + 120])
    return m.group("org").strip() if m else None


def _signing_sentences(ctx: Ctx) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """(sentences where everyone named is at the signing, sentences where titled officials are)."""
    strong = {ctx.sentence_of(m.start_char) for label in ("SIGN", "PLANNED") for m in ctx.matches(label)}
    ceremony = {ctx.sentence_of(m.start_char) for m in ctx.matches("CEREMONY") if m.id_ != "presence"}
    if strong:
        # 'en présence de' alone also describes receptions and visits: only in an article about a signing
        ceremony |= {ctx.sentence_of(m.start_char) for m in ctx.matches("CEREMONY") if m.id_ == "presence"}
    sure = strong | ceremony
    for a, b in list(sure):
        if ctx.clean[a:b].rstrip().endswith(":"):
            # 'Ont signé le contrat :' and the lines that follow, up to a blank line
            end = ctx.paragraph_of(a)[1]
            sure |= {s for s in ctx.sentences if b <= s[0] < end}
    following = set()
    for a, b in strong:
        nxt = next((s for s in ctx.sentences if s[0] >= b), None)
        # the next sentence of the paragraph, unless it quotes someone ('« … », précise X')
        if nxt and ctx.paragraph_of(nxt[0]) == ctx.paragraph_of(a) and not re.search(r"[«»“”]", ctx.clean[nxt[0] : nxt[1]]):
            following.add(nxt)
    return sure, following


def extract_signatories(
    ctx: Ctx, people: list[Person], exclude: set[tuple[str, str]], signed: bool = False, carrier: set[str] = frozenset()
) -> list[Signatory]:
    sure, following = _signing_sentences(ctx)
    # an untitled name counts only where someone signs ('X a signé'), not where a journalist attends
    verbs = {ctx.sentence_of(m.start_char) for m in ctx.matches("SIGN") + ctx.matches("PLANNED") if m.id_ != "signature"}
    out: list[Signatory] = []
    seen = set(exclude)
    for p in people:
        if p.key in seen:
            continue
        sentence = ctx.sentence_of(p.start)
        title, org = _title_after(ctx, p, people)
        if (sentence in sure and (title or p.certain and sentence in verbs)) or (sentence in following and title):
            seen.add(p.key)
            out.append(Signatory(name=p.name, title=title, organization=org, span=ctx.span(p.start, p.end)))
    out.extend(_by_title(ctx, people, seen))
    if not out and signed:
        out = _heads(ctx, people, seen, carrier)
    return out


_HEAD_TITLES = frozenset({"président", "présidente", "maire", "directeur", "directrice", "directeur général", "directrice générale"})


def _heads(ctx: Ctx, people: list[Person], seen: set[tuple[str, str]], carrier: set[str]) -> list[Signatory]:
    """A reported signing that names no signatory (an interview, a radio piece): the heads of the
    carrier and of the ARS named in the text are the ones who sign a CLS. Said in warnings."""
    from .territory import key

    out: list[Signatory] = []
    for p in people:
        title, org = _title_after(ctx, p, people)
        if p.key in seen or not title or title.lower() not in _HEAD_TITLES or not org:
            continue
        k = key(org)
        # the organisation may stop at an 'et' inside the carrier's name ('Entre Beauce et Perche')
        if k.startswith(("ars", "agence regionale sante")) or any(c and (k.endswith(c) or (len(k) > 12 and c.startswith(k))) for c in carrier):
            seen.add(p.key)
            out.append(Signatory(name=p.name, title=title, organization=org, span=ctx.span(p.start, p.end)))
    if out:
        ctx.warnings.append("no signatory named at the signing: the heads of the carrier and of the ARS named in the text are given")
    return out


def _by_title(ctx: Ctx, people: list[Person], seen: set[tuple[str, str]]) -> list[Signatory]:
    """'le Président à signer' with no name in the sentence: the person titled so elsewhere."""
    out: list[Signatory] = []
    for cue in ctx.matches("SIGN") + ctx.matches("PLANNED"):
        a, b = ctx.sentence_of(cue.start_char)
        if any(a <= p.start < b for p in people):
            continue
        for t in ctx.matches_in("TITLE", a, b):
            for p in people:
                if p.key in seen:
                    continue
                title, org = _title_after(ctx, p, people)
                if title and title.lower() == t.text.lower():
                    seen.add(p.key)
                    out.append(Signatory(name=p.name, title=title, organization=org, span=ctx.span(p.start, p.end)))
    return out
