"""Organisations that co-sign or partner the CLS, besides the ARS and the carrier (record["partners"])."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Record = Callable[[str], dict[str, Any]]


@pytest.mark.parametrize(
    ("text", "partners"),
    [
        pytest.param(
            "Le Contrat local de santé de la Communauté d'agglomération Lauragais-Montagne Noire a été signé le 3 février 2021.\n\n"
            "Outre l'ARS et l'Agglomération, sept institutions ont signé le contrat :\n- la Préfecture de l'Aude ;\n- le Conseil départemental de l'Aude ;\n"
            "- la Caisse primaire d'assurance maladie (CPAM) de l'Aude ;\n- la Mutualité sociale agricole (MSA) Grand Sud ;\n- le Centre hospitalier de Castelnaudary.\n\n"
            "Une coordinatrice dédiée",
            ["Préfecture de l'Aude", "Conseil départemental de l'Aude", "Caisse primaire d'assurance maladie (CPAM) de l'Aude",
             "Mutualité sociale agricole (MSA) Grand Sud", "Centre hospitalier de Castelnaudary"],
            id="d01-bullet-list",
        ),
        pytest.param(
            "Le contrat local de santé a été signé mardi soir par les élus de la Communauté d'agglomération du Grand Dax, en lien avec "
            "la Communauté de communes du Seignanx, la sous-préfecture de Dax, la CPAM et la MSA.",
            ["Communauté de communes du Seignanx", "sous-préfecture de Dax", "CPAM", "MSA"],
            id="en-lien-avec",
        ),
        pytest.param(
            "La Ville de Brest a signé son contrat local de santé le 3 mars 2023, dans le respect du Projet Régional de Santé, "
            "en cohérence avec les schémas adoptés par le Département et en lien avec les politiques territoriales.",
            [], id="en-lien-avec-policies-is-not-a-list",
        ),
        pytest.param(
            "Le contrat local de santé de la Communauté de communes de l'Oriente a été signé le 12 mai 2023 par Marie DUPONT, directrice "
            "générale de l'ARS Corse, Paul ROSSI, président de la Communauté de communes de l'Oriente, Jean SANTONI, directeur de la "
            "Mutualité Sociale Agricole de Corse, et Anne LUCIANI, directrice des services académiques.",
            ["Mutualité Sociale Agricole de Corse"], id="a-signatory-s-health-insurer-is-a-partner-not-the-ars-carrier-or-services",
        ),
        pytest.param(
            "Les représentants de l'Agence régionale de santé, de la Ville de Nancy, de la Préfecture de Meurthe-et-Moselle et de la CAF 54 "
            "se sont réunis pour la signature du contrat local de santé.",
            ["Préfecture de Meurthe-et-Moselle", "CAF 54"],
            id="les-representants-de-not-the-ars-nor-the-carrier",
        ),
        pytest.param(
            "La Ville de Quimper a signé son contrat local de santé. Sont également signataires le Conseil régional de Bretagne, "
            "les Conseils départementaux des Côtes d'Armor et du Finistère et la CPAM.",
            # a plural head shared out over two names names two councils (as the real annotations read it)
            ["Conseil régional de Bretagne", "Conseil départemental des Côtes d'Armor", "Conseil départemental du Finistère", "CPAM"],
            id="et-du-shares-a-plural-head",
        ),
        pytest.param(
            "Ce lundi 4 juillet, la communauté de communes Lanvaux-Claie a signé son contrat local de santé (CLS) avec l'ARS de Bretagne.\n\n"
            "Le document a également été signé par la caisse primaire d'assurance maladie du Morbihan, la MSA Portes de Bretagne, la caisse d'allocations familiales, "
            "le centre hospitalier Centre-Bretagne et la Mutualité française Bretagne, qui participeront au financement de plusieurs actions.",
            ["caisse primaire d'assurance maladie du Morbihan", "MSA Portes de Bretagne", "caisse d'allocations familiales",
             "centre hospitalier Centre-Bretagne", "Mutualité française Bretagne"],
            id="d02-run-on-sentence-cut-before-qui",
        ),
        pytest.param(
            "Le vendredi 9 décembre 2022, l'ARS Nouvelle-Aquitaine et le Pays Creuse-Gartempe ont signé le premier Contrat Local de Santé (CLS) du territoire.\n\n"
            "Le Conseil départemental de la Creuse, représenté par sa Présidente, la Caisse Primaire d'Assurance Maladie (CPAM) de la Creuse, "
            "la Mutualité Sociale Agricole (MSA) du Limousin et le Centre Hospitalier de Guéret sont également signataires.",
            ["Conseil départemental de la Creuse", "Caisse Primaire d'Assurance Maladie (CPAM) de la Creuse",
             "Mutualité Sociale Agricole (MSA) du Limousin", "Centre Hospitalier de Guéret"],
            id="d09-list-before-the-cue",
        ),
        pytest.param(
            "Mardi 27 juin 2023, Saint-Aurèle Métropole et l'ARS ont signé le renouvellement du contrat local de santé.\n\n"
            "Outre la CPAM du Var et la CPTS Saint-Aurèle Centre, les partenaires signataires sont la Préfecture du Var, le Département du Var, la Région Sud "
            "et l'UDAF du Var.",
            ["CPAM du Var", "CPTS Saint-Aurèle Centre", "Préfecture du Var", "Département du Var", "Région Sud", "UDAF du Var"],
            id="d08-outre",
        ),
        pytest.param(
            "Le 1er octobre, la Ville de Montvallon a signé son troisième CLS.\n\nAux côtés de la Ville et de l&#8217;ARS, le CLS est cosigné par "
            "la Préfecture de l&#8217;Isère, la CPAM de l&#8217;Isère, le Centre hospitalier de Montvallon et l&#8217;association Réseau Santé Nord-Isère.",
            ["Préfecture de l’Isère", "CPAM de l’Isère", "Centre hospitalier de Montvallon", "Réseau Santé Nord-Isère"],
            id="d03-entities-and-association-word",
        ),
        pytest.param(
            "La Ville de Quimper et l'Agence régionale de santé ont signé le contrat local de santé le 3 mars 2023. "
            "Sont également signataires : la CPAM du Finistère ; la CAF du Finistère ; la Ville de Quimper.",
            ["CPAM du Finistère", "CAF du Finistère"],
            id="carrier-is-not-a-partner",
        ),
        pytest.param(
            "Le CLS de la Ville de Quimper a été élaboré avec les habitants et les professionnels de santé du territoire.", [], id="no-partner-cue",
        ),
        pytest.param(
            "Le CIAS des Pays de L'Aigle et de La Marche a signé son CLS le 30 octobre 2013. Douze structures partenaires ont signé également le CLS : "
            "la Préfecture de l'Orne, l'Association Régionale des Organismes de Mutualité Sociale Agricole (AROMSA) et "
            "l'Association Locale des Professions de Santé (ALPS).",
            ["Préfecture de l'Orne", "Association Régionale des Organismes de Mutualité Sociale Agricole (AROMSA)",
             "Association Locale des Professions de Santé (ALPS)"],
            id="laigle-association-is-part-of-the-name",
        ),
        pytest.param(
            "La Ville de Brest et l'ARS ont signé le contrat local de santé le 3 mars 2023. Il est cosigné par la CPAM du Finistère "
            "et l'Association des paralysés de France.",
            ["CPAM du Finistère", "Association des paralysés de France"],
            id="association-des-is-kept",
        ),
        pytest.param(
            "Le contrat local de santé de la Ville de Cahors a été signé hier en mairie, réunissant la Communauté de communes du "
            "Grand Cahors, l'ARS, le CCAS, le Conseil départemental du Lot et la Mission locale.",
            ["Communauté de communes du Grand Cahors", "CCAS", "Conseil départemental du Lot", "Mission locale"],
            id="reunissant-a-list",
        ),
        pytest.param(
            "La Ville de Cahors a signé son contrat local de santé après une réunion réunissant les habitants et les professionnels.",
            [], id="reunissant-people-is-not-a-list",
        ),
        pytest.param(
            "La Communauté de communes du Val de Drôme a signé son deuxième contrat local de santé avec l'ARS et trois nouveaux "
            "partenaires : la CPAM de la Drôme, la MSA Ardèche Drôme Loire et la CPTS du Val de Drôme.",
            ["CPAM de la Drôme", "MSA Ardèche Drôme Loire", "CPTS du Val de Drôme"],
            id="partenaires-colon",
        ),
        pytest.param(
            "La Ville de Dijon a renouvelé son contrat local de santé. Le bilan a permis de dégager trois axes partagés par "
            "l'ensemble des partenaires : la Prévention, l'Accès aux soins et la Santé mentale.",
            [], id="axes-shared-by-the-partners-are-not-partners",
        ),
    ],
)
def test_partners(record_of: Record, text: str, partners: list[str]) -> None:
    assert [p["name"] for p in record_of(text)["partners"]] == partners


def test_ars_is_never_a_partner(record_of: Record) -> None:
    rec = record_of(
        "La Ville de Toulon a signé son CLS le 3 mars 2023. Les partenaires signataires sont la Préfecture du Var, "
        "l'ARS Provence-Alpes-Côte d'Azur et la CAF du Var."
    )
    assert [p["name"] for p in rec["partners"]] == ["Préfecture du Var", "CAF du Var"]


@pytest.mark.parametrize(
    ("text", "partners"),
    [
        pytest.param(
            "La communauté de communes du Val d'Amour a signé son contrat local de santé aux côtés de l'État, du conseil régional et de la CPAM du Jura.",
            ["État", "conseil régional", "CPAM du Jura"], id="aux-cotes-de-running-prose",
        ),
        pytest.param(
            "Le CLS de la Ville d'Arles a été élaboré avec le concours de la CAF des Bouches-du-Rhône et du centre hospitalier d'Arles.",
            ["CAF des Bouches-du-Rhône", "centre hospitalier d'Arles"], id="avec-le-concours-de",
        ),
        pytest.param(
            "Le contrat local de santé du PETR du Pays de Langres a été signé jeudi. Il a été signé par le PETR, l'ARS, la préfecture, "
            "la Mutualité sociale agricole Sud Champagne et le conseil départemental lors d'une cérémonie à Langres.",
            ["préfecture", "Mutualité sociale agricole Sud Champagne", "conseil départemental"], id="signe-par-an-enumeration-ending-before-lors",
        ),
        pytest.param(
            "Ce matin, les représentants de la Ville de Dole, de la sous-préfecture, du Département du Jura et de la CPTS du Grand Dole "
            "se sont réunis pour la signature du contrat local de santé.",
            ["sous-préfecture", "Département du Jura", "CPTS du Grand Dole"], id="les-representants-de-the-carrier-left-out",
        ),
        pytest.param(
            "La Ville de Tulle a signé son contrat local de santé le 12 avril 2024. Marie LAVAL, directrice de la CPAM de la Corrèze, "
            "et Paul ROUX, directeur du centre hospitalier de Tulle, ont également signé le document.",
            ["CPAM de la Corrèze", "centre hospitalier de Tulle"], id="through-who-represents-them",
        ),
        pytest.param(
            "La commune de Saint-Affrique signe son CLS avec l'ARS, la municipalité et l'agglomération étant partenaires.",
            ["agglomération"], id="an-agglomeration-beside-a-commune-is-a-partner-the-municipality-is-the-carrier",
        ),
        pytest.param(
            "La Ville de Vierzon a signé son contrat local de santé. Le contrat a été signé par la Ville et l'ARS en présence de la presse.",
            [], id="the-carrier-and-the-ars-are-not-partners",
        ),
        # the contract binds the bodies a verb names after it ('engage', 'réunit', 'rassemble')
        pytest.param(
            "La commune de Sablé a signé son contrat local de santé. Le document engage la Ville, l'ARS, la CPAM de la Sarthe et le centre hospitalier pour cinq ans.",
            ["CPAM de la Sarthe", "centre hospitalier"], id="le-document-engage",
        ),
        pytest.param(
            "La communauté d'agglomération Seine-Eure a signé le contrat local de santé. Le contrat réunit aussi l'État, le Département de l'Eure et la MSA Haute-Normandie.",
            ["État", "Département de l'Eure", "MSA Haute-Normandie"], id="le-contrat-reunit-aussi",
        ),
        pytest.param(
            "Le contrat local de santé a été signé par la Ville de Dreux et l'ARS. La Ville s'engage à financer un poste de coordinateur.",
            [], id="s-engage-a-names-nobody",
        ),
        pytest.param(
            "Le contrat local de santé de la Ville de Dreux a été signé. Il rassemble les conditions d'un meilleur accès aux soins.",
            [], id="rassemble-les-conditions-names-nobody",
        ),
        # another agreement signed the same day, and a sentence that goes on about it ('Il réunit …')
        pytest.param(
            "La commune de Saint-Benoît et l'ARS ont signé le contrat local de santé. La CPAM et le Département en sont également signataires. "
            "Dans un second temps, le contrat de ville a été signé pour les quartiers prioritaires. Il réunit, outre l'État et la commune, la CAF et les bailleurs sociaux.",
            ["CPAM", "Département"], id="il-reunit-after-the-contrat-de-ville",
        ),
        pytest.param(
            "La Ville de Vesoul a signé son contrat local de santé avec l'ARS. Il réunit aussi la CPAM de la Haute-Saône et le centre hospitalier.",
            ["CPAM de la Haute-Saône", "centre hospitalier"], id="il-reunit-after-the-cls-itself",
        ),
        # a negated cue says the opposite (the parse's 'ne'/'n'' on the cue's verb or predicate)
        pytest.param(
            "Le contrat sera signé par la commune de Lectoure, l'ARS et la préfecture du Gers. "
            "La CAF et la MSA ont participé aux ateliers mais ne seront pas signataires.",
            ["préfecture du Gers"], id="ne-seront-pas-signataires",
        ),
        pytest.param(
            "La Ville de Millau a signé son contrat local de santé avec l'ARS. Le centre hospitalier et la CPAM de l'Aveyron n'en sont pas signataires.",
            [], id="n-en-sont-pas-signataires",
        ),
        pytest.param(
            "La communauté de communes a signé son contrat local de santé. La MSA ne sera pas signataire ; la CPAM de la Manche et le Département en sont signataires.",
            ["CPAM de la Manche", "Département"], id="a-negated-cue-beside-an-affirmed-one",
        ),
    ],
)
def test_partners_in_running_prose(record_of: Record, text: str, partners: list[str]) -> None:
    assert [p["name"] for p in record_of(text)["partners"]] == partners


def test_one_partner_named_twice_is_one_partner_in_its_best_written_form(record_of: Record) -> None:
    text = ("La Ville de Dax a renouvelé son CLS avec ses partenaires, parmi lesquels la CPAM et la CAF.\n\nLes signataires :\n"
            "- la Caisse primaire d'assurance maladie des Landes\n- la Caisse d'allocations familiales des Landes\n")
    assert [p["name"] for p in record_of(text)["partners"]] == [
        "Caisse primaire d'assurance maladie des Landes", "Caisse d'allocations familiales des Landes"]
