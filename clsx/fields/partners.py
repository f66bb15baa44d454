"""Organisations that co-sign or partner the CLS, besides the ARS and the carrier (record["partners"]).

A partner is an organisation the text puts into the contract (clsx/mentions/organisations.py
recognises them, clsx/mentions/enumerations.py follows their coordinations):
- partner.cue: the enumeration a partner cue governs (patterns/lexicon/cues.jsonl, label
  PARTNER_CUE): after it ('cosigné par A, B', 'en lien avec A, B et C', 'aux côtés de A',
  'représentants de A, de B…', 'signataires : A ; B', the lines under 'ont signé le contrat :'),
  or before it ('A, B et C sont également signataires');
- partner.signed_by: the enumeration after a signing verb and 'par', 'entre' or 'avec' ('Il a
  été signé par A, B, C et D', 'signé … entre A, B et C');
- partner.of_signatory: the organisation a signatory represents ('Christian Porta, directeur de
  la Mutualité Sociale Agricole de Corse').
Not partners: the ARS, the carrier (its name, or its kind said bare: 'la municipalité' when a
commune carries the CLS), the carrier's own bodies (conseil communautaire), people, and what a
negated cue names ('ne seront pas signataires': Ctx.negated reads the parse).
"""

from __future__ import annotations

import bisect
import re

from ..candidate import Candidate
from ..doc import Ctx
from ..lexicon import lexicon
from ..mentions import Mentions
from ..mentions.enumerations import Item
from ..mentions.people import Person
from .signature import signs_other
from .territory import key

_VERB_REACH = 80  # characters between a signing verb and its 'par'/'entre'
_NOT_A_SIGNING_VERB = frozenset({"planned.project", "planned.scheduled"})  # 'en cours de finalisation avec', 'aura lieu avec'
_MAX_NAME = 140


def _sentence_end(ctx: Ctx, pos: int) -> int:
    return ctx.sentence_of(pos)[1]


def _list_end(ctx: Ctx, line_end: int) -> int:
    """End of the lines that follow a colon, up to a blank line."""
    nxt = ctx.clean.find("\n", line_end)
    if nxt < 0:
        return len(ctx.clean)
    blank = re.compile(r"\n[ \t]*\n").search(ctx.clean, nxt + 1)
    return blank.start() if blank else len(ctx.clean)


def _governed_by(ctx: Ctx, t: object, cue: object) -> bool:
    """'signé par …': the noun 'par' introduces hangs on the signing verb in the parse, not on another
    one ('a signé son plan, imité, dès le 7 octobre par le Pays de Guingamp'). Without a parse, yes."""
    if not ctx.doc.has_annotation("DEP"):
        return True
    verb = {x.i for x in cue}  # type: ignore[attr-defined]
    noun = t.head  # type: ignore[attr-defined]
    return noun.i in verb or noun.head.i in verb


def _goes_on_about_other(ctx: Ctx, cue: object) -> bool:
    """'Le contrat de ville a été signé. Il réunit, outre l'État, …': a sentence opening on a
    pronoun goes on about the sentence before it, which signed something else only."""
    a, _ = ctx.sentence_of(cue.start_char)  # type: ignore[attr-defined]
    first = next((t for t in ctx.tokens(a, a + 20) if not t.is_space), None)
    if first is None or first.lower_ not in lexicon().words("subject_pronoun"):
        return False
    before = len(ctx.clean[:a].rstrip())
    if before == 0:
        return False
    pa, pb = ctx.sentence_of(before - 1)
    signs = [s for label in ("SIGN", "PLANNED") for s in ctx.matches_in(label, pa, pb)]
    return bool(signs) and all(signs_other(ctx, s) for s in signs)


def _names_follow(ctx: Ctx, pos: int) -> bool:
    """'en lien avec la CAF' (a name follows), not 'en lien avec les politiques territoriales'."""
    m = re.match(rf"\s*(?:{lexicon().of_phrase()}|(?:{lexicon().alternation('article')})\s*)?(\S+)", ctx.clean[pos : pos + 60], re.IGNORECASE)
    return bool(m and (m.group(1)[:1].isupper() or ctx.match_at("ORG", pos + m.start(1)) or ctx.match_at("KIND", pos + m.start(1))))


def _items_after(ctx: Ctx, m: Mentions, pos: int) -> list[Item]:
    a, b = ctx.sentence_of(pos)
    rest = ctx.clean[pos:b]
    if not rest.strip(" :.\n…"):
        return m.enumeration(b, _list_end(ctx, b))  # 'signataires :' or a heading, then a line per partner
    return m.enumeration(pos, b)


