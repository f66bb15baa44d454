"""Amounts of money committed to the CLS ('44 000 euros', '1,2 million d'euros')."""

from __future__ import annotations

import re

from ..doc import Ctx
from ..model import Funding

_AMOUNT = re.compile(
    r"(?<!\d)(?P<n>\d{1,3}(?:[  .]\d{3})+|\d+(?:,\d+)?)\s*(?P<unit>millions?\s+d['’]euros|M€|k€|euros|€)",
    re.IGNORECASE,
)


def extract_funding(ctx: Ctx) -> list[Funding]:
    out: list[Funding] = []
    ars = ctx.matches("ARS")
    for m in _AMOUNT.finditer(ctx.clean):
        value = float(re.sub(r"[  .]", "", m.group("n")).replace(",", "."))
        unit = m.group("unit").lower()
        if unit.startswith("million") or unit == "m€":
            value *= 1_000_000
        elif unit == "k€":
            value *= 1_000
        a, _ = ctx.sentence_of(m.start())
        funder = "ARS" if any(a <= s.start_char < m.start() for s in ars) else None
        out.append(Funding(amount_eur=value, funder=funder, span=ctx.span(m.start(), m.end())))
    return out
