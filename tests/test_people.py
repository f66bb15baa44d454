"""Person mentions: natural case, no civility, surnames in capitals with particles and apostrophes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from clsx.mentions.people import find_people, natural_case


@pytest.mark.parametrize(
    ("word", "natural"),
    [
        ("COIPLET", "Coiplet"),
        ("N'DIAYE", "N'Diaye"),
        ("N’DIAYE", "N’Diaye"),
        ("DUPONT-MOREAU", "Dupont-Moreau"),
        ("THÉVENOT", "Thévenot"),
        ("BENAÏSSA", "Benaïssa"),
        ("LE", "Le"),
        ("Garnier", "Garnier"),
        ("McDonald", "McDonald"),
    ],
)
def test_natural_case(word: str, natural: str) -> None:
    assert natural_case(word) == natural


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("En présence de M. Jean-Jacques COIPLET, Directeur de l’Agence Régionale de Santé, de M. Stephan DOMINGO, Délégué départemental de l’ARS,",
         ["Jean-Jacques Coiplet", "Stephan Domingo"]),
        ("Mme Anne-Sophie de LA TOUR, Préfète du Var ;", ["Anne-Sophie de La Tour"]),
        ("Mme Marie-Claire N'DIAYE, Directrice de la CPAM du Var ;", ["Marie-Claire N'Diaye"]),
        ("Mme Marie-Claire N’DIAYE, Directrice de la CPAM du Var ;", ["Marie-Claire N’Diaye"]),
        ("l’arrivée sur le territoire de MME Julie INDART, future animatrice de ce CLS", ["Julie Indart"]),
        ("Dr Lucie FABRE, Présidente de la CPTS Saint-Aurèle Centre.", ["Lucie Fabre"]),
        ("M. Karim BENAÏSSA, Directeur général adjoint de l'ARS Provence-Alpes-Côte d'Azur", ["Karim Benaïssa"]),
        ("par le Directeur général de l'Agence régionale de santé Hauts-de-France, M. Étienne VASSEUR, le Contrat", ["Étienne Vasseur"]),
        ("Le contrat sera animé par Camille THÉVENOT, chargée de mission santé du PETR.", ["Camille Thévenot"]),
        ("Le contrat a été signé par Mme Hélène LE GALL, maire de Brest.", ["Hélène Le Gall"]),
        ("M. Jean DUPONT-MOREAU, président de la communauté de communes.", ["Jean Dupont-Moreau"]),
        ("M. Jean-Marc FLEURY et M. Étienne VASSEUR ont signé.", ["Jean-Marc Fleury", "Étienne Vasseur"]),
        # names the statistical NER finds, in natural case already
        ("Autour de la table avaient pris place Gérard Le Bihan, président de la communauté de communes, Claire Dubosc, sous-préfète de Pontivy.",
         ["Gérard Le Bihan", "Claire Dubosc"]),
        ("l'ARS de Basse Normandie, représentée par son Directeur général, Pierre-Jean Lancry et le CIAS", ["Pierre-Jean Lancry"]),
        # a capitalised word before the name is not a given name
        ("Selon Yves LE ROUX, directeur de la CPAM, le contrat est utile.", ["Yves Le Roux"]),
        ("Pour Anne MARTIN, présidente de la communauté de communes, ce contrat est une étape.", ["Anne Martin"]),
        ("La Préfète Hélène DUCHEMIN a signé le contrat.", ["Hélène Duchemin"]),
        # organisations and acronyms are not people
        ("La CALL et l’ARS (Agence Régionale de Santé) ont initié un ambitieux contrat local de santé.", []),
        ("Le Centre Hospitalier de Guéret et la Caisse Primaire d'Assurance Maladie (CPAM) de la Creuse sont signataires.", []),
        ("en présence de Thomas DEROCHE, DG ARS, Hélène LANDEAU représentant la DD14", ["Thomas Deroche", "Hélène Landeau"]),
        pytest.param(
            "Jean Pierre MARTIN, maire de la commune, a signé le contrat.", ["Jean Pierre Martin"], id="two-given-names",
        ),
    ],
)
def test_find_people(ctx_of: Callable[[str], Any], sentence: str, names: list[str]) -> None:
    assert [p.name for p in find_people(ctx_of(sentence))] == names


def test_a_person_spans_the_name_without_civility(ctx_of: Callable[[str], Any]) -> None:
    text = "En présence de M. Jean-Jacques COIPLET, Directeur de l’Agence Régionale de Santé."
    ctx = ctx_of(text)
    (p,) = find_people(ctx)
    assert ctx.clean[p.start : p.end] == "Jean-Jacques COIPLET"


def test_capitals_and_natural_case_are_one_person(ctx_of: Callable[[str], Any]) -> None:
    people = find_people(ctx_of("Thomas DEROCHE, DG ARS, a signé le CLS. Thomas Deroche a salué la dynamique du territoire."))
    assert len({p.key for p in people}) == 1