_ASIDE_GAP = re.compile(r"\s*(?:,[^,;:.()«»]{1,80},\s*)?")


def _items_before(ctx: Ctx, m: Mentions, cue_start: int) -> list[Item]:
    """'A, B et C sont également signataires', 'Le Département de la Mayenne, engagé pour …, est
    un partenaire': the enumeration that ends at the cue (an aside between commas allowed)."""
    a, _ = ctx.sentence_of(cue_start)
    for t in ctx.tokens(a, cue_start):
        items = m.enumeration(t.idx, cue_start)
        if items and _ASIDE_GAP.fullmatch(ctx.clean[items[-1].end : cue_start]):
            return items
    return []


def find(ctx: Ctx, m: Mentions, signatories: list[Person]) -> list[Candidate[str]]:
    out: list[Candidate[str]] = []
    for cue in ctx.matches("PARTNER_CUE"):
        entry = lexicon().by_id[cue.id_]
        if ctx.negated(cue) or _goes_on_about_other(ctx, cue):
            continue  # 'ne seront pas signataires'; 'Le contrat de ville a été signé. Il réunit …'
        if entry.names_follow and not _names_follow(ctx, cue.end_char) and ":" not in ctx.clean[cue.end_char : _sentence_end(ctx, cue.start_char)]:
            continue
        # the names are where the entry says, else on the other side ('Sont également signataires : A ; B')
        first, second = (_items_before, _items_after) if entry.direction == "before" else (_items_after, _items_before)
        items = first(ctx, m, cue.start_char if first is _items_before else cue.end_char) or second(
            ctx, m, cue.start_char if second is _items_before else cue.end_char
        )
        out += [_candidate(ctx, it, "partner.cue", cue.id_) for it in items if it.person is None]
        out += [_candidate(ctx, it, "partner.besides", cue.id_) for it in _besides(ctx, m, cue.start_char) if it.person is None]
    agents = lexicon().words("agent_preposition")
    for sign in ctx.matches("SIGN") + ctx.matches("PLANNED"):
        if signs_other(ctx, sign) or sign.id_ in _NOT_A_SIGNING_VERB or ctx.negated(sign):
            continue  # 'Une charte … a été signée par …', 'un CLS est en cours de finalisation avec …'
        a, b = ctx.sentence_of(sign.start_char)
        for t in ctx.tokens(sign.end_char, min(b, sign.end_char + _VERB_REACH)):
            if t.text in agents and _governed_by(ctx, t, sign):  # lower case: 'Entre Beauce et Perche' is a name
                items = m.enumeration(t.idx + len(t.text), b)
                out += [_candidate(ctx, it, "partner.signed_by", sign.id_) for it in items if it.person is None]
                break
    out += _contract_sentences(ctx, m, {(c.start, c.end) for c in out}) + _contract_with(ctx, m)
    for p in signatories:
        if p.organisation and not _attending(ctx, p.start):
            a, b = p.organisation
            org = m.organisations.covering(a, b)
            if org is None or not (org.named or ctx.clean[org.start].isupper()):
                continue  # 'Préfète de l'Aude', 'directeur des services académiques': a place or a common noun
            out.append(Candidate(_name(ctx, a, b), a, b, "partner.of_signatory", data={"kind": org.kind, "org": org, "head": org.head}))
    return sorted(out, key=lambda c: c.start)


def _name_start(ctx: Ctx, org: object) -> int:
    """Where the name after a lower-case generic head starts ('association AIDES' -> 'AIDES')."""
    rest = ctx.clean[org.head_end : org.end]  # type: ignore[attr-defined]
    return org.head_end + len(rest) - len(rest.lstrip())  # type: ignore[attr-defined]


_MIN_ITEMS = 2  # an enumeration this long in a signing sentence lists its parties


def _contract_sentences(ctx: Ctx, m: Mentions, taken: set[tuple[int, int]]) -> list[Candidate[str]]:
    """'Le Conseil Départemental …, la CPAM, … et le Centre Hospitalier de Montauban ont été
    volontaires pour en être les signataires associés': an enumeration of organisations in a
    sentence that tells the contract's signing or its partners, wherever its cue stands."""
    sentences = {
        ctx.sentence_of(x.start_char) for label in ("SIGN", "PLANNED", "PARTNER_CUE") for x in ctx.matches(label)
        if not (signs_other(ctx, x) or ctx.negated(x) or _goes_on_about_other(ctx, x))
    }
    # the organisation a person's function names ('du Directeur des Centres Hospitaliers de Rodez') is
    # represented there: it is a partner when that person signs (partner.of_signatory), not by this rule
    represented = {p.organisation for p in m.people if p.organisation}
    out: list[Candidate[str]] = []
    for a, b in sorted(sentences):
        pos = a
        for org in m.organisations.within(a, b):
            if org.start < pos:
                continue
            items = [it for it in m.enumeration(org.start, b) if it.person is None]
            bodies = [it for it in items if it.organisation is not None and it.organisation.kind != "ars" and not _after_title(ctx, it.start)]
            if len(bodies) >= _MIN_ITEMS:
                out += [_candidate(ctx, it, "partner.contract_sentence", "") for it in bodies if (it.start, it.end) not in taken and (it.start, it.end) not in represented]
            if items:
                pos = items[-1].end
    return out


