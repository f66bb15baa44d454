"""The territory the CLS covers (record["territory"]), named by its carrier collectivity.

Candidates (each says its rule):
- territory.kind_name: a collectivity named with its kind ('Communauté de communes des
  Coëvrons', 'Pays Creuse-Gartempe', 'la ville de Nice'): the organisation mentions whose head
  is a territory kind (clsx/mentions/organisations.py);
- territory.plural_kind: several collectivities under one plural kind ('Les communautés de
  communes du Bassin Auterivain, Cœur de Garonne et du Volvestre'), one candidate for all;
- territory.name_kind: the name before its kind ('Saint-Aurèle Métropole', 'Quimperlé Communauté');
- territory.cls_of: the contract's own complement ('le Contrat Local de Santé de Nice', 'le CLS du
  Beauvaisis', 'le CLS de la 4CPS');
- territory.subject: a name that opens a sentence about the contract ('Saint-Louis renforce son
  engagement … avec un Contrat Local de Santé', 'Aunis Atlantique a signé son CLS'), kept
  when the register knows it or the sentence tells a signing;
- territory.register_extension: a name the register knows in a longer form that the text
  writes on ('Grand Saint-Dizier, Der et Vallées');
- territory.signer: the name right before 'a signé', 'signe', 'signera';
- territory.acronym: an acronym the register gives one EPCI, written twice ('la 4CPS');
- territory.signing_place / territory.head_commune: with no other candidate, in a text that speaks
  of a commune, the commune it was signed in, or the commune the headline says it is about ('la
  santé à Matoury').
The group of candidates with the same name that the text names most, in its head and in its
signing sentences, is the carrier; its kind is the one written, else the one the text gives
its bare kind words ('l'Agglo'), else the register's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..candidate import Candidate
from ..doc import Ctx, ordinal
from ..gazetteer import load as register, split, words
from ..lexicon import lexicon
from ..mentions import Mentions
from ..mentions.names import acronym as is_acronym, name_run
from ..mentions.organisations import Organisation

_BASE, _HEAD, _SIGNING, _REPEAT_CAP = 2.0, 2.0, 2.0, 2.0
_HEADLINE_LINES, _HEADLINE_CHARS = 8, 150  # where a page's headline may be: its first short lines
_AGREE = 2.0  # a candidate of the kind the text uses bare for its carrier


@dataclass(frozen=True)
class Named:
    """A territory as one candidate reads it."""

    name: str
    kind: str | None
    acronym: str | None
    key: str  # the distinctive words, to group the mentions of one territory


def key(name: str) -> str:
    """'Communauté d’Agglomération de Lens- Liévin' and 'Lens-Liévin' -> 'lens lievin' (the register's normaliser)."""
    return " ".join(split(name)[1]) or " ".join(words(name))


def _text(ctx: Ctx, a: int, b: int) -> str:
    return re.sub(r"\s+", " ", ctx.clean[a:b])


def _kind_of(entry_id: str) -> str | None:
    return lexicon().by_id[entry_id].kind


def _bracket_acronym(ctx: Ctx, a: int, b: int) -> str | None:
    """'(CCVBA)' in the name; not a kind's own short form ('Pôle d'équilibre territorial et rural (PETR) …')."""
    m = re.search(r"\((\w{2,10})\)\s*$", ctx.clean[a:b]) or re.search(r"\((\w{2,10})\)", ctx.clean[a:b])
    if not m or not is_acronym(m.group(1)):
        return None
    start = a + m.start(1)
    return None if ctx.match_at("KIND", start) or ctx.match_at("ORG", start) else m.group(1)


def find(ctx: Ctx, m: Mentions) -> list[Candidate[Named]]:
    out: list[Candidate[Named]] = []
    taken: list[tuple[int, int]] = []
    for org in m.organisations.all:
        if org.kind not in ("collectivity", "department") or not org.head.startswith("kind."):
            continue
        cand = _from_kind(ctx, m, org)
        if cand:
            out.append(cand)
            taken.append((cand.start, cand.end))
    out += _name_before_kind(ctx, taken)
    taken += [(c.start, c.end) for c in out]
    out += _cls_of(ctx, m, taken) + _subjects(ctx, m, taken)
    taken += [(c.start, c.end) for c in out]
    out += _signers(ctx, m, taken)
    taken += [(c.start, c.end) for c in out]
    out += _acronyms(ctx, taken)
    return [_scored(ctx, c) for c in sorted(out, key=lambda c: c.start)]


def _from_kind(ctx: Ctx, m: Mentions, org: Organisation) -> Candidate[Named] | None:
    kind = _kind_of(org.head)
    entry = lexicon().by_id[org.head]
    if not org.named:
        return None
    name = _text(ctx, org.start, org.end)
    rest = _text(ctx, org.head_end, org.end)
    if kind == "other" and ctx.match_at("KIND", org.head_end + len(rest) - len(_after_of(rest))) and _after_of(rest).startswith("Pays"):
        kind = "pays"  # 'Syndicat mixte du Pays Sud Charente' carries a Pays
    acr = _bracket_acronym(ctx, org.head_end, org.end)
    if org.plural and kind:
        items = m.enumeration(org.head_end, ctx.sentence_of(org.start)[1], names=True)
        more = [it for it in items if it.organisation is None or it.organisation.kind == "collectivity"]
        if len(more) > 1:
            end = more[-1].end
            return Candidate(Named(_text(ctx, org.start, end), kind, acr, key(_text(ctx, org.head_end, end))), org.start, end, "territory.plural_kind")
    if acr and name.endswith(f"({acr})"):
        name = name[: -len(acr) - 2].rstrip()
    start = org.start
    if kind == "commune" and ctx.clean[org.start : org.head_end].lower() in lexicon().words("venue"):
        start = org.end - len(_after_of(ctx.clean[org.head_end : org.end]))
        name = _text(ctx, start, org.end)  # 'la mairie de Grigny' names the commune Grigny
    place = _only_a_place(ctx, org)
    if place == "REGION":
        return None  # 'le territoire de la Bretagne'
    if place == "DEPARTMENT":
        kind = "departement"  # 'le territoire de l'Orne' names a department
    k = key(name) if not entry.in_name else key(_after_of(ctx.clean[org.head_end : org.end]))  # 'Pays de Craon' groups with 'Craon'
    if not k or k in _region_keys() or k.startswith(("ars", "agence regionale")):
        return None
    extended = _register_extension(ctx, org.end, name)
    if extended:
        end, name = extended
        return Candidate(Named(name, kind, acr, key(name)), org.start, end, "territory.register_extension")
    weak = -1.0 if entry.kind is None else 0.0  # 'le territoire de …', 'l'intercommunalité …' say little
    return Candidate(Named(name, kind, acr, k), start, org.end, "territory.kind_name", score=weak)


def _after_of(rest: str) -> str:
    """'de la Mayenne' -> 'Mayenne', ' du Pays Sud Charente' -> 'Pays Sud Charente'."""
    return re.sub(rf"^\s*{lexicon().of_phrase()}", "", rest, flags=re.IGNORECASE)


def _only_a_place(ctx: Ctx, org: Organisation) -> str | None:
    """'REGION' or 'DEPARTMENT' when what names the collectivity is only a region's or a department's name."""
    rest = _after_of(ctx.clean[org.head_end : org.end])
    start = org.end - len(rest)
    for label in ("REGION", "DEPARTMENT"):
        hit = ctx.match_at(label, start)
        if hit is not None and hit.end_char == org.end:
            return label
    return None


def _register_extension(ctx: Ctx, end: int, name: str) -> tuple[int, str] | None:
    """'du Grand Saint-Dizier, Der et Vallées': the name goes on after a comma when the register
    knows it so ('CA Grand Saint-Dizier, Der et Vallées')."""
    joins = lexicon().alternation("enumeration_joiner", "of")
    m = re.match(rf",\s*[A-ZÀ-Ý][\w’'\-]+(?:\s+(?:{joins})\s+[A-ZÀ-Ý][\w’'\-]+)+", ctx.clean[end : end + 80])
    if not m:
        return None
    longer = name + ctx.clean[end : end + m.end()]
    if register().epci_by_key.get(" ".join(split(longer)[1])):
        return end + m.end(), re.sub(r"\s+", " ", longer)
    return None


def _name_before_kind(ctx: Ctx, taken: list[tuple[int, int]]) -> list[Candidate[Named]]:
    """'Saint-Aurèle Métropole', 'Val d'Europe Agglomération': a capitalised kind word after a name."""
    out = []
    doc = ctx.doc
    titles = {t.start for t in ctx.matches("TITLE")}
    for km in ctx.matches("KIND"):
        entry = lexicon().by_id[km.id_]
        if not entry.name_before or km.end - km.start != 1:
            continue
        lower = not km.text[:1].isupper()  # 'Hautes Terres communauté': only a name the register has so
        i = km.start
        j = i
        while j - 1 >= 0 and not doc[j - 1].is_space and j - 1 not in titles and i - j < 6 and (
            doc[j - 1].text[:1].isupper() or doc[j - 1].lower_ in lexicon().words("name_link")
        ):
            j -= 1
        while j < i and not doc[j].text[:1].isupper():
            j += 1
        if j == i or not doc[i - 1].text[:1].isupper() or any(a <= doc[j].idx < b for a, b in taken):
            continue
        name_words = ctx.clean[doc[j].idx : doc[i - 1].idx + len(doc[i - 1].text)]
        if not key(name_words) or (lower and not register().epci_by_key.get(" ".join(split(name_words)[1]))):
            continue
        start, end = doc[j].idx, km.end_char
        out.append(Candidate(Named(_text(ctx, start, end), entry.kind, None, key(name_words)), start, end, "territory.name_kind"))
    return out


def _cls_of(ctx: Ctx, m: Mentions, taken: list[tuple[int, int]]) -> list[Candidate[Named]]:
    """'le Contrat Local de Santé de Nice', 'le CLS du Beauvaisis', 'le CLS de la 4CPS'."""
    lex = lexicon()
    doc, of, articles = ctx.doc, lex.words("of"), lex.words("article")
    out = []
    for cls in ctx.matches("CLS"):
        if cls.id_ != "cls.name":
            continue
        i = cls.end
        if i < len(doc) and doc[i].text == "(" and i + 2 < len(doc) and doc[i + 2].text == ")":
            i += 3  # 'Contrat Local de Santé (CLS) de …'
        if i >= len(doc) or doc[i].lower_ not in of:
            continue
        i += 1
        if i < len(doc) and doc[i].lower_ in articles:
            i += 1
        if i >= len(doc) or any(a <= doc[i].idx < b for a, b in taken) or m.organisations.at(doc[i].idx) or ordinal(doc[i].text):
            continue  # 'Contrat Local de Santé de 3ème génération'
        k = name_run(doc, i, et_avoid=frozenset())
        if k == i:
            continue
        start, end = doc[i].idx, doc[k - 1].idx + len(doc[k - 1].text)
        name = _text(ctx, start, end)
        if _generic(name):
            continue
        out.append(Candidate(Named(name, None, None, key(name)), start, end, "territory.cls_of"))
    return out


def _generic(name: str) -> bool:
    """A kind word or a region alone is not a territory's name."""
    k = key(name)
    return not k or k in _region_keys() or len(k) >= 60 or all(w in lexicon().words("name_generic") for w in k.split())


def _subjects(ctx: Ctx, m: Mentions, taken: list[tuple[int, int]]) -> list[Candidate[Named]]:
    """A name opening a sentence that speaks of the contract ('Saint-Louis renforce son engagement
    … avec un Contrat Local de Santé', 'Aunis Atlantique a signé son CLS')."""
    doc = ctx.doc
    out = []
    for a, b in ctx.sentences:
        if not ctx.matches_in("CLS", a, b):
            continue
        i = ctx.token_at(a)
        while i < len(doc) and (doc[i].lower_ in lexicon().words("article") or doc[i].is_space):
            i += 1
        if i >= len(doc) or any(x <= doc[i].idx < y for x, y in taken) or m.organisations.at(doc[i].idx):
            continue
        if any(p.start == doc[i].idx for p in m.people) or any(ctx.match_at(label, doc[i].idx) for label in ("CLS", "KIND", "ORG", "TITLE")):
            continue  # 'Le Contrat Local de Santé …' opens with the contract, not a territory
        k = name_run(doc, i, et_avoid=frozenset())
        if k == i or k >= len(doc) or not doc[k].is_alpha or not doc[k].is_lower:
            continue  # a verb follows the name
        start, end = doc[i].idx, doc[k - 1].idx + len(doc[k - 1].text)
        name = _text(ctx, start, end)
        if _generic(name):
            continue
        if doc[k].lower_ not in lexicon().words("subject_verb"):
            continue
        signs = any(s.start_char >= end for s in ctx.matches_in("SIGN", a, b) + ctx.matches_in("PLANNED", a, b))
        # a sentence that tells a signing, or the headline, of a name the register knows ('Lancé en 2024, …' is no
        # subject); the register is asked last, its commune index costing 0.16 s to build
        if not (signs or (a < ctx.head_end and _register_knows(name))):
            continue
        out.append(Candidate(Named(name, _register_kind(name), None, key(name)), start, end, "territory.subject"))
    return out


_SIGNER_CUES = frozenset({"sign.reported", "sign.present", "planned.future"})


def _signers(ctx: Ctx, m: Mentions, taken: list[tuple[int, int]]) -> list[Candidate[Named]]:
    """The name right before 'a signé', 'signe', 'signera' ('Après la signature d'une charte en 2022,
    la Porte du Hainaut a signé son Contrat Local de Santé'), in a sentence that names the contract."""
    doc, out = ctx.doc, []
    links = lexicon().words("name_link")
    for cue in ctx.matches("SIGN") + ctx.matches("PLANNED"):
        if cue.id_ not in _SIGNER_CUES or cue.start == 0:
            continue
        a, b = ctx.sentence_of(cue.start_char)
        if not ctx.matches_in("CLS", cue.end_char, b):
            continue
        j = cue.start
        while j - 1 >= 0 and not doc[j - 1].is_space and cue.start - j < 8 and (doc[j - 1].text[:1].isupper() or doc[j - 1].lower_ in links):
            j -= 1
        while j < cue.start and (not doc[j].text[:1].isupper() or doc[j].lower_ in lexicon().words("article")):
            j += 1  # 'La Porte du Hainaut' is the Porte du Hainaut
        if j == cue.start or not doc[cue.start - 1].text[:1].isupper() or doc[j].idx < a:
            continue
        start, end = doc[j].idx, doc[cue.start - 1].idx + len(doc[cue.start - 1].text)
        capitals = sum(1 for t in doc[j : cue.start] if t.text[:1].isupper())
        if capitals < 2 and not _register_knows(ctx.clean[start:end]):
            continue  # 'Le Parc a signé': a common noun, not a name
        if any(x <= start < y for x, y in taken) or m.organisations.covering(start, end) or any(p.start <= start < p.end for p in m.people):
            continue
        name = _text(ctx, start, end)
        if _generic(name):
            continue
        out.append(Candidate(Named(name, _register_kind(name), None, key(name)), start, end, "territory.signer"))
    return out


_ACRONYM_MENTIONS = 2  # a bare acronym names the carrier when the text repeats it (or when it is a long one)
_LONG_ACRONYM = 4


def _acronyms(ctx: Ctx, taken: list[tuple[int, int]]) -> list[Candidate[Named]]:
    """'les habitants de la 4CPS', 'la CALL': an acronym the register gives one EPCI (its initials),
    written at least twice and not a lexicon word (CPAM, ARS)."""
    g = register()
    seen: dict[str, list[object]] = {}
    for t in ctx.doc:
        if is_acronym(t.text) and t.text.upper() == t.text and len(t.text) >= 3 and not any(ctx.match_at(label, t.idx) for label in ("ORG", "KIND", "CLS", "TITLE", "REGION", "DEPARTMENT")):
            seen.setdefault(t.text, []).append(t)
    out = []
    for acr, toks in seen.items():
        ids = g.epci_by_acronym(acr)
        few = len(toks) < _ACRONYM_MENTIONS and len(acr) < _LONG_ACRONYM
        if few or len(ids) != 1 or any(x <= toks[0].idx < y for x, y in taken):  # type: ignore[attr-defined]
            continue
        e = g.epci(ids[0])
        t = toks[0]
        out.append(Candidate(Named(acr, lexicon_kind_of_type(e.type), acr, key(e.name)), t.idx, t.idx + len(acr), "territory.acronym", score=-1.0))  # type: ignore[attr-defined]
    return out


def _register_knows(name: str) -> bool:
    g = register()
    core = " ".join(split(name)[1])
    return bool(g.epci_by_key.get(core) or g.commune_by_key.get(core))


def _register_kind(name: str) -> str | None:
    """The kind the register gives a bare name: 'commune' when every entry of that name is a
    commune, an EPCI's kind when it is one EPCI; None when the register does not know it."""
    g = register()
    core = " ".join(split(name)[1])
    epcis = g.epci_by_key.get(core, [])
    communes = g.commune_by_key.get(core, [])
    if epcis and not communes and len(epcis) == 1:
        return lexicon_kind_of_type(g.epci(epcis[0]).type)
    if communes and not epcis:
        return "commune"
    return None


def lexicon_kind_of_type(register_type: str) -> str | None:
    """'CC' -> 'communaute_de_communes', as patterns/link.json says."""
    from ..patterns import load_json

    for kind, spec in load_json("link.json")["kinds"].items():
        if spec.get("type") == register_type and kind:
            return kind
    return None


def _scored(ctx: Ctx, c: Candidate[Named]) -> Candidate[Named]:
    s = _BASE
    if c.start < ctx.head_end:
        s += _HEAD
    if _in_signing(ctx, c.start):
        s += _SIGNING
    return c.with_(score=s)


def _in_signing(ctx: Ctx, pos: int) -> bool:
    a, b = ctx.sentence_of(pos)
    return bool(ctx.matches_in("SIGN", a, b) or ctx.matches_in("PLANNED", a, b))


def _region_keys() -> frozenset[str]:
    return frozenset(" ".join(words(r.name)) for r in lexicon().entries("regions.jsonl"))


def _shouting(ctx: Ctx, c: Candidate[Named]) -> bool:
    letters = [x for x in ctx.clean[c.start : c.end] if x.isalpha()]
    return len(letters) > 6 and all(x.isupper() for x in letters)


def choose(ctx: Ctx, found: list[Candidate[Named]]) -> Candidate[Named] | None:
    """The group named most (in the head and signing sentences counting double), its best-written
    mention (one with a kind and written out, in a signing sentence, else the first). An acronym
    said alone ('La CARC signe') is of the group whose written-out name the text gives it
    ('la communauté d'agglomération Risle-Charentonne (CARC)')."""
    spelt = {c.value.acronym: c.value.key for c in found if c.value.acronym and c.value.name != c.value.acronym}
    found = [c.with_(value=Named(c.value.name, c.value.kind, c.value.acronym, spelt[c.value.name])) if c.value.name in spelt else c for c in found]
    pool = found
    if any(c.value.kind != "departement" for c in pool):
        pool = [c for c in pool if c.value.kind != "departement"]  # a department is a partner far more often
    if any(not _shouting(ctx, c) for c in pool):
        pool = [c for c in pool if not _shouting(ctx, c)]  # 'VILLE DE SAINT-DENIS S'ENGAGE' has no visible end
    if not pool:
        return None
    scores: dict[str, float] = {}
    bare = _anaphoric_kind(ctx, found)  # 'la communauté de communes' said bare: the carrier's kind
    for c in pool:
        agrees = _AGREE if bare and c.value.kind == bare else 0.0
        scores[c.value.key] = scores.get(c.value.key, 0.0) + c.score + agrees
    text_key = " ".join(words(ctx.clean))
    for k in scores:
        count = len(re.findall(rf"\b{re.escape(k)}\b", text_key))
        inner = sum(len(re.findall(rf"\b{re.escape(k2)}\b", text_key)) for k2 in scores if k2 != k and re.search(rf"\b{re.escape(k)}\b", k2))
        scores[k] += min(_REPEAT_CAP, 0.5 * max(0, count - inner))
    best = max(scores, key=lambda k: (scores[k], -min(c.start for c in pool if c.value.key == k)))
    group = [c for c in pool if c.value.key == best]
    kinded = [c for c in group if c.value.kind] or group
    kinded = [c for c in kinded if c.value.name != c.value.acronym] or kinded  # the name written out beats its acronym
    rep = next((c for c in kinded if _in_signing(ctx, c.start)), kinded[0])
    kind = rep.value.kind or _anaphoric_kind(ctx, found) or _register_kind(rep.value.name) or _commune_said(ctx, rep.value.name)
    acr = next((c.value.acronym for c in group if c.value.acronym), None) or _initials(ctx, rep.value.name)
    return rep.with_(value=Named(rep.value.name, kind, acr, rep.value.key))


_COORDINATION_TOKENS = 4


def _coordinated(ctx: Ctx, lo: int, hi: int) -> bool:
    """Whether clean[lo:hi] only joins two names: ', ', ' et ', ' & ', then at most a preposition
    and an article ('et de la', ', du')."""
    lex = lexicon()
    toks = [t for t in ctx.tokens(lo, hi) if not t.is_space]
    if not toks or len(toks) > _COORDINATION_TOKENS or ctx.clean[lo:hi].strip() != ctx.clean[toks[0].idx : toks[-1].idx + len(toks[-1])]:
        return False
    if toks[0].lower_ not in lex.words("name_coordinator"):
        return False
    return all(t.lower_ in lex.words("of") | lex.words("article") for t in toks[1:])


def co_carriers(ctx: Ctx, found: list[Candidate[Named]], chosen: Candidate[Named]) -> list[Candidate[Named]]:
    """The other collectivities coordinated with the carrier in one sentence ('Saint-Flour Communauté et
    Hautes Terres Communauté ont signé leur Contrat Local de Santé', 'couvrant les territoires de Hautes
    Terres communauté et de Saint-Flour Communauté'), when that sentence is about the contract."""
    mine = [c for c in found if c.value.key == chosen.value.key]
    out: list[Candidate[Named]] = []
    for c in found:
        if c.value.key == chosen.value.key or c.value.kind == "departement" or any(o.value.key == c.value.key for o in out):
            continue
        for m in mine:
            a, b = ctx.sentence_of(m.start)
            if not (a <= c.start < b) or not (ctx.matches_in("CLS", a, b) or _in_signing(ctx, m.start)):
                continue
            lo, hi = (m.end, c.start) if m.end <= c.start else (c.end, m.start)
            if 0 <= hi - lo and _coordinated(ctx, lo, hi):
                out.append(c.with_(rule="territory.co_carrier"))
                break
    return out


def _anaphoric_kind(ctx: Ctx, found: list[Candidate[Named]]) -> str | None:
    """A carrier named without its kind ('la Porte du Hainaut') takes the kind the text uses for
    it bare ('le Président de la communauté d'agglomération'), if one kind dominates."""
    named = [(c.start, c.end) for c in found]
    counts: dict[str, int] = {}
    for km in ctx.matches("KIND"):
        kind = _kind_of(km.id_)
        entry = lexicon().by_id[km.id_]
        if kind is None or not entry.anaphoric or any(a <= km.start_char < b for a, b in named):
            continue
        if entry.capitalised and not km.text[:1].isupper():
            continue  # 'la Collectivité' stands for the carrier, 'la collectivité' for any
        counts[kind] = counts.get(kind, 0) + 1  # type: ignore[index]
    if not counts:
        return None
    best = max(counts, key=counts.__getitem__)
    return best if list(counts.values()).count(counts[best]) == 1 else None


def _commune_said(ctx: Ctx, name: str) -> str | None:
    """'commune' for a name the register has as a commune, in a text that speaks of a commune
    ('la municipalité', 'la commune', its mayor); a town's short name counts when the text also
    writes its full one ('Sablé' beside 'Sablé-sur-Sarthe', 'Bourg' beside 'Bourg-en-Bresse')."""
    communes = register().commune_by_key
    if not _speaks_of_a_commune(ctx):
        return None
    if " ".join(split(name)[1]) in communes:
        return "commune"
    full = (m.group(0) for m in re.finditer(rf"(?<![\w-]){re.escape(name)}-[\w’'-]+", ctx.clean))
    return "commune" if any(" ".join(split(f)[1]) in communes for f in full) else None


def _speaks_of_a_commune(ctx: Ctx) -> bool:
    return any(lexicon().by_id[k.id_].kind == "commune" for k in ctx.matches("KIND")) or any(t.id_ == "title.mayor" for t in ctx.matches("TITLE"))


def _initials(ctx: Ctx, name: str) -> str | None:
    """The acronym the text uses for `name`, from its initials ('CALL', 'CCVBA')."""
    stop = lexicon().words("name_stopword") | lexicon().words("name_link")
    ws = [w for w in re.split(r"[\s\-’']+", name) if w and w.lower() not in stop and w[0].isupper()]
    initials = "".join(w[0] for w in ws).upper()
    if len(initials) >= 2 and re.search(rf"\b{initials}\b", ctx.clean):
        return initials
    return None


def communes_count(ctx: Ctx) -> Candidate[int] | None:
    """'des 19 communes de la CCVBA', 'les 27 communes du Pays'."""
    nouns = lexicon().words("commune_count_noun")
    for t in ctx.doc:
        if t.text.isdigit() and len(t.text) <= 3 and t.i + 1 < len(ctx.doc) and ctx.doc[t.i + 1].lower_ in nouns:
            return Candidate(int(t.text), t.idx, ctx.doc[t.i + 1].idx + len(ctx.doc[t.i + 1].text), "territory.communes_count")
    return None


def department(ctx: Ctx) -> Candidate[str] | None:
    """The department the text names most (at least twice), or names as a heading or in brackets."""
    counts: dict[str, int] = {}
    first: dict[str, object] = {}
    for d in ctx.matches("DEPARTMENT"):
        counts[d.id_] = counts.get(d.id_, 0) + 1
        first.setdefault(d.id_, d)
        before, after = ctx.clean[max(0, d.start_char - 1) : d.start_char], ctx.clean[d.end_char : d.end_char + 2]
        heading = after.startswith(" :") and ctx.clean[: d.start_char].rstrip(" ").endswith(("\n", ""))
        if before == "(" and after.startswith(")") or heading:
            counts[d.id_] += 2
    if not counts:
        return None
    best = max(counts, key=counts.__getitem__)
    if counts[best] < 2:
        return None
    name = next(r.name for r in lexicon().entries("departments.jsonl") if r.id == best)
    d = first[best]
    return Candidate(name, d.start_char, d.end_char, "territory.department")  # type: ignore[attr-defined]


def head_commune(ctx: Ctx) -> Candidate[Named] | None:
    """'Un contrat qui vise à améliorer la santé à Matoury' (and 'le maire de la commune'): the commune
    the headline names after 'à', when the register knows it and the text speaks of a commune."""
    if not _speaks_of_a_commune(ctx):
        return None
    lines = [(a, b) for a, b in ctx.lines[:_HEADLINE_LINES] if b - a <= _HEADLINE_CHARS]  # a page's title may come after its banners
    for m in (m for a, b in lines for m in re.finditer(r"(?<!\w)[àa]\s+(?P<name>[A-ZÀ-Ý][\w’'\-]+(?:[ -][A-ZÀ-Ý][\w’'\-]+){0,3})", ctx.clean[a:b])):
        name = m.group("name")
        at = ctx.clean.find(m.group(0))
        if " ".join(split(name)[1]) in register().commune_by_key:
            start = at + m.start("name")
            return Candidate(
                Named(name, "commune", None, key(name)), start, start + len(name), "territory.head_commune",
                warnings=("territory taken from the headline: the text names the commune only there",),
            )
    return None


def commune_at(ctx: Ctx, place: Candidate[str]) -> Candidate[Named] | None:
    """'La ville signe son contrat' with no name anywhere but the signing place ('à la mairie de
    Fleury-Mérogis', 'signé à Cargèse'): that commune. Only when the text speaks of a commune."""
    if not _speaks_of_a_commune(ctx):
        return None
    name = place.value
    at = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", ctx.clean)
    if at is None or not name[:1].isupper():
        return None
    return Candidate(
        Named(name, "commune", None, key(name)), at.start(), at.end(), "territory.signing_place",
        warnings=("territory taken from the signing place: the text names the commune only there",),
    )
