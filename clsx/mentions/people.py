"""Person mentions and their appositions: who, with which function, of which organisation.

People are the NER's PER entities and 'Prénom NOM' with the surname in capitals (which the
model splits or misses), in natural case and without civility. A person's function is a
TITLE match (patterns/lexicon/titles.jsonl) with its modifiers ('directrice générale
adjointe'), written right after the name ('X, président de …', 'X (maire de Y)') or right
before it ('le préfet X', 'la directrice de l'ARS, Mme X'); its organisation is what follows
the function: an organisation mention, a proper name ('Président de Cœur de Garonne') or the
noun after 'de' ('président de la collectivité').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ..doc import Ctx
from ..lexicon import lexicon
from .names import name_run
from .organisations import Organisations

_U = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ"
_L = "a-zàâäçéèêëîïôöùûüÿœæ"
_GIVEN = rf"[{_U}][{_L}]+(?:-[{_U}][{_L}]+)*"
_CAPS = rf"[{_U}](?:[{_U}]|['’-][{_U}])+"
_BEFORE_REACH = 80  # characters between a function (with its organisation) and the name it introduces


@cache
def _caps_name() -> re.Pattern[str]:
    """'M. Jean-Jacques COIPLET', 'Mme Anne-Sophie de LA TOUR', 'Marie-Claire N'DIAYE'."""
    civ = "|".join(re.escape(c) for c in sorted(lexicon().civilities, key=len, reverse=True))
    particles = "|".join(re.escape(p) for p in sorted(lexicon().words("name_particle"), key=len, reverse=True) if p.isalpha())
    return re.compile(
        rf"(?P<civ>(?:{civ})\s+)?(?P<given>(?:(?P<first>{_GIVEN})[ ])?{_GIVEN})[ ]"
        rf"(?P<surname>(?:(?:{particles})[ ]|d['’])?{_CAPS}(?:[ ]{_CAPS})*)(?![{_L}])"
    )


@dataclass(frozen=True)
class Person:
    start: int
    end: int
    name: str
    certain: bool = False  # a surname in capitals or a civility, not the NER alone
    title: tuple[int, int] | None = None  # the function's clean offsets
    organisation: tuple[int, int] | None = None
    title_rule: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        """Surname and first initial: 'Thomas DEROCHE' and 'Thomas Deroche' are one person."""
        parts = self.name.lower().split()
        return parts[-1], parts[0][:1]


def natural_case(word: str) -> str:
    """'COIPLET' -> 'Coiplet', 'N'DIAYE' -> 'N'Diaye', 'LE' -> 'Le'; mixed case is left alone."""
    if not word.isupper():
        return word
    return re.sub(rf"[{_U}]+", lambda m: m.group(0)[0] + m.group(0)[1:].lower(), word)


def _clean_name(given: str, surname: str) -> str:
    particles = lexicon().words("name_particle")
    out = [w if w.lower() in particles and not w.isupper() else natural_case(w) for w in surname.split()]
    return " ".join([given, *out])


def caps_name_starts(ctx: Ctx) -> list[int]:
    """Where each 'Prénom NOM' written with its surname in capitals starts (its given name)."""
    out = []
    for m in _caps_name().finditer(ctx.clean):
        given, start = m.group("given"), m.start("given")
        if m.group("first") and not _double_given(ctx, m):
            given, start = given[len(m.group("first")) + 1 :], m.end("first") + 1
        if _is_name([*given.split(), *m.group("surname").split()]):
            out.append(start)
    return out


def _is_name(words: list[str]) -> bool:
    lex = lexicon()
    not_given, not_in, particles = lex.words("not_given_name"), lex.words("not_in_name"), lex.words("name_particle")
    if not 2 <= len(words) <= 5:
        return False
    if words[0].lower().strip(".") in not_given or len(words[0].rstrip(".")) < 2:
        return False
    for w in words:
        if any(part in not_in for part in w.lower().split("-")) or any(c.isdigit() for c in w):
            return False
        if not (w[0].isupper() or w.lower() in particles):
            return False
    return words[-1].lower() not in particles


