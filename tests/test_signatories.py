"""People named as signing or as officials at the signature (record["signatories"])."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Record = Callable[[str], dict[str, Any]]

D02 = (
    "Ce lundi 4 juillet, la communauté de communes Lanvaux-Claie a signé son contrat local de santé (CLS) avec l'Agence régionale de santé (ARS) de Bretagne.\n\n"
    "Autour de la table avaient pris place Gérard Le Bihan, président de la communauté de communes, Claire Dubosc, sous-préfète de Pontivy, et Yannick Le Goff, "
    "délégué départemental de l'ARS dans le Morbihan. Le député de la circonscription, Marc Jaouen, assistait également à la cérémonie.\n\n"
    "« On savait que l'accès à un médecin traitant était difficile », confie Gérard Le Bihan.\n\n"
    "Manon Rivalain a pris ses fonctions de coordinatrice du CLS le 1er juin."
)
D03 = (
    "Le 1er octobre dernier, la Ville de Montvallon a signé son troisième Contrat local de santé (CLS) avec l&#8217;Agence régionale de santé (ARS) Auvergne-Rhône-Alpes.\n\n"
    "Le contrat a été signé par Mme Nadia BENSALEM, Maire de Montvallon, M. Julien FAURE, sous-préfet chargé de mission pour la politique de la ville, "
    "représentant le Préfet de l&#8217;Isère, et Mme Cécile ROUSSEL, directrice de la délégation départementale de l&#8217;Isère de l&#8217;ARS."
)
D06 = (
    "Loué. Le centre de vaccination fermera ses portes le 30 avril\n\n"
    "« Sans le réseau construit grâce au contrat local de santé, nous n'aurions jamais pu monter le centre en dix jours », estime-t-elle. "
    "Le président de la communauté de communes, Alain Trouvé, a salué « un engagement exceptionnel » lors d'une réception organisée vendredi "
    "en présence du sous-préfet de La Flèche, Benoît Carrel."
)
D07 = (
    "Le Contrat local de santé (CLS) du PETR Seine-en-Plaine-Othe sera signé le jeudi 12 décembre 2024 à 10 h 30, à la salle polyvalente de Marcilly-le-Hayer.\n\n"
    "La cérémonie réunira M. Xavier ROLLAND, Président du PETR, Mme Virginie LAMBERT, Directrice générale de l'ARS Grand Est, et Mme Hélène DUCHEMIN, Préfète de l'Aube."
)
D08 = (
    "Mardi 27 juin 2023, à l'Hôtel de la Métropole, Saint-Aurèle Métropole et l'ARS ont signé le renouvellement du contrat local de santé.\n\n"
    "Ont signé le contrat :\nM. Philippe ROUVIÈRE, Président de Saint-Aurèle Métropole ;\nMme Anne-Sophie de LA TOUR, Préfète du Var ;\n"
    "M. Karim BENAÏSSA, Directeur général adjoint de l'ARS Provence-Alpes-Côte d'Azur, représentant le Directeur général ;\n"
    "Mme Marie-Claire N'DIAYE, Directrice de la CPAM du Var ;\nDr Lucie FABRE, Présidente de la CPTS Saint-Aurèle Centre.\n\n"
    "« Un habitant de nos quartiers prioritaires vit en moyenne quatre ans de moins », a déclaré Philippe Rouvière. Pour le docteur Hugo Lemaire, "
    "médecin généraliste à Saint-Aurèle depuis vingt ans et invité à témoigner, « la coordination entre l'hôpital et la ville a beaucoup progressé »."
)
COEVRONS = (
    "En présence de M. Jean-Jacques COIPLET, Directeur de l’Agence Régionale de Santé, de M. Stephan DOMINGO, Délégué départemental de l’ARS, "
    "de M. Denis WALECKX, Directeur départemental des services académiques et de M. Joël BALANDRAUD, Président de la Communauté de Communes des Coëvrons, "
    "a eu lieu, le 12 juin 2018 après-midi, la signature officielle du premier Contrat Local de Santé (CLS) 2018-2020, au Trait d’Union à EVRON."
)
LAIGLE = (
    "Le premier Contrat Local de Santé (CLS) de Basse-Normandie a été signé, mercredi 30 octobre 2013 par l'Agence Régionale de Santé (ARS) de Basse Normandie, "
    "représentée par son Directeur général, Pierre-Jean Lancry et le Centre Intercommunal d'Action Sociale (CIAS) des Pays de L'Aigle et de La Marche, "
    "représenté par son Vice-président, François Carbonell."
)
D15 = (
    "COMMUNAUTÉ DE COMMUNES SOMME-AUTHIE\nExtrait du registre des délibérations du Conseil communautaire\n\nSéance du 12 avril 2022\n\n"
    "Délibération n° 2022-041 – Santé – Approbation du Contrat local de santé 2022-2026 et autorisation de signature\n\n"
    "L'an deux mille vingt-deux, le douze avril à dix-huit heures trente, le Conseil communautaire s'est réuni à la salle des fêtes de Beauval "
    "sous la présidence de M. Francis LECLERCQ, Président.\n\n"
    "Rapporteur : Mme Sylvie DEVAUX, Vice-présidente en charge de la santé et de l'action sociale\n\n"
    "Après en avoir délibéré, le Conseil communautaire, à l'unanimité :\n\n"
    "- APPROUVE le Contrat local de santé 2022-2026 à conclure avec l'Agence régionale de santé Hauts-de-France ;\n"
    "- AUTORISE le Président à signer ledit contrat ainsi que tout document s'y rapportant ;\n\n"
    "Fait et délibéré les jour, mois et an susdits.\nPour extrait conforme,\nLe Président,\nFrancis LECLERCQ\n"
)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param(COEVRONS, ["Jean-Jacques Coiplet", "Stephan Domingo", "Denis Waleckx", "Joël Balandraud"], id="coevrons-en-presence-de"),
        pytest.param(LAIGLE, ["Pierre-Jean Lancry", "François Carbonell"], id="laigle-represente-par"),
        pytest.param(D02, ["Gérard Le Bihan", "Claire Dubosc", "Yannick Le Goff", "Marc Jaouen"], id="d02-autour-de-la-table-not-the-coordinator"),
        pytest.param(D03, ["Nadia Bensalem", "Julien Faure", "Cécile Roussel"], id="d03-signe-par"),
        pytest.param(D07, ["Xavier Rolland", "Virginie Lambert", "Hélène Duchemin"], id="d07-planned-ceremony"),
        pytest.param(
            D08, ["Philippe Rouvière", "Anne-Sophie de La Tour", "Karim Benaïssa", "Marie-Claire N'Diaye", "Lucie Fabre"],
            id="d08-list-after-ont-signe-not-the-quoted-doctor",
        ),
        pytest.param(D15, ["Francis Leclercq"], id="d15-autorise-le-president-a-signer"),
        pytest.param(D06, [], id="d06-reception-en-presence-du-sous-prefet"),
        pytest.param(
            "Le contrat local de santé a été signé le 4 mars 2024 par M. Paul DURAND, président de la communauté de communes, "
            "en présence de Mme Julie MARTIN, coordinatrice du CLS.",
            ["Paul Durand"], id="coordinator-is-not-a-signatory",
        ),
        pytest.param(
            "Sa signature ce jeudi 6 mars s'est réalisée en présence du Député Paul MARTY, du Directeur des Centres Hospitaliers de Millau, "
            "de Saint-Affrique et de l'EHPAD de Nant Luc BERNARD, de la Présidente de la Communauté Professionnelle Territoriale de Santé (CPTS) "
            "du Sud-Aveyron Anne COSTES, d'élus locaux et de professionnels de santé.",
            ["Paul Marty", "Luc Bernard", "Anne Costes"], id="title-and-a-long-organisation-before-the-name",
        ),
        pytest.param(
            "La communauté de communes Cœur de Beauce a signé ce mardi son premier Contrat Local de Santé.\n\n"
            "Jean DUPUIS, Président de la Communauté de Communes Cœur de Beauce, dresse un constat sévère.\n\n"
            "« Il manque des médecins », ajoute Sophie MARCHAND, directrice de l'Agence Régionale de Santé Centre-Val de Loire. "
            "Paul LEROY, médecin à Janville, confirme.",
            ["Jean Dupuis", "Sophie Marchand"], id="interview-heads-of-the-carrier-and-the-ars-when-no-one-is-named-at-the-signing",
        ),
        pytest.param(
            "Jean DUPUIS, Président de la Communauté de Communes Cœur de Beauce, dresse un constat sévère sur l'accès aux soins. "
            "Un contrat local de santé est en préparation.",
            [], id="no-signing-reported-no-heads",
        ),
        pytest.param(
            "Jeudi dernier, la Communauté de communes Loire Layon réunissait ses partenaires pour le lancement de son contrat local de santé, "
            "signé le 5 juin dernier. « Cette rencontre marque le coup d'envoi de la démarche », précise Marie Lebrun vice-présidente de la "
            "communauté de communes.",
            [], id="a-quoted-speaker-after-the-signing-sentence-is-not-a-signatory",
        ),
    ],
)
def test_signatory_names(record_of: Record, text: str, names: list[str]) -> None:
    assert [s["name"] for s in record_of(text)["signatories"]] == names


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        pytest.param(COEVRONS, "Jean-Jacques Coiplet", "Directeur", id="coevrons-1"),
        pytest.param(COEVRONS, "Stephan Domingo", "Délégué départemental", id="coevrons-2"),
        pytest.param(
            COEVRONS, "Joël Balandraud", "Président", id="coevrons-4-title-after-the-name-wins",
        ),
        pytest.param(LAIGLE, "Pierre-Jean Lancry", "Directeur général", id="laigle-title-before-name"),
        pytest.param(LAIGLE, "François Carbonell", "Vice-président", id="laigle-vice-president"),
        pytest.param(D08, "Karim Benaïssa", "Directeur général adjoint", id="d08-longest-title"),
        pytest.param(D08, "Anne-Sophie de La Tour", "Préfète", id="d08-prefete"),
        pytest.param(D15, "Francis Leclercq", "Président", id="d15-by-title"),
        pytest.param(D02, "Gérard Le Bihan", "président", id="d02-1"),
        pytest.param(
            D02, "Claire Dubosc", "sous-préfète", id="d02-title-after-the-name-wins",
        ),
        pytest.param(
            D03, "Julien Faure", "sous-préfet", id="d03-title-after-the-name-wins",
        ),
        pytest.param(
            D07, "Virginie Lambert", "Directrice générale", id="d07-title-after-the-name-wins",
        ),
    ],
)
def test_signatory_title(record_of: Record, text: str, name: str, title: str) -> None:
    (s,) = [s for s in record_of(text)["signatories"] if s["name"] == name]
    assert s["title"] == title


@pytest.mark.parametrize(
    ("text", "name", "organization"),
    [
        pytest.param(COEVRONS, "Jean-Jacques Coiplet", "Agence Régionale de Santé", id="coevrons"),
        pytest.param(
            COEVRONS, "Joël Balandraud", "Communauté de Communes des Coëvrons", id="coevrons-carrier",
        ),
        pytest.param(D08, "Marie-Claire N'Diaye", "CPAM du Var", id="d08-cpam"),
        pytest.param(
            D02, "Yannick Le Goff", "ARS", id="d02-the-organisation-is-the-ars-not-where-it-is",
        ),
        pytest.param(
            D07, "Hélène Duchemin", "Aube", id="d07-no-trailing-full-stop",
        ),
    ],
)
def test_signatory_organization(record_of: Record, text: str, name: str, organization: str) -> None:
    (s,) = [s for s in record_of(text)["signatories"] if s["name"] == name]
    assert s["organization"] == organization


def test_signatory_span_is_the_name_as_written(record_of: Record) -> None:
    rec = record_of(D08)
    spans = [s["span"]["text"] for s in rec["signatories"]]
    assert spans == ["Philippe ROUVIÈRE", "Anne-Sophie de LA TOUR", "Karim BENAÏSSA", "Marie-Claire N'DIAYE", "Lucie FABRE"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param(
            "Sylvie MARCHETTI, maire de Lunéville, et Hervé DUVAL, directeur général de l'ARS Grand Est, ont signé le contrat local de santé.",
            ["Sylvie Marchetti", "Hervé Duval"], id="appositions-before-ont-signe",
        ),
        pytest.param(
            "Le contrat local de santé a été signé le 5 mai 2023 à Vire, en présence de la sous-préfète Anne DUPRÉ, du député Luc MOREL "
            "et de Sandra HOUEL, présidente de la CPTS du Bocage.",
            ["Anne Dupré", "Luc Morel", "Sandra Houel"], id="en-presence-de-a-list",
        ),
        pytest.param(
            "La communauté de communes a signé son contrat local de santé mardi.\n\n"
            "De gauche à droite : Jean LAMBERT, président de la communauté de communes, Alice PONS, directrice de l'ARS.",
            ["Jean Lambert", "Alice Pons"], id="a-photo-caption",
        ),
        pytest.param(
            "Le préfet Olivier MERCIER a signé le contrat local de santé de la Ville de Sens avec le maire.",
            ["Olivier Mercier"], id="title-first-in-the-signing-sentence",
        ),
        pytest.param(
            "Le contrat local de santé a été signé vendredi. « C'est une étape », a déclaré Paul GIRARD, président du club de football.",
            [], id="a-quoted-speaker-outside-the-signing-sentence",
        ),
        pytest.param(
            "La Ville de Dreux a signé son contrat local de santé avec l'ARS. Le même jour, le contrat de ville a été signé par la préfète, "
            "Mme Anne BOSSY, et la CAF d'Eure-et-Loir.",
            [], id="the-signatory-of-another-agreement-in-the-next-sentence",
        ),
        pytest.param(
            "Le contrat de ville a été signé le matin par le préfet Luc GIRARD. L'après-midi, le contrat local de santé a été signé par "
            "Marie DUVAL, maire de Dreux, et Paul HENRY, directeur de l'ARS.",
            ["Marie Duval", "Paul Henry"], id="another-agreement-signed-first",
        ),
    ],
)
def test_signatories_named_around_the_signing(record_of: Record, text: str, names: list[str]) -> None:
    assert [s["name"] for s in record_of(text)["signatories"]] == names
