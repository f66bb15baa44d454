"""The territory the CLS covers, named by its carrier collectivity, and the ARS region.

Candidates are a kind phrase ("Communauté de communes", "PETR", "Ville de"…) followed (or,
for "Saint-Aurèle Métropole", preceded) by a capitalised name. Mentions of one name are
grouped; the group named most, in the title and in signing sentences, is the carrier.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..doc import Ctx
from ..model import Territory

_U = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ"
# Another institution's head word ends a name: 'la Ville de Brest et le Département du Finistère'.
_WORD = rf"(?!(?:ARS|CLS|Agence|Département|Région|Préfecture|Conseil|Communauté|État|Etat|Ville|Signature|Contrat|Communiqué)\b)(?:[{_U}][\w’'\-]*)"
# One linking word, with its own space or apostrophe: 'de la ' is 'de ' + 'la ', never two ways
# (alternatives that overlap make these patterns backtrack exponentially on 'de la de la …').
_LINK = r"(?:(?:de|du|des|la|le|les|et|en|sur|sous|lès)[ ]|[dl]['’])"
# words joined by spaces and linking words, or by a spaced dash ('Paris – Vallée de la Marne')
_NAME_RUN = rf"{_WORD}(?:(?:[ ]|[ ][–—][ ]){_LINK}*{_WORD})*"
_OF = r"(?:(?:de|du|des)[ ]|d['’])?(?:(?:la|le|les)[ ]|l['’])?"  # 'de la ', 'des ', 'd’'
_NAME = re.compile(rf"[ ]*(?:\((?P<acr0>[{_U}]{{2,10}})\)[ ]*)?{_OF}(?P<name>{_NAME_RUN})(?:[ ]*\((?P<acr>[{_U}0-9]{{2,10}})\))?")
_MORE_NAMES = re.compile(rf"(?:(?:,[ ]*|[ ]et[ ]){_LINK}*{_NAME_RUN})+")
# Without a kind word: 'le Contrat Local de Santé (CLS) de l'Est Cantal', 'Aunis Atlantique a signé son CLS'
_CLS_OF = re.compile(rf"(?i:contrat local de santé|CLS)(?:[ ]\(CLS\))?[ ](?:de la |de l['’]|du |des |de |d['’])(?P<name>(?-i:{_WORD}|[0-9][0-9A-Z]+)(?-i:(?:[ ]{_LINK}*{_WORD})*))")
# After the separator, blanks but no line break: a later line break starts its own match (and
# '\s*' there would rescan a run of blank lines from each of its line breaks).
_SUBJECT = re.compile(rf"(?:^|[.\n][^\S\n]*|,[^\S\n]*)(?:(?i:la|le|l['’]|les)\s*)?(?P<name>{_NAME_RUN})[ ]+(?:a|ont)[ ](?:officiellement[ ])?sign[ée]")
_NAME_BEFORE = re.compile(rf"(?P<name>{_WORD}(?:[ ]{_WORD})*)[ ]$")
_STOP = {"de", "des", "du", "la", "le", "les", "l", "d", "et", "en", "sur", "sous"}
# Kinds whose word is part of the name ("Pays Creuse-Gartempe", "Ville de Montvallon").
_KIND_IN_KEY = {"pays"}
_NAME_AFTER_KIND = {"metropole", "communaute_d_agglomeration"}


def key(name: str) -> str:
    """'Communauté d’Agglomération de Lens- Liévin' and 'Lens-Liévin' -> 'lens lievin'."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    words = re.sub(r"[^0-9a-z]+", " ", s).split()
    return " ".join(w for w in words if w not in _STOP)


@dataclass
class _Mention:
    start: int
    end: int
    kind: str
    key: str
    acronym: str | None