def _lexicon_word(ctx: Ctx, start: int) -> bool:
    """A capitalised word that is a lexicon form (CPAM, ARS, PETR, DG): an institution, not a surname."""
    return any(ctx.match_at(label, start) for label in ("ORG", "KIND", "TITLE", "CLS"))


def _double_given(ctx: Ctx, m: re.Match[str]) -> bool:
    """'Jean Pierre MARTIN' has two given names only if the NER sees one person there;
    'Selon Yves LE ROUX', 'La Préfète Hélène DUCHEMIN' have one."""
    lex = lexicon()
    first = m.group("first").lower()
    if first in lex.words("not_given_name") or first in lex.words("not_in_name"):
        return False
    a, b = m.start("first"), m.end("given")
    return any(e.label_ == "PER" and e.start_char <= a and e.end_char >= b for e in ctx.doc.ents)


def _after_title(ctx: Ctx, start: int) -> bool:
    """'Président de Cœur de Garonne': what follows a function and 'de' names its organisation."""
    before = ctx.clean[max(0, start - 40) : start]
    return bool(re.search(rf"(?<!\w)(?:{lexicon().alternation('of')})\s*$", before)) and any(
        t.end_char <= start and not ctx.clean[t.end_char : start].strip(" ").count(" ") > 2
        for t in ctx.touching("TITLE", max(0, start - 120), start)  # three words back, at most
    )


def _names(ctx: Ctx, orgs: Organisations) -> list[Person]:
    """Every person mention, in text order; capitals-surname matches win over NER spans."""
    found: list[Person] = []
    for m in _caps_name().finditer(ctx.clean):
        given, surname, start = m.group("given"), m.group("surname"), m.start("given")
        if m.group("first") and not _double_given(ctx, m):
            given, start = given[len(m.group("first")) + 1 :], m.end("first") + 1
        last = surname.split()[-1]
        if _lexicon_word(ctx, m.end("surname") - len(last)) or orgs.covering(start, m.end("surname")):
            continue
        if not _is_name([*given.split(), *surname.split()]):
            continue
        found.append(Person(start, m.end("surname"), _clean_name(given, surname), True))
    civilities = lexicon().civilities
    for ent in ctx.doc.ents:
        if ent.label_ != "PER":
            continue
        start, text = ent.start_char, ent.text
        first = text.split(maxsplit=1)
        civ = len(first) == 2 and first[0] in civilities
        if civ:
            start, text = start + len(first[0]) + 1, first[1].lstrip()
            start = ent.end_char - len(text)
        if "\n" in text or "/" in text:
            continue
        words = text.split()
        if not _is_name(words) or any(w.isupper() and len(w) > 1 for w in words):
            continue
        end = start + len(text)
        if any(not (end <= p.start or start >= p.end) for p in found) or _after_title(ctx, start) or orgs.covering(start, end):
            continue
        found.append(Person(start, end, " ".join(natural_case(w) for w in words), civ))
    return sorted(found, key=lambda p: p.start)


def find_people(ctx: Ctx, orgs: Organisations | None = None) -> list[Person]:
    """Every person mention with its function and organisation, when the text gives them."""
    orgs = orgs or Organisations(ctx)
    people = _names(ctx, orgs)
    titles = [_title_extent(ctx, t, orgs) for t in ctx.matches("TITLE")]
    return [_with_title(ctx, p, people, titles) for p in people]


@dataclass(frozen=True)
class _Title:
    start: int
    end: int  # the function with its modifiers
    org: tuple[int, int] | None
    reach: int  # where the function's phrase ends (its organisation included)


