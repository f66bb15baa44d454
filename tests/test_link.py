"""Linking territories to the register: a table of real names as press releases write them,
the seed and dev texts end to end, the normaliser, and `clsx link`."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, run_cli

from clsx.gazetteer import split, words
from clsx.link import Hints, hints_from, link_name

CASES = ROOT / "tests" / "data" / "link_cases.csv"
ROWS = list(csv.DictReader(CASES.open(encoding="utf-8")))


def _param(row: dict[str, str]) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=row["miss"])] if row["miss"] else []
    hint = f" [{row['department'] or row['region']}]" if row["department"] or row["region"] else ""
    return pytest.param(row, marks=marks, id=row["name"] + hint)


@pytest.mark.parametrize("row", [_param(r) for r in ROWS])
def test_real_name_links_as_the_table_says(row: dict[str, str]) -> None:
    hints = hints_from(row["department"] or None, [], row["region"] or None, row["context"])
    res = link_name(row["name"], row["kind"] or None, None, hints)
    code = res.entity.code if res.entity else "-"
    assert (code, res.status) == (row["expected"], row["status"])


def test_the_table_is_large_and_varied() -> None:
    assert len(ROWS) >= 60
    communes = [r for r in ROWS if r["name"].startswith(("Ville", "Commune"))]
    homonyms = {r["name"] for r in communes if r["status"] == "ambiguous"}
    told_apart = {r["name"] for r in communes if r["status"] == "exact" and r["name"] in homonyms}
    assert len(homonyms) >= 4 and len(told_apart) >= 4  # with and without the department
    assert sum(r["expected"] == "-" for r in ROWS) >= 15  # names that must not link
    assert sum(r["name"].isupper() for r in ROWS) >= 5  # acronyms


SEED_LINKS = {
    "seed-coevrons-2018": ("200033298", "Communauté de communes des Coëvrons", "53", "Pays de la Loire"),
    "seed-ccvba": ("200072692", "Communauté de communes des Vallées de la Braye et de l'Anille", "72", "Pays de la Loire"),
    "seed-lisieux-2022": ("200069532", "Communauté d'agglomération Lisieux Normandie", "14", "Normandie"),
    "seed-lens-lievin-2019": ("246200364", "Communauté d'agglomération de Lens - Liévin", "62", "Hauts-de-France"),
}


@pytest.mark.parametrize("stem", sorted(SEED_LINKS))
def test_current_seed_territories_link_exactly(stem: str, records: dict[str, dict[str, Any]]) -> None:
    t = records[stem]["territory"]
    assert t["link"] == {"status": "exact", "score": 1.0, "candidates": []}
    assert (t["siren"], t["official_name"], t["department_code"], t["official_region"]) == SEED_LINKS[stem]
    assert t["insee_code"] is None


def test_laigle_2013_does_not_link_but_names_the_current_epci(records: dict[str, dict[str, Any]]) -> None:
    t = records["seed-laigle-2013"]["territory"]
    assert t["link"]["status"] in ("ambiguous", "none")
    assert t["siren"] is None and t["official_name"] is None
    assert "Communauté de communes des Pays de L'Aigle" in [c["name"] for c in t["link"]["candidates"]]
    assert t["link"]["candidates"][0]["code"] == "200068468"
    # the department the text names, and the region of today although the text says Basse-Normandie
    assert (t["department_code"], t["official_region"]) == ("61", "Normandie")


def test_every_made_up_dev_territory_links_to_nothing(dev_records: list[dict[str, Any]]) -> None:
    made_up = [r for r in dev_records if Path(r["source"]["path"]).name.startswith("d")]
    assert len(made_up) == 15
    got = {Path(r["source"]["path"]).stem: (r["territory"] or {}).get("link", {}).get("status") for r in made_up}
    assert got == {stem: "none" for stem in got}
    assert all(r["territory"]["siren"] is None and r["territory"]["insee_code"] is None for r in made_up)


@pytest.mark.parametrize(
    "name, kind, core",
    [
        ("Communauté d’Agglomération de Lens- Liévin", "communaute_d_agglomeration", ("lens", "lievin")),
        ("CC des Coevrons", "communaute_de_communes", ("coevrons",)),
        ("Communauté de Communes Cœur Côte Fleurie", "communaute_de_communes", ("coeur", "cote", "fleurie")),
        ("Val d’Europe Agglomération", "communaute_d_agglomeration", ("val", "europe")),
        ("Saint-Etienne Métropole", "metropole", ("saint", "etienne")),
        ("Ville de St-Étienne", "commune", ("saint", "etienne")),
        ("l'Agglo Lisieux Normandie", "communaute_d_agglomeration", ("lisieux", "normandie")),
        ("Centre Intercommunal d'Action Sociale (CIAS) des Pays de L'Aigle", "cias", ("pays", "aigle")),
        ("Pays Auxois Morvan", None, ("pays", "auxois", "morvan")),
        ("Métropole", None, ("metropole",)),  # a kind word alone is kept as the name, not emptied
    ],
)
def test_split_strips_kind_words_and_normalises(name: str, kind: str | None, core: tuple[str, ...]) -> None:
    assert split(name) == (kind, core)


def test_words_drop_articles_and_expand_saint() -> None:
    assert words("Les Sables-d’Olonne") == ["sables", "olonne"]
    assert words("Ste-Marie-aux-Mines") == ["sainte", "marie", "mines"]


def test_a_department_the_text_gives_overrides_a_lone_homonym() -> None:
    # the only Saint-Leu is in La Réunion: a text set in the Oise does not get its code
    res = link_name("Ville de Saint-Leu", None, None, Hints(department="60"))
    assert (res.status, res.entity) == ("ambiguous", None)
    assert [e.code for e, _ in res.candidates] == ["97413"]


def test_former_region_maps_to_the_current_one() -> None:
    h = hints_from("Orne", ["61", "14"], "Basse-Normandie")
    assert (h.department, h.mentioned, h.region) == ("61", frozenset({"61", "14"}), "28")


def test_cli_link_prints_the_link() -> None:
    done = run_cli("link", "Communauté de communes des Coëvrons")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode("utf-8") == "exact 1.000  200033298  Communauté de communes des Coëvrons  [CC, 53, Pays de la Loire]\n"


def test_cli_link_json_lists_homonyms() -> None:
    done = run_cli("link", "Ville de Saint-Denis", "--json")
    assert done.returncode == 0, done.stderr.decode()
    out = json.loads(done.stdout.decode("utf-8"))
    assert (out["status"], out["code"]) == ("ambiguous", None)
    assert sorted(c["code"] for c in out["candidates"]) == ["11339", "30247", "93066", "97411"]


def test_cli_link_with_department() -> None:
    done = run_cli("link", "Ville de Saint-Denis", "--department", "Seine-Saint-Denis", "--json")
    out = json.loads(done.stdout.decode("utf-8"))
    assert (out["status"], out["code"], out["official_region"]) == ("exact", "93066", "Île-de-France")


def test_cli_link_unknown_kind_is_a_usage_error() -> None:
    done = run_cli("link", "Coëvrons", "--kind", "canton")
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr.decode().startswith("Error: unknown kind 'canton'")
