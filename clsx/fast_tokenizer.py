"""spaCy's French TOKEN_MATCH regex, factored so that it compiles in a tenth of a second.

`spacy.lang.fr.tokenizer_exceptions` joins 266 alternatives such as `^anti[-–…][a-zà…][-a-zà…']*$`
into one 1.45 MB case-insensitive pattern whose compilation takes seconds at every start
(explosion/spaCy#2679, #3242); the model's tokenizer file carries the same string and compiles it
again on load. Most alternatives differ only in a short literal part between identical huge
character classes: `(?:p1|p2|…)tail` accepts exactly the strings that `(?:p1tail)|(?:p2tail)`
accepts, and spaCy only asks whether `token_match` matches at all (spacy/tokenizer.pyx).

`factor()` builds the factored pattern; `scripts/build_fast_token_match.py` stores it with the
sha256 of the stock pattern it replaces. `stock_patterns_replaced()` swaps it in while spaCy
compiles, only for a pattern whose hash is in that file: after a spaCy upgrade that changes the
pattern, the stock one is compiled as before.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("fast_token_match.json")
FLAGS_PREFIX = "(?iu)"
# a character class longer than this is worth sharing between alternatives
_BIG = 200


def sha256(pattern: str) -> str:
    return hashlib.sha256(pattern.encode("utf-8")).hexdigest()


def atoms(regex: str) -> list[str]:
    """Split a regex into its top-level items (an atom with its quantifier), or raise ValueError.

    Only what the French patterns use: literals, escapes, classes, non-capturing groups, anchors.
    """
    out: list[str] = []
    i = 0
    while i < len(regex):
        j = _atom_end(regex, i)
        while j < len(regex) and regex[j] in "?*+{":
            j = regex.index("}", j) + 1 if regex[j] == "{" else j + 1
        out.append(regex[i:j])
        i = j
    return out


def _atom_end(regex: str, i: int) -> int:
    c = regex[i]
    if c == "\\":
        return i + 2
    if c == "[":
        j = i + 1
        if j < len(regex) and regex[j] == "^":
            j += 1
        if j < len(regex) and regex[j] == "]":
            j += 1
        while regex[j] != "]":
            j += 2 if regex[j] == "\\" else 1
        return j + 1
    if c == "(":
        if not regex.startswith("(?:", i):
            raise ValueError(f"unsupported group at {i}: {regex[i:i + 10]!r}")
        depth, j = 0, i
        while True:
            if regex[j] == "\\":
                j += 2
                continue
            if regex[j] == "[":
                j = _atom_end(regex, j)
                continue
            depth += {"(": 1, ")": -1}.get(regex[j], 0)
            j += 1
            if depth == 0:
                return j
    if c in "|)":
        raise ValueError(f"unexpected {c!r} at top level, position {i}")
    return i + 1


def alternatives(pattern: str) -> list[str]:
    """The stock pattern's alternatives: `(?iu)(?:a1)|(?:a2)|…` -> [a1, a2, …]."""
    if not pattern.startswith(FLAGS_PREFIX):
        raise ValueError("not a (?iu) pattern")
    items = atoms(pattern[len(FLAGS_PREFIX) :].replace(")|(?:", ")(?:"))
    if "".join(f"(?:{a[3:-1]})" for a in items).replace(")(?:", ")|(?:") != pattern[len(FLAGS_PREFIX) :]:
        raise ValueError("unexpected layout")
    return [a[3:-1] for a in items]


def factor(pattern: str) -> str:
    """An equivalent pattern: alternatives equal but for one run of small items share the rest.

    Each alternative is cut into runs of small items separated by big character classes; those
    that differ in exactly one run (the same one) become `common(?:run1|run2|…)common`.
    """
    parts = [_runs(a) for a in alternatives(pattern)]
    done = [False] * len(parts)
    out: list[str] = []
    slots = max(len(p) for p in parts)
    for k in range(0, slots, 2):  # even indexes are the runs of small items
        groups: dict[tuple[str, ...], list[int]] = {}
        for n, p in enumerate(parts):
            if not done[n] and k < len(p):
                groups.setdefault((str(len(p)), *p[:k], *p[k + 1 :]), []).append(n)
        for members in groups.values():
            if len(members) < 2:
                continue
            p = parts[members[0]]
            runs = list(dict.fromkeys(parts[n][k] for n in members))
            out.append("".join(p[:k]) + "(?:" + "|".join(runs) + ")" + "".join(p[k + 1 :]))
            for n in members:
                done[n] = True
    out += ["".join(p) for n, p in enumerate(parts) if not done[n]]
    return FLAGS_PREFIX + "|".join(f"(?:{a})" for a in out)


def _runs(alternative: str) -> list[str]:
    """[small run, big class, small run, …, small run]: odd indexes hold the big classes."""
    out = [""]
    for a in atoms(alternative):
        if len(a) > _BIG:
            out += [a, ""]
        else:
            out[-1] += a
    return out


@cache
def replacements() -> dict[str, str]:
    """sha256 of a stock pattern -> its factored form, as generated for the installed spaCy."""
    try:
        data = json.loads(DATA.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {row["stock_sha256"]: row["factored"] for row in data.get("patterns", [])}


@contextmanager
def stock_patterns_replaced() -> Iterator[list[str]]:
    """While inside, `re.compile(stock French TOKEN_MATCH)` compiles the factored pattern, and
    long patterns come from the compiled-regex cache (clsx/regex_cache.py) when it has them.

    Yields the hashes replaced so far (for tests and the benchmark). Any other pattern, and the
    stock one after a spaCy upgrade that changed it, go to the real `re.compile`.
    """
    from .regex_cache import RegexCache, folder

    table = replacements()
    real = re.compile
    cache = RegexCache(folder(), real)
    used: list[str] = []

    def compile_(pattern: Any, flags: int = 0) -> re.Pattern[Any]:
        # a hash only for strings as long as the French pattern (1.45 MB)
        if isinstance(pattern, str) and flags == 0 and len(pattern) > 100_000:
            h = sha256(pattern)
            if h in table:
                used.append(h)
                pattern = table[h]
        return cache.compile(pattern, flags)

    re.compile = compile_  # type: ignore[assignment]
    try:
        yield used
    finally:
        re.compile = real  # type: ignore[assignment]
        cache.save()


def is_factored(nlp: Any) -> bool:
    """Whether this pipeline's tokenizer runs a factored pattern (False: the stock one, or none)."""
    match = getattr(nlp.tokenizer, "token_match", None)
    pattern = getattr(getattr(match, "__self__", None), "pattern", None)
    return pattern is not None and pattern in replacements().values()
