"""Organisations that co-sign or partner the CLS, besides the ARS and the carrier.

A partner cue ('sont également signataires', 'cosigné par', 'ont signé le contrat :') marks a
sentence or a list; its enumeration is split on commas, semicolons, bullets and ' et la/le…',
and every item that reads as an organisation is kept, without its leading article ('l'association
AIDES' gives 'AIDES'; 'l'Association des paralysés de France' keeps its capitalised name).
"""

from __future__ import annotations

import re

from ..doc import Ctx
from ..model import Partner
from ..patterns import load_json
from .people import Person

_DATA = load_json("organisations.json")
_HEADS = tuple(sorted(_DATA["heads"], key=len, reverse=True))
_CUT = tuple(_DATA["cut_before"])
_SIGNATORY_HEADS = tuple(_DATA["signatory_partner_heads"])
_NOT = frozenset(_DATA["not_partners"])
# ' et la CAF', ' et de la CAF' start an item; ' et du Finistère' may end a plural name ('Conseils
# départementaux des Côtes d'Armor et du Finistère'), and ' et de La Marche' is inside one.
_SPLIT = re.compile(r"(?<!\s)\s*(?:[,;:]|\n|\s\bet\s(?=(?:de\s)?(?:le|la|les)\b)|\s\bet\s(?=(?:de\s)?l['’]))\s*")
_BULLET = re.compile(r"^\s*(?:[-–—•·*>]+|\d+[.)])\s*")
_LEAD = re.compile(r"^(?:(?:et|outre|avec|par|sont|ont|dont|aux côtés de|également|mais aussi|celles?|ceux|celui)\s+)*(?:(?:de|du|des)\s+|d['’]\s*)?(?:(?:les|la|le)\s+|l['’]\s*)?(?-i:(?:l['’])?association\s+(?=[A-ZÉ]))?", re.IGNORECASE)
_ORG_START = re.compile(r"\b(?:avec|par|:)\s+(?:le|la|les|l['’])\s*(?=[A-ZÉÈÎ])")
# 'en lien avec', 'les représentants de' open a list only when names (or a colon) follow,
# not 'en lien avec les politiques'
_NAMES_FOLLOW = re.compile(r"\s*(?:(?:de\s+)?(?:la|le|les)\s+|(?:de\s+)?l['’]\s*|d['’]\s*|du\s+|des\s+)?[A-ZÉÈÎ]")
_CIVIL = re.compile(r"^(?:M\.|Mme|MME|Dr|Madame|Monsieur|Pr)\b")


def _region(ctx: Ctx, cue_start: int, cue_end: int) -> list[tuple[int, int]]:
    """The enumeration a cue introduces: after it ('cosigné par A, B', 'signataires : A ; B',
    a list on the next lines), or before it ('A, B et C sont également signataires.')."""
    a, b = ctx.sentence_of(cue_start)
    after = ctx.clean[cue_end:b]
    before = ctx.clean[a:cue_start]
    lead = after.lstrip()
    if ctx.clean[cue_start:cue_end].endswith("(") or lead.startswith("("):
        open_at = ctx.clean.find("(", cue_start, b)
        close = ctx.clean.find(")", open_at, b)
        return [(open_at + 1, close if close > 0 else b)]
    if ctx.clean[cue_start:cue_end].endswith(":") or lead.startswith(":"):
        colon = ctx.clean.find(":", cue_start, b + 1)
        if ctx.clean[colon + 1 : b].strip(" .\n"):
            return [(colon + 1, b)]
        return [_list_after(ctx, b)]
    if len(after.strip(" .…")) > 25:
        regions = [(cue_end, b)]
        outre = re.match(r"\s*Outre\s+([^,]+),", before)
        if outre:
            regions.append((a + outre.start(1), a + outre.end(1)))
        return regions
    if len(before.strip()) > 15:
        return [(a, cue_start)]
    return [_list_after(ctx, b)]


def _list_after(ctx: Ctx, pos: int) -> tuple[int, int]:
    """The bullet lines that follow `pos`, possibly after one blank line."""
    start = end = None
    for m in re.finditer(r"[^\n]*\n?", ctx.clean[pos:]):
        line = m.group(0)
        if not line.strip():
            if start is not None or m.start() > 2:
                if start is not None:
                    break
            continue
        if not _BULLET.match(line):
            break
        start = pos + m.start() if start is None else start
        end = pos + m.end()
    return (start, end) if start is not None else (pos, pos)


def _looks_like_org(item: str) -> bool:
    low = item.lower()
    if low in _NOT or low.startswith(("ars ", "agence régionale de santé")) or _CIVIL.match(item):
        return False
    if low.startswith(_HEADS):
        return True
    return item[:1].isupper() and not low.split()[0] in {"le", "la", "les", "ces", "ce", "son", "sa", "leurs", "il", "elle"}


