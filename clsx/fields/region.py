"""The region of the signing ARS (record["region"]), as the text writes it ('ARS Pays de la Loire',
'Agence régionale de santé (ARS) de Bretagne'; 'Basse-Normandie' stays Basse-Normandie).

- region.after_ars: a region name right after the ARS (an 'de', 'du', 'en' or '(ARS)' between);
- region.before_ars: 'En Guyane, l'ARS et l'État accompagnent …' (the region, a comma, the ARS);
- region.of_plan: the region of the ARS's own regional health plan ('le Projet Régional de Santé
  (PRS) de Bourgogne-Franche-Comté'), when no ARS is named with its region.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from ..candidate import Candidate
from ..doc import Ctx
from ..lexicon import lexicon

@cache
def _gap() -> re.Pattern[str]:
    """What may stand between the ARS and its region: '(ARS)', 'de', 'de la', 'en'."""
    # each part eats the spaces after it, so that no two quantifiers compete for one run of spaces
    return re.compile(rf"[\s,]*(?:\((?:ARS|PRS)\)\s*)?(?:{lexicon().of_phrase()}|en\s+)?", re.IGNORECASE)
_PLAN_REACH = 40  # characters from 'Projet régional de santé' to its region
_GAP_CHARS = 40  # characters between the ARS and its region, at most
_BEFORE = re.compile(r",\s*(?:l['’]\s*|la\s+)?")  # 'En Guyane, l'ARS'


def find(ctx: Ctx) -> list[Candidate[str]]:
    out = []
    plans = [m.end() for m in re.finditer(r"projet\s+r[ée]gional\s+de\s+sant[ée]|\bPRS\b", ctx.clean, re.IGNORECASE)]
    for r in ctx.matches("REGION"):
        ars = [o for o in ctx.touching("ORG", r.start_char - _GAP_CHARS, r.end_char + _GAP_CHARS) if o.id_ == "org.ars"]
        if any(a.end_char <= r.start_char and r.start_char - a.end_char <= _GAP_CHARS and _gap().fullmatch(ctx.clean[a.end_char : r.start_char]) for a in ars):
            out.append(Candidate(r.id_, r.start_char, r.end_char, "region.after_ars"))
        elif ctx.clean[max(0, r.start_char - 3) : r.start_char].lower().strip() == "en" and any(
            a.start_char > r.end_char and a.start_char - r.end_char <= _GAP_CHARS and _BEFORE.fullmatch(ctx.clean[r.end_char : a.start_char]) for a in ars
        ):
            out.append(Candidate(r.id_, r.start_char, r.end_char, "region.before_ars", score=-0.5))  # 'En Guyane, l'ARS …'
        elif any(_gap().fullmatch(ctx.clean[p : r.start_char]) for p in plans[bisect.bisect_left(plans, r.start_char - _PLAN_REACH) : bisect.bisect_right(plans, r.start_char)]):
            out.append(Candidate(r.id_, r.start_char, r.end_char, "region.of_plan", score=-1.0))
    return out


def choose(found: list[Candidate[str]]) -> Candidate[str] | None:
    """The first region written after the ARS, else after its plan."""
    return max(found, key=lambda c: (c.score, -c.start)) if found else None
