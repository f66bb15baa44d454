"""The territory the CLS covers (name, kind, acronym, communes, department) and the ARS region."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Record = Callable[[str], dict[str, Any]]


@pytest.mark.parametrize(
    ("text", "name", "kind", "acronym"),
    [
        pytest.param(
            "Signature du 1er Contrat Local de Santé\n\n12 juin 2018\n\nEntre l’Agence Régionale de Santé et la Communauté de communes des Coëvrons\n\n"
            "Etabli pour une durée de 3 ans, ce premier CLS couvre l’ensemble du territoire des Coëvrons.",
            "Communauté de communes des Coëvrons", "communaute_de_communes", None, id="coevrons",
        ),
        pytest.param(
            "À l’initiative de la Communauté de Communes des Vallées de la Braye et de l’Anille (CCVBA) et de l’Agence Régionale de Santé (ARS) Pays de la Loire "
            "un premier Contrat Local de Santé (CLS) a été signé en 2017. Le bien-être de la population des 19 communes de la CCVBA.",
            "Communauté de Communes des Vallées de la Braye et de l’Anille", "communaute_de_communes", "CCVBA", id="ccvba-acronym-in-brackets",
        ),
        pytest.param(
            "La CALL et l’ARS (Agence Régionale de Santé) ont initié un ambitieux contrat local de santé. Le territoire de la Communauté d’Agglomération "
            "Lens-Liévin présente des indicateurs défavorables. Ce mercredi 25 septembre, la CALL, l’ARS et les partenaires ont signé le Contrat Local de Santé.",
            "Communauté d’Agglomération Lens-Liévin", "communaute_d_agglomeration", "CALL", id="lens-acronym-from-initials",
        ),
        pytest.param(
            "SANTÉ – MÉZENC-MEYGAL\nLe contrat local de santé de la communauté de communes Mézenc-Meygal (CCMM) a été signé le 09/11/2021 à Saint-Julien-Chapteuil.",
            "communauté de communes Mézenc-Meygal", "communaute_de_communes", "CCMM", id="d05",
        ),
        pytest.param(
            "Mardi 27 juin 2023, à l'Hôtel de la Métropole, Saint-Aurèle Métropole et l'Agence régionale de santé (ARS) Provence-Alpes-Côte d'Azur "
            "ont signé le renouvellement du contrat local de santé (CLS) métropolitain.",
            "Saint-Aurèle Métropole", "metropole", None, id="d08-name-before-kind",
        ),
        pytest.param(
            "Le premier Contrat Local de Santé du Pays Creuse-Gartempe est signé\n\nLe Pays Creuse-Gartempe, représenté par son Président, a signé le CLS.",
            "Pays Creuse-Gartempe", "pays", None, id="d09-pays",
        ),
        pytest.param(
            "Signé le 14 octobre à Charolles, le contrat local de santé du Parc naturel régional des Monts du Charolais entrera en vigueur le 1er janvier prochain.",
            "Parc naturel régional des Monts du Charolais", "other", None, id="d12-parc",
        ),
        pytest.param(
            "Le Contrat local de santé (CLS) du Pôle d'équilibre territorial et rural (PETR) Seine-en-Plaine-Othe sera signé le jeudi 12 décembre 2024.",
            "Pôle d'équilibre territorial et rural (PETR) Seine-en-Plaine-Othe", "petr", None, id="d07-petr",
        ),
        pytest.param(
            "Le premier Contrat Local de Santé (CLS) de Basse-Normandie a été signé, mercredi 30 octobre 2013 par l'Agence Régionale de Santé (ARS) de Basse Normandie "
            "et le Centre Intercommunal d'Action Sociale (CIAS) des Pays de L'Aigle et de La Marche, représenté par son Vice-président, François Carbonell.",
            "Centre Intercommunal d'Action Sociale (CIAS) des Pays de L'Aigle et de La Marche", "cias", None, id="laigle-cias",
        ),
        pytest.param(
            "La Communauté urbaine de Valbourg et l'ARS Hauts-de-\nFrance signent un Contrat local de santé pour cinq ans\n\n"
            "Signé en mars 2019 par le Président de la Communauté ur-\nbaine de Valbourg (CUV), le Contrat local de santé (CLS) de la CUV engage les 46 communes.",
            "Communauté urbaine de Valbourg", "communaute_urbaine", "CUV", id="d04-pdf-hyphenation",
        ),
        pytest.param(
            "Ce jeudi, la Ville de Bellegarde-sur-Cher et l'Agence régionale de santé (ARS) Centre-Val de Loire ont officialisé leur premier contrat local de santé.",
            "Ville de Bellegarde-sur-Cher", "commune", None, id="d10-ville",
        ),
        pytest.param(
            "Quatre ans après le premier contrat local de santé, la Communauté de communes Gâtine-Thouet et l'Agence régionale de santé Nouvelle-Aquitaine "
            "ont signé le 21/01/19 le CLS II.",
            "Communauté de communes Gâtine-Thouet", "communaute_de_communes", None, id="d14-et-l-agence-not-in-name",
        ),
        pytest.param(
            "Lancée à l'automne 2021, la démarche de la communauté de communes Val d'Erve et Vègre a abouti : son contrat local de santé a été signé le 4 juillet 2022.",
            "communauté de communes Val d'Erve et Vègre", "communaute_de_communes", None, id="et-inside-a-name",
        ),
        pytest.param(
            "La Ville de Brest et le Département du Finistère ont signé le contrat local de santé le 3 mars 2023.",
            "Ville de Brest", "commune", None, id="et-le-departement-not-in-name",
        ),
        pytest.param(
            "Le contrat local de santé a été signé le 16 octobre 2025 entre le Syndicat Mixte du Pays Ruffécois et l'ARS Nouvelle-Aquitaine.",
            "Syndicat Mixte du Pays Ruffécois", "pays", None, id="syndicat-mixte-of-a-pays-is-a-pays",
        ),
        pytest.param(
            "L'Agglomération Paris – Vallée de la Marne a signé le 14 octobre son contrat local de santé.",
            "Agglomération Paris – Vallée de la Marne", "communaute_d_agglomeration", None, id="spaced-dash-inside-a-name",
        ),
        pytest.param(
            "Communauté de communes Cœur de Garonne – Signature du contrat local de santé\n\nLe contrat local de santé a été signé le 3 mars 2024.",
            "Communauté de communes Cœur de Garonne", "communaute_de_communes", None, id="a-dash-then-the-headline-is-not-the-name",
        ),
        pytest.param(
            "Ils étaient nombreux autour de la table, jeudi 22 juin à la mairie de Grigny, pour la signature du contrat local de santé. "
            "Le maire a salué le travail des associations de la ville.",
            "Grigny", "commune", None, id="commune-named-only-as-the-signing-place",
        ),
    ],
)
def test_territory_name_kind_acronym(record_of: Record, text: str, name: str, kind: str, acronym: str | None) -> None:
    ter = record_of(text)["territory"]
    assert ter is not None
    assert (ter["name"], ter["kind"], ter["acronym"]) == (name, kind, acronym)
    assert ter["span"]["text"].replace("\n", " ").startswith(ter["name"].split()[0])


def test_no_collectivity_no_territory(record_of: Record) -> None:
    text = "Le contrat local de santé a été signé le 3 mars 2023 par l'Agence régionale de santé et ses partenaires."
    assert record_of(text)["territory"] is None


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("La Communauté de communes des Vallées de la Braye et de l’Anille favorise le bien-être de la population des 19 communes de la CCVBA.", 19),
        ("Le Pays Creuse-Gartempe a signé son CLS. D'une durée de trois ans, ce contrat concerne les 27 communes du Pays et leurs 14 500 habitants.", 27),
        ("La Communauté de communes des Coëvrons a signé son premier CLS.", None),
    ],
)
def test_communes_count(record_of: Record, text: str, count: int | None) -> None:
    assert record_of(text)["territory"]["communes_count"] == count


@pytest.mark.parametrize(
    ("text", "department"),
    [
        pytest.param(
            "Le CIAS des Pays de L'Aigle et de La Marche a signé son CLS. Sont également signataires la Préfecture de l'Orne, le Conseil Général de l'Orne "
            "et la Caisse Primaire d'Assurance Maladie (CPAM) de l'Orne.",
            "Orne", id="named-three-times",
        ),
        pytest.param(
            "La Communauté d’Agglomération Lisieux Normandie a signé son CLS. La signature a eu lieu à Saint-Pierre-en-Auge (Calvados).",
            "Calvados", id="in-brackets",
        ),
        pytest.param("La communauté de communes Brie-Orvanne a signé son premier contrat local de santé.", None, id="unsaid"),
    ],
)
def test_department_only_when_the_text_says_it(record_of: Record, text: str, department: str | None) -> None:
    assert record_of(text)["territory"]["department"] == department


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("À l’initiative de la CCVBA et de l’Agence Régionale de Santé (ARS) Pays de la Loire un premier CLS a été signé.", "Pays de la Loire"),
        # the region of the text's time stays as written (laigle, 2013)
        ("Le CLS a été signé par l'Agence Régionale de Santé (ARS) de Basse Normandie et le CIAS.", "Basse-Normandie"),
        ("Ce document est le résultat d’un travail mené par l’Agglomération et l’ARS Normandie.", "Normandie"),
        ("la communauté de communes a signé son CLS avec l'Agence régionale de santé (ARS) de Bretagne.", "Bretagne"),
        ("La Communauté urbaine de Valbourg et l'ARS Hauts-de-\nFrance signent un Contrat local de santé.", "Hauts-de-France"),
        ("Mme Amélie CHEVALIER, Directrice générale de l'Agence régionale de santé Île-de-France, a signé le CLS.", "Île-de-France"),
        ("Saint-Aurèle Métropole et l'Agence régionale de santé (ARS) Provence-Alpes-Côte d'Azur ont signé le CLS.", "Provence-Alpes-Côte d'Azur"),
        ("Mme Sophie MARTIN, Directrice générale de l'Agence régionale de santé (ARS) Occitanie, a signé le CLS.", "Occitanie"),
        ("La Ville et l'ARS Auvergne-Rhône-Alpes ont signé leur troisième contrat local de santé.", "Auvergne-Rhône-Alpes"),
        ("Le PETR et l'ARS Grand Est signeront le premier Contrat local de santé du territoire.", "Grand Est"),
        ("la Ville et l'Agence régionale de santé (ARS) Centre-Val de Loire ont officialisé leur premier CLS.", "Centre-Val de Loire"),
        # the region before the ARS ('En Guyane, l'ARS'), the region of the ARS's plan
        ("En Guyane, l'ARS et la commune de Maripasoula ont signé un contrat local de santé.", "Guyane"),
        ("En Bretagne, l’ARS accompagne la signature du contrat local de santé du pays de Redon.", "Bretagne"),
        ("Le CLS décline le Projet régional de santé (PRS) de Bourgogne-Franche-Comté sur le territoire.", "Bourgogne-Franche-Comté"),
        ("Le contrat s'inscrit dans le projet régional de santé Nouvelle-Aquitaine 2018-2028.", "Nouvelle-Aquitaine"),
        ("Le PRS a été adopté il y a cinq ans, bien avant que la commune, voisine de la Normandie, signe son CLS.", None),
        # an ARS with no region, and a region not attached to the ARS
        ("Entre l’Agence Régionale de Santé et la Communauté de communes des Coëvrons, le CLS a été signé.", None),
        ("Le premier CLS de Basse-Normandie a été signé par l'ARS et le CIAS.", None),
    ],
)
def test_region_is_the_one_written_after_the_ars(record_of: Record, text: str, region: str | None) -> None:
    assert record_of(text)["region"] == region


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        pytest.param(
            "Montbéliard renforce son engagement pour la santé avec un Contrat Local de Santé\n\nLa commune a signé son CLS avec l'ARS.",
            "Montbéliard", "commune", id="a-name-the-register-knows-opening-the-headline",
        ),
        pytest.param(
            "Après des mois de concertation, la Porte de l'Isère a signé jeudi son contrat local de santé avec l'ARS.",
            "Porte de l'Isère", "communaute_d_agglomeration", id="the-name-before-a-signé-its-kind-from-the-register",
        ),
        pytest.param(
            "Le contrat local de santé de Tulle a été présenté aux habitants. Co-piloté par la ville de Tulle et l'ARS, il court jusqu'en 2028.",
            "ville de Tulle", "commune", id="la-ville-de-in-lower-case",
        ),
        pytest.param(
            "Sur le territoire de la Communauté de communes du Pays de Lunel, le contrat local de santé a été signé le 4 avril 2023.",
            "Communauté de communes du Pays de Lunel", "communaute_de_communes", id="territoire-de-then-the-collectivity",
        ),
        pytest.param(
            "Le territoire du Grand Saint-Dizier, Der et Vallées compte une quarantaine de communes. L'Agglo a signé son contrat local de santé.",
            "territoire du Grand Saint-Dizier, Der et Vallées", "communaute_d_agglomeration", id="a-name-the-register-writes-on-after-a-comma",
        ),
        pytest.param(
            "La CARC signe son contrat local de santé\n\nCe jeudi 20 mai, la communauté d'agglomération Risle-Charentonne (CARC) a signé son "
            "contrat local de santé avec l'ARS de Normandie. La CARC porte le poste de coordinateur.",
            "communauté d'agglomération Risle-Charentonne", "communaute_d_agglomeration", id="the-acronym-alone-is-of-the-name-that-spells-it",
        ),
        pytest.param(
            "La CCVH signe son CLS\n\nLa communauté de communes du Val d'Hazey (CCVH) a signé le contrat local de santé le 3 mai 2022.",
            "communauté de communes du Val d'Hazey", "communaute_de_communes", id="the-acronym-in-the-headline-the-name-in-the-text",
        ),
        pytest.param(
            "Châlons-en-Champagne – Publié le 5 mai 2019\n\nLe maire a signé jeudi le contrat local de santé de Châlons avec l'ARS Grand Est.",
            "Châlons", "commune", id="a-town-s-short-name-beside-its-full-one",
        ),
        pytest.param(
            "Publié le 5 mai 2019\n\nLe maire a signé jeudi le contrat local de santé de Châlons avec l'ARS Grand Est.",
            "Châlons", None, id="a-short-name-alone-stays-without-a-kind",
        ),
    ],
)
def test_territory_named_without_the_usual_kind_phrase(record_of: Record, text: str, name: str, kind: str | None) -> None:
    ter = record_of(text)["territory"]
    assert ter is not None and (ter["name"], ter["kind"]) == (name, kind)


def test_a_department_named_as_a_territory_is_not_the_carrier(record_of: Record) -> None:
    text = ("Le CIAS du Pays de Flers a signé son contrat local de santé le 3 mai 2022. Sur le territoire de l'Orne, "
            "c'est le troisième contrat. Le territoire de l'Orne compte 280 000 habitants.")
    assert record_of(text)["territory"]["name"] == "CIAS du Pays de Flers"
