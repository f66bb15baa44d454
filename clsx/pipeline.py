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
# Components clsx never reads (it uses tokens, NER entities and its span_ruler). The parser
# stays: NER does not cross its sentence boundaries, and without it about 1 entity in 9 changes.
# "strings" is the vocab's 713k-entry table, which tokens, entities and vectors do without.
EXCLUDE = ["lemmatizer", "morphologizer", "attribute_ruler", "strings"]


def _with_apostrophes(phrase: str) -> set[str]:
    return {phrase, phrase.replace("'", "’"), phrase.replace("’", "'")}


def ruler_patterns() -> list[dict[str, Any]]:
    """All rule and gazetteer phrases, as span_ruler phrase patterns (matched on LOWER)."""
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
    return out


@cache
def load() -> Any:
    """Load the pipeline once per process, with the French token regex compiled fast
    (clsx/fast_tokenizer.py): same tokens and entities as the stock model."""
    import importlib

    from .fast_tokenizer import stock_patterns_replaced
    from .limits import PiecewiseTokenizer
    from .lazy_spacy_cli import import_spacy

    with stock_patterns_replaced():
        spacy = import_spacy()
        importlib.import_module("spacy.lang.fr")  # compiles TOKEN_MATCH
        nlp = spacy.load(MODEL, exclude=EXCLUDE)
    # long whitespace-free runs in pieces: spaCy's tokenizer is quadratic on them (clsx/limits.py)
    nlp.tokenizer = PiecewiseTokenizer(nlp.tokenizer)
    # A PhraseMatcher on LOWER finds what token patterns [{"LOWER": …}, …] found, at a
    # twentieth of the cost per document. First in the pipeline (it reads only the tokens, and
    # no component reads doc.spans), so that its phrases are made by the tokenizer alone.
    ruler = nlp.add_pipe(
        "span_ruler",
        name="clsx_rules",
        first=True,
        config={"spans_key": SPANS_KEY, "phrase_matcher_attr": "LOWER", "validate": True, "overwrite": True},
    )
    ruler.add_patterns(ruler_patterns())
    return nlp


@cache
def model_version() -> str:
    # cached: nlp.meta asks every component for its labels, 2-3 ms a call
    nlp = load()
    return f"{nlp.meta.get('lang', 'fr')}_{nlp.meta.get('name', 'core_news_md')} {nlp.meta.get('version', '?')}"
