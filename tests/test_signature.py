"""When, where and whether the CLS was signed: record["signature"]."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Record = Callable[[str], dict[str, Any]]

COEVRONS = (
    "Signature du 1er Contrat Local de Santé\n\nSanté-social\n\n12 juin 2018\n\n"
    "Entre l’Agence Régionale de Santé et la Communauté de communes des Coëvrons\n\n"
    "En présence de M. Jean-Jacques COIPLET, Directeur de l’Agence Régionale de Santé, de M. Stephan DOMINGO, Délégué départemental de l’ARS, "
    "de M. Denis WALECKX, Directeur départemental des services académiques et de M. Joël BALANDRAUD, Président de la Communauté de Communes des Coëvrons, "
    "a eu lieu, le 12 juin après-midi, la signature officielle du premier Contrat Local de Santé (CLS) 2018-2020, au Trait d’Union à EVRON.\n\n"
    "Etabli pour une durée de 3 ans, ce premier CLS couvre l’ensemble du territoire des Coëvrons. "
    "Son ambition est de répondre aux besoins identifiés au travers du diagnostic initial de santé achevé en 2017."
)
D01 = (
    "Aude : la Communauté d'agglomération Lauragais-Montagne Noire signe son deuxième Contrat local de santé\n\n"
    "Publié le 05/02/2021 | Mis à jour le 08/02/2021\n\n"
    "Le 3 février 2021, dans la salle du conseil de l'hôtel communautaire de Castelnaudary, Mme Sophie MARTIN, Directrice générale de l'Agence régionale "
    "de santé (ARS) Occitanie, et M. Bernard CASTAING, Président de la Communauté d'agglomération Lauragais-Montagne Noire (CALMN), ont signé le deuxième "
    "Contrat local de santé (CLS) du territoire.\n\n"
    "Un premier contrat, signé le 17 novembre 2015, avait permis de structurer une dynamique locale autour de la démographie médicale."
)
D07 = (
    "Communiqué de presse – Troyes, le 28 novembre 2024\n\n"
    "Le PETR Seine-en-Plaine-Othe et l'ARS Grand Est signeront le premier Contrat local de santé du territoire\n\n"
    "Le Contrat local de santé (CLS) du Pôle d'équilibre territorial et rural (PETR) Seine-en-Plaine-Othe sera signé le jeudi 12 décembre 2024 à 10 h 30, "
    "à la salle polyvalente de Marcilly-le-Hayer. Il engagera ses signataires pour la période 2025-2029.\n\n"
    "Le comité de pilotage du 15 octobre 2024 a validé le programme d'actions, qui sera soumis au comité syndical du 3 décembre."
)
D11 = (
    "COMMUNIQUÉ DE PRESSE\nCaen, le 27 novembre 2017\n\nSignature du Contrat local de santé de Caux-Valmont Agglomération\n\n"
    "Le 24 novembre 2017, au siège de la Communauté d'agglomération Caux-Valmont à Valmont, l'Agence régionale de santé (ARS) de Normandie, "
    "représentée par sa Directrice générale, Mme Hélène BRUNET, et Caux-Valmont Agglomération, représentée par sa Présidente, Mme Catherine LEVASSEUR, "
    "ont signé le Contrat local de santé (CLS) du territoire pour la période 2018-2022, soit cinq ans.\n\n"
    "Le conseil communautaire a approuvé le projet de contrat le 26 septembre 2017."
)


@pytest.mark.parametrize(
    ("text", "date", "place", "status"),
    [
        pytest.param(COEVRONS, "2018-06-12", "Evron", "signed", id="coevrons-yearless-day+place-in-capitals"),
        pytest.param(D01, "2021-02-03", "Castelnaudary", "signed", id="d01-distractor-dates"),
        pytest.param(D07, "2024-12-12", "Marcilly-le-Hayer", "planned", id="d07-sera-signe"),
        pytest.param(D11, "2017-11-24", "Valmont", "signed", id="d11-dateline-is-not-the-signature"),
        pytest.param(
            "Le contrat local de santé de la communauté de communes Mézenc-Meygal (CCMM) a été signé le 09/11/2021 à Saint-Julien-Chapteuil "
            "par son président, Pierre ARNAUD. Il court pour trois ans.",
            "2021-11-09", "Saint-Julien-Chapteuil", "signed", id="d05-numeric-date",
        ),
        pytest.param(
            "Le vendredi 9 décembre 2022, à la salle des fêtes de Bénévent-l'Abbaye, l'ARS Nouvelle-Aquitaine et le Pays Creuse-Gartempe "
            "ont signé le premier Contrat Local de Santé (CLS) du territoire.",
            "2022-12-09", "Bénévent-l'Abbaye", "signed", id="d09-venue-of-a-locality",
        ),
        pytest.param(
            "Quatre ans après le premier contrat local de santé, la Communauté de communes Gâtine-Thouet et l'Agence régionale de santé Nouvelle-Aquitaine "
            "ont signé le 21/01/19, à la Maison des services de Saint-Loup-Lamairé, le CLS II, qui s'étendra sur la période 2019 – 2023.",
            "2019-01-21", "Saint-Loup-Lamairé", "signed", id="d14-two-digit-year",
        ),
        pytest.param(
            "COMMUNIQUÉ DE PRESSE\nValbourg, le 2 avril 2019\n\nSigné en mars 2019 par le Président de la Communauté urbaine de Valbourg (CUV), "
            "le Contrat local de santé (CLS) de la CUV engage pour cinq ans les 46 communes de l'agglomération.",
            "2019-03", None, "signed", id="d04-month-precision-no-place",
        ),
        pytest.param(
            "Le contrat local de santé de la Ville de Pont-l'Évêque a été signé le 5 juillet 2021 à Pont-l'Évêque.",
            "2021-07-05", "Pont-l'Évêque", "signed", id="place-with-apostrophe",
        ),
        pytest.param(
            "Le contrat local de santé de la communauté d'agglomération Saint-Lô Agglo a été signé le 10 octobre 2022 à SAINT-LÔ.",
            "2022-10-10", "Saint-Lô", "signed", id="place-in-capitals",
        ),
        pytest.param(
            "Le contrat local de santé a été signé le 2 février 2023 à la mairie de Quimperlé par le maire et l'ARS Bretagne.",
            "2023-02-02", "Quimperlé", "signed", id="venue-de-locality",
        ),
        pytest.param(
            "La signature du contrat local de santé est prévue le 14 mars 2025 à Vire.",
            "2025-03-14", "Vire", "planned", id="signature-prevue",
        ),
        pytest.param(
            "Le maire signera le contrat local de santé le 20 mai 2026 à Dieppe.",
            "2026-05-20", "Dieppe", "planned", id="signera",
        ),
        pytest.param(
            "Le troisième contrat local de santé a été signé récemment à Porto-Vecchio (Corse-du-Sud).",
            None, "Porto-Vecchio", "signed", id="undated-signing-keeps-its-place",
        ),
        pytest.param(
            "La signature s'est déroulée le 14 octobre 2022 aux Jacobins (Lisieux), en présence du préfet.",
            "2022-10-14", "Lisieux", "signed", id="venue-name-then-town-in-brackets",
        ),
        pytest.param(
            "La signature du contrat local de santé aura lieu lundi 16 décembre 2024 au Kursaal à Besançon.",
            "2024-12-16", "Besançon", "planned", id="named-venue-then-a-town",
        ),
        pytest.param(
            "La commune a signé le 3 mars 2021 son contrat local de santé afin d'agir dans le domaine de la santé mentale.",
            "2021-03-03", None, "signed", id="dans-le-domaine-de-is-not-a-place",
        ),
        pytest.param(
            "Bailleul : le contrat local de santé est signé\nLe conseil communautaire avait approuvé le contrat le 14 février 2019. "
            "Le contrat local de santé a été signé le 3 avril 2019 à Bailleul.",
            "2019-04-03", "Bailleul", "signed", id="a-ete-signe-after-an-earlier-date",
        ),
        # where a period ends is no signing date
        pytest.param(
            "Actualité – 6 avril 2023\n\nSigné en mairie par la maire et l'ARS, ce CLS court jusqu'en 2026.",
            None, "mairie", "signed", id="jusqu-en-a-year-ends-the-period",
        ),
        pytest.param(
            "Conclu pour trois ans, le contrat local de santé s'applique jusqu'au 31 décembre 2017 sur les communes du Pays.",
            None, None, "signed", id="jusqu-au-a-day-ends-the-period",
        ),
        pytest.param(
            "Le contrat local de santé, signé le 12 mai 2022 à Dole, court jusqu'au 31 décembre 2026.",
            "2022-05-12", "Dole", "signed", id="the-signing-date-beside-the-end-of-the-period",
        ),
    ],
)
def test_signature_date_place_status(record_of: Record, text: str, date: str | None, place: str | None, status: str) -> None:
    sig = record_of(text)["signature"]
    assert (sig["date"], sig["place"], sig["status"]) == (date, place, status)


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        (COEVRONS, "12 juin"),
        (D07, "jeudi 12 décembre 2024"),
        (D11, "24 novembre 2017"),
    ],
)
def test_signature_span_holds_the_date_as_written(record_of: Record, text: str, evidence: str) -> None:
    span = record_of(text)["signature"]["span"]
    assert evidence in span["text"]
    assert text[span["start"] : span["end"]] == span["text"]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        pytest.param(
            "Pour conduire cette démarche de renouvellement, un bilan du premier CLS est à réaliser.\n\n"
            "La signature officielle du CLS est en projet avec la volonté de mettre en place une démarche participative.",
            "planned", id="ccvba-en-projet",
        ),
        pytest.param(
            "Après en avoir délibéré, le Conseil communautaire, à l'unanimité :\n\n"
            "- APPROUVE le Contrat local de santé 2022-2026 à conclure avec l'Agence régionale de santé Hauts-de-France ;\n"
            "- AUTORISE le Président à signer ledit contrat ainsi que tout document s'y rapportant ;",
            "planned", id="d15-autorisation",
        ),
        pytest.param(
            "Loué. Le centre de vaccination fermera ses portes le 30 avril\n\nLa logistique a été assurée par la coordinatrice du contrat local de santé, "
            "Élodie Garnier. L'évaluation du contrat local de santé est inscrite à l'ordre du jour du prochain comité de pilotage.",
            None, id="d06-no-signature",
        ),
    ],
)
def test_undated_signature_status(record_of: Record, text: str, status: str | None) -> None:
    sig = record_of(text)["signature"]
    assert (sig["date"], sig["place"], sig["status"]) == (None, None, status)


def test_yearless_date_warns(record_of: Record) -> None:
    rec = record_of(
        "Signature officielle du Contrat Local de Santé de Lisieux Normandie\n\nActualité\n\n"
        "La signature a eu lieu mardi 15 mars à Saint-Pierre-en-Auge (Calvados), en présence de Thomas DEROCHE, DG ARS.\n"
        "CLS Lisieux 15/03/22 - 2"
    )
    assert rec["signature"]["date"] == "2022-03-15"
    assert rec["signature"]["place"] == "Saint-Pierre-en-Auge"
    assert any("year" in w for w in rec["warnings"])


def test_no_year_anywhere_gives_null_and_a_warning(record_of: Record) -> None:
    rec = record_of("La signature du contrat local de santé a eu lieu mardi 15 mars à Saint-Pierre-en-Auge.")
    assert rec["signature"]["date"] is None
    assert rec["warnings"]
