"""When, where and whether the CLS was signed.

The signature date is the first date written in a sentence that speaks of signing (not of a
charter, a council vote or the publication); its status is 'planned' when that sentence, or
failing a date the text, announces the signature rather than reports it.
"""

from __future__ import annotations

import datetime as dt
import re

from ..doc import Ctx
from ..model import Signature
from ..patterns import load_json
from .dates import DateMention, find_dates, publication_date, resolve

_VENUES = frozenset(load_json("places.json")["venues"])
_U = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ"
_PLACE = rf"[{_U}][\w’']*(?:-[\w’']+)*(?:[ ](?:[{_U}][\w’'\-]*|sur|en|lès|le|la|les|de|du|des|d['’]\w+))*"
# "à Saint-Pierre-en-Auge", "à la salle polyvalente de Marcilly-le-Hayer", "dans les salons de l'hôtel de ville"
_AT = re.compile(rf"\b(?:au sein d(?:e|u|es)|à|au|aux|dans|en)\s+(?:(?:les|la|le)\s+|l['’]\s*)?(?P<what>[^,;.()«»\n]{{1,80}})", re.IGNORECASE)
# 'aux Franciscaines (Deauville)': a venue's name, then its town in brackets
_TOWN_IN_BRACKETS = re.compile(rf"[ ]*\((?P<town>[{_U}][\w’'\-]+(?:[ -][\w’'\-]+){{0,3}})\)")
_LOCALITY = re.compile(rf"^(?P<place>{_PLACE})")


def _signing_sentences(ctx: Ctx) -> list[tuple[int, int, bool]]:
    """Sentences that speak of the signature: (start, end, planned)."""
    out: dict[tuple[int, int], bool] = {}
    for m in ctx.matches("SIGN"):
        out.setdefault(ctx.sentence_of(m.start_char), False)
    for m in ctx.matches("PLANNED"):
        out[ctx.sentence_of(m.start_char)] = True
    return sorted((a, b, p) for (a, b), p in out.items())


def _about_signing(ctx: Ctx, d: DateMention, a: int, b: int) -> bool:
    """The cue nearest to the date is a signing, not a charter, a vote or a publication."""
    cues = [(m, True) for label in ("SIGN", "PLANNED") for m in ctx.matches_in(label, a, b)]
    cues += [(m, False) for m in ctx.matches_in("OTHER_EVENT", a, b)]
    if not cues:
        return False
    nearest = min(cues, key=lambda c: min(abs(c[0].start_char - d.end), abs(d.start - c[0].end_char)))
    return nearest[1]


def _natural(place: str) -> str:
    return "-".join(w[:1] + w[1:].lower() if w.isupper() and len(w) > 1 else w for w in place.split("-"))


def _place(ctx: Ctx, start: int, end: int) -> tuple[str, int, int] | None:
    """The locality (or, lacking one, the venue) of a signing sentence."""
    best: tuple[str, int, int] | None = None
    for m in _AT.finditer(ctx.clean, start, end):
        what, w0 = m.group("what"), m.start("what")
        first = what.split()[0].lower() if what.split() else ""
        if first in _VENUES:
            de = re.search(rf"\bà\s+(?P<loc>[{_U}][\w’'\-]+)(?:\s|$)", what) or re.search(
                rf"\b(?:de|du|d['’])\s*(?P<loc>[{_U}][\w’'\-]+)(?:\s|$)", what
            )
            if de and not de.group("loc").lower().startswith(("agglom", "métropole", "communauté", "ville")):
                loc = de.group("loc")
                s = w0 + de.start("loc")
                return _natural(loc), s, s + len(loc)
            venue = re.split(r"\s+(?:à|avec|en présence|pour|par)\s+", what)[0].strip()
            best = best or (venue, w0, w0 + len(venue))
            continue
        if m.group(0).lower().startswith("en "):
            continue  # 'en mairie' is a venue (above); 'en 2024', 'en présence' are not places
        lm = _LOCALITY.match(what)
        town = _TOWN_IN_BRACKETS.match(ctx.clean, m.end("what"))
        if lm and town and not m.group(0).lower().startswith("à"):
            return _natural(town.group("town")), town.start("town"), town.end("town")
        inner = re.search(rf"\bà\s+(?P<loc>[{_U}][\w’'\-]+)", what)
        if lm and inner and not m.group(0).lower().startswith("à"):  # 'au Caré à Baume-les-Dames'
            s = w0 + inner.start("loc")
            return _natural(inner.group("loc")), s, s + len(inner.group("loc"))
        if lm and m.group(0).lower().startswith("à") and not lm.group("place").isdigit():
            loc = lm.group("place").rstrip()
            loc = re.sub(r"\s+(?:le|la|les|de|du|des|en|sur)$", "", loc)
            if loc.split()[0].lower() in {"partir", "hauteur", "travers", "compter", "terme", "échelle"}:
                continue
            return _natural(loc), w0, w0 + len(loc)
    return best


