"""Properties over generated input (tests/invariants.py): extraction never raises, every span
indexes the text, every record validates against the schema `clsx schema` prints. A few dozen
examples each here; fuzz/fuzz_clsx.py runs the same checks for as long as you like."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from invariants import any_bytes, check_bytes, check_text, french_like, unicode_text

FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@FEW
@given(text=french_like())
def test_french_like_text(text: str, cli_schema: dict[str, Any], nlp: Any) -> None:
    check_text(text, cli_schema)


@FEW
@given(text=unicode_text())
def test_arbitrary_unicode(text: str, cli_schema: dict[str, Any], nlp: Any) -> None:
    check_text(text, cli_schema)


@FEW
@given(data=any_bytes())
def test_arbitrary_bytes(data: bytes, cli_schema: dict[str, Any], nlp: Any) -> None:
    check_bytes(data, cli_schema)


def test_a_generated_french_text_reads_like_one() -> None:
    """The strategy is worth something only if it makes texts the extractors react to."""
    from hypothesis import find, settings

    # derandomized: a random search of 2,000 examples sometimes found none (a flaky failure)
    condition = lambda t: "contrat local de santé" in t and "signé" in t and "\n" in t  # noqa: E731
    text = find(french_like(), condition, settings=settings(derandomize=True, database=None, max_examples=2000))
    assert len(text) > 20
