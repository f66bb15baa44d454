"""When, where and whether the CLS was signed (record["signature"]).

- A date candidate is a date mention in a sentence that speaks of signing (a SIGN or PLANNED
  cue) and is about the signing: the verb it depends on in the parse is a signing cue, not a
  vote, a charter or a publication ('approuvé … jeudi 10 octobre, a été signé … jeudi 7
  novembre'); without a parse link, the nearest cue decides. Sentences about an earlier
  contract ('Un premier contrat, signé le 17 novembre 2015') are left out.
- A place candidate is the locality of a signing or ceremony sentence ('à Evron', 'à la salle des
  fêtes de Bénévent-l'Abbaye', 'aux Franciscaines (Deauville)'), else its venue.
- The status is 'planned' when the dated sentence announces the signing (a PLANNED cue, or a
  date after the article's own that no 'a été signé' reports), else 'signed'.
The first signing sentence with a date that resolves wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ..candidate import Candidate
from ..doc import Ctx, PartialDate
from ..lexicon import lexicon
from ..mentions import Mentions
from ..mentions.dates import DateMention, publication_date, resolve

_U = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ"
_TOWN_IN_BRACKETS = re.compile(rf"[ ]*\((?P<town>[{_U}][\w’'\-]+(?:[ -][\w’'\-]+){{0,3}})\)")


@cache
def _locality() -> re.Pattern[str]:
    """A place name: capitalised words and the small words inside names ('Saint-Pierre-en-Auge', 'Pont-l'Évêque')."""
    links = lexicon().alternation("name_link")
    return re.compile(rf"^(?P<place>[{_U}][\w’']*(?:-[\w’']+)*(?:[ ](?:[{_U}][\w’'\-]*|(?:{links})(?![\w’'])|d['’]\w+))*)")
_PARSE_HOPS = 4  # heads walked up from a date to the verb it belongs to


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    planned: bool


@cache
def _at() -> re.Pattern[str]:
    """'à Saint-Pierre-en-Auge', 'à la salle polyvalente de Marcilly-le-Hayer', 'dans les salons de l'hôtel de ville'."""
    preps = "|".join(sorted((re.escape(p) for p in lexicon().words("place_preposition")), key=len, reverse=True))
    articles = lexicon().alternation("article")
    return re.compile(rf"\b(?:{preps})\s+(?:(?:{articles})\s*)?(?P<what>[^,;.()«»\n]{{1,80}})", re.IGNORECASE)


_OF_REACH = 4  # tokens from 'la signature' to what is signed ('la signature d'une charte')


def signs_other(ctx: Ctx, cue: object) -> bool:
    """The cue signs something else: 'Une charte … a été signée', 'la signature d'une charte
    d'engagement' (an agreement named just before the verb, or just after the noun, with no
    mention of the contract in between)."""
    a, _ = ctx.sentence_of(cue.start_char)  # type: ignore[attr-defined]
    before = [
        m for m in ctx.touching("OTHER_EVENT", a, cue.start_char)  # type: ignore[attr-defined]
        if m.id_ in ("other.agreement", "other.earlier_contract") and a <= m.start_char < cue.start_char  # type: ignore[attr-defined]
    ]
    cls_before = [m for m in ctx.matches_in("CLS", a, cue.start_char) if m.id_ == "cls.name"]  # type: ignore[attr-defined]
    if before and (not cls_before or cls_before[-1].start_char < before[-1].start_char):
        return True
    after = ctx.doc[cue.end : cue.end + _OF_REACH]  # type: ignore[attr-defined]
    if not len(after):
        return False
    near = ctx.touching("OTHER_EVENT", after[0].idx, after[-1].idx)  # 'la signature d'une charte'
    return any(m.id_ == "other.agreement" and m.start >= cue.end and m.start < cue.end + _OF_REACH for m in near) and not any(  # type: ignore[attr-defined]
        ctx.match_at("CLS", t.idx) is not None for t in after
    )


def signing_sentences(ctx: Ctx) -> list[Sentence]:
    """Sentences that speak of the contract's signature, in text order; planned when a PLANNED
    cue is there. A sentence whose only cues sign something else (a charter) is left out."""
    out: dict[tuple[int, int], bool] = {}
    for m in ctx.matches("SIGN"):
        if not signs_other(ctx, m):
            out.setdefault(ctx.sentence_of(m.start_char), False)
    for m in ctx.matches("PLANNED"):
        if not signs_other(ctx, m):
            out[ctx.sentence_of(m.start_char)] = True
    return [Sentence(a, b, p) for (a, b), p in sorted(out.items())]


def _cue_of(ctx: Ctx, d: DateMention, s: Sentence) -> bool | None:
    """Is the date about the signing? The cue its parse head leads to says; else the nearest cue."""
    cues = {}
    for label in ("SIGN", "PLANNED", "OTHER_EVENT"):
        for m in ctx.matches_in(label, s.start, s.end):
            for t in m:
                cues[t.i] = label != "OTHER_EVENT" and not signs_other(ctx, m)
    tokens = ctx.tokens(d.start, d.end)
    if tokens:
        t = tokens[0]
        for _ in range(_PARSE_HOPS):
            if t.head.i == t.i:
                break
            t = t.head
            if t.i in cues:
                return cues[t.i]
    near = [(m, label != "OTHER_EVENT" and not signs_other(ctx, m)) for label in ("SIGN", "PLANNED", "OTHER_EVENT") for m in ctx.matches_in(label, s.start, s.end)]
    if not near:
        return None
    nearest = min(near, key=lambda c: min(abs(c[0].start_char - d.end), abs(d.start - c[0].end_char)))
    return nearest[1]


def find_dates(ctx: Ctx, m: Mentions, other_contracts: list[tuple[int, int]]) -> list[Candidate[DateMention]]:
    """Dated readings of the signing, with the warnings their year's resolution gave."""
    mentions = m.dates
    ref = publication_date(ctx, mentions)
    out: list[Candidate[DateMention]] = []
    for rank, s in enumerate(signing_sentences(ctx)):
        if any(s.start <= x < s.end for x, _ in other_contracts):
            continue
        for d in mentions:
            if not (s.start <= d.start < s.end) or d.until or (d.rule == "date.year" and s.planned) or not _cue_of(ctx, d, s):
                continue
            if s.planned and d.year is None and d.relative is None:
                d = replace(d, future=True)
            resolved, warning = resolve(ctx, d, mentions, ref)
            status = "planned" if s.planned or (_after(resolved, ref) and not _reported(ctx, s)) else "signed"
            cand = Candidate(resolved, d.start, d.end, d.rule, score=-rank, warnings=(warning,) if warning else (), data={"status": status, "sentence": s})
            out.append(cand)
    return out


def _reported(ctx: Ctx, s: Sentence) -> bool:
    """'a été signé', 'ont signé': the sentence reports a done signature, whatever the dates say."""
    return any(m.id_ == "sign.reported" for m in ctx.matches_in("SIGN", s.start, s.end))


def _after(d: DateMention | None, ref: PartialDate | None) -> bool:
    """A signature dated after the article's own date is announced, not done."""
    full = ref.full if ref else None
    if d is None or full is None or d.day is None or d.month is None or d.year is None:
        return False
    import datetime as dt

    return dt.date(d.year, d.month, d.day) > full


def _natural(place: str) -> str:
    return "-".join(w[:1] + w[1:].lower() if w.isupper() and len(w) > 1 else w for w in place.split("-"))


def place_in(ctx: Ctx, start: int, end: int) -> Candidate[str] | None:
    """The locality (or, lacking one, the venue) of a sentence."""
    lex = lexicon()
    venues, not_locality = lex.words("venue"), lex.words("not_locality")
    best: Candidate[str] | None = None
    for m in _at().finditer(ctx.clean, start, end):
        what, w0 = m.group("what"), m.start("what")
        first = what.split()[0].lower() if what.split() else ""
        prep = m.group(0).split()[0].lower()
        if first in venues:
            found = _locality_of_venue(ctx, what, w0)
            if found:
                return found
            venue = _venue(what)
            best = best or Candidate(venue, w0, w0 + len(venue), "place.venue")
            continue
        if prep == "en":
            continue  # 'en mairie' is a venue (above); 'en 2024', 'en présence' are not places
        lm = _locality().match(what)
        town = _TOWN_IN_BRACKETS.match(ctx.clean, m.end("what"))
        if lm and town and prep != "à" and not ctx.match_at("ORG", town.start("town")) and not ctx.match_at("KIND", town.start("town")):
            return Candidate(_natural(town.group("town")), town.start("town"), town.end("town"), "place.town_in_brackets")
        inner = re.search(rf"\bà\s+(?P<loc>[{_U}][\w’'\-]+)", what)
        if lm and inner and prep != "à":  # 'au Caré à Baume-les-Dames'
            s = w0 + inner.start("loc")
            return Candidate(_natural(inner.group("loc")), s, s + len(inner.group("loc")), "place.venue_at_locality")
        if lm and prep == "à" and not lm.group("place").isdigit():
            loc = re.sub(rf"(?<!\s)\s+(?:{lex.alternation('name_link')})$", "", lm.group("place").rstrip())
            if loc.split()[0].lower() in not_locality:
                continue
            return Candidate(_natural(loc), w0, w0 + len(loc), "place.locality")
    return best or _bare_venue(ctx, start, end)


def _locality_of_venue(ctx: Ctx, what: str, w0: int) -> Candidate[str] | None:
    """'salle des fêtes de Bénévent-l'Abbaye', 'mairie de Fleury-Mérogis': the locality of the venue,
    unless it is a collectivity ('hôtel de la Métropole')."""
    de = re.search(rf"\bà\s+(?P<loc>[{_U}][\w’'\-]+)(?:\s|$)", what) or re.search(
        rf"\b(?:{lexicon().alternation('of')})\s*(?P<loc>[{_U}][\w’'\-]+)(?:\s|$)", what
    )
    if not de:
        return None
    s = w0 + de.start("loc")
    if ctx.match_at("KIND", s) or ctx.match_at("ORG", s):
        return None
    loc = de.group("loc")
    return Candidate(_natural(loc), s, s + len(loc), "place.venue_of_locality")


def _venue(what: str) -> str:
    ends = "|".join(re.escape(w) for w in sorted(lexicon().words("place_clause_end"), key=len, reverse=True))
    return re.split(rf"\s+(?:{ends})\s+", what)[0].strip()


def _bare_venue(ctx: Ctx, start: int, end: int) -> Candidate[str] | None:
    """'signé officiellement salle des Illustres de l'Hôtel de Ville': a venue with no preposition,
    right after the signing words."""
    venues = lexicon().words("venue")
    for cue in ctx.matches_in("SIGN", start, end):
        j = cue.end
        doc = ctx.doc
        while j < len(doc) and doc[j].lower_.endswith("ment") and doc[j].is_alpha:
            j += 1  # 'officiellement'
        if j < len(doc) and doc[j].lower_ in venues:
            line_end = ctx.clean.find("\n", doc[j].idx)
            stop = min(x for x in (end, line_end if line_end >= 0 else end) if x >= doc[j].idx)
            venue = _venue(re.split(r"[,;.()«»]", ctx.clean[doc[j].idx : stop])[0])
            return Candidate(venue, doc[j].idx, doc[j].idx + len(venue), "place.bare_venue")
    return None


def find_places(ctx: Ctx, sentences: list[Sentence], other_contracts: list[tuple[int, int]]) -> list[Candidate[str]]:
    """A place per signing or ceremony sentence, in text order."""
    spans = {(s.start, s.end) for s in sentences if not any(s.start <= x < s.end for x, _ in other_contracts)}
    spans |= {ctx.sentence_of(m.start_char) for m in ctx.matches("CEREMONY")}
    out = []
    for a, b in sorted(spans):
        found = place_in(ctx, a, b)
        if found:
            out.append(found.with_(data={"sentence": (a, b)}))
    return out


def choose(
    ctx: Ctx, dates: list[Candidate[DateMention]], places: list[Candidate[str]], sentences: list[Sentence]
) -> tuple[Candidate[DateMention] | None, Candidate[str] | None, str | None]:
    """(the dated reading, the place, the status). The place of the dated sentence, else of the
    first signing or ceremony sentence that has one. With no date that resolves, the first
    reading that failed comes back (value None) for its warning."""
    dated = next((c for c in dates if c.value is not None), None)
    if dated:
        s = dated.data["sentence"]
        place = next((p for p in places if p.data["sentence"] == (s.start, s.end)), None) or (places[0] if places else None)
        return dated, place, dated.data["status"]
    status = None
    if any(not s.planned for s in sentences):
        status = "signed"
    elif sentences:
        status = "planned"
    return (dates[0] if dates else None), places[0] if places else None, status