def _title_extent(ctx: Ctx, t: object, orgs: Organisations) -> _Title:
    """A TITLE match with its modifiers ('directrice générale adjointe') and its organisation."""
    lex = lexicon()
    modifiers, of, articles = lex.words("title_modifier"), lex.words("of"), lex.words("article")
    doc = ctx.doc
    i = t.end  # type: ignore[attr-defined]
    while i < len(doc) and doc[i].lower_ in modifiers:
        i += 1
    if i < len(doc) and doc[i].text == "«":  # 'directrice « Accompagnement assurés et employeurs »'
        close = next((k for k in range(i + 1, min(len(doc), i + 8)) if doc[k].text == "»"), None)
        if close is not None:
            i = close + 1
    end = doc[i - 1].idx + len(doc[i - 1].text)
    org: tuple[int, int] | None = None
    j = i
    if j < len(doc) and doc[j].lower_ in of:
        j += 1
        if j < len(doc) and doc[j].lower_ in articles:
            j += 1
    if j < len(doc) and (j > i or doc[j].text.isupper()):
        at = orgs.at(doc[j].idx)
        if at:
            org = (at.start, at.end)
        elif j > i:
            k = name_run(doc, j)
            if k > j:
                org = (doc[j].idx, doc[k - 1].idx + len(doc[k - 1].text))
            elif doc[j].is_alpha and doc[j].is_lower and (j + 1 == len(doc) or doc[j + 1].is_punct or doc[j + 1].lower_ == "et"):
                org = (doc[j].idx, doc[j].idx + len(doc[j].text))  # 'le président de la collectivité'
    return _Title(t.start_char, end, org, org[1] if org else end)  # type: ignore[attr-defined]


@cache
def _gaps() -> dict[str, re.Pattern[str]]:
    """What may stand between a function and its person."""
    lex = lexicon()
    civ = "|".join(re.escape(c) for c in sorted(lex.civilities, key=len, reverse=True))
    return {
        # 'la directrice départementale de l'ARS dans le Cher, Sandrine Collet': the function's phrase, a comma, the name
        "phrase": re.compile(rf"[^,.;:\n]{{0,60}},\s*(?:(?:{civ})\s+)?"),
        # 'du Directeur des Centres Hospitaliers de Millau, de Saint-Affrique et de l'EHPAD de Nant Luc BERNARD'
        "long_org": re.compile(rf"\s*(?:{lex.alternation('of')})[^.;:\n]{{0,160}}[, ]\s*(?:(?:{civ})\s+)?"),
        # ', ' or ' (' or ', future ' between a name and the function after it
        "attached": re.compile(rf"\s*(?:,\s*)?(?:\(\s*)?(?:(?:{lex.alternation('title_prefix')})\s+)?"),
    }


def _with_title(ctx: Ctx, p: Person, people: list[Person], titles: list[_Title]) -> Person:
    """The function right after the name wins; one before it counts only when nobody else stands
    between them and it is not itself right after someone else's name."""
    for t in titles:
        if t.start >= p.end and _gaps()["attached"].fullmatch(ctx.clean[p.end : t.start]):
            return replace(p, title=(t.start, t.end), organisation=t.org, title_rule="title.after_name")
    civilities = lexicon().civilities
    for t in reversed(titles):
        if t.reach > p.start or p.start - t.reach > _BEFORE_REACH:
            continue
        gap = ctx.clean[t.reach : p.start]
        words = [w for w in re.findall(r"[^\s,]+", gap) if w not in civilities]
        # 'la directrice départementale de l'ARS dans le Cher, Sandrine Collet': the function's phrase, a comma, the name
        phrase = _gaps()["phrase"].fullmatch(ctx.clean[t.end : p.start]) or _gaps()["long_org"].fullmatch(ctx.clean[t.end : p.start])
        if (words and not phrase) or "\n" in gap or any(t.start <= q.start < p.start or _owned_by(ctx, q, t) for q in people if q is not p):
            break
        return replace(p, title=(t.start, t.end), organisation=t.org, title_rule="title.before_name")
    return p


def _owned_by(ctx: Ctx, q: Person, t: _Title) -> bool:
    return q.end <= t.start and bool(_gaps()["attached"].fullmatch(ctx.clean[q.end : t.start]))
