"""The one spaCy pipeline: fr_core_news_md plus a span_ruler fed from `patterns/`.

Rule matches go to `doc.spans["clsx"]` (labels: the cue labels of patterns/lexicon/cues.jsonl,
ORG, TITLE, KIND, REGION, DEPARTMENT), each with the `id` of its lexicon entry; `doc.ents` stays
the statistical NER's.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any


MODEL = "fr_core_news_md"
SPANS_KEY = "clsx"
# Components clsx never reads (it uses tokens, NER entities and its span_ruler). The parser
# stays: NER does not cross its sentence boundaries, and without it about 1 entity in 9 changes.
# "strings" is the vocab's 713k-entry table, which tokens, entities and vectors do without.
EXCLUDE = ["lemmatizer", "morphologizer", "attribute_ruler", "strings"]


_UNACCENTED_CAPITAL = str.maketrans("éèêÉÈÊàÀ", "eeeEEEaA")


def _variants(phrase: str) -> set[str]:
    """The phrase with both apostrophes, and with the accent a capital often loses ('Etat',
    'Education nationale', 'Etablissement' for 'État', 'Éducation', 'Établissement')."""
    out = {phrase, phrase.replace("'", "’"), phrase.replace("’", "'")}
    bare = re.sub(r"(?:(?<=^)|(?<=[ '’-]))[éèêÉÈÊàÀ]", lambda m: m.group(0).translate(_UNACCENTED_CAPITAL), phrase)
    return out | {bare, bare.replace("'", "’"), bare.replace("’", "'")}


# which label the span_ruler gives the forms of each lexicon file (cues carry their own)
_LABELS = {
    "organisations.jsonl": "ORG",
    "titles.jsonl": "TITLE",
    "territory_kinds.jsonl": "KIND",
    "regions.jsonl": "REGION",
    "departments.jsonl": "DEPARTMENT",
}


_PLACES = {"regions.jsonl", "departments.jsonl"}


def ruler_patterns() -> list[dict[str, Any]]:
    """Every phrase of the lexicon, as span_ruler phrase patterns (matched on LOWER): each match
    keeps its entry's id."""
    from .lexicon import lexicon

    lex = lexicon()
    out: list[dict[str, Any]] = []
    for name in ("cues.jsonl", *_LABELS):
        for entry in lex.entries(name):
            label = getattr(entry, "label", None) or _LABELS[name]
            for form in entry.forms:
                spaced = {form, form.replace("-", " ")} if name in _PLACES else {form}  # 'Meurthe et Moselle'
                for p in {v for f in spaced for v in _variants(f)}:
                    out.append({"label": label, "id": entry.id, "pattern": p})
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
