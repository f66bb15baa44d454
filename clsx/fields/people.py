"""Person mentions: the NER's PER entities, and 'Prénom NOM' with the surname in capitals,
which the model splits or misses. Names come out in natural case, without civility."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..doc import Ctx
from ..patterns import load_json

_DATA = load_json("people.json")
_NOT_GIVEN = frozenset(_DATA["not_given_names"])
_NOT_IN_NAME = frozenset(_DATA["not_in_names"])
_PARTICLES = frozenset(_DATA["particles"])

_U = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ"
_L = "a-zàâäçéèêëîïôöùûüÿœæ"
_GIVEN = rf"[{_U}][{_L}]+(?:-[{_U}][{_L}]+)*"
_CAPS = rf"[{_U}](?:[{_U}]|['’-][{_U}])+"
_CIVIL = r"(?:(?:M\.|Mme\.?|MME|Mlle|Monsieur|Madame|Dr\.?|Docteur|docteur|Pr\.?|Professeur)\s+)"
# "M. Jean-Jacques COIPLET", "Mme Anne-Sophie de LA TOUR", "Marie-Claire N'DIAYE"
_CAPS_NAME = re.compile(
    rf"(?P<civ>{_CIVIL})?(?P<given>(?:(?P<first>{_GIVEN})[ ])?{_GIVEN})[ ]"
    rf"(?P<surname>(?:(?:de|du|des|d['’]|van|von)[ ]?)?{_CAPS}(?:[ ]{_CAPS})*)(?![{_L}])"
)


@dataclass(frozen=True)
class Person:
    start: int
    end: int
    name: str
    certain: bool = False  # a surname in capitals or a civility, not the NER alone

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
    words = surname.split()
    out = [w if w.lower() in _PARTICLES and not w.isupper() else natural_case(w) for w in words]
    return " ".join([given, *out])


def _acronym_like(word: str) -> bool:
    return word.isupper() and len(word) <= 5


def _is_name(words: list[str]) -> bool:
    if not 2 <= len(words) <= 5:
        return False
    if words[0].lower().strip(".") in _NOT_GIVEN or len(words[0].rstrip(".")) < 2:
        return False
    for w in words:
        if any(part in _NOT_IN_NAME for part in w.lower().split("-")) or any(c.isdigit() for c in w):
            return False
        if not (w[0].isupper() or w.lower() in _PARTICLES):
            return False
    return not words[-1].lower() in _PARTICLES


def _after_title(ctx: Ctx, start: int) -> bool:
    """'Président de Cœur de Garonne': what follows a function and 'de' names its organisation."""
    before = ctx.clean[max(0, start - 40) : start]
    return bool(re.search(r"(?:de|du|des|d['’])\s*$", before)) and any(
        t.end_char <= start and not ctx.clean[t.end_char : start].strip(" ").count(" ") > 2 for t in ctx.matches("TITLE")
    )


def _double_given(ctx: Ctx, m: re.Match[str]) -> bool:
    """'Jean Pierre MARTIN' has two given names only if the NER sees one person there;
    'Selon Yves LE ROUX', 'La Préfète Hélène DUCHEMIN' have one."""
    first = m.group("first")
    if first.lower() in _NOT_GIVEN or first.lower() in _NOT_IN_NAME:
        return False
    a, b = m.start("first"), m.end("given")
    return any(e.label_ == "PER" and e.start_char <= a and e.end_char >= b for e in ctx.doc.ents)


def find_people(ctx: Ctx) -> list[Person]:
    """Every person mention, in text order; capitals-surname matches win over NER spans."""
    found: list[Person] = []
    for m in _CAPS_NAME.finditer(ctx.clean):
        given, surname, start = m.group("given"), m.group("surname"), m.start("given")
        if m.group("first") and not _double_given(ctx, m):
            given, start = given[len(m.group("first")) + 1 :], m.end("first") + 1
        words = [*given.split(), *surname.split()]
        if _acronym_like(surname.split()[-1]) and surname.split()[-1] in {"ARS", "CLS", "CPAM", "CAF", "MSA", "CHU", "DG", "DGA", "PETR", "CIAS", "URPS", "CPTS"}:
            continue
        if not _is_name(words):
            continue
        found.append(Person(start, m.end("surname"), _clean_name(given, surname), True))
    for ent in ctx.doc.ents:
        if ent.label_ != "PER":
            continue
        start, text = ent.start_char, ent.text
        civ = re.match(_CIVIL, text)
        if civ:
            start, text = start + civ.end(), text[civ.end() :]
        if "\n" in text or "/" in text:
            continue
        words = text.split()
        if not _is_name(words) or any(w.isupper() and len(w) > 1 for w in words):
            continue
        end = start + len(text)
        if any(not (end <= p.start or start >= p.end) for p in found) or _after_title(ctx, start):
            continue
        found.append(Person(start, end, " ".join(natural_case(w) for w in words), bool(civ)))
    return sorted(found, key=lambda p: p.start)