def _mentions(ctx: Ctx, regions: set[str]) -> list[_Mention]:
    out: list[_Mention] = []
    for km in ctx.matches("KIND"):
        if out and km.start_char < out[-1].end:
            continue
        kind, word = km.id_, km.text
        if kind in {"pays", "commune", "departement"} and not word[0].isupper():
            continue
        line_end = ctx.clean.find("\n", km.end_char)
        tail = ctx.clean[km.end_char : line_end if line_end >= 0 else len(ctx.clean)]
        m = _NAME.match(tail)
        if m and m.group("name").lower() not in _STOP:
            name = m.group("name")
            if word.split()[0].lower().endswith("s") and kind != "pays":
                more = _MORE_NAMES.match(tail, m.end("name"))
                if more and more.end() > m.end("name"):
                    m2_end = more.end()
                    out.append(_Mention(km.start_char, km.end_char + m2_end, kind, key(tail[m.start("name") : m2_end]), None))
                    continue
            if kind == "other" and name.startswith("Pays "):
                kind = "pays"  # 'Syndicat mixte du Pays Sud Charente' carries a Pays
            k = key((word + " " + name) if kind in _KIND_IN_KEY else name)
            if k and k not in regions and not k.startswith(("ars", "agence regionale")):
                end = km.end_char + m.end("name")
                acr = m.group("acr") or m.group("acr0")
                if m.group("acr"):
                    end = km.end_char + m.end()
                out.append(_Mention(km.start_char, end, kind, k, acr))
                continue
        if kind in _NAME_AFTER_KIND and word[0].isupper() and " " not in word:
            line_start = ctx.clean.rfind("\n", 0, km.start_char) + 1
            line_start = max(line_start, km.start_char - 120)
            b = _NAME_BEFORE.search(ctx.clean[line_start : km.start_char])
            if b and key(b.group("name")):
                out.append(_Mention(line_start + b.start("name"), km.end_char, kind, key(b.group("name")), None))
    for rx in (_CLS_OF, _SUBJECT):
        for m in rx.finditer(ctx.clean):
            a, b = m.span("name")
            k = key(m.group("name"))
            generic = k in {"ville", "agglomeration", "metropole", "communaute", "pays", "territoire", "commune"}
            if k and not generic and k not in regions and not any(x.start <= a < x.end for x in out) and len(k) < 60:
                out.append(_Mention(a, b, "", k, None))
    return sorted(out, key=lambda m: m.start)


def _anaphoric_kind(ctx: Ctx, mentions: list[_Mention]) -> str | None:
    """A carrier named without its kind ('la Porte du Hainaut') takes the kind the text uses
    for it bare ('le Président de la communauté d'agglomération'), if one kind dominates."""
    named = [(m.start, m.end) for m in mentions]
    counts: dict[str, int] = {}
    for km in ctx.matches("KIND"):
        if km.id_ in {"pays", "commune", "departement", "other"} or any(a <= km.start_char < b for a, b in named):
            continue
        counts[km.id_] = counts.get(km.id_, 0) + 1
    if not counts:
        return None
    best = max(counts, key=counts.__getitem__)
    return best if list(counts.values()).count(counts[best]) == 1 else None


def _shouting(ctx: Ctx, m: _Mention) -> bool:
    letters = [c for c in ctx.clean[m.start : m.end] if c.isalpha()]
    return len(letters) > 6 and all(c.isupper() for c in letters)


def _acronym(ctx: Ctx, name: str) -> str | None:
    """The acronym the text uses for `name`, from its initials ('CALL', 'CCVBA')."""
    words = [w for w in re.split(r"[\s\-’']+", name) if w and w.lower() not in _STOP and w[0].isupper()]
    initials = "".join(w[0] for w in words).upper()
    if len(initials) >= 2 and re.search(rf"\b{initials}\b", ctx.clean):
        return initials
    return None


