"""What every extractor reads: the parsed doc, its rule matches, and the way back to raw offsets."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported when the pipeline loads (clsx/pipeline.py), not before
    from spacy.tokens import Doc, Span as SpacySpan

from .model import Span
from .patterns import load_json
from .pipeline import SPANS_KEY
from .text import Text

_NUMBERS = load_json("numbers.json")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?…](?=\s+[«\"(A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ0-9])\s+")
_ABBREVIATIONS = frozenset(["m", "mm", "mme", "mmes", "mlle", "dr", "pr", "st", "ste", "n°", "no", "cf", "art", "av", "bd"])


def number(word: str) -> int | None:
    """'5', 'cinq', 'Quatre' -> int; None when it is not a number."""
    w = word.strip().lower()
    if w.isdigit():
        return int(w)
    return _NUMBERS["cardinals"].get(w)


def ordinal(word: str) -> int | None:
    """'premier', '2e', 'troisième', 'II' -> int."""
    if word in _NUMBERS["roman"]:
        return _NUMBERS["roman"][word]
    return _NUMBERS["ordinals"].get(word.strip().lower())


@dataclass
class Ctx:
    """A document being extracted: cleaned text, spaCy doc, and warnings collected on the way."""

    text: Text
    doc: Doc
    warnings: list[str] = field(default_factory=list)
    published: dt.date | None = None  # the page's own date (HTML metadata), when known
    _matches: dict[str, list[SpacySpan]] = field(default_factory=dict, repr=False)

    @property
    def clean(self) -> str:
        return self.text.clean

    def span(self, start: int, end: int) -> Span:
        """Evidence for clean[start:end], trimmed of spaces, as offsets into the raw text."""
        while start < end and self.clean[start].isspace():
            start += 1
        while end > start and self.clean[end - 1].isspace():
            end -= 1
        a, b = self.text.raw_offsets(start, end)
        return Span(start=a, end=b, text=self.text.raw[a:b])

    def matches(self, label: str) -> list[SpacySpan]:
        """Rule matches of one label, longest first where they overlap, in text order."""
        if label not in self._matches:
            self._matches[label] = self._longest(label)
        return self._matches[label]

    def _longest(self, label: str) -> list[SpacySpan]:
        spans = sorted(self._by_label.get(label, []), key=lambda s: (-(s.end_char - s.start_char), s.start_char))
        starts: list[int] = []  # kept spans, disjoint, in text order: bisect finds the neighbours
        kept: list[SpacySpan] = []
        for s in spans:
            i = bisect.bisect_left(starts, s.start_char)
            if (i == len(kept) or s.end_char <= kept[i].start_char) and (i == 0 or kept[i - 1].end_char <= s.start_char):
                starts.insert(i, s.start_char)
                kept.insert(i, s)
        return kept

    @cached_property
    def _by_label(self) -> dict[str, list[SpacySpan]]:
        """The rule matches by label, in doc order (each read of doc.spans makes new Span objects)."""
        out: dict[str, list[SpacySpan]] = {}
        for s in self.doc.spans[SPANS_KEY]:
            out.setdefault(s.label_, []).append(s)
        return out

    def matches_in(self, label: str, start: int, end: int) -> list[SpacySpan]:
        return [s for s in self.matches(label) if s.start_char >= start and s.end_char <= end]

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Blocks between blank lines, as clean offsets."""
        out, pos = [], 0
        for m in _PARAGRAPH_BREAK.finditer(self.clean):
            if self.clean[pos : m.start()].strip():
                out.append((pos, m.start()))
            pos = m.end()
        if self.clean[pos:].strip():
            out.append((pos, len(self.clean)))
        return out

    def paragraph_of(self, char: int) -> tuple[int, int]:
        for a, b in self.paragraphs:
            if a <= char < b:
                return a, b
        return char, char

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentences as clean offsets, cut at line breaks (headings, list items) too.

        Cut by rule rather than by the parser, which breaks long press-release sentences
        at "M." or after a date.
        """
        out: list[tuple[int, int]] = []
        for line in re.finditer(r"[^\n]+", self.clean):
            a = line.start()
            for m in _SENTENCE_END.finditer(line.group(0)):
                word = line.group(0)[: m.start()].rsplit(None, 1)[-1] if line.group(0)[: m.start()].strip() else ""
                if word.rstrip(".").lower() in _ABBREVIATIONS or len(word.rstrip(".")) == 1:
                    continue
                b = line.start() + m.start() + 1
                if self.clean[a:b].strip():
                    out.append((a, b))
                a = line.start() + m.end()
            if self.clean[a : line.end()].strip():
                out.append((a, line.end()))
        return out

    def sentence_of(self, char: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._sentence_starts, char) - 1
        if i >= 0 and char < self.sentences[i][1]:
            return self.sentences[i]
        return self.paragraph_of(char)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [a for a, _ in self.sentences]

    @cached_property
    def years(self) -> list[int]:
        """Every plausible four-digit year written in the text."""
        return [int(y) for y in re.findall(r"(?<!\d)(?:19[89]\d|20\d\d)(?!\d)", self.clean)]
