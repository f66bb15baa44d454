"""Coordinations of organisations (clsx/mentions/enumerations.py): what a partner cue or a signing
verb governs, item by item; over spacy.blank("fr") and the lexicon, no model needed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from clsx.mentions import Mentions

Ctx = Callable[[str], Any]


def _items(ctx: Any, after: str) -> list[str]:
    start = ctx.clean.index(after) + len(after)
    return [it.name or ctx.clean[it.start : it.end] for it in Mentions(ctx).enumeration(start, ctx.sentence_of(start)[1])]


@pytest.mark.parametrize(
    ("sentence", "after", "items"),
    [
        pytest.param(
            "Le contrat est signé aux côtés de l'État, du conseil régional et de la CPAM.", "aux côtés de",
            ["État", "conseil régional", "CPAM"], id="de-article-each-item",
        ),
        pytest.param(
            "Il a été élaboré en lien avec le Département, la CAF et le centre hospitalier de Montluçon, puis validé.", "en lien avec",
            ["Département", "CAF", "centre hospitalier de Montluçon"], id="a-verb-ends-it",
        ),
        pytest.param(
            "Ont signé : la Préfecture du Cantal ; la Mutualité sociale agricole Auvergne ; l'Instance régionale d'éducation et de promotion de la santé.",
            "Ont signé", ["Préfecture du Cantal", "Mutualité sociale agricole Auvergne", "Instance régionale d'éducation et de promotion de la santé"],
            id="semicolons-after-a-colon",
        ),
        pytest.param(
            "Le document est cosigné par les Conseils départementaux de l'Ain et de la Savoie ainsi que par la MSA Alpes du Nord.", "cosigné par",
            ["Conseil départemental de l'Ain", "Conseil départemental de la Savoie", "MSA Alpes du Nord"], id="a-plural-head-shared-out",
        ),
        pytest.param(
            "Le CLS réunit la communauté de communes du Haut-Jura, celles de la Station des Rousses et de Champagnole.", "réunit",
            ["communauté de communes du Haut-Jura", "communauté de communes de la Station des Rousses", "communauté de communes de Champagnole"],
            id="celles-de-repeats-the-head",
        ),
        pytest.param(
            "Sont partenaires le Conseil départemental du Doubs, représenté par sa vice-présidente, la CPAM du Doubs et la Ligue contre le cancer.",
            "Sont partenaires", ["Conseil départemental du Doubs", "CPAM du Doubs", "Ligue contre le cancer"], id="an-aside-between-commas",
        ),
        pytest.param(
            "Il a été signé par les représentants de l'ARS, de la CPAM 25 (caisse primaire), de l'URPS Infirmiers libéraux BFC et de la ville.",
            "signé par", ["ARS", "CPAM 25", "URPS Infirmiers libéraux BFC", "ville"], id="brackets-and-a-name-running-on",
        ),
        pytest.param(
            "Ils ont signé le contrat avec la directrice générale de l'ARS et le président de la CPTS Sud Ardennes.", "avec",
            ["ARS", "CPTS Sud Ardennes"], id="the-bodies-their-heads-head",
        ),
    ],
)
def test_enumeration_items(blank_ctx: Ctx, sentence: str, after: str, items: list[str]) -> None:
    assert _items(blank_ctx(sentence), after) == items


def test_a_list_of_lines_ends_at_a_blank_line(blank_ctx: Ctx) -> None:
    text = "Les signataires :\n- la Préfecture de l'Yonne\n- le Conseil départemental de l'Yonne\n- la CAF de l'Yonne\n\nLe contrat court jusqu'en 2027."
    ctx = blank_ctx(text)
    start = ctx.clean.index(":\n") + 2
    got = [ctx.clean[it.start : it.end] for it in Mentions(ctx).enumeration(start, len(ctx.clean))]
    assert got == ["Préfecture de l'Yonne", "Conseil départemental de l'Yonne", "CAF de l'Yonne"]


@pytest.mark.parametrize(
    ("sentence", "after"),
    [
        ("Il a été pensé en lien avec les politiques territoriales de santé.", "en lien avec"),
        ("Le projet est porté par ses partenaires historiques.", "par"),
    ],
)
def test_no_organisation_no_item(blank_ctx: Ctx, sentence: str, after: str) -> None:
    assert _items(blank_ctx(sentence), after) == []
