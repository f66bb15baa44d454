"""Ctx's lookups of rule matches near an offset (clsx/doc.py): bisections over the disjoint
matches of a label, so that a pass over one label's matches asking for another's near each
stays linear (the 'ARS and region' hostile text once spent 2 s in two such scans)."""

from __future__ import annotations

from typing import Any, Callable

import pytest

TEXT = "L'ARS Normandie et l'ARS Bretagne ont signé. La Loire et le Pays de la Loire aussi."


def _found(spans: list[Any]) -> list[str]:
    return [s.text for s in spans]


@pytest.mark.parametrize(
    ("label", "start", "end", "found"),
    [
        ("REGION", 0, len(TEXT), ["Normandie", "Bretagne", "Pays de la Loire"]),
        ("REGION", 6, 6, ["Normandie"]),  # a match starting at the offset touches it
        ("REGION", 15, 15, ["Normandie"]),  # one ending there too
        ("REGION", 16, 24, []),
        ("REGION", 16, 25, ["Bretagne"]),
        ("REGION", 30, 30, ["Bretagne"]),  # inside a match
        ("REGION", len(TEXT), len(TEXT), []),
    ],
)
def test_touching_finds_the_matches_at_or_over_a_range(blank_ctx: Callable[[str], Any], label: str, start: int, end: int, found: list[str]) -> None:
    assert _found(blank_ctx(TEXT).touching(label, start, end)) == found


def test_a_department_inside_a_region_is_the_region_s(blank_ctx: Callable[[str], Any]) -> None:
    ctx = blank_ctx(TEXT)
    assert _found(ctx.matches("DEPARTMENT")) == ["Loire"]
    assert ctx.matches("DEPARTMENT")[0].start_char == TEXT.index("Loire")


@pytest.mark.parametrize("copies", [1, 500])
def test_regions_after_the_ars_many_times_over(blank_ctx: Callable[[str], Any], copies: int) -> None:
    """Each region is matched to its own ARS, however many the text holds."""
    from clsx.fields import region

    ctx = blank_ctx("L'ARS Normandie et l'ARS Bretagne ont signé. " * copies)
    found = region.find(ctx)
    assert [c.value for c in found] == ["Normandie", "Bretagne"] * copies
    assert {c.rule for c in found} == {"region.after_ars"}
