"""The factored French TOKEN_MATCH (clsx/fast_tokenizer.py) accepts exactly what spaCy's accepts.

The stock pattern is taken from the installed model's tokenizer file and rebuilt from
`spacy.lang.fr.tokenizer_exceptions`; it is compiled here once with the real `re.compile` (a few
seconds) and both patterns are asked about every token of the test corpus, made-up hyphen and
elision shapes, and strings generated from each alternative of the stock pattern.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from helpers import CORPUS, ROOT

from clsx import fast_tokenizer as ft

try:
    import re._parser as sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

TOKENIZER_TEXTS = sorted((ROOT / "tests" / "data" / "tokenizer").glob("*.txt"))
HYPHENS = ["-", "‐", "‑", "–", "—", "‒"]
ELISIONS = ["'", "’", "`", "´"]


@cache
def stock_pattern() -> str:
    """The pattern the model's tokenizer file carries (what spacy.load compiles)."""
    import spacy
    import srsly

    from clsx.pipeline import MODEL

    path = spacy.util.get_package_path(MODEL)
    model_dir = next(path.glob(f"{MODEL}-*"), path)
    return str(srsly.msgpack_loads((model_dir / "tokenizer").read_bytes())["token_match"])


@cache
def compiled() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(stock, factored), both compiled by the real re.compile."""
    return re.compile(stock_pattern()), re.compile(ft.replacements()[ft.sha256(stock_pattern())])


def corpus_strings() -> Iterator[str]:
    """Every whitespace-separated word of the corpus, and the same with edge punctuation cut."""
    for path in [*CORPUS.values(), *TOKENIZER_TEXTS]:
        for w in path.read_text(encoding="utf-8", errors="replace").split():
            yield w
            yield w.strip(".,;:!?«»()[]\"'’")


def shaped_strings() -> Iterator[str]:
    """Hyphen and elision compounds from the corpus vocabulary, in three cases, with every hyphen
    and apostrophe character: the shapes the 266 alternatives are about."""
    words = sorted({w.lower() for w in re.findall(r"[^\W\d_]{1,14}", " ".join(corpus_strings()))})[::7]
    heads = ["anti", "contre", "demi", "sous", "entr", "grand", "grande", "r", "aigues", "bas", "basses",
             "saint", "chateauneuf", "château", "co", "code", "di", "disney", "après", "apres", "aéro", "afro"]
    for a in heads + words[:40]:
        for b in words[:20] + ["", "l'air", "de", "en", "la", "à", "sur"]:
            for h in HYPHENS[:3] + ELISIONS[:2]:
                for s in (f"{a}{h}{b}", f"{a}{h}{b}{h}{a}", f"{a}{h}en{h}l{ELISIONS[1]}{b}", f"{a}{h}{b}s"):
                    yield s
                    yield s.upper()
                    yield s.title()


def test_the_data_file_replaces_the_installed_stock_pattern() -> None:
    data = json.loads(ft.DATA.read_text(encoding="utf-8"))
    assert ft.sha256(stock_pattern()) in ft.replacements(), (
        f"clsx/fast_token_match.json was made for spaCy {data['spacy']}: run scripts/build_fast_token_match.py"
    )


def test_the_module_pattern_is_the_model_pattern() -> None:
    from spacy.lang.fr import tokenizer_exceptions as te

    rebuilt = "(?iu)" + "|".join(f"(?:{m})" for m in te._regular_exp)
    assert rebuilt == stock_pattern()


def test_the_data_file_is_what_the_script_makes() -> None:
    assert ft.factor(stock_pattern()) == ft.replacements()[ft.sha256(stock_pattern())]


def test_factored_is_much_shorter_and_keeps_the_flags() -> None:
    factored = ft.replacements()[ft.sha256(stock_pattern())]
    assert factored.startswith("(?iu)")
    assert len(factored) * 20 < len(stock_pattern())
    assert compiled()[1].flags == compiled()[0].flags


def test_agree_on_every_corpus_word_and_compound_shape() -> None:
    strings = sorted(set(corpus_strings()) | set(shaped_strings()))
    stock, fast = compiled()
    matched = [s for s in strings if stock.match(s)]
    assert len(strings) > 50_000 and len(matched) > 1_000, (len(strings), len(matched))
    assert [s for s in strings if bool(fast.match(s)) != bool(stock.match(s))] == []


def _example(node: Any, rng: random.Random) -> str:
    """A random string that the parsed regex `node` matches (classes: a random member)."""
    out = []
    for op, av in node:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(av))
        elif name == "IN":
            items = [v if str(k) == "RANGE" else (v, v) for k, v in av if str(k) in ("RANGE", "LITERAL")]
            a, b = rng.choice(items)
            out.append(chr(rng.randint(a, b)))
        elif name in ("MAX_REPEAT", "MIN_REPEAT"):
            lo, hi, sub = av
            out.extend(_example(sub, rng) for _ in range(rng.randint(lo, min(hi, lo + 3))))
        elif name == "SUBPATTERN":
            out.append(_example(av[-1], rng))
        elif name == "BRANCH":
            out.append(_example(rng.choice(av[1]), rng))
    return "".join(out)


def generated_strings() -> Iterator[str]:
    """For each alternative of the stock pattern: strings it matches, in three cases, and near
    misses of them (a character dropped, changed or added)."""
    rng = random.Random(6)
    odd = [*HYPHENS, *ELISIONS, "a", "é", "Ÿ", "1", " ", ".", "\n"]
    for alt in ft.alternatives(stock_pattern()):
        tree = sre_parse.parse(alt)
        for _ in range(25):
            s = _example(tree, rng)
            yield from (s, s.upper(), s.title())
            i = rng.randrange(len(s))
            c = rng.choice(odd)
            yield from (s[:i] + s[i + 1 :], s[:i] + c + s[i + 1 :], s[:i] + c + s[i:], s + c, c + s)


def test_agree_on_strings_generated_from_each_stock_alternative() -> None:
    strings = sorted(set(generated_strings()))
    stock, fast = compiled()
    matched = [s for s in strings if stock.match(s)]
    assert len(strings) > 30_000 and len(matched) > 10_000, (len(strings), len(matched))
    assert [s for s in strings if bool(fast.match(s)) != bool(stock.match(s))] == []


@pytest.mark.parametrize(
    "regex, expected",
    [
        ("^ab[c-d]+$", ["^", "a", "b", "[c-d]+", "$"]),
        ("^(?:a|b(?:c))?x{2,3}\\-y", ["^", "(?:a|b(?:c))?", "x{2,3}", "\\-", "y"]),
        ("[]a)(]*z", ["[]a)(]*", "z"]),
        ("[^\\]x]?", ["[^\\]x]?"]),
    ],
)
def test_atoms(regex: str, expected: list[str]) -> None:
    assert ft.atoms(regex) == expected


@pytest.mark.parametrize("regex", ["(a)", "a|b", "(?P<x>a)"])
def test_atoms_refuse_what_factoring_cannot_keep(regex: str) -> None:
    with pytest.raises(ValueError):
        ft.atoms(regex)


def test_factor_groups_alternatives_that_differ_in_one_run() -> None:
    big = "[" + "a-z" * 80 + "]"
    stock = "(?iu)" + "|".join(
        f"(?:{a})" for a in [f"^anti-{big}+$", f"^contre-{big}+$", f"^{big}+-de-{big}+$", f"^{big}+-en-{big}+$", "^x$"]
    )
    factored = ft.factor(stock)
    assert factored == f"(?iu)(?:(?:^anti-|^contre-){big}+$)|(?:^{big}+(?:-de-|-en-){big}+$)|(?:^x$)"
    for s in ["anti-a", "CONTRE-abc", "ab-de-cd", "ab-en-cd", "x", "anti-", "ab-du-cd", "y", "ab-de-cd\n"]:
        assert bool(re.match(stock, s)) == bool(re.match(factored, s)), s


def test_only_a_known_stock_pattern_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    big = "(?iu)(?:^p[-][a-z]+$)(?#" + "x" * 200_000 + ")"
    monkeypatch.setattr(ft, "replacements", lambda: {ft.sha256(big): "(?iu)(?:^known$)"})
    real = re.compile
    with ft.stock_patterns_replaced() as used:
        assert re.compile(big).pattern == "(?iu)(?:^known$)"
        assert re.compile(big + " ").pattern == big + " "  # an upgraded spaCy: compiled as is
        assert re.compile(big, re.MULTILINE).pattern == big  # flags given: not the stock call
        assert re.compile("small").pattern == "small"
    assert used == [ft.sha256(big)]
    assert re.compile is real


def test_no_data_file_means_the_stock_pattern(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    ft.replacements.cache_clear()
    monkeypatch.setattr(ft, "DATA", tmp_path / "missing.json")
    try:
        assert ft.replacements() == {}
        with ft.stock_patterns_replaced() as used:
            assert re.compile("(?iu)(?:^x$)").pattern == "(?iu)(?:^x$)"
        assert used == []
    finally:
        ft.replacements.cache_clear()


def test_re_compile_is_restored_after_an_error() -> None:
    real = re.compile
    with pytest.raises(RuntimeError), ft.stock_patterns_replaced():
        raise RuntimeError
    assert re.compile is real


def test_the_clsx_pipeline_uses_the_factored_pattern(nlp: Any) -> None:
    assert ft.is_factored(nlp)
