"""Bounds on the work one document can cost, so that no input stalls a batch.

The spaCy pipeline costs time per token (about 5,000 tokens a second on one slow core), and
its tokenizer is quadratic in the length of a run without whitespace (it peels prefixes and
suffixes one at a time: 16 KB of "l'l'l'…" took 20 s). So:

- a run of more than RUN_CHARS characters without whitespace (no French word or URL is that
  long) is tokenized in pieces of RUN_CHARS;
- the model reads at most `max_tokens` tokens of a document (MAX_TOKENS by default, about
  45,000 characters of French prose: a press release has 300 to 1,500), and at most
  CHARS_PER_TOKEN characters per allowed token. A longer text is read up to the line break
  before the limit; the record keeps the whole text's doc_id, sha256 and chars, its spans
  stay valid, and its warnings say how much was read.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .text import Text

RUN_CHARS = 200
MAX_TOKENS = 10_000
CHARS_PER_TOKEN = 10
_LONG_RUN = re.compile(rf"\S{{{RUN_CHARS + 1},}}")


class PiecewiseTokenizer:
    """spaCy's tokenizer, fed long whitespace-free runs in pieces; `doc.text` is the text unchanged."""

    def __init__(self, tokenizer: Any):
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Any:
        if not _LONG_RUN.search(text):
            return self.tokenizer(text)
        from spacy.tokens import Doc

        docs: list[Doc] = []
        pos = 0
        for m in _LONG_RUN.finditer(text):
            if m.start() > pos:
                docs.append(self.tokenizer(text[pos : m.start()]))
            docs.extend(self.tokenizer(text[i : min(i + RUN_CHARS, m.end())]) for i in range(m.start(), m.end(), RUN_CHARS))
            pos = m.end()
        if pos < len(text):
            docs.append(self.tokenizer(text[pos:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def __getattr__(self, name: str) -> Any:  # rules, prefix_search…: the wrapped tokenizer's
        return getattr(self.tokenizer, name)


def cut(text: str, tokenizer: Any, max_tokens: int = MAX_TOKENS) -> tuple[str, Text, str | None]:
    """(the part of `text` the model reads, that part cleaned, a warning when that is not all of it).

    Tokens are counted on the cleaned text the model reads (50,000 "&amp;" are 50,000 "&").
    """
    from .text import normalise

    end = len(text)
    if end > max_tokens * CHARS_PER_TOKEN:
        end = _line_cut(text, max_tokens * CHARS_PER_TOKEN)
    clean = normalise(text[:end])
    over = _token_offset(clean.clean, tokenizer, max_tokens)
    if over is not None:
        end = _line_cut(text, clean.starts[over])
        clean = normalise(text[:end])
    if end == len(text):
        return text, clean, None
    why = f"{max_tokens} tokens" if over is not None else f"{max_tokens * CHARS_PER_TOKEN} characters"
    return text[:end], clean, (
        f"text too long for the model: only its first {end} of {len(text)} characters were read "
        f"(limit {why}, --max-tokens); values after that are missing"
    )


def _token_offset(text: str, tokenizer: Any, max_tokens: int, chunk: int = 5_000) -> int | None:
    """Where token number `max_tokens` starts, or None if `text` has no more tokens than that.

    Tokenized a chunk at a time, cut at whitespace (which the tokenizer splits on anyway), so
    that counting stops at the limit.
    """
    if len(text) <= max_tokens:  # a token holds one character at least: no need to count
        return None
    count, a = 0, 0
    while a < len(text):
        b = min(len(text), a + chunk)
        if b < len(text):
            space = max(text.rfind(" ", a + 1, b), text.rfind("\n", a + 1, b))
            b = space + 1 if space > 0 else b
        doc = tokenizer(text[a:b])
        if count + len(doc) > max_tokens:
            return a + doc[max_tokens - count].idx
        count += len(doc)
        a = b
    return None


def _line_cut(text: str, limit: int) -> int:
    """An end at or before `limit`: after the last line break in its second half, else after a space."""
    for sep in ("\n", " "):
        i = text.rfind(sep, limit // 2, limit)
        if i >= 0:
            return i + 1
    return limit
