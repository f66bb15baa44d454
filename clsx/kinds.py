"""The territory kinds a record gives (../shared/RECORD.md), written once: the record model
types `territory.kind` with them, and `clsx link --help` lists them without importing pydantic."""

from __future__ import annotations

TERRITORY_KINDS: tuple[str, ...] = (
    "commune",
    "communaute_de_communes",
    "communaute_d_agglomeration",
    "communaute_urbaine",
    "metropole",
    "petr",
    "pays",
    "departement",
    "cias",
    "other",
)
