"""Which CLS of its territory the article is about (record["cls_number"])."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Record = Callable[[str], dict[str, Any]]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        pytest.param("Signature du 1er Contrat Local de Santé\n\n12 juin 2018\n\nLa signature officielle du premier CLS a eu lieu à Evron.", 1, id="1er"),
        pytest.param("Le premier Contrat Local de Santé du Pays Creuse-Gartempe est signé.", 1, id="premier"),
        pytest.param("La Ville de Montvallon a signé le 1er octobre son troisième Contrat local de santé (CLS).", 3, id="troisieme"),
        pytest.param("Montvallon signe son Contrat local de santé de 3e génération", 3, id="3e-generation"),
        pytest.param("Le CLS de troisième génération a été signé par la Ville et l'ARS.", 3, id="de-troisieme-generation"),
        pytest.param("La Communauté d'agglomération a signé le 3 février 2021 le deuxième Contrat local de santé (CLS) du territoire.", 2, id="deuxieme"),
        pytest.param("Le second contrat local de santé de la commune a été signé le 3 mars 2022.", 2, id="second"),
        pytest.param("GÂTINE-THOUET LE MAG\n\nCLS II : c'est signé !\n\nLa Communauté de communes et l'ARS ont signé le CLS II.", 2, id="CLS-II"),
        pytest.param("CLS 2 : la CCVBA poursuit son engagement dans un nouveau contrat.", 2, id="CLS-2"),
        pytest.param(
            "Santé : la Métropole renouvelle son contrat local de santé\n\nLa Métropole et l'ARS ont signé le renouvellement du contrat local de santé.",
            2, id="renouvellement",
        ),
        pytest.param("La commune renouvelle son contrat local de santé avec l'ARS Bretagne.", 2, id="renouvelle"),
        pytest.param(
            "Le 24 novembre 2017, l'ARS et Caux-Valmont Agglomération ont signé le Contrat local de santé (CLS) du territoire.\n\n"
            "Ce contrat est le neuvième CLS signé en Normandie depuis la création de la région.",
            None, id="regional-rank-neuvieme-en-Normandie",
        ),
        pytest.param("Le CLS est le troisième signé en Bretagne cette année.", None, id="regional-rank-troisieme-en-Bretagne"),
        pytest.param("Le CLS « 3ème génération » 2025-2030 fait suite à ceux engagés en 2014 et 2019.", 3, id="generation-in-quotes"),
        pytest.param(
            "La Communauté d'agglomération a officiellement renouvelé et étendu son contrat local de santé pour la période 2024-2028.",
            2, id="renouvele-et-etendu",
        ),
        pytest.param("La Ville de Bellegarde-sur-Cher et l'ARS ont signé un contrat local de santé.", None, id="unsaid"),
        pytest.param("Le CLS 2023-2027 a été signé par la Ville et l'ARS.", None, id="a-year-range-is-not-a-number"),
        pytest.param(
            "Quatre ans après le premier contrat local de santé, la Communauté de communes Gâtine-Thouet et l'ARS ont signé le 21/01/19 le CLS II, "
            "qui s'étendra sur la période 2019 – 2023.",
            2, id="d14-highest-in-the-signing-sentence",
        ),
        pytest.param(
            "C'est le dixième contrat local de santé signé dans le département.", None, id="rank-in-the-departement",
        ),
        pytest.param(
            "Il s'agit du quatrième contrat local de santé signé dans le Morbihan.", None, id="rank-in-a-named-departement",
        ),
    ],
)
def test_cls_number(record_of: Record, text: str, number: int | None) -> None:
    assert record_of(text)["cls_number"] == number


def test_several_contracts_are_flagged(record_of: Record) -> None:
    rec = record_of(
        "Aude : l'agglomération signe son deuxième Contrat local de santé\n\nLe 3 février 2021, l'ARS et l'agglomération ont signé le deuxième CLS. "
        "Un premier contrat, signé le 17 novembre 2015, avait permis de structurer une dynamique locale."
    )
    assert rec["cls_number"] == 2
    assert any("several contracts" in w for w in rec["warnings"])
