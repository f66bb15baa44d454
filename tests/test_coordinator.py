"""The CLS coordinator or animator (record["coordinator"])."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Record = Callable[[str], dict[str, Any]]


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        pytest.param(
            "Ce partenariat se concrétisera prochainement par l’arrivée sur le territoire de MME Julie INDART, future animatrice de ce CLS.",
            "Julie Indart", "animatrice", id="coevrons-future-animatrice",
        ),
        pytest.param(
            "Manon Rivalain a pris ses fonctions de coordinatrice du CLS le 1er juin. Elle sera l'interlocutrice des 22 communes du territoire.",
            "Manon Rivalain", "coordinatrice", id="d02",
        ),
        pytest.param(
            "L'animation du contrat reste confiée à Mme Laura PEYRET, coordinatrice du CLS depuis 2016, dont le poste est cofinancé par l'ARS.",
            "Laura Peyret", "coordinatrice", id="d01",
        ),
        pytest.param(
            "« Le Parc avait l'habitude de faire travailler tout le monde ensemble », explique Aurélie Perret, chargée de mission santé du Parc, qui animera le contrat.",
            "Aurélie Perret", "chargée de mission santé", id="d12",
        ),
        pytest.param(
            "Chloé VERGNAUD, animatrice santé du Pays depuis septembre 2021, coordonnera la mise en œuvre du contrat.",
            "Chloé Vergnaud", "animatrice", id="d09",
        ),
        pytest.param(
            "La logistique a été assurée par les services intercommunaux et par la coordinatrice du contrat local de santé, Élodie Garnier, détachée à temps plein.",
            "Élodie Garnier", "coordinatrice", id="d06-title-before-name",
        ),
        pytest.param(
            "L'animation est assurée par Inès MARCHAL, coordinatrice santé de la Ville, qui pilote aussi l'Atelier santé ville.",
            "Inès Marchal", "coordinatrice", id="d03-title-is-the-function",
        ),
        pytest.param(
            "Le contrat sera animé par Camille THÉVENOT, chargée de mission santé du PETR depuis mars 2023.",
            "Camille Thévenot", "chargée de mission santé", id="d07-title-is-the-function",
        ),
        pytest.param(
            "Le contrat sera coordonné par Maxime LEROUX, coordinateur santé recruté par la communauté de communes en février 2024.",
            "Maxime Leroux", "coordinateur", id="d13-title-is-the-function",
        ),
        pytest.param(
            "Le contrat sera animé par Camille THÉVENOT à partir de septembre.",
            "Camille Thévenot", None, id="role-without-a-function-has-no-title",
        ),
        pytest.param(
            "Une coordonnatrice nommée Léa MARTINEZ sera chargée de l'animation et du suivi du contrat local de santé.",
            "Léa Martinez", "coordonnatrice", id="coordonnatrice",
        ),
    ],
)
def test_coordinator(record_of: Record, text: str, name: str, title: str | None) -> None:
    coord = record_of(text)["coordinator"]
    assert coord is not None
    assert (coord["name"], coord["title"]) == (name, title)
    assert text[coord["span"]["start"] : coord["span"]["end"]] == coord["span"]["text"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Le contrat sera animé par un coordinateur, dont le recrutement est en cours.", id="d04-not-yet-recruited"),
        pytest.param("Une coordinatrice sera recrutée d'ici l'automne ; son poste sera financé pour moitié par l'ARS.", id="d10-to-be-recruited"),
        pytest.param("Prochaine étape : le recrutement d'un animateur, attendu au printemps.", id="d05"),
        pytest.param(
            "M. Paul DURAND, président de la communauté de communes, a salué le travail de l'animatrice du CLS, recrutée en 2021.",
            id="a-president-praising-the-animatrice",
        ),
    ],
)
def test_no_named_coordinator(record_of: Record, text: str) -> None:
    assert record_of(text)["coordinator"] is None
