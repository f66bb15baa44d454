"""Which CLS of the territory this is (1 for 'premier', 2 for 'CLS II' or a renewal…).

A rank in the region ('le neuvième CLS signé en Normandie') is not the contract's number.
The number written in the title wins, then the one in the signing sentence, then the highest.
"""

from __future__ import annotations

import re
from functools import cache

from ..doc import Ctx, ordinal
from ..patterns import load_json

_CLS = r"(?:contrat\s+local\s+de\s+santé|CLS|contrat)"
_RANK_TAIL = re.compile(
    r"\s*(?:\(CLS\)\s*)?(?:(?:signé|conclu)s?\s+)?(?:depuis\s+\d{4}\s+)?(?:en|de|du|dans)\s+(?:(?:la|le)\s+|l['’]\s*)?(?P<where>région\b|France\b|département\b)?",
    re.IGNORECASE,
)


@cache
def _patterns() -> list[re.Pattern[str]]:
    data = load_json("numbers.json")
    ords = "|".join(sorted((re.escape(k) for k in data["ordinals"]), key=len, reverse=True))
    roman = "|".join(data["roman"])
    return [
        re.compile(rf"\b(?P<n>{ords})\s+{_CLS}\b", re.IGNORECASE),
        re.compile(rf"\b{_CLS}\s+(?:\w+\s+)?(?:de\s+)?[«“\"]?\s*(?P<n>{ords})\s+génération\b", re.IGNORECASE),
        re.compile(rf"\b(?P<n>{ords})\s+génération\s+(?:du\s+|de\s+la\s+|de\s+|d['’]\s*)?{_CLS}", re.IGNORECASE),
        # 'Un premier contrat avait été signé en 2016': this one is at least the second
        re.compile(rf"\b(?P<earlier>un\s+premier)\s+{_CLS}", re.IGNORECASE),
        re.compile(rf"\bCLS\s+(?P<n>{roman}|[1-9])\b(?![\d/-])"),
        # 'a renouvelé son CLS', 'a officiellement renouvelé et étendu son contrat'
        re.compile(rf"\b(?P<renew>renouvel\w*)\s+(?:et\s+\w+\s+)?(?:(?:de|du)\s+)?(?:(?:son|sa|leur|notre|le|la|du)\s+)?{_CLS}", re.IGNORECASE),
        re.compile(rf"\b{_CLS}\s+(?:\w+\s+){{0,3}}(?P<renew2>renouvel\w*)", re.IGNORECASE),
    ]


def _regional_rank(ctx: Ctx, end: int, n: int) -> bool:
    """'le neuvième CLS signé en Normandie', 'dans le Morbihan': a rank in a region or a department."""
    if n == 1:
        return False
    m = _RANK_TAIL.match(ctx.clean, end)
    if not m:
        return False
    if m.group("where"):
        return True
    return any(r.start_char == m.end() for label in ("REGION", "DEPARTMENT") for r in ctx.matches(label))


def mentions(ctx: Ctx) -> list[tuple[int, int, int]]:
    """(number, start, end) for every mention of the contract's rank."""
    out: list[tuple[int, int, int]] = []
    for rx in _patterns():
        for m in rx.finditer(ctx.clean):
            if m.groupdict().get("earlier"):
                out.append((1, m.start(), m.end()))
                out.append((2, m.start(), m.start()))
                continue
            if m.groupdict().get("renew") or m.groupdict().get("renew2"):
                out.append((2, m.start(), m.end()))
                continue
            n = ordinal(m.group("n")) or (int(m.group("n")) if m.group("n").isdigit() else None)
            if n and not _regional_rank(ctx, m.end(), n):
                out.append((n, m.start(), m.end()))
    return sorted(out, key=lambda x: x[1])


def extract_cls_number(ctx: Ctx, title_end: int) -> tuple[int, tuple[int, int], list[tuple[int, int]]] | None:
    """(number, evidence, spans that name an earlier contract of the territory)."""
    found = [f for f in mentions(ctx) if f[2] > f[1]] + [f for f in mentions(ctx) if f[2] == f[1]]
    if not found:
        return None
    if len({n for n, _, _ in found}) > 1:
        ctx.warnings.append("the text speaks of several contracts: " + ", ".join(sorted({f"CLS {n}" for n, _, _ in found})))
    in_title = [f for f in found if f[1] < title_end and f[2] > f[1]]
    n, a, b = in_title[0] if in_title else max(found, key=lambda x: (x[0], x[2] > x[1]))
    if b == a:  # implied by 'un premier contrat…': point at that phrase
        a, b = next((x, y) for m, x, y in found if m == 1 and x == a)
    # sentences naming an earlier contract, unless they name this one too ('après le premier CLS, … le CLS II')
    current = [ctx.sentence_of(x) for m, x, y in found if m == n and y > x]
    earlier = [(x, y) for m, x, y in found if m < n and y > x and ctx.sentence_of(x) not in current]
    return n, (a, b), earlier
