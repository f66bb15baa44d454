"""Amounts committed to the CLS (record["funding"])."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from clsx.fields.funding import find


@pytest.mark.parametrize(
    ("sentence", "funding"),
    [
        ("Le recrutement d'un chargé de mission santé a été lancé fin janvier, que l’ARS co-finance à hauteur de plus de 44 000 euros pour la durée du CLS.",
         [(44000, "ARS", "44 000 euros")]),
        ("Saint-Aurèle Métropole consacrera 1,2 million d'euros par an aux actions du CLS ; l'ARS apportera 450 000 euros par an.",
         [(1_200_000, None, "1,2 million d'euros"), (450_000, "ARS", "450 000 euros")]),
        ("L'ARS Normandie consacrera 180 000 euros au contrat sur sa durée, dont 30 000 euros par an pour le poste de coordination.",
         [(180_000, "ARS", "180 000 euros"), (30_000, "ARS", "30 000 euros")]),
        ("La communauté de communes investit 1,5 M€ et l'ARS 80 k€.", [(1_500_000, None, "1,5 M€"), (80_000, "ARS", "80 k€")]),
        ("Le Département apporte 25\u00a0000\u00a0€ par an.", [(25_000, None, "25\u00a0000\u00a0€")]),
        ("Le budget du CLS atteint 2 millions d’euros.", [(2_000_000, None, "2 millions d’euros")]),
        ("Le poste est cofinancé par l'ARS à hauteur de 50 %.", []),
        ("Nous sommes quatre pour un bassin de 9 000 habitants.", []),
    ],
)
def test_funding(ctx_of: Callable[[str], Any], sentence: str, funding: list[tuple[float, str | None, str]]) -> None:
    ctx = ctx_of(sentence)
    got = [(c.value, ctx.span(c.start, c.end)) for c in find(ctx)]
    assert [(v[0], v[1], span.text) for v, span in got] == funding
    for _, span in got:
        assert sentence[span.start : span.end] == span.text
