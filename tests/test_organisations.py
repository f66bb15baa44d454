"""Organisation mentions (clsx/mentions/organisations.py): a lexicon head, then what names it;
over spacy.blank("fr") and the lexicon's span_ruler, no statistical model needed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from clsx.mentions.organisations import find

Ctx = Callable[[str], Any]


def _orgs(ctx: Any) -> list[tuple[str, str]]:
    return [(ctx.clean[o.start : o.end], o.kind) for o in find(ctx)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a head and its complements: brackets, a department number, 'de' + a name, a name right after
        ("La Caisse primaire d'assurance maladie (CPAM) de la Sarthe a signé.", [("Caisse primaire d'assurance maladie (CPAM) de la Sarthe", "health_insurance")]),
        ("avec la CPAM 72 et la MSA Mayenne-Orne-Sarthe.", [("CPAM 72", "health_insurance"), ("MSA Mayenne-Orne-Sarthe", "agricultural_insurance")]),
        ("la Préfecture de la Haute-Vienne, le centre hospitalier de Saint-Junien", [("Préfecture de la Haute-Vienne", "state"), ("centre hospitalier de Saint-Junien", "hospital")]),
        ("le Centre Hospitalier Jacques Cœur de Bourges", [("Centre Hospitalier Jacques Cœur de Bourges", "hospital")]),
        ("l'ARS Bourgogne-Franche-Comté et la CPTS du Grand Dole", [("ARS Bourgogne-Franche-Comté", "ars"), ("CPTS du Grand Dole", "health_professionals")]),
        # lower case: an institution all the same
        ("en lien avec la préfecture, le conseil départemental et la caisse d'allocations familiales", [("préfecture", "state"), ("conseil départemental", "department"), ("caisse d'allocations familiales", "family_allowance")]),
        # a capital the text dropped ('Etat', 'Education nationale')
        ("l'Etat et l'Education nationale sont partenaires", [("Etat", "state"), ("Education nationale", "education")]),
        # a generic head names an organisation with a name or its short form spelt out
        ("l'Union départementale des associations familiales (UDAF) du Jura", [("Union départementale des associations familiales (UDAF) du Jura", "social")]),
        ("l'Association pour la santé des jeunes (APSJ) soutient le projet", [("Association pour la santé des jeunes (APSJ)", "other")]),
        ("le Réseau Santé Sud Gironde anime les ateliers", [("Réseau Santé Sud Gironde", "other")]),
        # a collectivity is a territory kind with its name
        ("la Communauté de communes du Pays de Mormal et la Ville de Maubeuge", [("Communauté de communes du Pays de Mormal", "collectivity"), ("Ville de Maubeuge", "collectivity")]),
        ("la communauté de communes Entre Beauce et Perche et l'ARS", [("communauté de communes Entre Beauce et Perche", "collectivity"), ("ARS", "ars")]),
        ("le Département de la Nièvre", [("Département de la Nièvre", "department")]),
        # lower-case words go on in the name when its short form in brackets spells them too
        ("la communauté de communes de l'Ouest guyanais (CCOG) et l'ARS", [("communauté de communes de l'Ouest guyanais (CCOG)", "collectivity"), ("ARS", "ars")]),
        ("le centre hospitalier de l'Ouest guyanais (CHOG) accueille", [("centre hospitalier de l'Ouest guyanais (CHOG)", "hospital")]),
        ("la communauté de communes du Pays basque (CCPB)", [("communauté de communes du Pays basque (CCPB)", "collectivity")]),
        ("la communauté de communes de l'Ouest guyanais (CTG) signe", [("communauté de communes de l'Ouest", "collectivity")]),
        ("la communauté de communes du Thouarsais signe (CCT)", [("communauté de communes du Thouarsais", "collectivity")]),
    ],
)
def test_organisation_mentions(blank_ctx: Ctx, sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _orgs(blank_ctx(sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "L'état de santé de la population reste fragile.",  # 'état' needs a capital
        "Dans le département, les médecins manquent.",  # a place, not the council
        "Un centre de soins ouvrira l'an prochain.",  # a generic head with nothing naming it
        "La région compte trois contrats.",
    ],
)
def test_common_nouns_are_not_organisations(blank_ctx: Ctx, sentence: str) -> None:
    assert _orgs(blank_ctx(sentence)) == []


def test_a_person_after_a_function_s_organisation_is_not_part_of_its_name(blank_ctx: Ctx) -> None:
    ctx = blank_ctx("en présence du Président du Département Pierre MARTIN et du maire.")
    assert _orgs(ctx) == [("Département", "department")]
