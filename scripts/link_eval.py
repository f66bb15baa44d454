#!/usr/bin/env python3
"""Link precision and rate on tests/data/link_cases.csv (real territory names as press releases write them).

    .venv/bin/python scripts/link_eval.py [--show]

precision = links (exact or fuzzy) to the expected code / all links given
rate      = links to the expected code / names that have a code to find
A row whose expected is '-' (a Pays, a merged EPCI, homonyms without a department) counts
against precision if it gets any code.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clsx.link import Result, hints_from, link_name  # noqa: E402

CASES = ROOT / "tests" / "data" / "link_cases.csv"


def run(row: dict[str, str]) -> Result:
    hints = hints_from(row["department"] or None, [], row["region"] or None, row["context"])
    return link_name(row["name"], row["kind"] or None, None, hints)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show", action="store_true", help="print every row that differs from the table")
    args = ap.parse_args()
    rows = list(csv.DictReader(CASES.open(encoding="utf-8")))
    given = right = to_find = same_status = 0
    for row in rows:
        res = run(row)
        code = res.entity.code if res.entity and res.status in ("exact", "fuzzy") else "-"
        given += code != "-"
        right += code != "-" and code == row["expected"]
        to_find += row["expected"] != "-"
        same_status += res.status == row["status"]
        if args.show and (code != row["expected"] or res.status != row["status"]):
            print(f"{row['name']!r}: got {code} {res.status}, expected {row['expected']} {row['status']}  {row['miss']}")
    print(f"{len(rows)} names, {to_find} with a code to find, {len(rows) - to_find} that must not link")
    print(f"links given: {given}, right: {right}")
    print(f"link precision: {right / given:.3f}" if given else "link precision: n/a")
    print(f"link rate: {right / to_find:.3f}")
    print(f"status as expected: {same_status}/{len(rows)}")


if __name__ == "__main__":
    main()
