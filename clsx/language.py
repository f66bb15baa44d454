"""Is the text French at all? The rules only read French; another language gives a record of
nulls, and this says why."""

from __future__ import annotations

import re

from .lexicon import lexicon
from .patterns import load_json

_DATA = load_json("language.json")
_FUNCTION_WORDS = lexicon().words("french_function_word")
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE = 20_000


def french_share(text: str) -> float:
    """Share of French function words among the words of (the first 20,000 characters of) `text`."""
    words = _WORD.findall(text[:_SAMPLE].lower())
    return sum(w in _FUNCTION_WORDS for w in words) / max(1, len(words))


def warning(text: str) -> str | None:
    words = len(_WORD.findall(text[:_SAMPLE]))
    share = french_share(text)
    if words < _DATA["min_words"] or share >= _DATA["min_share"]:
        return None
    return f"the text does not look French ({share:.0%} French function words): the rules read French only"
