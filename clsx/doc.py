"""What every extractor reads: the parsed doc, its rule matches, its sentences and lines, and the
way back to raw offsets. Read-only: extractors return candidates, they never write here."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported when the pipeline loads (clsx/pipeline.py), not before
    from spacy.tokens import Doc, Span as SpacySpan

from .lexicon import lexicon
from .model import Span
from .pipeline import SPANS_KEY
from .text import Text

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?…](?=\s+[«\"(A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ0-9])\s+")
_LINE = re.compile(r"[^\n]+")
HEAD_LINES = 3  # title, dateline, byline
HEAD_LINE_CHARS = 150  # a longer line is the body's first paragraph, not a heading


def number(word: str) -> int | None:
    """'5', 'cinq', 'Quatre' -> int; None when it is not a number."""
    w = word.strip().lower()
    if w.isdigit():
        return int(w)
    return lexicon().values("cardinal").get(w)


def ordinal(word: str) -> int | None:
    """'premier', '2e', 'troisième', 'II' -> int."""
    lex = lexicon()
    return lex.exact_values("roman").get(word) or lex.values("ordinal").get(word.strip().lower())


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day: no in-band 31 December for 'en 2022'."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def full(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.month and self.day else None


@dataclass
class Ctx:
    """A document being extracted: cleaned text, spaCy doc, and what its metadata says."""

    text: Text
    doc: Doc
    published: PartialDate | None = None  # the page's own date (HTML metadata), when known
    _matches: dict[str, list[SpacySpan]] = field(default_factory=dict, repr=False)
    _at: dict[str, dict[int, SpacySpan]] = field(default_factory=dict, repr=False)
    _starts: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _ends: dict[str, list[int]] = field(default_factory=dict, repr=False)

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
        """Rule matches of one label, longest first where they overlap, in text order. A department
        inside a region's name ('Loire' in 'Pays de la Loire') is the region's."""
        if label not in self._matches:
            found = self._longest(label)
            if label == "DEPARTMENT":
                found = [
                    d for d in found
                    if not any(r.start_char <= d.start_char and d.end_char <= r.end_char and r.end_char - r.start_char > d.end_char - d.start_char
                               for r in self.touching("REGION", d.start_char, d.end_char))
                ]
            self._matches[label] = found
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
        """The matches of `label` within clean[start:end]; they are disjoint and in text order, so
        a bisection finds them (a scan per sentence was quadratic on a long text)."""
        found = self.matches(label)
        if label not in self._starts:
            self._starts[label] = [s.start_char for s in found]
        i = bisect.bisect_left(self._starts[label], start)
        out = []
        while i < len(found) and found[i].start_char < end:
            if found[i].end_char <= end:
                out.append(found[i])
            i += 1
        return out

    def touching(self, label: str, start: int, end: int) -> list[SpacySpan]:
        """The matches of `label` that overlap or touch clean[start:end] (one may end at `start`,
        one start at `end`); disjoint and in text order, their ends are ordered too: a bisection."""
        found = self.matches(label)
        if label not in self._ends:
            self._ends[label] = [s.end_char for s in found]
        i = bisect.bisect_left(self._ends[label], start)
        out = []
        while i < len(found) and found[i].start_char <= end:
            out.append(found[i])
            i += 1
        return out

    def match_at(self, label: str, start: int) -> SpacySpan | None:
        """The match of `label` that starts at clean offset `start`."""
        if label not in self._at:
            self._at[label] = {s.start_char: s for s in self.matches(label)}
        return self._at[label].get(start)

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
        i = bisect.bisect_right([a for a, _ in self.paragraphs], char) - 1
        if i >= 0 and char < self.paragraphs[i][1]:
            return self.paragraphs[i]
        return char, char

    @cached_property
    def lines(self) -> list[tuple[int, int]]:
        """Non-empty lines as clean offsets."""
        return [m.span() for m in _LINE.finditer(self.clean) if m.group(0).strip()]

    @cached_property
    def head_end(self) -> int:
        """End of the head: the title, a dateline and a byline (up to three short first lines)."""
        end = 0
        for a, b in self.lines[:HEAD_LINES]:
            if b - a > HEAD_LINE_CHARS:
                break
            end = b
        return end

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentences as clean offsets, cut at line breaks (headings, list items) too.

        Cut by rule rather than by the parser, which breaks long press-release sentences
        at "M." or after a date.
        """
        abbreviations = lexicon().words("sentence_abbreviation")
        out: list[tuple[int, int]] = []
        for line in _LINE.finditer(self.clean):
            a = line.start()
            text = line.group(0)
            for m in _SENTENCE_END.finditer(text):
                head = text[: m.start()]
                word = head.rsplit(None, 1)[-1] if head.strip() else ""
                if word.rstrip(".").lower() in abbreviations or len(word.rstrip(".")) == 1:
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

    def next_sentence(self, end: int) -> tuple[int, int] | None:
        i = bisect.bisect_left(self._sentence_starts, end)
        return self.sentences[i] if i < len(self.sentences) else None

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [a for a, _ in self.sentences]

    @cached_property
    def years(self) -> list[int]:
        """Every plausible four-digit year written in the text."""
        return [int(y) for y in re.findall(r"(?<!\d)(?:19[89]\d|20\d\d)(?!\d)", self.clean)]

    def tokens(self, start: int, end: int) -> list[object]:
        """The doc's tokens that start within clean[start:end]."""
        doc = self.doc
        i = bisect.bisect_left(self._token_starts, start)
        out = []
        while i < len(doc) and doc[i].idx < end:
            out.append(doc[i])
            i += 1
        return out

    def negated(self, span: SpacySpan) -> bool:
        """'ne seront pas signataires', 'n'a pas signé': a negation the parse attaches to a word of
        the cue (its verb or predicate); False without a parse."""
        neg = lexicon().words("negation")
        return any(c.dep_ == "advmod" and c.lower_ in neg for t in span for c in t.children)

    def token_at(self, char: int) -> int:
        """Index of the first token starting at or after `char`."""
        return bisect.bisect_left(self._token_starts, char)

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.idx for t in self.doc]
