"""Amounts of money committed to the CLS (record["funding"]): '44 000 euros', '1,2 million d'euros'.

- funding.amount: an amount with its unit; its funder is the ARS when the ARS is named before it
  in its sentence.
"""

from __future__ import annotations

import re

from ..candidate import Candidate
from ..doc import Ctx

_AMOUNT = re.compile(
    r"(?<!\d)(?P<n>\d{1,3}(?:[  .]\d{3})+|\d+(?:,\d+)?)\s*(?P<unit>millions?\s+d['’]euros|M€|k€|euros|€)",
    re.IGNORECASE,
)
_SCALE = {"m€": 1_000_000, "k€": 1_000}


def find(ctx: Ctx) -> list[Candidate[tuple[float, str | None]]]:
    out = []
    ars = [o for o in ctx.matches("ORG") if o.id_ == "org.ars"]
    for m in _AMOUNT.finditer(ctx.clean):
        value = float(re.sub(r"[  .]", "", m.group("n")).replace(",", "."))
        unit = m.group("unit").lower()
        value *= 1_000_000 if unit.startswith("million") else _SCALE.get(unit, 1)
        a, _ = ctx.sentence_of(m.start())
        funder = "ARS" if any(a <= s.start_char < m.start() for s in ars) else None
        out.append(Candidate((value, funder), m.start(), m.end(), "funding.amount"))
    return out
