"""Proper names over tokens: a run of capitalised words and the small words that join them
('Paris – Vallée de la Marne', 'Mad & Moselle', 'Simone VEIL de Beauvais'). Shared by the
organisation, person and territory mentions."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from ..lexicon import lexicon

Token = Any  # spacy.tokens.Token


def capitalised(t: Token) -> bool:
    """A word that can carry a name: capitalised, or an alphanumeric code ('4CPS', '2A')."""
    s = t.text
    return bool(s) and (s[0].isupper() or (s[0].isdigit() and any(c.isalpha() for c in s))) and not t.is_punct


def acronym(s: str) -> bool:
    """'CPAM', 'Umis', 'CeA', 'ARS', '4CPS': a short word of letters (after a digit or two) with at
    least two capitals or all capitals."""
    letters = [c for c in s if c.isalpha()]
    first = s.lstrip("0123456789")[:1]
    return 2 <= len(s) <= 10 and s.replace("-", "").isalnum() and len(letters) >= 2 and first.isupper() and (
        sum(c.isupper() for c in letters) >= 2 or s.isupper()
    )


def name_run(doc: Any, i: int, avoid: Collection[int] = (), limit: int = 12, et_avoid: Collection[int] | None = None) -> int:
    """End (exclusive token index) of the proper name starting at token `i`; `i` if none starts
    there. A joining word counts only when a capitalised word follows it; a token in `avoid`
    (the start of a function, another institution) ends the name; so does a line break.
    With `et_avoid`, 'et' joins too ('Vallées de la Braye et de l'Anille', 'Entre Beauce et
    Perche'), unless what follows it starts an institution of `et_avoid` ('… et l'ARS')."""
    links = lexicon().words("name_link") | ({"et"} if et_avoid is not None else set())
    if i >= len(doc) or i in avoid or not capitalised(doc[i]):
        return i
    end = j = i + 1
    while j < len(doc) and j - i < limit:
        t = doc[j]
        if t.is_space:
            break
        if capitalised(t) and j not in avoid:
            j += 1
            end = j
            continue
        if t.lower_ in links:
            k = j
            while k < len(doc) and doc[k].lower_ in links and not doc[k].is_space:
                k += 1
            crossed_et = any(doc[x].lower_ == "et" for x in range(j, k))
            if k < len(doc) and k - j <= 3 and capitalised(doc[k]) and k not in avoid and not (crossed_et and k in (et_avoid or ())):
                j = k
                continue
        break
    return end


def initials_fit(words: list[str], short: str) -> bool:
    """'Union mutualiste d'initiative santé' and 'Umis': the short form spells the initials of the
    words, function words optional ('Observatoire Régional de la Santé' and 'ORS')."""
    skip = lexicon().words("name_link") | lexicon().words("of") | lexicon().words("article")
    letters = short.replace("-", "").lower()
    content = [w.lower() for w in words if w and w[0].isalnum()]
    return _spell(content, letters, skip)


def _spell(words: list[str], letters: str, skip: frozenset[str]) -> bool:
    if not letters:
        return all(w in skip for w in words)
    if not words:
        return False
    w, rest = words[0], words[1:]
    if w in skip and _spell(rest, letters, skip):
        return True
    return w[0] == letters[0] and _spell(rest, letters[1:], skip)
