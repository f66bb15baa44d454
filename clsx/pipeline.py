"""The one spaCy pipeline: fr_core_news_md plus a span_ruler fed from `patterns/`.

Rule matches go to `doc.spans["clsx"]` (labels: KIND, ARS, TITLE, CIVILITY, SIGN, PLANNED,
CEREMONY, COORD, AXIS_CUE, PARTNER_CUE, REGION, DEPARTMENT), each with the `id` of its
pattern; `doc.ents` stays the statistical NER's.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .patterns import load_jsonl

MODEL = "fr_core_news_md"
SPANS_KEY = "clsx"


def _with_apostrophes(phrase: str) -> set[str]:
    return {phrase, phrase.replace("'", "’"), phrase.replace("’", "'")}


def ruler_patterns(nlp: Any) -> list[dict[str, Any]]:
    """All rule and gazetteer phrases, as case-insensitive span_ruler token patterns.

    Token patterns built with the tokenizer alone: string patterns would run the whole
    pipeline over every phrase at start-up.
    """
    out: list[dict[str, Any]] = []
    for row in load_jsonl("rules.jsonl"):
        for p in _with_apostrophes(row["pattern"]):
            out.append({"label": row["label"], "id": row["id"], "pattern": p})
    for row in load_jsonl("regions.jsonl"):
        for name in [row["name"], *row["aliases"]]:
            for p in _with_apostrophes(name):
                out.append({"label": "REGION", "id": row["id"], "pattern": p})
    for row in load_jsonl("departments.jsonl"):
        for p in _with_apostrophes(row["name"]):
            out.append({"label": "DEPARTMENT", "id": row["id"], "pattern": p})
    for row in out:
        row["pattern"] = [{"LOWER": t.lower_} for t in nlp.make_doc(row["pattern"])]
    return out


@cache
def load() -> Any:
    """Load the pipeline once per process."""
    import spacy

    from .limits import PiecewiseTokenizer

    nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    nlp.tokenizer = PiecewiseTokenizer(nlp.tokenizer)
    ruler = nlp.add_pipe(
        "span_ruler",
        name="clsx_rules",
        config={"spans_key": SPANS_KEY, "validate": True, "overwrite": True},
    )
    ruler.add_patterns(ruler_patterns(nlp))
    return nlp


def model_version() -> str:
    nlp = load()
    return f"{nlp.meta.get('lang', 'fr')}_{nlp.meta.get('name', 'core_news_md')} {nlp.meta.get('version', '?')}"
