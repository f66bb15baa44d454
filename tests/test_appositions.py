"""A person's function and organisation, read from the apposition before or after the name
(clsx/mentions/people.py): 'X, maire de Y', 'la préfète X', 'le directeur de la CPAM, M. X'."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from clsx.mentions.people import find_people

Ctx = Callable[[str], Any]


def _read(ctx: Any) -> list[tuple[str, str | None, str | None]]:
    def text(span: tuple[int, int] | None) -> str | None:
        return ctx.clean[span[0] : span[1]] if span else None

    return [(p.name, text(p.title), text(p.organisation)) for p in find_people(ctx)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "Sylvie MARCHETTI, maire de Lunéville, et Hervé DUVAL, directeur général de l'ARS Grand Est, ont signé le contrat.",
            [("Sylvie Marchetti", "maire", "Lunéville"), ("Hervé Duval", "directeur général", "ARS Grand Est")], id="after-the-name",
        ),
        pytest.param(
            "La préfète Isabelle DAUMAS a salué le travail accompli.",
            [("Isabelle Daumas", "préfète", None)], id="title-first",
        ),
        pytest.param(
            "Le directeur de la CPAM de l'Allier, M. Thomas GIRAUD, a rappelé les enjeux.",
            [("Thomas Giraud", "directeur", "CPAM de l'Allier")], id="title-and-organisation-before-the-name",
        ),
        pytest.param(
            "étaient présents Nadia BOUZID (vice-présidente de la communauté de communes du Val d'Ille) et Marc LEROUX, sous-préfet.",
            [("Nadia Bouzid", "vice-présidente", "communauté de communes du Val d'Ille"), ("Marc Leroux", "sous-préfet", None)], id="in-brackets",
        ),
        pytest.param(
            "Mme Carine PETIT, directrice générale adjointe de l'Agence régionale de santé Normandie, représentait l'agence.",
            [("Carine Petit", "directrice générale adjointe", "Agence régionale de santé Normandie")], id="modifiers-of-the-function",
        ),
        pytest.param(
            "Aux côtés du président de la communauté d'agglomération Jean-Luc ROBIN, la députée Claire FAURE.",
            [("Jean-Luc Robin", "président", "communauté d'agglomération"), ("Claire Faure", "députée", None)],
            id="a-person-after-the-organisation-of-a-title-is-the-title-s",
        ),
        pytest.param(
            "la directrice de la délégation départementale de l'ARS dans la Loire, Émilie RENARD, a signé.",
            [("Émilie Renard", "directrice de la délégation départementale", "ARS")], id="a-phrase-then-a-comma-then-the-name",
        ),
    ],
)
def test_function_and_organisation(ctx_of: Ctx, sentence: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert _read(ctx_of(sentence)) == expected
