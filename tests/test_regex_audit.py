"""The machinery of bench/regex_audit.py: a backtracking regex is flagged, a linear one is not,
and calls are recorded with the method and the place clsx's code uses.

No figure is asserted but the audit's verdict: `(a+)+$` on 30 characters takes 2^30 steps, far
beyond the tiny timeout, while a linear pattern on 8,000 characters takes microseconds against a
budget of 50 ms.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from types import ModuleType

import pytest
from helpers import ROOT


@pytest.fixture(scope="module")
def audit() -> ModuleType:
    spec = importlib.util.spec_from_file_location("regex_audit", ROOT / "bench" / "regex_audit.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _findings(audit: ModuleType, pattern: str, method: str, sizes: list[int]) -> list[object]:
    use = audit.Use(re.compile(pattern), method, "test")
    return list(audit.audit_use(use, ["a", " "], sizes, budget=0.05, timeout=0.2, growth=8.0, min_seconds=0.005))


def test_an_exponential_regex_is_flagged(audit: ModuleType) -> None:
    got = _findings(audit, r"(a+)+$", "match", [30, 60])
    assert [(f.unit, f.chars, f.why) for f in got] == [("a", 30, "stopped after 0.2 s")]


def test_a_quadratic_regex_is_flagged_the_way_it_is_called(audit: ModuleType) -> None:
    # `\s+x` searched over spaces tries every start and scans to the end from each
    assert [f.unit for f in _findings(audit, r"\s+x", "search", [10_000, 40_000])] == [" "]
    # the same pattern called with .match is tried at the start only: linear
    assert _findings(audit, r"\s+x", "match", [10_000, 40_000]) == []


def test_a_linear_regex_is_not_flagged(audit: ModuleType) -> None:
    assert _findings(audit, r"(?<![ \t])[ \t]+\n", "sub", [2_000, 8_000]) == []
    assert _findings(audit, r"\d{4}-\d{4}", "finditer", [2_000, 8_000]) == []


def _line(file: str, text: str) -> int:
    return next(i for i, x in enumerate((ROOT / file).read_text(encoding="utf-8").splitlines(), 1) if text in x)


def test_a_call_is_recorded_with_its_method_and_site(audit: ModuleType) -> None:
    from clsx.convert.pdf import _TRAILING_SPACES

    def work() -> None:
        _TRAILING_SPACES.sub("\n", "a  \nb")  # from this test: not clsx's code, not recorded
        from clsx.convert.blocks import lines_of

        lines_of("a \t b")

    calls = audit.recorded_calls(work)
    site = f"clsx/convert/blocks.py:{_line('clsx/convert/blocks.py', '_SPACES.sub(')}"
    assert [(m, sorted(sites)) for (p, _, m), (_, sites) in calls.items()] == [("sub", [site])]


def test_a_constant_slice_bounds_the_input(audit: ModuleType) -> None:
    line = _line("clsx/convert/formats.py", "_HTML_START.match(")
    assert audit.slice_bound(f"clsx/convert/formats.py:{line}", "match") == 2048