def extract_territory(ctx: Ctx, regions: set[str]) -> Territory | None:
    mentions = _mentions(ctx, regions)
    if not mentions:
        return None
    title_end = _title_end(ctx.clean)
    signing = [ctx.sentence_of(s.start_char) for s in ctx.matches("SIGN") + ctx.matches("PLANNED")]
    if any(m.kind != "departement" for m in mentions):
        # a department is a partner far more often than a carrier
        mentions = [m for m in mentions if m.kind != "departement"]
    if any(not _shouting(ctx, m) for m in mentions):
        # a name in a line of capitals has no visible end ('VILLE DE SAINT-DENIS S'ENGAGE')
        mentions = [m for m in mentions if not _shouting(ctx, m)]
    scores: dict[str, float] = {}
    for m in mentions:
        s = 2.0
        if m.start < title_end:
            s += 2
        if any(a <= m.start < b for a, b in signing):
            s += 2
        scores[m.key] = scores.get(m.key, 0) + s
    text_key = key(ctx.clean)
    counts = {k: len(re.findall(rf"\b{re.escape(k)}\b", text_key)) for k in scores}
    for k in scores:
        # the distinctive name alone ("les Coëvrons") also counts, but not inside a longer name
        own = counts[k] - sum(counts[k2] for k2 in scores if k2 != k and re.search(rf"\b{re.escape(k)}\b", k2))
        scores[k] += min(2.0, 0.5 * max(0, own))
    best = max(scores, key=lambda k: (scores[k], -min(m.start for m in mentions if m.key == k)))
    group = [m for m in mentions if m.key == best]
    # the mention in a signing sentence, else the first one; one with a kind word first
    kinded = [m for m in group if m.kind] or group
    rep = next((m for m in kinded if any(a <= m.start < b for a, b in signing)), kinded[0])
    name = re.sub(r"\s+", " ", ctx.clean[rep.start : rep.end])
    kind = rep.kind or _anaphoric_kind(ctx, mentions)
    acronym = next((m.acronym for m in group if m.acronym), None) or _acronym(ctx, name)
    if acronym and name.endswith(f"({acronym})"):
        name = name[: -len(acronym) - 2].rstrip()
    return Territory(
        name=name,
        kind=kind,  # type: ignore[arg-type]
        acronym=acronym,
        communes_count=_communes_count(ctx),
        department=_department(ctx),
        span=ctx.span(rep.start, rep.end),
    )


def _title_end(clean: str) -> int:
    lines = [m for m in re.finditer(r"[^\n]+", clean) if m.group(0).strip()]
    return lines[min(2, len(lines) - 1)].end() if lines else 0


def _communes_count(ctx: Ctx) -> int | None:
    m = re.search(r"(?<!\d)(\d{1,3})\s+communes\b", ctx.clean)
    return int(m.group(1)) if m else None


def _department(ctx: Ctx) -> str | None:
    """The department the text names most (at least twice), or names as a heading or in brackets."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for d in ctx.matches("DEPARTMENT"):
        counts[d.id_] = counts.get(d.id_, 0) + 1
        names[d.id_] = d.text
        before, after = ctx.clean[max(0, d.start_char - 1) : d.start_char], ctx.clean[d.end_char : d.end_char + 2]
        if before == "(" and after.startswith(")") or after.startswith(" :") and ctx.clean[: d.start_char].rstrip(" ").endswith(("\n", "")):
            counts[d.id_] += 2
    if not counts:
        return None
    best = max(counts, key=counts.__getitem__)
    from ..patterns import load_jsonl

    canonical = {r["id"]: r["name"] for r in load_jsonl("departments.jsonl")}
    return canonical.get(best, names[best]) if counts[best] >= 2 else None


def extract_region(ctx: Ctx) -> tuple[str, tuple[int, int]] | None:
    """The region written right after the ARS ('ARS Pays de la Loire', 'Agence régionale de santé (ARS) de Bretagne')."""
    ars = ctx.matches("ARS")
    for r in ctx.matches("REGION"):
        for a in ars:
            gap = ctx.clean[a.end_char : r.start_char]
            if a.end_char <= r.start_char and re.fullmatch(r"[\s,]*(?:\(ARS\))?\s*(?:de la|de l['’]|du|des|de|d['’]|en)?\s*", gap):
                return r.id_, (r.start_char, r.end_char)
    return None


def commune_at(ctx: Ctx, place: str) -> Territory | None:
    """'La ville signe son contrat' with no name anywhere but the signing place ('à la mairie de
    Fleury-Mérogis', 'signé à Cargèse'): that commune. Only when the text speaks of a commune."""
    if not re.search(r"\b(?:la ville|la commune|la municipalité|le maire)\b", ctx.clean, re.IGNORECASE):
        return None
    at = re.search(rf"(?<![\w-]){re.escape(place)}(?![\w-])", ctx.clean)
    if at is None or not place[:1].isupper():
        return None
    ctx.warnings.append("territory taken from the signing place: the text names the commune only there")
    return Territory(name=place, kind="commune", span=ctx.span(at.start(), at.end()))
