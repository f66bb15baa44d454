"""Hostile documents (tests/hostile.py) at full size finish under a watchdog with a valid record;
when the model reads only a part, the record says so and still describes the whole text.
bench/adversarial.py prints the time each one takes."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import jsonschema
import pytest
from helpers import walk_spans, watchdog
from hostile import HOSTILE

from clsx.limits import CHARS_PER_TOKEN, MAX_TOKENS, PiecewiseTokenizer, cut

WATCHDOG = 60  # seconds per document; they take a few (bench/adversarial.py)


# The cases, every case that once found a slow path (kept as a regression test), and
# the cheap ones; bench/adversarial.py times all of HOSTILE. Each cut document costs the model
# about two seconds: the near-duplicates stay in the benchmark only.
TESTED = [
    "1 MB without a space", "200,000 x 'a-a-'", "200,000 x 'a-a- '", "50,000 bullet lines", "100,000 digits",
    "10,000 'Axe 1 :' on one line", "'M. M. M.' repeated", "apostrophes", "open parentheses",
    "HTML entities", "blank lines", "years '2018-2020 '", "signature words", "90,000 spaces in a line",
    "90,000 tabs then a line break", "spaces in an axis aside", "partner list of 10,000 names",
    "brackets in an axis line", "slashes '12/'", "hyphenated line breaks", "dots", "combining accents",
]


def test_the_tested_cases_exist() -> None:
    assert set(TESTED) <= set(HOSTILE) and len(TESTED) >= 20


@pytest.mark.parametrize("name", TESTED)
def test_hostile_document_finishes_with_a_valid_record(name: str, nlp: Any, cli_schema: dict[str, Any]) -> None:
    from clsx.extract import record_for_text

    text = HOSTILE[name](1.0)
    with watchdog(WATCHDOG):
        rec = record_for_text(text, name).model_dump(mode="json")
    jsonschema.Draft202012Validator(cli_schema).validate(rec)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert (rec["doc_id"], rec["source"]["sha256"], rec["source"]["chars"]) == (sha[:16], sha, len(text))
    for where, span in walk_spans(rec):
        assert text[span["start"] : span["end"]] == span["text"], where
    notes = [w for w in rec["warnings"] if w.startswith("text too long for the model")]
    if len(text) > MAX_TOKENS * CHARS_PER_TOKEN:
        assert len(notes) == 1, "over the character bound: always cut"
    for note in notes:
        read = int(re.search(r"only its first (\d+) of (\d+) characters", note).group(1))  # type: ignore[union-attr]
        assert 0 < read < len(text) and f"of {len(text)} characters" in note
        assert all(span["end"] <= read for _, span in walk_spans(rec)), "evidence only from what was read"


def test_a_long_press_release_is_read_up_to_the_limit(nlp: Any) -> None:
    """A real release repeated past the limit: the first copy is read, the record says the rest was not."""
    from helpers import SAMPLES

    from clsx.extract import record_for_text

    one = (SAMPLES / "seed-coevrons-2018.txt").read_text(encoding="utf-8")
    text = "\n".join([one] * 30)  # about 13,000 tokens
    rec = record_for_text(text)
    read, _, note = cut(text, nlp.tokenizer)
    assert note and MAX_TOKENS / 2 < len(nlp.tokenizer(read)) <= MAX_TOKENS + 1
    assert read.endswith("\n"), "cut at a line break"
    assert rec.territory and rec.territory.name == "Communauté de Communes des Coëvrons"
    assert rec.signature.date == "2018-06-12"
    assert rec.warnings[0] == note


@pytest.mark.parametrize("name", ["1 MB without a space", "apostrophes", "open parentheses", "HTML entities", "combining accents"])
def test_piecewise_tokenizer_keeps_the_text(name: str, nlp: Any) -> None:
    text = HOSTILE[name](0.05) + " fin de la phrase.\n" + HOSTILE[name](0.01)
    doc = PiecewiseTokenizer(nlp.tokenizer.tokenizer)(text)
    assert doc.text == text
    assert max(len(t) for t in doc) <= 200


def test_piecewise_tokenizer_leaves_ordinary_text_alone(nlp: Any, texts: dict[str, str]) -> None:
    plain = nlp.tokenizer.tokenizer
    for stem, text in texts.items():
        assert [t.text for t in nlp.tokenizer(text)] == [t.text for t in plain(text)], stem