def _items(ctx: Ctx, a: int, b: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = a
    depth_text = ctx.clean[a:b]
    cuts = [m for m in _SPLIT.finditer(depth_text) if depth_text[: m.start()].count("(") == depth_text[: m.start()].count(")")]
    bounds = [0, *[x for m in cuts for x in m.span()], len(depth_text)]
    for i in range(0, len(bounds), 2):
        s, e = a + bounds[i], a + bounds[i + 1]
        text = ctx.clean[s:e]
        bm = _BULLET.match(text)
        if bm:
            s += bm.end()
            text = ctx.clean[s:e]
        cuts_at = [k for k in (text.find(cut) for cut in _CUT) if k > 0]
        if cuts_at:  # the earliest cut: ' se sont ' before its ' sont '
            e = s + min(cuts_at)
            text = ctx.clean[s:e]
        s += len(text) - len(text.lstrip())
        text = ctx.clean[s:e]
        lead = _LEAD.match(text)
        if lead and 0 < lead.end() < len(text):
            s += lead.end()
        elif not _looks_like_org(text):
            # 'Il a été élaboré avec la CPAM de l'Isère': start at the first article + name
            inner = _ORG_START.search(text)
            if inner:
                s += inner.end()
        text = ctx.clean[s:e].rstrip(" .;…")
        e = s + len(text)
        if text:
            out.append((s, e))
        pos = e
    return out


def extract_partners(ctx: Ctx, carrier_keys: set[str], people: list[Person]) -> list[Partner]:
    from .territory import key

    out: list[Partner] = []
    seen: set[str] = set()
    regions = [
        r
        for cue in ctx.matches("PARTNER_CUE")
        if cue.id_ != "partner_list" or _NAMES_FOLLOW.match(ctx.clean, cue.end_char) or ":" in ctx.clean[cue.end_char : ctx.sentence_of(cue.start_char)[1]]
        for r in _region(ctx, cue.start_char, cue.end_char)
    ]
    for sign in ctx.matches("SIGN"):
        # '… est signé ce 1er juillet, pour trois ans, entre la communauté de communes, la Sous-Préfecture…'
        a, b = ctx.sentence_of(sign.start_char)
        m = re.compile(r"\bentre\s+").search(ctx.clean, sign.end_char, min(b, sign.end_char + 200))  # bounded: one sentence may hold every SIGN
        if m and m.start() - sign.end_char < 80:
            regions.append((m.end(), b))
    for s, e in [item for a, b in regions for item in _items(ctx, a, b)]:
        name = re.sub(r"\s+", " ", ctx.clean[s:e])
        k = key(name)
        if not k or k in seen or not _looks_like_org(name) or not 2 <= len(name) <= 140:
            continue
        if any(s <= p.start < e for p in people) or _is_title(ctx, s, e):
            continue
        bare = key(re.sub(r"\s*\(.*\)$", "", name))  # 'PETR du Val de Lorraine (Communautés de …)'
        if {k, bare} & carrier_keys or any(x.endswith(c) and len(c) > 3 for x in (k, bare) for c in carrier_keys) or k in {"ville", "agglomeration", "metropole"}:
            continue
        seen.add(k)
        out.append(Partner(name=name, span=ctx.span(s, e)))
    return out


def _is_title(ctx: Ctx, s: int, e: int) -> bool:
    return any(t.start_char == s for t in ctx.matches("TITLE"))


def partners_of_signatories(
    ctx: Ctx, orgs: list[tuple[str, int]], carrier_keys: set[str], partners: list[Partner]
) -> list[Partner]:
    """The organisations whose heads sign or attend the signing ('Christian Porta, directeur de la
    Mutualité Sociale Agricole de Corse') are partners, unless they are the ARS or the carrier.
    `orgs`: (organisation as the signatory's title gives it, clean offset of the person)."""
    from .territory import key

    out = list(partners)
    seen = {key(p.name) for p in partners}
    for org, pos in orgs:
        k, low = key(org), org.lower()
        if not low.startswith(_SIGNATORY_HEADS) or "ars" in k.split() or "agence regionale" in k or k in seen:
            continue
        if any(c and (k.endswith(c) or c.startswith(k)) for c in carrier_keys) or any(k in x or x in k for x in seen):
            continue
        at = ctx.clean.find(org, pos)
        if at < 0:
            continue
        seen.add(k)
        out.append(Partner(name=re.sub(r"\s+", " ", org), span=ctx.span(at, at + len(org))))
    return out
