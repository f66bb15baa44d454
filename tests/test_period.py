"""The contract's period: years and duration each only as the text states them (record["period"])."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Record = Callable[[str], dict[str, Any]]


@pytest.mark.parametrize(
    ("text", "start", "end", "duration"),
    [
        pytest.param(
            "Le 1er octobre dernier, la Ville de Montvallon a signé son troisième Contrat local de santé (CLS) avec l'ARS, pour la période 2024/2028.",
            2024, 2028, None, id="d03-periode-slash",
        ),
        pytest.param(
            "a eu lieu la signature officielle du premier Contrat Local de Santé (CLS) 2018-2020, au Trait d’Union à EVRON.\n\n"
            "Etabli pour une durée de 3 ans, ce premier CLS couvre l’ensemble du territoire des Coëvrons.",
            2018, 2020, 3, id="coevrons-range+duree",
        ),
        pytest.param(
            "Saint-Aurèle Métropole a signé le renouvellement du contrat local de santé. Ce nouveau contrat succède au premier CLS (2017-2022) "
            "et fixe la feuille de route commune en matière de santé publique jusqu'en 2028.",
            None, 2028, None, id="d08-jusqu-en+earlier-contract",
        ),
        pytest.param(
            "Le document, paraphé à Plumelec, guidera l'action des élus et des professionnels pendant les quatre prochaines années.",
            None, None, 4, id="d02-quatre-prochaines-annees",
        ),
        pytest.param(
            "Le contrat local de santé de la communauté de communes a été signé le 09/11/2021. Il court pour trois ans.",
            None, None, 3, id="d05-pour-trois-ans",
        ),
        pytest.param(
            "Le Pays a signé son premier CLS. D'une durée de trois ans, ce contrat concerne les 27 communes du Pays.",
            None, None, 3, id="d09-d-une-duree",
        ),
        pytest.param(
            "Le CLS a été signé le 15 mai 2024. Conclu pour cinq ans, le contrat couvre la période 2024-2028.",
            2024, 2028, 5, id="d13",
        ),
        pytest.param(
            "Signé le 14 octobre à Charolles, le contrat local de santé entrera en vigueur le 1er janvier prochain. Il couvrira les années 2017 à 2019.",
            2017, 2019, None, id="d12-annees-a",
        ),
        pytest.param(
            "Le CLS a été signé le 21/01/19, le CLS II, qui s'étendra sur la période 2019 – 2023.\n\n"
            "Le premier contrat (2015-2018) avait surtout porté sur l'installation de jeunes médecins.",
            2019, 2023, None, id="d14-earlier-range-ignored",
        ),
        pytest.param(
            "Avec leurs partenaires, le CLS pourra les guider dans toutes leurs actions pour les 3 prochaines années.",
            None, None, 3, id="lisieux-pour-les-3-prochaines",
        ),
        pytest.param(
            "Le diagnostic a été conduit en 2016-2017 auprès des habitants.", None, None, None, id="a-range-about-something-else",
        ),
        pytest.param(
            "Le docteur exerce à Saint-Aurèle depuis vingt ans. Le contrat local de santé a été signé hier.", None, None, None, id="no-period",
        ),
        pytest.param(
            "La Ville signe son deuxième contrat local de santé\n\n"
            "Un premier contrat, signé en 2014 pour trois ans, avait permis de structurer la démarche. "
            "La Ville a signé le 3 mars 2021 son deuxième contrat local de santé, conclu pour cinq ans.",
            None, None, 5, id="duration-of-the-earlier-contract",
        ),
        pytest.param(
            "La Ville a signé son contrat local de santé le 3 mars 2021. Le CLS guidera les acteurs du territoire durant les trois prochaines années.",
            None, None, 3, id="durant-les-trois-prochaines-annees",
        ),
        pytest.param(
            "La commune renouvelle son contrat local de santé. Le bilan du premier CLS, signé en 2015, guidera les priorités "
            "d'actions pour les 4 années à venir.",
            None, None, 4, id="annees-a-venir-look-ahead-past-the-first-contract",
        ),
        pytest.param(
            "Lancé en 2023, le travail d'élaboration du contrat local de santé a réuni, pendant deux ans, une grande diversité d'acteurs.",
            None, None, None, id="the-preparation-lasted-two-years",
        ),
        # the end of the period as a day, and 'valable' / 's'applique' as what a contract is
        pytest.param(
            "Le CLS a été signé le 27 juin 2014. Conclu pour trois ans, il s'applique jusqu'au 31 décembre 2017 sur les 86 communes du Pays.",
            None, 2017, 3, id="jusqu-au-a-day",
        ),
        pytest.param(
            "La communauté de communes a signé son contrat local de santé, qui court jusqu’au 30 juin 2027.",
            None, 2027, None, id="jusqu-au-a-day-curly-apostrophe",
        ),
        pytest.param(
            "Le contrat local de santé de la Ville a été signé mardi. Le document, valable jusqu'en 2023, décline trois priorités.",
            None, 2023, None, id="valable-jusqu-en",
        ),
        pytest.param(
            "La Ville a signé son contrat local de santé. Les travaux du nouveau gymnase dureront jusqu'en 2026.",
            None, None, None, id="jusqu-en-of-something-else",
        ),
    ],
)
def test_period(record_of: Record, text: str, start: int | None, end: int | None, duration: int | None) -> None:
    p = record_of(text)["period"]
    assert (p["start_year"], p["end_year"], p["duration_years"]) == (start, end, duration)
    if start or end or duration:
        assert text[p["span"]["start"] : p["span"]["end"]] == p["span"]["text"]
    else:
        assert p["span"] is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Le 1er octobre dernier, la Ville de Montvallon a signé son troisième CLS pour la période 2024/2028.", id="d03"),
        pytest.param("Le CLS a été signé le 3 mars 2024 pour la période 2024-2028.", id="periode-dash"),
    ],
)
def test_period_span_starts_on_a_word(record_of: Record, text: str) -> None:
    span = record_of(text)["period"]["span"]
    assert not text[span["start"] - 1].isalpha()