def extract_signature(ctx: Ctx, other_contracts: list[tuple[int, int]] = []) -> tuple[Signature, DateMention | None]:
    """`other_contracts`: spans naming an earlier contract ('un premier CLS signé en 2012');
    a date in their sentence is that contract's."""
    mentions = find_dates(ctx.clean)
    ref = publication_date(ctx, mentions)
    sentences = _signing_sentences(ctx)
    for a, b, planned in sentences:
        if any(a <= s < b for s, _ in other_contracts):
            continue
        for d in mentions:
            if a <= d.start < b and (d.rule != "year" or not planned) and _about_signing(ctx, d, a, b):
                if planned and d.year is None:
                    d = DateMention(d.start, d.end, d.rule, None, d.month, d.day, d.weekday, d.past, True)
                resolved = resolve(ctx, d, mentions, ref)
                if resolved is None:
                    continue
                place = _place(ctx, a, b) or _place_elsewhere(ctx, sentences)
                span_end = max(d.end, place[2]) if place else d.end
                return (
                    Signature(
                        date=resolved.iso,
                        place=place[0] if place else None,
                        status="planned" if planned or (_after(resolved, ref) and not _reported(ctx, a, b)) else "signed",
                        span=ctx.span(min(d.start, place[1]) if place else d.start, span_end),
                    ),
                    resolved,
                )
    status = None
    if any(not p for _, _, p in sentences):
        status = "signed"
    elif sentences:
        status = "planned"
    # undated ('a été signé récemment à Cargèse'): the place still stands
    place = _place_elsewhere(ctx, [x for x in sentences if not any(x[0] <= s < x[1] for s, _ in other_contracts)])
    if place:
        return Signature(place=place[0], status=status, span=ctx.span(place[1], place[2])), None
    first = sentences[0] if sentences else None
    return Signature(status=status, span=ctx.span(first[0], first[1]) if first else None), None


def _place_elsewhere(ctx: Ctx, sentences: list[tuple[int, int, bool]]) -> tuple[str, int, int] | None:
    """The place, when the dated sentence has none: another signing or ceremony sentence."""
    ceremony = [ctx.sentence_of(m.start_char) for m in ctx.matches("CEREMONY")]
    for a, b in sorted({(a, b) for a, b, _ in sentences} | set(ceremony)):
        found = _place(ctx, a, b)
        if found:
            return found
    return None


def _reported(ctx: Ctx, a: int, b: int) -> bool:
    """'a été signé', 'ont signé': the sentence reports a done signature, whatever the dates say."""
    return any(m.text.lower().split()[0] in {"a", "ont"} for m in ctx.matches_in("SIGN", a, b))


def _after(d: DateMention, ref: dt.date | None) -> bool:
    """A signature dated after the article's own date is announced, not done."""
    if ref is None or d.day is None or d.month is None or d.year is None or (ref.month, ref.day) == (12, 31):
        return False
    return dt.date(d.year, d.month, d.day) > ref
