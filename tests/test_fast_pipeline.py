"""clsx's fast pipeline gives the tokens and entities of the stock model.

Stock: `spacy.load("fr_core_news_md", exclude=["lemmatizer"])` with spaCy's own token regex.
Fast (clsx.pipeline.load): the factored token regex, no morphologizer, attribute_ruler nor
string table, plus clsx's span_ruler. Compared on every text clsx is tested on (samples, dev
texts when ../shared is there, tests/data/real) as clsx feeds them to the model, and on the
paragraphs of tests/data/tokenizer (hyphenated names, elisions, apostrophes, numbers, URLs).
Its span_ruler matches phrases with a PhraseMatcher on LOWER: the same spans as the token
patterns [{"LOWER": …}, …] it replaced.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from typing import Any

import pytest
from helpers import CORPUS, ROOT

from clsx import fast_tokenizer as ft

TOKENIZER_TEXTS = sorted((ROOT / "tests" / "data" / "tokenizer").glob("*.txt"))


@cache
def stock() -> Any:
    import spacy

    return spacy.load("fr_core_news_md", exclude=["lemmatizer"])


def _inputs() -> dict[str, str]:
    from clsx.source import load
    from clsx.text import normalise

    out = {key: normalise(load(str(path)).text).clean for key, path in CORPUS.items()}
    for path in TOKENIZER_TEXTS:
        for i, para in enumerate(re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))):
            if para.strip():
                out[f"{path.stem}#{i}"] = para
    return out


INPUTS = _inputs()


def _view(doc: Any) -> tuple[list[tuple[str, int, str]], list[tuple[str, str, int, int]]]:
    return (
        [(t.text, t.idx, t.whitespace_) for t in doc],
        [(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents],
    )


@pytest.fixture(scope="module")
def both(nlp: Any) -> dict[str, tuple[Any, Any]]:
    """key -> (stock view, fast view)."""
    keys = list(INPUTS)
    slow = [_view(d) for d in stock().pipe(INPUTS[k] for k in keys)]
    fast = [_view(d) for d in nlp.pipe(INPUTS[k] for k in keys)]
    return dict(zip(keys, zip(slow, fast)))


def test_the_two_pipelines_differ_where_they_should(nlp: Any) -> None:
    assert not ft.is_factored(stock()) and ft.is_factored(nlp)
    assert {"morphologizer", "attribute_ruler"} <= set(stock().pipe_names)
    assert "parser" in nlp.pipe_names and "ner" in nlp.pipe_names
    assert len(nlp.vocab.strings) < len(stock().vocab.strings) / 10


def test_the_inputs_cover_the_corpus_and_thousands_of_words() -> None:
    assert len([k for k in INPUTS if "#" not in k]) == len(CORPUS) >= 20
    assert sum(len(INPUTS[k].split()) for k in INPUTS if "#" in k) > 3000


@pytest.mark.parametrize("key", list(INPUTS))
def test_same_tokens(key: str, both: dict[str, tuple[Any, Any]]) -> None:
    (slow_tokens, _), (fast_tokens, _) = both[key]
    assert fast_tokens == slow_tokens


@pytest.mark.parametrize("key", list(INPUTS))
def test_same_entities(key: str, both: dict[str, tuple[Any, Any]]) -> None:
    (_, slow_ents), (_, fast_ents) = both[key]
    assert fast_ents == slow_ents


def test_the_tokens_the_tokenizer_keeps_whole(nlp: Any) -> None:
    text = "C'est-à-dire aujourd'hui, à Saint-Pierre-en-Auge, la porte-parole entr'ouvre l'anti-inflammatoire."
    assert [t.text for t in nlp(text)] == [t.text for t in stock()(text)]
    assert "aujourd'hui" in [t.text for t in nlp(text)]
    assert "anti-inflammatoire" in [t.text for t in nlp(text)]


@cache
def _token_matcher(nlp: Any) -> Any:
    """The span_ruler's phrases as token patterns of LOWER values, as the ruler had them before."""
    from spacy.matcher import Matcher

    from clsx.pipeline import ruler_patterns

    matcher = Matcher(nlp.vocab, validate=True)
    for row in ruler_patterns():
        matcher.add(repr((row["label"], row["id"])), [[{"LOWER": t.lower_} for t in nlp.make_doc(row["pattern"])]])
    return matcher


def _token_pattern_spans(nlp: Any, doc: Any) -> list[tuple[int, int, str, str]]:
    """The spans the span_ruler made of those token matches (spacy/pipeline/span_ruler.py: match)."""
    from spacy.tokens import Span

    found = set()
    for key, start, end in _token_matcher(nlp)(doc):
        label, id_ = ast.literal_eval(nlp.vocab.strings[key])
        found.add(Span(doc, start, end, label=label, span_id=id_))
    return [(s.start, s.end, s.label_, s.id_) for s in sorted(found)]


def test_rule_spans_are_those_of_token_patterns(nlp: Any) -> None:
    from clsx.pipeline import SPANS_KEY

    total = 0
    for key, text in INPUTS.items():
        doc = nlp(text)
        got = [(s.start, s.end, s.label_, s.id_) for s in doc.spans[SPANS_KEY]]
        assert got == _token_pattern_spans(nlp, doc), key
        total += len(got)
    assert total > 500
