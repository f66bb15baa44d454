"""Coordinations of mentions: 'de l'État, de la Région et de la CPAM', 'la CdC de Fronsac, celles du
Grand Saint-émilionnais et du Pays Foyen', a list of lines after 'signataires :'.

    ENUM := ITEM (SEP ITEM)*
    SEP  := ',' | ';' | 'et' | 'ainsi que' | 'mais aussi' | a line break | a bullet
    ITEM := OF? ARTICLE? (ORGANISATION | PERSON APPOSITION? | NAME | PRONOUN OF NAME)

An enumeration ends at the first thing that is not an item (a verb, a clause, a full stop) or
at a blank line. A plural head shares itself out over the names coordinated after it ('les
Conseils départementaux du Finistère et des Côtes d'Armor' names two councils), and a pronoun
('celles du …') repeats the head of the item before it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..doc import Ctx
from ..lexicon import lexicon
from .names import capitalised, name_run
from .organisations import Organisation, Organisations
from .people import Person

_SEPARATORS = frozenset({",", ";", ":", "•", "·", "*", "–", "—", "-", "…", "/"})
_TAIL_WORDS = 3  # words an organisation's name may run on by, up to a separator ('URPS Médecins libéraux PACA')


@dataclass(frozen=True)
class Item:
    """One item of an enumeration: clean[start:end] names it; `name` when the name is not that text
    (a head shared out: 'Conseil départemental des Côtes d'Armor')."""

    start: int
    end: int
    rule: str  # enum.organisation, enum.person, enum.name, enum.shared_head
    organisation: Organisation | None = None
    person: Person | None = None
    name: str | None = None
    head: str | None = None  # the lexicon entry of its head words, shared ones included


def _end_char(doc: object, i: int) -> int:
    t = doc[i]  # type: ignore[index]
    return t.idx + len(t.text)


_COUNT_REACH = 8  # tokens from a count to the colon that opens what it counts


def _count_phrase(ctx: Ctx, i: int, end: int) -> int | None:
    """'3 établissements de santé :', 'les quatorze partenaires qui y sont engagés :': a count of what
    the colon lists. The token after the colon, or None."""
    doc = ctx.doc
    j = i
    while j < len(doc) and doc[j].lower_ in lexicon().words("article"):
        j += 1
    if j >= len(doc) or not (doc[j].like_num or doc[j].lower_ in lexicon().values("cardinal")):
        return None
    for k in range(j + 1, min(len(doc), j + _COUNT_REACH)):
        if doc[k].idx >= end or doc[k].text in {".", ";"}:
            return None
        if doc[k].text == ":":
            return k + 1
    return None


def _representing(doc: object, i: int) -> bool:
    """'les représentants de', 'les élus de': who stands for the organisation that follows."""
    lex = lexicon()
    t = doc[i]  # type: ignore[index]
    return t.lower_ in lex.words("representative_lead") and i + 1 < len(doc) and doc[i + 1].lower_ in lex.words("of")  # type: ignore[arg-type,index]


def _singular(words: str) -> str:
    """'Conseils départementaux' -> 'Conseil départemental', 'Communautés de communes' ->
    'Communauté de communes': the head noun and its adjectives, up to its own 'de'."""
    rules = sorted(lexicon().values("plural_ending").items(), key=lambda kv: -len(kv[0]))
    of = lexicon().words("of")
    out = []
    split = words.split(" ")
    for n, w in enumerate(split):
        if w.lower() in of or "'" in w or "’" in w:
            out.extend(split[n:])
            break
        low = w.lower()
        for ending, singular in rules:
            if low.endswith(ending) and len(low) > len(ending) + 2:
                cut = w[: len(w) - len(ending)]
                w = cut + (singular.upper() if w.isupper() else singular)
                break
        out.append(w)
    return " ".join(out)


def enumeration(
    ctx: Ctx, orgs: Organisations, people: list[Person], start: int, end: int, names: bool = True
) -> list[Item]:
    """The items of the coordination that starts at clean offset `start` (and ends by `end`)."""
    lex = lexicon()
    joiners = lex.words("enumeration_joiner")
    asides = lex.words("item_aside")
    leads = lex.words("of") | lex.words("article")
    doc = ctx.doc
    by_start = {p.start: p for p in people}
    items: list[Item] = []
    i, n = ctx.token_at(start), len(doc)
    need_sep = False
    head: tuple[str, str, str] | None = None  # (singular head words, "bare" or "", its entry) an item may share
    while i < n and doc[i].idx < end:
        t = doc[i]
        if t.is_space:
            if "\n\n" in t.text.replace(" ", "") and items:
                break
            need_sep = False  # a line break separates the lines of a list
            i += 1
            continue
        if t.text == "," and items and i + 1 < n and doc[i + 1].lower_ in asides:
            close = next((k for k in range(i + 1, min(n, i + 15)) if doc[k].text in {",", ";"}), None)
            if close is None:
                break
            i = close  # ', représenté par sa Présidente,' between two items
            continue
        if t.text in _SEPARATORS or t.lower_ in joiners:
            need_sep = False
            i += 1
            continue
        if t.text == "(" and items:  # '(Communautés de Communes du Bassin de Pompey, …)' after an item
            close = next((k for k in range(i + 1, min(n, i + 60)) if doc[k].text == ")"), None)
            if close is None:
                break
            i = close + 1
            continue
        if need_sep:
            break
        counted = _count_phrase(ctx, i, end)
        if counted is not None:
            i = counted  # '… et 3 établissements de santé : le CHU, …'
            continue
        lead = i
        while i < n and (doc[i].lower_ in leads or doc[i].text in lex.civilities or _representing(doc, i)) and not doc[i].is_space:
            i += 1
        if i >= n or doc[i].idx >= end:
            break
        of_at = next((k for k in range(lead, i) if doc[k].lower_ in lex.words("of")), None)
        of_word = ctx.clean[doc[of_at].idx : doc[i].idx].strip() if of_at is not None else None  # 'de la', 'des', 'd’'
        t = doc[i]
        org = orgs.at(t.idx)
        person = by_start.get(t.idx)
        civility = any(doc[k].text in lex.civilities for k in range(lead, i))
        if head and (of_word or head[1] == "bare") and not person and not civility and (_name_like(org) or (not org and capitalised(t))):
            k = ctx.token_at(org.end) if org else max(_place_end(ctx, i) or i, name_run(doc, i))
            text = ctx.clean[t.idx : _end_char(doc, k - 1)]
            name = _joined(head[0], of_word, text) if of_word else f"{head[0]} {text}"
            items.append(Item(t.idx, _end_char(doc, k - 1), "enum.shared_head", organisation=org, name=name, head=head[2]))
            i = k
        elif ctx.match_at("TITLE", t.idx) and not org:
            # 'signé par la Directrice Générale de l'ARS et le Président de la CALL': the bodies they head
            title_org = _title_organisation(ctx, orgs, i)
            if title_org is None:
                break
            items.append(Item(title_org.start, title_org.end, "enum.title_of", organisation=title_org, head=title_org.head))
            i = ctx.token_at(title_org.end)
        elif org:
            k = _tail(ctx, ctx.token_at(org.end))
            stop = _end_char(doc, k - 1) if k > ctx.token_at(org.end) else org.end
            items.append(Item(org.start, stop, "enum.organisation", organisation=org, head=org.head))
            # 'les hôpitaux Simone Veil et Isarien': a plural head named bare shares itself without 'de'
            bare = org.plural and org.named and not ctx.clean[org.head_end : org.end].lstrip().lower().startswith(tuple(lex.words("of")))
            head = (_singular(ctx.clean[org.start : org.head_end]), "bare" if bare else "", org.head) if org.plural else None
            i = k
        elif person:
            reach = max([person.end, *(x[1] for x in (person.title, person.organisation) if x)])
            items.append(Item(person.start, person.end, "enum.person", person=person))
            i = ctx.token_at(reach)
        elif t.lower_ in lex.words("demonstrative_pronoun") and items and items[-1].organisation:
            prev = items[-1].organisation
            head = (_singular(ctx.clean[prev.start : prev.head_end]), "", prev.head)
            i += 1
            continue
        elif names and capitalised(t):
            k = max(_place_end(ctx, i) or i, name_run(doc, i))
            if k < n and doc[k].is_digit and len(doc[k].text) <= 3:
                k += 1  # 'Santé Escale 41'
            if not _item_ends(doc, k):
                break  # 'Co-porté entre …': a sentence starts, not a name
            items.append(Item(t.idx, _end_char(doc, k - 1), "enum.name"))
            head = None
            i = k
        else:
            break
        need_sep = True
    return _share_heads(ctx, items)


def _tail(ctx: Ctx, k: int) -> int:
    """Where an organisation's item ends: its name may run on by a few words that end capitalised
    right before a separator ('l'URPS Médecins libéraux PACA, la Mutualité …')."""
    doc = ctx.doc
    lex = lexicon()
    not_name = lex.words("enumeration_joiner") | lex.words("article") | lex.words("determiner") | lex.words("preposition")
    of = lex.words("of")
    for n in range(1, _TAIL_WORDS + 1):
        j = k + n
        words = [doc[x] for x in range(k, min(j, len(doc)))]
        if j > len(doc) or not all(w.is_alpha and w.lower_ not in not_name for w in words):
            break
        # a capitalised end ('Médecins libéraux PACA') or 'de' and a noun ('les hôpitaux de proximité')
        if not (doc[j - 1].text[:1].isupper() and not any(w.lower_ in of for w in words)) and not (words[0].lower_ in of and len(words) == 2):
            continue
        if j == len(doc) or doc[j].text in _SEPARATORS or doc[j].lower_ in lexicon().words("enumeration_joiner") or doc[j].text == ".":
            return j
    return k


_TITLE_TO_ORG = 40  # characters from a function to the organisation it heads


def _title_organisation(ctx: Ctx, orgs: Organisations, i: int) -> Organisation | None:
    """The organisation the function at token i heads ('la Directrice Générale de l'ARS'): the
    first one after it, with only modifiers and 'de' between."""
    t = ctx.match_at("TITLE", ctx.doc[i].idx)
    if t is None:
        return None
    lex = lexicon()
    allowed = lex.words("of") | lex.words("article") | lex.words("title_modifier")
    for o in orgs.all:
        if t.end_char <= o.start <= t.end_char + _TITLE_TO_ORG:
            return o if all(w.text.lower() in allowed for w in ctx.tokens(t.end_char, o.start) if not w.is_space) else None
    return None


def _name_like(org: Organisation | None) -> bool:
    """An organisation whose head word is part of a name ('Pays Foyen'): a name a head may be shared with."""
    if org is None:
        return False
    entry = lexicon().by_id[org.head]
    return bool(getattr(entry, "in_name", False))


def _item_ends(doc: object, k: int) -> bool:
    """A name is an item only when a separator, a bracket, a full stop or the end follows it."""
    if k >= len(doc):  # type: ignore[arg-type]
        return True
    t = doc[k]  # type: ignore[index]
    if t.lower_ in lexicon().words("enumeration_joiner"):
        # 'la CAF et la CPAM', not 'Assurer et renforcer l'offre': what the joiner joins is another name
        j = k + 1
        lead = lexicon().words("article") | lexicon().words("of")
        while j < len(doc) and doc[j].lower_ in lead:  # type: ignore[arg-type,index]
            j += 1
        return j >= len(doc) or capitalised(doc[j])  # type: ignore[arg-type,index]
    return t.is_space or t.is_punct


def _joined(head: str, of_word: str, name: str) -> str:
    """'Conseil départemental' + 'des' + 'Côtes d'Armor'; an elided 'd’' takes no space."""
    return f"{head} {of_word}{'' if of_word.endswith(('’', chr(39))) else ' '}{name}"


def _place_end(ctx: Ctx, i: int) -> int | None:
    """End token of a department or region name starting at token i ('Meurthe et Moselle')."""
    for label in ("DEPARTMENT", "REGION"):
        m = ctx.match_at(label, ctx.doc[i].idx)
        if m:
            return m.end
    return None


def _share_heads(ctx: Ctx, items: list[Item]) -> list[Item]:
    """A plural organisation followed by names it shares its head with names one organisation
    each: 'Conseils départementaux du Finistère' becomes 'Conseil départemental du Finistère'."""
    out = list(items)
    for k, it in enumerate(items):
        org = it.organisation
        if org and org.plural and k + 1 < len(items) and items[k + 1].rule == "enum.shared_head":
            head = _singular(ctx.clean[org.start : org.head_end])
            out[k] = Item(it.start, it.end, "enum.shared_head", organisation=org, name=head + ctx.clean[org.head_end : org.end], head=org.head)
    return out