def _contract_with(ctx: Ctx, m: Mentions) -> list[Candidate[str]]:
    """'la conclusion d'un contrat local de santé avec l'ARS et le centre hospitalier d'Arles': the
    contract's parties after 'avec'."""
    out: list[Candidate[str]] = []
    for cls in ctx.matches("CLS"):
        t = ctx.doc[cls.end] if cls.end < len(ctx.doc) else None
        if t is not None and t.lower_ == "avec":
            b = ctx.sentence_of(t.idx)[1]
            items = m.enumeration(t.idx + len(t.text), b)
            # 'un projet de CLS avec la Ville de Caen' names another carrier: institutions only
            out += [_candidate(ctx, it, "partner.contract_with", cls.id_) for it in items if it.organisation is not None and it.organisation.kind not in ("collectivity", "department")]
    return out


def _attending(ctx: Ctx, start: int) -> bool:
    """'en présence du Président du Département X': someone present, not a party."""
    a, _ = ctx.sentence_of(start)
    return any(c.id_ == "ceremony.presence" for c in ctx.matches_in("CEREMONY", a, start))


def _after_title(ctx: Ctx, start: int) -> bool:
    """'du Président du Département', 'de la Présidente de la CPTS': a function stands right before."""
    before = ctx.tokens(max(0, start - 60), start)
    of = lexicon().words("of") | lexicon().words("article")
    k = len(before) - 1
    while k >= 0 and (before[k].lower_ in of or before[k].is_space):
        k -= 1
    return k >= 0 and any(t.start <= before[k].i < t.end for t in ctx.touching("TITLE", before[k].idx, before[k].idx))


def _besides(ctx: Ctx, m: Mentions, cue_start: int) -> list[Item]:
    """'Outre la CPAM du Var et la CPTS Saint-Aurèle Centre, les partenaires signataires sont …':
    the enumeration after a sentence-initial 'outre' names partners too."""
    a, _ = ctx.sentence_of(cue_start)
    head = ctx.clean[a:cue_start].lower()
    for word in lexicon().words("besides"):
        if head.startswith(word + " ") or head.startswith(word.rstrip("'’") + "’") :
            return m.enumeration(a + len(word), cue_start)
    return []


def _name(ctx: Ctx, a: int, b: int) -> str:
    return re.sub(r"\s+", " ", ctx.clean[a:b]).strip(" .;,…")


def _candidate(ctx: Ctx, it: Item, rule: str, trigger: str) -> Candidate[str]:
    org = it.organisation
    start = it.start
    if org and org.named and getattr(lexicon().by_id[org.head], "generic", False) and ctx.clean[org.start].islower():
        start = _name_start(ctx, org)  # 'l'association Réseau Santé Nord-Isère' is 'Réseau Santé Nord-Isère'
    return Candidate(
        it.name or _name(ctx, start, it.end), start, it.end, rule,
        data={"kind": org.kind if org else None, "org": org, "trigger": trigger, "item": it.rule, "head": it.head},
    )


def choose(ctx: Ctx, found: list[Candidate[str]], carrier_keys: set[str], carrier_kind: str | None) -> list[Candidate[str]]:
    """The partners in text order, each once (in its best-written form), without the ARS, the
    carrier or its bodies."""
    lex = lexicon()
    not_partner = lex.words("not_partner")
    out: list[Candidate[str]] = []
    seen: set[str] = set()
    ident: list[tuple[str | None, frozenset[str], str | None]] = []
    by_kind: dict[str | None, list[int]] = {}  # indices into `out`, by kind of body: only those can be one body
    ars = sorted(o.start_char for o in ctx.matches("ORG") if o.id_ == "org.ars")
    for c in found:
        name, kind, org = c.value, c.data.get("kind"), c.data.get("org")
        if org is not None and bisect.bisect_left(ars, org.start) < len(ars) and ars[bisect.bisect_left(ars, org.start)] < org.end:
            continue  # 'la Direction Départementale de l'ARS en Aveyron' is the ARS
        k = key(name)
        if not k or not 2 <= len(name) <= _MAX_NAME or name.lower() in not_partner or kind in {"ars", "carrier_body"}:
            continue
        if k.split()[0] in {"ars"} or k.startswith("agence regionale"):
            continue
        if _is_carrier(k, name, org, carrier_keys, carrier_kind):
            continue
        if c.rule == "partner.of_signatory" and kind is None and org is None and not any(ch.isupper() for ch in name):
            continue  # 'président de la collectivité': a noun, not an organisation
        if k in seen or (c.rule == "partner.of_signatory" and any(k in s or s in k for s in seen)):
            continue
        me = _identity(ctx, c)
        # the names a head is shared out over are different bodies ('CPTS du Sud Angoumois et du Sud Charente')
        shared = c.data.get("item") == "enum.shared_head"
        same = next(
            (i for i in by_kind.get(me[2], []) if _same_body(me, ident[i]) and not (shared and out[i].data.get("item") == "enum.shared_head")), None
        )
        if same is not None:
            if _better(c, out[same]):
                out[same] = out[same].with_(value=c.value, start=c.start, end=c.end, rule=c.rule)
                ident[same] = me
            continue
        seen.add(k)
        ident.append(me)
        by_kind.setdefault(me[2], []).append(len(out))
        out.append(c)
    return out


def _identity(ctx: Ctx, c: Candidate[str]) -> tuple[str | None, frozenset[str], str | None]:
    """(the head's lexicon entry, the words that name this one): 'CPAM' and 'Caisse primaire
    d'assurance maladie' are (org.health_insurance, {}), 'CPAM du Var' (…, {'var'})."""
    head = c.data.get("head")
    org = c.data.get("org")
    name_words = set(key(c.value).split())
    if head is None:
        return None, frozenset(name_words), None
    head_words: set[str] = set()
    for form in lexicon().by_id[head].forms:
        head_words |= set(key(form).split()) | set(words_of(form))
    if org is not None:
        head_words |= set(words_of(ctx.clean[org.start : org.head_end]))
    # a head word in the plural ('hospitaliers', 'départementaux') is still the head
    plural_of_head = {w for w in name_words for h in head_words if len(h) >= 4 and w.startswith(h[:-1]) and len(w) - len(h) <= 2}
    kind = lexicon().organisation_kinds.get(head)
    return head, frozenset(w for w in name_words if w not in head_words and w not in plural_of_head), kind


def words_of(text: str) -> list[str]:
    from ..gazetteer import words

    return words(text)


def _same_body(a: tuple[str | None, frozenset[str], str | None], b: tuple[str | None, frozenset[str], str | None]) -> bool:
    """One body named twice: the same head with one name's words among the other's ('la CPAM' and
    'la CPAM du Var', 'Conseil Départemental' and 'Conseil Départemental de l'Oise'), or the same kind
    of body with the same name ('hôpitaux Simone Veil' and 'Centre Hospitalier Simone VEIL de
    Beauvais'); not 'CPAM 54' and 'CPAM 57', nor 'le CHU' and 'les hôpitaux de proximité'."""
    if a[0] is None or b[0] is None:
        return False
    if a[0] == b[0]:
        return a[1] <= b[1] or b[1] <= a[1]
    return a[2] == b[2] and bool(a[1]) and bool(b[1]) and (a[1] <= b[1] or b[1] <= a[1])


def _better(new: Candidate[str], old: Candidate[str]) -> bool:
    """The best-written form: the one that names the body, else the longer."""
    return (bool(new.data.get("org") and new.data["org"].named), len(new.value)) > (bool(old.data.get("org") and old.data["org"].named), len(old.value))


def _is_carrier(k: str, name: str, org: object, carrier_keys: set[str], carrier_kind: str | None) -> bool:
    """The carrier by its name ('la CCVBA', 'la Communauté de communes des Coëvrons'; not the
    'Centre hospitalier de Montvallon' of the Ville de Montvallon, nor the 'Communauté de communes
    du Grand Cahors' of the Ville de Cahors) or by its kind said bare
    ('la municipalité' when a commune carries the CLS)."""
    bare = key(name[: name.index("(")] if name.endswith(")") and "(" in name else name)  # 'PETR du Val de Lorraine (Communautés de …)'
    if {k, bare} & carrier_keys:
        return True
    if org is not None and getattr(org, "kind", None) == "collectivity" and not getattr(org, "named", True):
        entry_kind = lexicon().by_id[org.head].kind  # type: ignore[attr-defined]
        return entry_kind is None or entry_kind == carrier_kind or carrier_kind is None
    return False
